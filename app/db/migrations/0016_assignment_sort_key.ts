import { sql, type Kysely } from "kysely";
import { assignmentSortKey } from "../../domain/letter/ids";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * `assignments.sort_key`: the order assignments are listed in (`assignmentSortKey`), stored so
 * SQL can order by it as JS does. Before, lists ordered by the key as text (TB2026-10 before
 * TB2026-2) and assignments without an ID by their synthetic key, a hash (a letter's item 2
 * before its item 1). Filled here for existing rows; the import writes it from now on. Should the
 * order ever change, a new migration fills the column again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table assignments add column sort_key text not null default ''`.execute(db);
  const rows = await sql<{ id: number; key: string; letter_id: number; source_line: number }>`
    select id, key, letter_id, source_line from assignments`.execute(db);
  for (const r of rows.rows) {
    const sortKey = assignmentSortKey(r.key, { letterId: r.letter_id, line: r.source_line });
    await sql`update assignments set sort_key = ${sortKey} where id = ${r.id}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table assignments drop column sort_key`.execute(db);
}
