/**
 * Reads everything the annual-report table needs as of a date, in a fixed number of queries, and
 * writes report texts and area assessments (append-only, audited).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { endOfDayInOslo } from "~/domain/format";
import {
  decideExplanation,
  type ExplanationItem,
  type ExplanationSubmission,
  buildReport,
  buildReportPreview,
  type Report,
  type ReportDeadline,
  type ReportPreview,
  type ReportPreviewAssignment,
  type ReportSourceAssignment,
  type ReportTextVersion,
} from "~/domain/report";
import { INITIAL_STATUS, type StatusCode } from "~/domain/status";
import { actorDisplayName, audit, type Actor } from "./audit.server";
import { agencyNameFor } from "./agency.server";
import { assignmentsWithKey, departmentsByAssignment, effectiveDeadlinesAt, latestStatusSql, listAreas } from "./assignment.server";
import type { Database } from "../db/schema";
import type { LetterKind } from "~/domain/letter/types";

/**
 * The annual-report table is per agency (docs/decisions/030-agencies-in-the-model.md): every
 * reader here takes the agency's id; null means every agency and is meant only for a register
 * that holds one agency (or none).
 */
function agencySql(column: string, agencyId: number | null) {
  return agencyId === null ? sql`` : sql`and ${sql.ref(column)} = ${agencyId}`;
}

/** The report's assignments as of a date (a letter dated after it is left out), with or without their body text. */
async function reportAssignments(db: Kysely<Database>, year: number, asOfDate: string, withBody: boolean, agencyId: number | null) {
  const asOf = endOfDayInOslo(asOfDate);
  const result = await sql<{
    id: number;
    key: string;
    sort_key: string;
    has_id: number;
    title: string;
    body?: string;
    area_code: string | null;
    letter_kind: LetterKind;
    letter_title: string;
    letter_reference: string | null;
    letter_date: string | null;
    status: StatusCode | null;
    report_text: string | null;
    latest_comment: string | null;
  }>`
    select a.id, a.key, a.sort_key, a.has_id, a.title, ${withBody ? sql`a.body,` : sql``} a.area_code,
      l.kind as letter_kind, l.title as letter_title, l.reference as letter_reference, l.date as letter_date,
      ${latestStatusSql(asOf)} as status,
      (select rt.text from report_texts rt where rt.assignment_id = a.id and rt.report_date = ${asOfDate}
        order by rt.id desc limit 1) as report_text,
      (select se.comment from status_events se where se.assignment_id = a.id and se.effective_at <= ${asOf}
        and se.comment is not null and se.comment <> '' order by se.effective_at desc, se.version desc limit 1) as latest_comment
    from assignments a join letters l on l.id = a.letter_id
    where a.year = ${year} and (l.date is null or l.date <= ${asOfDate}) ${agencySql("a.agency_id", agencyId)}
  `.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    body: r.body ?? "",
    assignment: {
      key: r.key,
      sortKey: r.sort_key,
      hasId: r.has_id === 1,
      title: r.title,
      areaCode: r.area_code,
      letterKind: r.letter_kind,
      letterTitle: r.letter_title,
      letterReference: r.letter_reference,
      letterDate: r.letter_date,
      status: r.status ?? INITIAL_STATUS,
      reportText: r.report_text,
      latestComment: r.latest_comment,
    } satisfies ReportPreviewAssignment,
  }));
}

/** The year's areas in letter order and their Samlet vurdering as of the report date. */
async function reportAreas(db: Kysely<Database>, year: number, asOfDate: string, agencyId: number | null) {
  const [areas, assessments] = await Promise.all([
    listAreas(db, year, agencyId),
    sql<{ area_code: string; text: string }>`
      select aa.area_code, aa.text from area_assessments aa
      where aa.year = ${year} and aa.report_date = ${asOfDate} ${agencySql("aa.agency_id", agencyId)}
        and aa.id = (select max(x.id) from area_assessments x where x.year = aa.year and x.area_code = aa.area_code
          and x.report_date = aa.report_date and x.agency_id is aa.agency_id)
    `.execute(db),
  ]);
  return { areas: areas.map((a) => ({ code: a.code, name: a.name })), assessments: Object.fromEntries(assessments.rows.map((a) => [a.area_code, a.text])) };
}

/**
 * Every version of the report texts and area assessments written for a report date, newest
 * first, with author and time: the history on the report page and in the Excel file.
 */
