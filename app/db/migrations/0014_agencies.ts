import { sql, type Kysely } from "kysely";
import { rebuildWithForeignKeysOff } from "./rebuild";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Several agencies (virksomheter) in one register (docs/decisions/030-agencies-in-the-model.md).
 *
 * - `agencies`: name, short name and URL slug; data, not a fixed list.
 * - `letters`, `assignments`, `goal_areas` and `goals` gain `agency_id`; uniqueness becomes per
 *   agency: a letter key per agency, an assignment key per (agency, year), an area or goal code
 *   per (agency, year). Two agencies' `TB2026-1` or `2026-01` never merge.
 * - `area_assessments` gain `agency_id` (null only in a database without agencies).
 * - `user_agencies`: which agencies a case handler (or any user) belongs to.
 * - An existing database moves every letter and assignment onto one agency, Helsedirektoratet
 *   (the agency the register knew until now), and every existing user joins it, so nobody loses
 *   a right they had.
 *
 * SQLite cannot drop a UNIQUE constraint in place: the four tables are rebuilt from their own
 * stored definitions (so columns other migrations add survive), rows copied, indexes and triggers
 * recreated. As in 0011 (docs/decisions/031-migrations-with-foreign-keys-off.md): foreign keys off
 * (with them on, `drop table assignments` would delete every deadline and status event through
 * the cascade), all of it in one transaction of its own (Kysely runs SQLite migrations without
 * one), and `foreign_key_check` before the commit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await rebuildWithForeignKeysOff(db, "ombygging for virksomheter", () => agencies(db));
}

async function agencies(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agencies")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text")
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug <> '' and slug not glob '*[^a-z0-9-]*'`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index agencies_name on agencies (lower(name))`.execute(db);

  await db.schema
    .createTable("user_agencies")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
    .addPrimaryKeyConstraint("user_agencies_pk", ["user_id", "agency_id"])
    .execute();

  const { rows } = await sql<{ n: number }>`select (select count(*) from letters) + (select count(*) from goal_areas) + (select count(*) from goals) as n`.execute(db);
  let agencyId: number | null = null;
  if (Number(rows[0]?.n ?? 0) > 0) {
    const inserted = await sql<{ id: number }>`insert into agencies (name, short_name, slug, created_at)
      values ('Helsedirektoratet', 'Hdir', 'helsedirektoratet', ${new Date().toISOString()}) returning id`.execute(db);
    agencyId = inserted.rows[0]!.id;
    await sql`insert into user_agencies (user_id, agency_id) select id, ${agencyId} from users`.execute(db);
  }

  for (const table of ["letters", "assignments", "goal_areas", "goals"]) {
    await sql`alter table ${sql.table(table)} add column agency_id integer references agencies (id)`.execute(db);
    if (agencyId !== null) await sql`update ${sql.table(table)} set agency_id = ${agencyId}`.execute(db);
  }

  // Samlet vurdering is per agency's area: two agencies' area 2.1 are different areas. The table
  // is append-only (a trigger refuses updates): the existing rows get their agency with the
  // trigger lifted for this one statement, inside this migration's transaction.
  await sql`alter table area_assessments add column agency_id integer references agencies (id)`.execute(db);
  if (agencyId !== null) {
    const { rows: triggers } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'trigger' and tbl_name = 'area_assessments' and lower(sql) like '%before update%'`.execute(db);
    for (const t of triggers) await sql.raw(`drop trigger "${t.name}"`).execute(db);
    await sql`update area_assessments set agency_id = ${agencyId}`.execute(db);
    for (const t of triggers) await sql.raw(t.sql).execute(db);
  }

  await rebuild(db, "letters", [[/"letter_key" text not null unique/, `"letter_key" text not null`]], [
    `create unique index letters_agency_key on letters (agency_id, letter_key)`,
  ]);
  await rebuild(db, "assignments", [[/"key" text not null unique/, `"key" text not null`]], [
    `create unique index assignments_agency_year_key on assignments (agency_id, year, key)`,
    `create index assignments_key on assignments (key)`,
    `create index assignments_agency_year_area on assignments (agency_id, year, area_code)`,
  ]);
  await rebuild(db, "goal_areas", [[/,\s*constraint "goal_areas_year_code" unique \("year", "code"\)/, ""]], [
    `create unique index goal_areas_agency_year_code on goal_areas (agency_id, year, code)`,
  ]);
  await rebuild(db, "goals", [[/,\s*constraint "goals_year_code" unique \("year", "code"\)/, ""]], [
    `create unique index goals_agency_year_code on goals (agency_id, year, code)`,
  ]);
}

/**
 * Rebuilds `table` from its stored CREATE statement with the given edits, `agency_id` made NOT
 * NULL, rows copied in the same column order; its indexes and triggers are recreated and `extra`
 * statements run afterwards.
 */
async function rebuild(db: Kysely<any>, table: string, edits: Array<[RegExp, string]>, extra: string[]): Promise<void> {
  const { rows: defs } = await sql<{ type: string; sql: string }>`select type, sql from sqlite_master
    where tbl_name = ${table} and sql is not null and type in ('table', 'index', 'trigger')`.execute(db);
  const create = defs.find((d) => d.type === "table")?.sql;
  if (!create) throw new Error(`Fant ikke tabellen ${table}`);
  let next = create;
  for (const [pattern, replacement] of edits) {
    if (!pattern.test(next)) throw new Error(`Uventet definisjon av ${table}: ${pattern}`);
    next = next.replace(pattern, replacement);
  }
  const agencyColumn = /"?agency_id"?\s+integer\s+references\s+"?agencies"?\s*\(\s*"?id"?\s*\)/i;
  if (!agencyColumn.test(next)) throw new Error(`Uventet agency_id i ${table}`);
  next = next.replace(agencyColumn, `agency_id integer not null references agencies (id)`);
  const temp = `${table}_rebuild`;
  next = next.replace(/^CREATE TABLE\s+("?)[A-Za-z_]+\1/i, `CREATE TABLE "${temp}"`);
  await sql.raw(next).execute(db);
  await sql.raw(`insert into "${temp}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${temp}" rename to "${table}"`).execute(db);
  for (const d of defs) if (d.type !== "table") await sql.raw(d.sql).execute(db);
  for (const statement of extra) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  // Two agencies' equal keys could not be put back under one unique key; not reversible.
}
