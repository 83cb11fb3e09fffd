/**
 * The one query behind the overview, the assignment list and the department page: every
 * assignment of a year with its status (now or as of a date), next deadline, overdue flag and
 * departments. Filters run in SQL; sorting and paging of the (at most a few thousand) rows of
 * one year happen in JS so IDs sort naturally (TB2023-2 before TB2023-10).
 *
 * Each correlated subquery is an index seek (status_events by assignment and time, deadlines by
 * assignment, deadline_events by deadline): no per-row round trips, no scan of the event tables.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { AssignmentFilter } from "~/domain/assignment-filter";
import { toFtsQuery } from "~/domain/assignment-filter";
import { compareAssignmentIds } from "~/domain/letter/ids";
import { CLOSED_STATUSES, type StatusCode } from "~/domain/status";
import { departmentsByAssignment, latestStatusSql } from "./queries.server";
import type { Database } from "./schema";

export interface ListRow {
  id: number;
  key: string;
  hasId: boolean;
  title: string;
  areaCode: string | null;
  goalCode: string | null;
  letterKind: "main" | "supplementary";
  status: StatusCode;
  nextDeadline: string | null;
  nextDeadlinePrecision: "day" | "month" | "year" | null;
  nextDeadlineLabel: string | null;
  overdue: boolean;
  openEnded: boolean;
  hasDeliverables: boolean;
  departments: string[];
  lastChange: string | null;
}

export interface ListOptions {
  year: number;
  /** Status and deliveries as of this instant (null: now). */
  asOfInstant: string | null;
  /** The day deadlines are measured against: today, or the as-of date. */
  today: string;
  filter?: Partial<AssignmentFilter>;
}

/** SQL: the deadline `d` is not (yet) delivered at the as-of instant. */
function notDelivered(asOf: string | null): RawBuilder<unknown> {
  return sql`coalesce((select de.delivered_on from deadline_events de where de.deadline_id = d.id
    ${asOf ? sql`and de.created_at <= ${asOf}` : sql``} order by de.id desc limit 1), '') = ''`;
}

export async function queryAssignments(db: Kysely<Database>, options: ListOptions): Promise<ListRow[]> {
  const { year, asOfInstant: asOf, today } = options;
  const f = options.filter ?? {};
  const where: RawBuilder<unknown>[] = [sql`a.year = ${year}`];
  if (f.area) where.push(sql`a.area_code = ${f.area}`);
  if (f.goal) where.push(sql`a.goal_code = ${f.goal}`);
  if (f.department) {
    where.push(sql`exists (select 1 from assignment_departments ad where ad.assignment_id = a.id and ad.department_code = ${f.department})`);
  }
  if (f.withoutId) where.push(sql`a.has_id = 0`);
  if (f.hasDeliverables) where.push(sql`exists (select 1 from deadlines d where d.assignment_id = a.id and d.label is not null)`);
  if (f.deadlineFrom || f.deadlineTo) {
    where.push(sql`exists (select 1 from effective_deadlines d where d.assignment_id = a.id and d.state = 'dated'
      ${f.deadlineFrom ? sql`and d.date >= ${f.deadlineFrom}` : sql``}
      ${f.deadlineTo ? sql`and d.date <= ${f.deadlineTo}` : sql``})`);
  }
  if (f.query) {
    const fts = toFtsQuery(f.query);
    if (!fts) return [];
    where.push(sql`a.id in (select rowid from assignment_fts where assignment_fts match ${fts})`);
  }
  // For as-of views, only what had been given by then: letters dated after the day are left out.
  if (asOf) where.push(sql`(l.date is null or l.date <= ${today})`);

  const result = await sql<{
    id: number;
    key: string;
    has_id: number;
    title: string;
    area_code: string | null;
    goal_code: string | null;
    letter_kind: "main" | "supplementary";
    status: StatusCode | null;
    last_change: string | null;
    next_deadline: string | null;
    next_precision: "day" | "month" | "year" | null;
    next_label: string | null;
    has_passed: number;
    open_ended: number;
    has_deliverables: number;
  }>`
    with base as materialized (
    select a.id, a.key, a.has_id, a.title, a.area_code, a.goal_code, l.kind as letter_kind,
      ${latestStatusSql(asOf)} as status,
      (select max(se.effective_at) from status_events se where se.assignment_id = a.id
        ${asOf ? sql`and se.effective_at <= ${asOf}` : sql``}) as last_change,
      (select d.id from effective_deadlines d where d.assignment_id = a.id and d.state = 'dated' and d.date >= ${today}
        and ${notDelivered(asOf)}
      order by d.date, d.position limit 1) as next_id,
      exists (select 1 from effective_deadlines d where d.assignment_id = a.id and d.state = 'dated' and d.date < ${today}
        and ${notDelivered(asOf)}) as has_passed,
      exists (select 1 from effective_deadlines d where d.assignment_id = a.id and d.state <> 'dated') as open_ended,
      exists (select 1 from deadlines d where d.assignment_id = a.id and d.label is not null) as has_deliverables
    from assignments a
    join letters l on l.id = a.letter_id
    where ${sql.join(where, sql` and `)}
    )
    -- The next deadline by id, one lookup per row: joining the view instead (left join
    -- effective_deadlines n on n.id = …) makes SQLite materialise it for every deadline of every
    -- year on each call (docs/performance.md). "materialized" keeps next_id from being recomputed.
    select base.*,
      (select n.date from effective_deadlines n where n.id = base.next_id) as next_deadline,
      (select n.precision from effective_deadlines n where n.id = base.next_id) as next_precision,
      (select n.label from effective_deadlines n where n.id = base.next_id) as next_label
    from base
  `.execute(db);

  let rows = result.rows.map((r) => {
    const status = r.status ?? "ikke_startet";
    return {
      id: r.id,
      key: r.key,
      hasId: r.has_id === 1,
      title: r.title,
      areaCode: r.area_code,
      goalCode: r.goal_code,
      letterKind: r.letter_kind,
      status,
      nextDeadline: r.next_deadline,
      nextDeadlinePrecision: r.next_precision,
      nextDeadlineLabel: r.next_label,
      overdue: r.has_passed === 1 && !CLOSED_STATUSES.includes(status),
      openEnded: r.open_ended === 1,
      hasDeliverables: r.has_deliverables === 1,
      departments: [] as string[],
      lastChange: r.last_change,
    } satisfies ListRow;
  });
  if (f.statuses && f.statuses.length > 0) rows = rows.filter((r) => f.statuses!.includes(r.status));
  if (f.overdue) rows = rows.filter((r) => r.overdue);

  if (rows.length > 0) {
    const departments = await departmentsByAssignment(db, year);
    for (const r of rows) r.departments = departments.get(r.id) ?? [];
  }
  return rows;
}

