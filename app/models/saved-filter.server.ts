/**
 * Saved filters (named views of the assignment list, per user) and the start page's "mine":
 * the assignments of a user's departments and those the user has updated.
 */
import { sql, type Kysely } from "kysely";
import { filterToSearch, readFilter } from "~/domain/assignment-filter";
import type { Database } from "~/db/schema";

export const MAX_SAVED_FILTERS = 20;

export async function listSavedFilters(db: Kysely<Database>, userId: number) {
  return db.selectFrom("saved_filters").select(["id", "name", "query"]).where("user_id", "=", userId).orderBy("name").execute();
}

/**
 * Saves (or replaces, by name) a filter; the query is normalised through the list's own filter
 * reader, so only what the list understands is kept. Returns an error message, or null.
 */
export async function saveFilter(db: Kysely<Database>, userId: number, name: string, search: string): Promise<string | null> {
  const clean = name.replace(/\s+/g, " ").trim();
  if (!clean) return "Gi filteret et navn.";
  if (clean.length > 80) return "Navnet kan ha høyst 80 tegn.";
  const query = filterToSearch({ ...readFilter(new URLSearchParams(search)), page: 1 });
  if (!query) return "Velg minst ett filter før du lagrer.";
  const existing = await listSavedFilters(db, userId);
  if (existing.length >= MAX_SAVED_FILTERS && !existing.some((f) => f.name === clean)) {
    return `Du kan ha høyst ${MAX_SAVED_FILTERS} lagrede filtre. Slett et først.`;
  }
  await db
    .insertInto("saved_filters")
    .values({ user_id: userId, name: clean, query, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(["user_id", "name"]).doUpdateSet({ query, created_at: new Date().toISOString() }))
    .execute();
  return null;
}

export async function deleteSavedFilter(db: Kysely<Database>, userId: number, id: number): Promise<void> {
  await db.deleteFrom("saved_filters").where("id", "=", id).where("user_id", "=", userId).execute();
}

/** Internal ids of a year's assignments (of one agency, when given) in the user's departments or updated by the user. */
export async function myAssignmentIds(
  db: Kysely<Database>,
  user: { id: number; departments: readonly string[] },
  year: number,
  agencyId: number | null = null,
): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    select a.id from assignments a where a.year = ${year} ${agencyId !== null ? sql`and a.agency_id = ${agencyId}` : sql``} and (
      exists (select 1 from status_events se where se.assignment_id = a.id and se.user_id = ${user.id})
      or exists (select 1 from deadline_events de where de.assignment_id = a.id and de.user_id = ${user.id})
      ${user.departments.length ? sql`or exists (select 1 from assignment_departments ad where ad.assignment_id = a.id and ad.department_code in (${sql.join([...user.departments])}))` : sql``}
    )`.execute(db);
  return rows.rows.map((r) => r.id);
}