export async function loadReportTextHistory(
  db: Kysely<Database>,
  year: number,
  reportDate: string,
  limit?: number,
  agencyId: number | null = null,
): Promise<ReportTextVersion[]> {
  const rows = await sql<{ kind: "forklaring" | "vurdering"; target: string; label: string; text: string; author: string; written_at: string; id: number }>`
    select 'forklaring' as kind, a.key as target,
      case when a.has_id = 1 then a.key || ' ' || a.title else a.title end as label,
      rt.text as text, rt.actor_name as author, rt.created_at as written_at, rt.id as id
    from report_texts rt join assignments a on a.id = rt.assignment_id
    where a.year = ${year} and rt.report_date = ${reportDate} ${agencySql("a.agency_id", agencyId)}
    union all
    select 'vurdering', aa.area_code, aa.area_code || coalesce(' ' || ga.name, ''), aa.text, aa.actor_name, aa.created_at, aa.id
    from area_assessments aa left join goal_areas ga on ga.year = aa.year and ga.code = aa.area_code and ga.agency_id is aa.agency_id
    where aa.year = ${year} and aa.report_date = ${reportDate} ${agencySql("aa.agency_id", agencyId)}
    order by written_at desc, id desc
    ${limit ? sql`limit ${limit}` : sql``}
  `.execute(db);
  return rows.rows.map((r) => ({ kind: r.kind, target: r.target, label: r.label, text: r.text, author: r.author, writtenAt: r.written_at }));
}

/**
 * The full report (every column) for the exports and the CLI: one agency's (`agencyId`; null
 * only where the register holds one agency or none).
 */
export async function loadReport(
  db: Kysely<Database>,
  options: { year: number; asOfDate: string; draft: boolean; agencyId?: number | null },
): Promise<Report> {
  const { year, asOfDate, draft } = options;
  const agencyId = options.agencyId ?? null;
  const [rows, deadlines, departments, { areas, assessments }, history, agency] = await Promise.all([
    reportAssignments(db, year, asOfDate, true, agencyId),
    // Deadlines as they stood on the report date: one agreed later is still open in this report.
    db
      .selectFrom(effectiveDeadlinesAt(endOfDayInOslo(asOfDate)).as("d"))
      .innerJoin("assignments as a", "a.id", "d.assignment_id")
      .select(["d.assignment_id", "d.label", "d.date", "d.precision", "d.state", "d.is_default"])
      .where("a.year", "=", year)
      .$if(agencyId !== null, (q) => q.where("a.agency_id", "=", agencyId as number))
      .orderBy("d.assignment_id")
      .orderBy("d.position")
      .execute(),
    departmentsByAssignment(db, year),
    reportAreas(db, year, asOfDate, agencyId),
    loadReportTextHistory(db, year, asOfDate, undefined, agencyId),
    agencyNameFor(db, agencyId),
  ]);

  const deadlinesBy = new Map<number, ReportDeadline[]>();
  for (const d of deadlines) {
    const list = deadlinesBy.get(d.assignment_id);
    if (list) list.push(d);
    else deadlinesBy.set(d.assignment_id, [d]);
  }
  const assignments: ReportSourceAssignment[] = rows.map((r) => ({
    ...r.assignment,
    body: r.body,
    departments: departments.get(r.id) ?? [],
    deadlines: deadlinesBy.get(r.id) ?? [],
  }));
  return buildReport({ agency, year, asOfDate, draft, areas, assessments, assignments, history });
}

/**
 * The report page's preview: status and explanation of every assignment (for the counts), rows
 * for the area(s) shown (`area`: an area code, "uten", ALL_AREAS or null for the default). Leaves
 * out what only the exports need: body texts, deadlines, departments.
 */
export async function loadReportPreview(
  db: Kysely<Database>,
  options: { year: number; asOfDate: string; area: string | null; agencyId?: number | null },
): Promise<ReportPreview> {
  const { year, asOfDate } = options;
  const agencyId = options.agencyId ?? null;
  const [rows, { areas, assessments }, agency] = await Promise.all([
    reportAssignments(db, year, asOfDate, false, agencyId),
    reportAreas(db, year, asOfDate, agencyId),
    agencyNameFor(db, agencyId),
  ]);
  return buildReportPreview({ agency, year, asOfDate, draft: false, areas, assessments, assignments: rows.map((r) => r.assignment) }, options.area);
}

/**
 * The report text of an assignment for a report date, else its latest comment as of that date
 * (where editing starts), with the text's history.
 */
export async function currentReportText(db: Kysely<Database>, assignmentId: number, reportDate: string) {
  const [comment, history] = await Promise.all([
    db
      .selectFrom("status_events")
      .select("comment")
      .where("assignment_id", "=", assignmentId)
      .where("effective_at", "<=", endOfDayInOslo(reportDate))
      .where("comment", "is not", null)
      .where("comment", "<>", "")
      .orderBy("effective_at", "desc")
      .orderBy("version", "desc")
      .executeTakeFirst(),
    db
      .selectFrom("report_texts")
      .select(["id", "text", "actor_name", "created_at"])
      .where("assignment_id", "=", assignmentId)
      .where("report_date", "=", reportDate)
      .orderBy("id", "desc")
      .limit(20)
      .execute(),
  ]);
  return { text: history[0]?.text ?? null, version: history[0]?.id ?? 0, latestComment: comment?.comment ?? null, history };
}

