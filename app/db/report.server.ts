/**
 * Reads everything the annual-report table needs as of a date, in a fixed number of queries, and
 * writes report texts and area assessments (append-only, audited).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import { endOfDayInOslo } from "~/domain/format";
import {
  buildReport,
  buildReportPreview,
  type Report,
  type ReportDeadline,
  type ReportPreview,
  type ReportPreviewAssignment,
  type ReportSourceAssignment,
} from "~/domain/report";
import { INITIAL_STATUS, type StatusCode } from "~/domain/status";
import { actorDisplayName, audit, type Actor } from "./audit.server";
import { departmentsByAssignment, latestStatusSql, listAreas } from "./queries.server";
import type { Database } from "./schema";

/** The report's assignments as of a date (a letter dated after it is left out), with or without their body text. */
async function reportAssignments(db: Kysely<Database>, year: number, asOfDate: string, withBody: boolean, agencyId: number | null) {
  const asOf = endOfDayInOslo(asOfDate);
  const result = await sql<{
    id: number;
    key: string;
    has_id: number;
    title: string;
    body?: string;
    area_code: string | null;
    letter_kind: "main" | "supplementary";
    letter_title: string;
    letter_reference: string | null;
    letter_date: string | null;
    status: StatusCode | null;
    report_text: string | null;
    latest_comment: string | null;
  }>`
    select a.id, a.key, a.has_id, a.title, ${withBody ? sql`a.body,` : sql``} a.area_code,
      l.kind as letter_kind, l.title as letter_title, l.reference as letter_reference, l.date as letter_date,
      ${latestStatusSql(asOf)} as status,
      (select rt.text from report_texts rt where rt.assignment_id = a.id and rt.report_date = ${asOfDate}
        order by rt.id desc limit 1) as report_text,
      (select se.comment from status_events se where se.assignment_id = a.id and se.effective_at <= ${asOf}
        and se.comment is not null and se.comment <> '' order by se.effective_at desc, se.version desc limit 1) as latest_comment
    from assignments a join letters l on l.id = a.letter_id
    where a.year = ${year} and (l.date is null or l.date <= ${asOfDate})
      ${agencyId !== null ? sql`and a.agency_id = ${agencyId}` : sql``}
  `.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    body: r.body ?? "",
    assignment: {
      key: r.key,
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
      where aa.year = ${year} and aa.report_date = ${asOfDate} and aa.agency_id is ${agencyId}
        and aa.id = (select max(x.id) from area_assessments x where x.year = aa.year and x.area_code = aa.area_code
          and x.report_date = aa.report_date and x.agency_id is aa.agency_id)
    `.execute(db),
  ]);
  return { areas, assessments: Object.fromEntries(assessments.rows.map((a) => [a.area_code, a.text])) };
}

/** The full report (every column) for the exports and the CLI. */
/**
 * The full report (every column) for the exports and the CLI. The annual-report table is per
 * agency: `agencyId` is the agency's (null only where the register holds one agency or none).
 */
export async function loadReport(db: Kysely<Database>, options: { year: number; asOfDate: string; draft: boolean; agencyId?: number | null }): Promise<Report> {
  const { year, asOfDate, draft } = options;
  const agencyId = options.agencyId ?? null;
  const [rows, deadlines, departments, { areas, assessments }] = await Promise.all([
    reportAssignments(db, year, asOfDate, true, agencyId),
    db
      .selectFrom("effective_deadlines as d")
      .innerJoin("assignments as a", "a.id", "d.assignment_id")
      .select(["d.assignment_id", "d.label", "d.date", "d.precision", "d.state", "d.is_default"])
      .where("a.year", "=", year)
      .$if(agencyId !== null, (q) => q.where("a.agency_id", "=", agencyId as number))
      .orderBy("d.assignment_id")
      .orderBy("d.position")
      .execute(),
    departmentsByAssignment(db, year),
    reportAreas(db, year, asOfDate, agencyId),
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
  return buildReport({ year, asOfDate, draft, areas, assessments, assignments });
}

/**
 * The report page's preview: status and explanation of every assignment (for the counts), rows
 * for the area(s) shown (`area`: an area code, "uten", ALL_AREAS or null for the default). Leaves
 * out what only the exports need: body texts, deadlines, departments.
 */
export async function loadReportPreview(db: Kysely<Database>, options: { year: number; asOfDate: string; area: string | null; agencyId?: number | null }): Promise<ReportPreview> {
  const { year, asOfDate } = options;
  const agencyId = options.agencyId ?? null;
  const [rows, { areas, assessments }] = await Promise.all([reportAssignments(db, year, asOfDate, false, agencyId), reportAreas(db, year, asOfDate, agencyId)]);
  return buildReportPreview({ year, asOfDate, draft: false, areas, assessments, assignments: rows.map((r) => r.assignment) }, options.area);
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
      .select(["text", "actor_name", "created_at"])
      .where("assignment_id", "=", assignmentId)
      .where("report_date", "=", reportDate)
      .orderBy("id", "desc")
      .limit(20)
      .execute(),
  ]);
  return { text: history[0]?.text ?? null, latestComment: comment?.comment ?? null, history };
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
    .where("agency_id", "is", agencyId)
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
  agencyId: number | null = null,
): Promise<void> {
  await appendText(db, actor, now, `område:${year}:${areaCode}`, { reportDate, text, agencyId }, (trx, row) =>
    trx.insertInto("area_assessments").values({ ...row, agency_id: agencyId, year, area_code: areaCode, text, report_date: reportDate }).execute(),
  );
}
