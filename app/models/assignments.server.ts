/**
 * Assignments by identity. `findAssignmentByKey` is the ONE place the import path asks "which
 * assignment has this key": when assignments become identified by (agency, key), this is the one
 * edit.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/db/schema";

export type Executor = Kysely<Database> | Transaction<Database>;

export async function findAssignmentByKey(on: Executor, key: string) {
  return on.selectFrom("assignments").selectAll().where("key", "=", key).executeTakeFirst();
}

export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof findAssignmentByKey>>>;

/** Fields of the original that are locked against re-imports (see AssignmentsTable.locked_fields). */
export function lockedFields(row: Pick<AssignmentRow, "locked_fields">): Set<string> {
  try {
    const parsed = JSON.parse(row.locked_fields) as unknown;
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

export async function lockFields(on: Executor, row: Pick<AssignmentRow, "id" | "locked_fields">, fields: string[]): Promise<void> {
  const set = lockedFields(row);
  const before = set.size;
  for (const f of fields) set.add(f);
  if (set.size === before) return;
  const value = JSON.stringify([...set].sort());
  await on.updateTable("assignments").set({ locked_fields: value }).where("id", "=", row.id).execute();
  row.locked_fields = value;
}
