import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Every list query scopes a year as "its own assignments, or an earlier year's assignment known
 * only from a letter of this year" (`inYearSql`). Without an index SQLite answered the second
 * half by scanning every assignment of every year and agency, once per statement: at 20,000
 * assignments that was most of the overview's SQL (its picked rows took ≈ 13 ms for 10 ids; with
 * this partial index 0.5 ms, docs/performance.md). Only the few such assignments are indexed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index assignments_known_only on assignments (letter_id) where known_only_from_letter = 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("assignments_known_only").ifExists().execute();
}
