import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  // Deliverables marked delivered (or un-marked): append-only like status events.
  await db.schema
    .createTable("deadline_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("deadline_id", "integer", (c) => c.notNull().references("deadlines.id"))
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id"))
    /** Date delivered (yyyy-MM-dd); null when a delivery mark is withdrawn. */
    .addColumn("delivered_on", "text")
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("deadline_events_deadline").on("deadline_events").columns(["deadline_id", "id"]).execute();
  await db.schema.createIndex("deadline_events_assignment").on("deadline_events").column("assignment_id").execute();
  await sql`create trigger deadline_events_no_update before update on deadline_events
    begin select raise(abort, 'deadline_events is append-only'); end`.execute(db);
  await sql`create trigger deadline_events_no_delete before delete on deadline_events
    begin select raise(abort, 'deadline_events is append-only'); end`.execute(db);

  // "Changed since" lists and the department pages read events by time.
  await db.schema.createIndex("status_events_created").on("status_events").column("created_at").execute();

  // Free-text search over ID, title, body and comments. unicode61 without diacritic removal
  // keeps æ, ø and å as letters of their own (and folds their case).
  await sql`create virtual table assignment_fts using fts5(
    key, title, body, comments, tokenize = 'unicode61 remove_diacritics 0'
  )`.execute(db);
  await sql`insert into assignment_fts(rowid, key, title, body, comments)
    select a.id, a.key, a.title, a.body,
      coalesce((select group_concat(e.comment, ' ') from status_events e where e.assignment_id = a.id and e.comment is not null), '')
    from assignments a`.execute(db);
  // Kept in step by the database itself, whoever writes.
  await sql`create trigger assignment_fts_insert after insert on assignments begin
    insert into assignment_fts(rowid, key, title, body, comments) values (new.id, new.key, new.title, new.body, '');
  end`.execute(db);
  await sql`create trigger assignment_fts_update after update of key, title, body on assignments begin
    update assignment_fts set key = new.key, title = new.title, body = new.body where rowid = new.id;
  end`.execute(db);
  await sql`create trigger assignment_fts_comment after insert on status_events when new.comment is not null begin
    update assignment_fts set comments = comments || ' ' || new.comment where rowid = new.assignment_id;
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists assignment_fts_comment`.execute(db);
  await sql`drop trigger if exists assignment_fts_update`.execute(db);
  await sql`drop trigger if exists assignment_fts_insert`.execute(db);
  await sql`drop table if exists assignment_fts`.execute(db);
  await db.schema.dropIndex("status_events_created").ifExists().execute();
  await db.schema.dropTable("deadline_events").ifExists().execute();
}
