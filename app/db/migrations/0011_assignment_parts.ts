import { sql, type Kysely } from "kysely";
import { rebuildWithForeignKeysOff } from "./rebuild";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * An assignment is its original plus what later letters add (docs/decisions/020-assignment-parts.md).
 *
 * - `assignment_parts`: each later addition, clarification or explicit change (deadline moved,
 *   owner changed, withdrawn, postponed, replaced) with the letter that made it. The original
 *   stays in `assignments` (title, body, area, owners) and is never replaced by a part.
 * - `deadlines.part_id`: the part whose deadline (deliverable) a row is; null for the original's.
 *   `deadlines.moved_by_part_id`: set when a later letter moved the deadline, so a re-import of the
 *   original letter does not move it back. `state` may now be `invalid` (an impossible date kept
 *   with its text). SQLite cannot change a CHECK constraint in place, so the table is rebuilt.
 * - `assignments.exempt`, `announced_only`, `known_only_from_letter`, `locked_fields`.
 * - `letter_uploads.parsed`: the upload's text is parsed once (JSON of the ParseResult).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assignment_parts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignments.id").onDelete("cascade"))
    .addColumn("letter_id", "integer", (c) => c.notNull().references("letters.id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('addition', 'clarification', 'change', 'withdrawal', 'postponement')`),
    )
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("source_key", "text")
    .addColumn("title", "text")
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("departments", "text")
    .addColumn("source_line", "integer")
    .addColumn("source_end_line", "integer")
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("assignment_parts_unique", ["assignment_id", "letter_id", "kind", "seq"])
    .execute();
  await db.schema.createIndex("assignment_parts_letter").on("assignment_parts").column("letter_id").execute();

  await db.schema.alterTable("assignments").addColumn("exempt", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("assignments").addColumn("announced_only", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .alterTable("assignments")
    .addColumn("known_only_from_letter", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("assignments").addColumn("locked_fields", "text", (c) => c.notNull().defaultTo("[]")).execute();
  // The parse of an upload, made once when it is uploaded (preview and confirm read it).
  await db.schema.alterTable("letter_uploads").addColumn("parsed", "text").execute();

  // Rebuild deadlines (new CHECK, two columns). Children (deadline_events, deadline_agreements,
  // reminder_log) refer to it by name, so the ids are kept and foreign keys are checked afterwards.
  await rebuildWithForeignKeysOff(db, "ombygging av deadlines", async () => {
    await sql`drop view if exists effective_deadlines`.execute(db);
    await sql`create table deadlines_new (
      id integer primary key autoincrement,
      assignment_id integer not null references assignments(id) on delete cascade,
      position integer not null,
      label text,
      date text,
      precision text check (precision in ('day', 'month', 'year')),
      phrase text not null,
      is_default integer not null check (is_default in (0, 1)),
      state text not null check (state in ('dated', 'to_be_agreed', 'on_hold', 'invalid')),
      source_line integer,
      revision integer not null default 0,
      modified_at text,
      part_id integer references assignment_parts(id) on delete set null,
      moved_by_part_id integer references assignment_parts(id) on delete set null,
      constraint deadlines_dated_has_date check (state <> 'dated' or date is not null)
    )`.execute(db);
    await sql`insert into deadlines_new (id, assignment_id, position, label, date, precision, phrase, is_default, state, source_line, revision, modified_at)
      select id, assignment_id, position, label, date, precision, phrase, is_default, state, source_line, revision, modified_at from deadlines`.execute(db);
    await sql`drop table deadlines`.execute(db);
    await sql`alter table deadlines_new rename to deadlines`.execute(db);
    await sql`create index deadlines_assignment on deadlines (assignment_id)`.execute(db);
    await sql`create index deadlines_date on deadlines (date)`.execute(db);
    await sql`create index deadlines_part on deadlines (part_id)`.execute(db);
    const latest = (column: string) =>
      `(select ag.${column} from deadline_agreements ag where ag.deadline_id = d.id order by ag.id desc limit 1)`;
    // Same view as 0006, with part_id.
    await sql
      .raw(
        `create view effective_deadlines as
      select d.id, d.assignment_id, d.position, d.label, d.phrase, d.is_default, d.source_line, d.revision, d.modified_at,
        d.part_id,
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
  });
}

export async function down(): Promise<void> {
  // Parts and invalid deadlines would be lost; not reversible.
}
