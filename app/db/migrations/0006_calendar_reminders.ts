import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Deadlines that reach people: agreed dates for deadlines the letter left open, calendar feed
 * tokens, reminder log and opt-outs, and a deadline revision counter for calendar SEQUENCE.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Bumped by the importer whenever a deadline's date or state changes (iCalendar SEQUENCE).
  await db.schema.alterTable("deadlines").addColumn("revision", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("deadlines").addColumn("modified_at", "text").execute();

  await db.schema
    .createTable("deadline_agreements")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("deadline_id", "integer", (c) => c.notNull().references("deadlines.id"))
    .addColumn("agreed_date", "text", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("deadline_agreements_deadline").on("deadline_agreements").columns(["deadline_id", "id"]).execute();
  await sql`create trigger deadline_agreements_no_update before update on deadline_agreements
    begin select raise(abort, 'deadline_agreements is append-only'); end`.execute(db);
  await sql`create trigger deadline_agreements_no_delete before delete on deadline_agreements
    begin select raise(abort, 'deadline_agreements is append-only'); end`.execute(db);

  // A deadline as it stands: an agreed date turns an open deadline into a dated one. A single-table
  // view with correlated subqueries, so SQLite flattens it into each query and keeps using the
  // deadlines indexes (a join here would make it scan every deadline).
  const latest = (column: string) =>
    `(select ag.${column} from deadline_agreements ag where ag.deadline_id = d.id order by ag.id desc limit 1)`;
  await sql
    .raw(
      `create view effective_deadlines as
    select d.id, d.assignment_id, d.position, d.label, d.phrase, d.is_default, d.source_line, d.revision, d.modified_at,
      d.state as letter_state,
      coalesce(${latest("agreed_date")}, d.date) as date,
      case when ${latest("agreed_date")} is not null then 'day' else d.precision end as precision,
      case when ${latest("agreed_date")} is not null then 'dated' else d.state end as state,
      ${latest("agreed_date")} as agreed_date,
      ${latest("reference")} as agreed_reference,
      ${latest("actor_name")} as agreed_by,
      ${latest("created_at")} as agreed_at
    from deadlines d`,
    )
    .execute(db);

  // "My" deadlines include assignments a user has worked on: look those up by user.
  await db.schema.createIndex("status_events_user").on("status_events").columns(["user_id", "assignment_id"]).execute();
  await db.schema.createIndex("deadline_events_user").on("deadline_events").columns(["user_id", "assignment_id"]).execute();
  await db.schema.createIndex("report_texts_user").on("report_texts").columns(["user_id", "assignment_id"]).execute();

  await db.schema
    .createTable("calendar_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("calendar_tokens_user").on("calendar_tokens").column("user_id").execute();

  // One row per reminder sent: the unique key makes a second send of the same reminder impossible.
  await db.schema
    .createTable("reminder_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("deadline_id", "integer", (c) => c.notNull().references("deadlines.id"))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('14d', '3d', 'forfalt')`))
    .addColumn("deadline_date", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reminder_log_once", ["deadline_id", "recipient", "kind", "deadline_date"])
    .execute();

  await db.schema
    .createTable("reminder_opt_outs")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('14d', '3d', 'forfalt')`))
    .addPrimaryKeyConstraint("reminder_opt_outs_pk", ["user_id", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminder_opt_outs").ifExists().execute();
  await db.schema.dropTable("reminder_log").ifExists().execute();
  await db.schema.dropTable("calendar_tokens").ifExists().execute();
  await sql`drop view if exists effective_deadlines`.execute(db);
  await db.schema.dropTable("deadline_agreements").ifExists().execute();
}
