import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Relations gain "continues": an unfinished assignment carried over (videreført) into the next
 * year. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with its rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table relations_new (
    id integer primary key autoincrement,
    assignment_id integer not null references assignments(id) on delete cascade,
    type text not null check (type in ('replaces', 'clarifies', 'postpones', 'continues')),
    target_key text not null,
    letter_id integer references letters(id),
    source_line integer,
    constraint relations_unique unique (assignment_id, type, target_key)
  )`.execute(db);
  await sql`insert into relations_new (id, assignment_id, type, target_key, letter_id, source_line)
    select id, assignment_id, type, target_key, letter_id, source_line from relations`.execute(db);
  await sql`drop table relations`.execute(db);
  await sql`alter table relations_new rename to relations`.execute(db);
  await sql`create index relations_target on relations (target_key)`.execute(db);
}

export async function down(): Promise<void> {
  // Carried-over links would be lost; not reversible.
}
