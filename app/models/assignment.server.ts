/**
 * Read queries used by the pages. Data access lives here (and in the other app/db modules);
 * routes only call these functions.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { listParts } from "~/models/assignment-parts.server";
import type { Database, EffectiveDeadlinesView as EffectiveDeadline } from "../db/schema";
import type { StatusCode } from "../domain/status";
import type { DeadlineState, DeadlinePrecision } from "~/domain/letter/types";
import { idKeyVariants, normaliseTitleForKey } from "~/domain/letter/ids";

export interface DeadlineView {
  id: number;
  label: string | null;
  date: string | null;
  precision: DeadlinePrecision | null;
  phrase: string;
  is_default: number;
  state: DeadlineState;
  source_line: number | null;
  /** The state the letter gave; differs from `state` once a date is agreed. */
  letterState: DeadlineState;
  /** The later letter's part this deliverable came with; null for the original's deadlines. */
  partId: number | null;
  agreed: { date: string; reference: string; by: string; at: string } | null;
}

/** The years that have assignments (of one agency, or of any). */
export async function listYears(db: Kysely<Database>, agencyId: number | null = null): Promise<number[]> {
  const rows = await db
    .selectFrom("assignments")
    .select("year")
    .distinct()
    .$if(agencyId !== null, (q) => q.where("agency_id", "=", agencyId as number))
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => r.year);
}

/**
 * A year's goal areas, in letter order: of one agency, or (null) of every agency, where a code
 * two agencies share is listed once (the first agency's name).
 */
export async function listAreas(db: Kysely<Database>, year: number, agencyId: number | null = null) {
  const rows = await db
    .selectFrom("goal_areas")
    .select(["code", "name", "sort_order"])
    .where("year", "=", year)
    .$if(agencyId !== null, (q) => q.where("agency_id", "=", agencyId as number))
    .orderBy("sort_order")
    .orderBy("agency_id")
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code));
}

/**
 * Departments of every assignment of a year (or only of `ids`), in letter order, as a map by
 * assignment id.
 */
/**
 * SQL: the assignment aliased `a` belongs to the year's work: its own year, or an earlier
 * year's assignment known only from a letter of this year (TB2025-115 clarified in a 2026 letter).
 */
export function inYearSql(year: number) {
  return sql<boolean>`(a.year = ${year} or a.id in (select k.id from assignments k join letters kl on kl.id = k.letter_id
    where k.known_only_from_letter = 1 and k.year <> ${year} and kl.year = ${year}))`;
}

/**
 * The owning departments of assignments, in the letter's order: of the given ones (`ids`, one
 * statement whatever their number), or of every assignment of `year` in every agency.
 */
export async function departmentsByAssignment(db: Kysely<Database>, year: number, ids?: readonly number[]): Promise<Map<number, string[]>> {
  const base = db.selectFrom("assignment_departments as ad");
  const rows = await (
    ids === undefined
      ? base.innerJoin("assignments as a", "a.id", "ad.assignment_id").where(inYearSql(year))
      : // One JSON parameter, not one per id: one prepared statement for any number of rows (decision 067).
        base.where(sql<boolean>`ad.assignment_id in (select value from json_each(${JSON.stringify(ids)}))`)
  )
    .select(["ad.assignment_id", "ad.department_code"])
    .orderBy("ad.assignment_id")
    .orderBy("ad.position")
    .execute();
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(r.assignment_id, [...(map.get(r.assignment_id) ?? []), r.department_code]);
  return map;
}

/**
 * SQL for the latest status of the assignment aliased `a`, as of an instant (ISO) or now, from
 * the append-only event log. The one definition of "current status": every query uses it.
 */
export function latestStatusSql(asOf: string | null = null) {
  return sql<StatusCode | null>`(
    select se.status from status_events se
    where se.assignment_id = a.id ${asOf ? sql`and se.effective_at <= ${asOf}` : sql``}
    order by se.effective_at desc, se.version desc limit 1
  )`;
}

/**
 * The deadlines as they stood at an instant, as a table expression to select from (alias it):
 * the view `effective_deadlines` when `asOf` is null (now), else the same columns with only the
 * agreements recorded by then applied. An agreed date counts from the day it was agreed: as of an
 * earlier day the deadline is still open ("avklares"), as the letter left it. The one definition
 * for every as-of view, export and calendar; SQLite flattens it like the view.
 */
export function effectiveDeadlinesAt(asOf: string | null) {
  if (!asOf) return sql<EffectiveDeadline>`effective_deadlines`;
  const latest = (column: "agreed_date" | "reference" | "actor_name" | "created_at") =>
    sql`(select ${sql.ref(`ag.${column}`)} from deadline_agreements ag where ag.deadline_id = d.id and ag.created_at <= ${asOf}
      order by ag.id desc limit 1)`;
  return sql<EffectiveDeadline>`(select d.id, d.assignment_id, d.position, d.label, d.phrase, d.is_default, d.source_line, d.revision,
      d.modified_at, d.state as letter_state,
      coalesce(${latest("agreed_date")}, d.date) as date,
      case when ${latest("agreed_date")} is not null then 'day' else d.precision end as precision,
      case when ${latest("agreed_date")} is not null then 'dated' else d.state end as state,
      ${latest("agreed_date")} as agreed_date, ${latest("reference")} as agreed_reference,
      ${latest("actor_name")} as agreed_by, ${latest("created_at")} as agreed_at
    from deadlines d)`;
}