/** Appends a report text row and its audit entry in one transaction (texts are never overwritten). */
async function appendText(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  target: string,
  details: Record<string, unknown>,
  insert: (trx: Transaction<Database>, row: { user_id: number | null; actor_name: string; created_at: string }) => Promise<unknown>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insert(trx, { user_id: actor.userId, actor_name: actorDisplayName(actor), created_at: now.toISOString() });
    await audit(trx, actor, "rapport:endret", target, details, now);
  });
}

export async function saveReportText(
  db: Kysely<Database>,
  assignment: { id: number; key: string },
  reportDate: string,
  text: string,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  await appendText(db, actor, now, `oppdrag:${assignment.key}`, { reportDate, text }, (trx, row) =>
    trx.insertInto("report_texts").values({ ...row, assignment_id: assignment.id, text, report_date: reportDate }).execute(),
  );
}

export async function currentAssessment(db: Kysely<Database>, year: number, areaCode: string, reportDate: string, agencyId: number | null = null) {
  const history = await db
    .selectFrom("area_assessments")
    .select(["text", "actor_name", "created_at"])
    .$if(agencyId !== null, (q) => q.where("agency_id", "=", agencyId as number))
    .where("year", "=", year)
    .where("area_code", "=", areaCode)
    .where("report_date", "=", reportDate)
    .orderBy("id", "desc")
    .limit(20)
    .execute();
  return { text: history[0]?.text ?? null, history };
}

export async function saveAssessment(
  db: Kysely<Database>,
  year: number,
  areaCode: string,
  reportDate: string,
  text: string,
  actor: Actor,
  now = new Date(),
  agencyIdIn: number | null = null,
): Promise<void> {
  // Areas are per agency: without one given, the register's only agency (with several, refused).
  const agencies = agencyIdIn === null ? await db.selectFrom("agencies").select("id").limit(2).execute() : [];
  if (agencyIdIn === null && agencies.length > 1) throw new Error("Samlet vurdering: velg virksomhet (registeret har flere).");
  const agencyId = agencyIdIn ?? agencies[0]?.id ?? null;
  await appendText(db, actor, now, `område:${year}:${areaCode}`, { reportDate, text, agencyId }, (trx, row) =>
    trx.insertInto("area_assessments").values({ ...row, agency_id: agencyId, year, area_code: areaCode, text, report_date: reportDate }).execute(),
  );
}

/** The report text in force per assignment for a date: its version (the row id), author and time, and how many versions. */
async function latestTexts(db: Kysely<Database> | Transaction<Database>, assignmentIds: readonly number[], reportDate: string) {
  if (assignmentIds.length === 0) return new Map<number, { id: number; text: string; actor_name: string; created_at: string; versions: number }>();
  const rows = await sql<{ assignment_id: number; id: number; text: string; actor_name: string; created_at: string; versions: number }>`
    select rt.assignment_id, rt.id, rt.text, rt.actor_name, rt.created_at,
      (select count(*) from report_texts c where c.assignment_id = rt.assignment_id and c.report_date = rt.report_date) as versions
    from report_texts rt
    where rt.report_date = ${reportDate}
      and rt.assignment_id in (${sql.join(assignmentIds.map((id) => sql`${id}`))})
      and rt.id = (select max(x.id) from report_texts x where x.assignment_id = rt.assignment_id and x.report_date = rt.report_date)
  `.execute(db);
  return new Map(rows.rows.map((r) => [r.assignment_id, r]));
}

/**
 * The explanation page: every assignment of the year as of the date, in report order, with its
 * status, deadlines, latest comment and the report text in force (version, author, time).
 */
export async function loadExplanationSheet(
  db: Kysely<Database>,
  options: { year: number; asOfDate: string; agencyId?: number | null },
): Promise<ExplanationItem[]> {
  const agencyId = options.agencyId ?? null;
  const report = await loadReport(db, { ...options, agencyId, draft: true });
  const rows = report.areas.flatMap((a) => a.rows);
  const ids = await db
    .selectFrom("assignments")
    .select(["id", "key"])
    .where("year", "=", options.year)
    .$if(agencyId !== null, (q) => q.where("agency_id", "=", agencyId as number))
    .execute();
  const idByKey = new Map(ids.map((r) => [r.key, r.id]));
  const [texts, comments] = await Promise.all([
    latestTexts(db, ids.map((r) => r.id), options.asOfDate),
    reportAssignments(db, options.year, options.asOfDate, false, agencyId),
  ]);
  const commentById = new Map(comments.map((c) => [c.id, c.assignment.latestComment]));
  return rows.map((r) => {
    const id = idByKey.get(r.key) as number;
    const text = texts.get(id);
    return {
      key: r.key,
      id: r.id,
      title: r.title,
      status: r.status,
      statusLabel: r.statusLabel,
      deadlines: r.deadline ? r.deadline.split("; ") : [],
      latestComment: commentById.get(id) ?? null,
      text: text?.text ?? null,
      version: text?.id ?? 0,
      author: text?.actor_name ?? null,
      writtenAt: text?.created_at ?? null,
      versions: text?.versions ?? 0,
      explanationMissing: r.explanationMissing,
    };
  });
}