const STATUS_ORDER: Record<StatusCode, number> = {
  forsinket: 0,
  ikke_startet: 1,
  i_rute: 2,
  utsatt: 3,
  fullfort: 4,
  avsluttet: 5,
};

export function sortRows(rows: ListRow[], sort: AssignmentFilter["sort"], descending: boolean): ListRow[] {
  const byId = (a: ListRow, b: ListRow) =>
    (a.letterKind === "main" ? 0 : 1) - (b.letterKind === "main" ? 0 : 1) || compareAssignmentIds(a.key, b.key);
  const compare: Record<AssignmentFilter["sort"], (a: ListRow, b: ListRow) => number> = {
    id: byId,
    tittel: (a, b) => a.title.localeCompare(b.title, "nb") || byId(a, b),
    frist: (a, b) =>
      (a.nextDeadline ?? "9999") < (b.nextDeadline ?? "9999") ? -1 : (a.nextDeadline ?? "9999") > (b.nextDeadline ?? "9999") ? 1 : byId(a, b),
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byId(a, b),
    omrade: (a, b) => (a.areaCode ?? "~").localeCompare(b.areaCode ?? "~", "nb", { numeric: true }) || byId(a, b),
  };
  const sorted = [...rows].sort(compare[sort]);
  return descending ? sorted.reverse() : sorted;
}

/** Deadlines the letter left open (to be agreed / on hold) for one department's assignments. */
export async function listOpenDeadlines(db: Kysely<Database>, year: number, department: string) {
  return db
    .selectFrom("effective_deadlines as d")
    .innerJoin("assignments as a", "a.id", "d.assignment_id")
    .innerJoin("assignment_departments as ad", "ad.assignment_id", "a.id")
    .select(["a.key", "a.title", "a.has_id", "d.id", "d.label", "d.phrase", "d.state"])
    .where("a.year", "=", year)
    .where("ad.department_code", "=", department)
    .where("d.state", "<>", "dated")
    .orderBy("a.key")
    .orderBy("d.position")
    .execute();
}

export interface ChangeRow {
  kind: "status" | "leveranse" | "import";
  key: string;
  title: string;
  at: string;
  who: string;
  what: string;
  comment: string | null;
}

/** Everything recorded after an instant: status events, deliveries and letter changes. */
export async function listChangesSince(db: Kysely<Database>, since: string, year: number | null, limit = 500): Promise<ChangeRow[]> {
  const [events, deliveries, imports] = await Promise.all([
    db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .select(["a.key", "a.title", "e.created_at as at", "e.actor_name as who", "e.status", "e.comment"])
      .where("e.created_at", ">", since)
      .$if(year !== null, (q) => q.where("a.year", "=", year as number))
      .orderBy("e.created_at", "desc")
      .limit(limit)
      .execute(),
    db
      .selectFrom("deadline_events as de")
      .innerJoin("deadlines as d", "d.id", "de.deadline_id")
      .innerJoin("assignments as a", "a.id", "de.assignment_id")
      .select(["a.key", "a.title", "de.created_at as at", "de.actor_name as who", "de.delivered_on", "d.label"])
      .where("de.created_at", ">", since)
      .$if(year !== null, (q) => q.where("a.year", "=", year as number))
      .orderBy("de.created_at", "desc")
      .limit(limit)
      .execute(),
    db
      .selectFrom("assignment_changes as c")
      .innerJoin("assignments as a", "a.id", "c.assignment_id")
      .select(["a.key", "a.title", "c.created_at as at", "c.actor as who", "c.field"])
      .where("c.created_at", ">", since)
      .$if(year !== null, (q) => q.where("a.year", "=", year as number))
      .orderBy("c.created_at", "desc")
      .limit(limit)
      .execute(),
  ]);
  const rows: ChangeRow[] = [
    ...events.map((e) => ({ kind: "status" as const, key: e.key, title: e.title, at: e.at, who: e.who, what: e.status, comment: e.comment })),
    ...deliveries.map((d) => ({
      kind: "leveranse" as const,
      key: d.key,
      title: d.title,
      at: d.at,
      who: d.who,
      what: `${d.label ?? "Oppdraget"}: ${d.delivered_on ? `levert ${d.delivered_on}` : "levering angret"}`,
      comment: null,
    })),
    ...imports.map((c) => ({
      kind: "import" as const,
      key: c.key,
      title: c.title,
      at: c.at,
      who: c.who,
      what: c.field === "opprettet" ? "opprettet fra brevet" : `endret ${c.field} fra brevet`,
      comment: null,
    })),
  ];
  return rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}