/**
 * SQL: the date the deadline aliased `d` was delivered, as of a day (null: not delivered then).
 * A delivery counts from the day delivered (`delivered_on`), however late it was recorded; an
 * undone delivery (no date) from when it was recorded. Of the events in effect, the latest
 * recorded wins. Without `asOf`, the latest event as it stands now.
 */
export function deliveredOnSql(asOf: { date: string; instant: string } | null = null) {
  return sql<string | null>`(select de.delivered_on from deadline_events de where de.deadline_id = d.id
    ${asOf ? sql`and (case when de.delivered_on is null then de.created_at <= ${asOf.instant} else de.delivered_on <= ${asOf.date} end)` : sql``}
    order by de.id desc limit 1)`;
}

function toDeadlineView(d: EffectiveDeadline): DeadlineView {
  return {
    id: d.id,
    label: d.label,
    date: d.date,
    precision: d.precision,
    phrase: d.phrase,
    is_default: d.is_default,
    state: d.state,
    source_line: d.source_line,
    letterState: d.letter_state,
    partId: d.part_id,
    agreed: d.agreed_date ? { date: d.agreed_date, reference: d.agreed_reference ?? "", by: d.agreed_by ?? "", at: d.agreed_at ?? "" } : null,
  };
}

/**
 * One assignment with its deadlines, deliveries and history, as of an instant when `asOf` is
 * given (`asOfDate`: that instant's calendar day, for the delivery dates): status by effective
 * date, agreed deadlines from the day agreed, deliveries from the day delivered. Keys are unique
 * per agency: pass `agencyId` when the register holds several (see `assignmentsWithKey`).
 */
export async function getAssignmentDetail(
  db: Kysely<Database>,
  key: string,
  options: { asOf?: string | null; asOfDate?: string | null; agencyId?: number | null } = {},
) {
  const asOf = options.asOf ?? null;
  const agencyId = options.agencyId ?? null;
  const a = await db
    .selectFrom("assignments as a")
    .innerJoin("letters as l", "l.id", "a.letter_id")
    .innerJoin("agencies as ag", "ag.id", "a.agency_id")
    .leftJoin("goal_areas as ga", (j) => j.onRef("ga.code", "=", "a.area_code").onRef("ga.year", "=", "a.year").onRef("ga.agency_id", "=", "a.agency_id"))
    .leftJoin("goals as g", (j) => j.onRef("g.code", "=", "a.goal_code").onRef("g.year", "=", "a.year").onRef("g.agency_id", "=", "a.agency_id"))
    .select([
      "a.id",
      "a.key",
      "a.agency_id",
      "ag.name as agency_name",
      "ag.slug as agency_slug",
      "a.has_id",
      "a.year",
      "a.title",
      "a.body",
      "a.area_code",
      "a.goal_code",
      "a.source_line",
      "a.source_end_line",
      "a.version",
      "a.exempt",
      "a.announced_only",
      "a.known_only_from_letter",
      "a.locked_fields",
      "ga.name as area_name",
      "g.title as goal_title",
      "l.id as letter_id",
      "l.kind as letter_kind",
      "l.title as letter_title",
      "l.date as letter_date",
      "l.reference as letter_reference",
      latestStatusSql(asOf).as("status"),
    ])
    .where("a.key", "=", key)
    .$if(agencyId !== null, (q) => q.where("a.agency_id", "=", agencyId as number))
    .executeTakeFirst();
  if (!a) return null;

  const [departments, deadlines, outgoing, incoming, events, changes, deliveries, parts] = await Promise.all([
    db
      .selectFrom("assignment_departments as ad")
      .innerJoin("departments as d", "d.code", "ad.department_code")
      .select(["d.code", "d.name"])
      .where("ad.assignment_id", "=", a.id)
      .orderBy("ad.position")
      .execute(),
    db.selectFrom(effectiveDeadlinesAt(asOf).as("d")).selectAll().where("d.assignment_id", "=", a.id).orderBy("d.position").execute(),
    db
      .selectFrom("relations as r")
      .leftJoin("assignments as t", (j) => j.onRef("t.key", "=", "r.target_key").on("t.agency_id", "=", a.agency_id))
      .select(["r.type", "r.target_key as key", "t.title"])
      .where("r.assignment_id", "=", a.id)
      .orderBy("r.id")
      .execute(),
    db
      .selectFrom("relations as r")
      .innerJoin("assignments as s", "s.id", "r.assignment_id")
      .select(["r.type", "s.key", "s.title"])
      .where("r.target_key", "=", a.key)
      .where("s.agency_id", "=", a.agency_id)
      .orderBy("s.key")
      .execute(),
    db
      .selectFrom("status_events")
      .select(["version", "status", "comment", "actor_name", "effective_at", "created_at", "letter_id"])
      .where("assignment_id", "=", a.id)
      .$if(asOf !== null, (q) => q.where("effective_at", "<=", asOf as string))
      .orderBy("effective_at", "desc")
      .orderBy("version", "desc")
      .execute(),
    db
      .selectFrom("assignment_changes")
      .select(["field", "old_value", "new_value", "actor", "created_at", "letter_id"])
      .where("assignment_id", "=", a.id)
      .orderBy("id", "desc")
      .execute(),
    db
      .selectFrom("deadline_events")
      .select(["id", "deadline_id", "delivered_on", "actor_name", "created_at"])
      .where("assignment_id", "=", a.id)
      .$if(asOf !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb.and([eb("delivered_on", "is not", null), eb("delivered_on", "<=", (options.asOfDate ?? (asOf as string).slice(0, 10)) as string)]),
            eb.and([eb("delivered_on", "is", null), eb("created_at", "<=", asOf as string)]),
          ]),
        ),
      )
      .orderBy("id", "desc")
      .execute(),
    listParts(db, a.id),
  ]);
  const delivered = new Map<number, { delivered_on: string | null; actor_name: string; created_at: string }>();
  for (const d of deliveries) if (!delivered.has(d.deadline_id)) delivered.set(d.deadline_id, d);

  return {
    assignment: { ...a, hasId: a.has_id === 1, status: (a.status ?? "ikke_startet") as StatusCode },
    departments,
    deadlines: deadlines.map((d) => ({ ...toDeadlineView(d), delivery: delivered.get(d.id) ?? null })),
    deliveries,
    outgoing,
    incoming,
    events,
    changes,
    // As of a date, only what letters dated by then had added.
    parts: asOf ? parts.filter((p) => !p.letter_date || p.letter_date <= asOf.slice(0, 10)) : parts,
  };
}