export interface ExplanationConflict {
  key: string;
  /** The newer text in force, its version, author and time. */
  text: string;
  version: number;
  author: string;
  writtenAt: string;
}

/**
 * Saves the explanations written on one page in one transaction: each changed text is appended
 * (with its audit entry) unless someone saved a newer version of it meanwhile (a conflict: left
 * unsaved and returned with the newer text). An emptied text is never saved (`empty`). Only the
 * agency's assignments (`agencyId`, keys are unique per agency; null only with one agency) are
 * written: a key of another agency is ignored like an unknown one.
 */
export async function saveReportTexts(
  db: Kysely<Database>,
  year: number,
  reportDate: string,
  submissions: readonly ExplanationSubmission[],
  actor: Actor,
  now = new Date(),
  agencyId: number | null = null,
): Promise<{ saved: string[]; conflicts: ExplanationConflict[]; empty: string[] }> {
  return db.transaction().execute(async (trx) => {
    const assignments = await trx
      .selectFrom("assignments")
      .select(["id", "key"])
      .where("year", "=", year)
      .$if(agencyId !== null, (q) => q.where("agency_id", "=", agencyId as number))
      .where("key", "in", submissions.length ? submissions.map((s) => s.key) : ["-"])
      .execute();
    const idByKey = new Map(assignments.map((a) => [a.key, a.id]));
    const current = await latestTexts(trx, assignments.map((a) => a.id), reportDate);
    const result = { saved: [] as string[], conflicts: [] as ExplanationConflict[], empty: [] as string[] };
    for (const s of submissions) {
      const id = idByKey.get(s.key);
      if (id === undefined) continue;
      const now_ = current.get(id);
      const decision = decideExplanation(s, { text: now_?.text ?? null, version: now_?.id ?? 0 });
      if (decision === "unchanged") continue;
      if (decision === "empty") result.empty.push(s.key);
      else if (decision === "conflict" && now_) {
        result.conflicts.push({ key: s.key, text: now_.text, version: now_.id, author: now_.actor_name, writtenAt: now_.created_at });
      } else {
        const row = { user_id: actor.userId, actor_name: actorDisplayName(actor), created_at: now.toISOString() };
        await trx.insertInto("report_texts").values({ ...row, assignment_id: id, text: s.text, report_date: reportDate }).execute();
        await audit(trx, actor, "rapport:endret", `oppdrag:${s.key}`, { reportDate, text: s.text }, now);
        result.saved.push(s.key);
      }
    }
    return result;
  });
}

/**
 * The assignment a report text is written for, by key and, where two agencies use the key, the
 * agency's slug (`?virksomhet=`); undefined when there is none or the key is ambiguous.
 */
export async function findReportAssignment(db: Kysely<Database>, key: string, agencySlug: string | null = null) {
  const matches = (await assignmentsWithKey(db, key.slice(0, 200))).filter((m) => !agencySlug || m.slug === agencySlug);
  if (matches.length !== 1) return undefined;
  const row = await db
    .selectFrom("assignments as a")
    .select(["a.id", "a.key", "a.has_id", "a.title", "a.year", "a.agency_id"])
    .where("a.id", "=", matches[0]!.id)
    .executeTakeFirst();
  return row ? { ...row, agency_slug: matches[0]!.slug } : undefined;
}

/** The assignment's status as it stood at the end of the report date (`latestStatusSql`). */
export async function statusOnReportDate(db: Kysely<Database>, assignmentId: number, reportDate: string): Promise<StatusCode> {
  const row = await db
    .selectFrom("assignments as a")
    .select(latestStatusSql(endOfDayInOslo(reportDate)).as("status"))
    .where("a.id", "=", assignmentId)
    .executeTakeFirst();
  return row?.status ?? INITIAL_STATUS;
}

/** A goal area of an agency's year (for its *Samlet vurdering*), or undefined. */
export async function findReportArea(db: Kysely<Database>, year: number, code: string, agencyId: number | null = null) {
  return db
    .selectFrom("goal_areas")
    .select(["code", "name"])
    .where("year", "=", year)
    .where("code", "=", code)
    .$if(agencyId !== null, (q) => q.where("agency_id", "=", agencyId as number))
    .executeTakeFirst();
}