export type AssignmentDetail = NonNullable<Awaited<ReturnType<typeof getAssignmentDetail>>>;

export async function countAssignments(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("assignments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listDepartments(db: Kysely<Database>) {
  return db.selectFrom("departments").select(["code", "name"]).orderBy("code").execute();
}

/** A ministry department by its code (as the letters write it), or undefined. */
export async function findDepartment(db: Kysely<Database>, code: string) {
  if (!/^[A-ZÆØÅ]{2,6}$/.test(code)) return undefined;
  return db.selectFrom("departments").select(["code", "name"]).where("code", "=", code).executeTakeFirst();
}

export async function listGoals(db: Kysely<Database>, year: number, agencyId: number | null = null) {
  const rows = await db
    .selectFrom("goals")
    .select(["code", "title", "area_code"])
    .where("year", "=", year)
    .$if(agencyId !== null, (q) => q.where("agency_id", "=", agencyId as number))
    .orderBy("number")
    .orderBy("agency_id")
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code));
}

/** Every assignment with this key, with its agency (one per agency at most, per year). */
export async function assignmentsWithKey(db: Kysely<Database>, key: string) {
  return db
    .selectFrom("assignments as a")
    .innerJoin("agencies as ag", "ag.id", "a.agency_id")
    .select(["a.id", "a.agency_id", "ag.slug", "ag.name"])
    .where("a.key", "=", key)
    .orderBy("ag.name")
    .execute();
}

export type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Assignments by identity. `findAssignmentByKey` is the ONE place the import path asks "which
 * assignment has this key": keys are unique per agency and year, so the lookup is within one
 * agency (two agencies' `2026-01` never meet; should one agency hold a key in two years, the
 * latest year's). A later letter that pads the number otherwise (`TB2026-01` for `TB2026-1`) finds
 * the same assignment (`idKeyVariants`).
 */
export async function findAssignmentByKey(on: Executor, agencyId: number, key: string) {
  const keys = idKeyVariants(key);
  const rows = await on
    .selectFrom("assignments")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("key", "in", keys)
    .orderBy("year", "desc")
    .execute();
  // The key as written first; else the same ID with other zero padding ("TB2026-01" for "TB2026-1").
  return rows.find((r) => r.key === key) ?? rows[0];
}

export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof findAssignmentByKey>>>;

/**
 * The one assignment of an agency and year whose title is `title` (compared as the keys of
 * assignments without ID compare titles: case, punctuation and spacing aside), or undefined when
 * none or several have it.
 */
export async function findAssignmentByTitle(on: Executor, agencyId: number, year: number, title: string): Promise<AssignmentRow | undefined> {
  const wanted = normaliseTitleForKey(title);
  if (wanted === "") return undefined;
  const rows = await on.selectFrom("assignments").select(["key", "title"]).where("agency_id", "=", agencyId).where("year", "=", year).execute();
  const same = rows.filter((r) => normaliseTitleForKey(r.title) === wanted);
  return same.length === 1 ? findAssignmentByKey(on, agencyId, same[0].key) : undefined;
}

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
