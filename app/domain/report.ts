/**
 * The annual-report status table (årsrapport): one table per goal area in letter order, one row
 * per assignment (main-letter ones in ID order, then supplementary ones), with status and
 * explanation as of a date, and the letter's rule that everything not finished is explained.
 * Pure: the preview, the Word, Excel and CSV exports and the CLI all render this structure.
 */
import { formatDateLong, formatDateShort, formatMonth } from "./format";
import { compareInReport, NO_AREA_NAME } from "./overview";
import { STATUS_LABELS, type StatusCode } from "./status";

export interface ReportDeadline {
  label: string | null;
  date: string | null;
  precision: "day" | "month" | "year" | null;
  state: "dated" | "to_be_agreed" | "on_hold";
  is_default: number;
}

export interface ReportSourceAssignment {
  key: string;
  hasId: boolean;
  title: string;
  body: string;
  areaCode: string | null;
  letterKind: "main" | "supplementary";
  letterTitle: string;
  letterReference: string | null;
  letterDate: string | null;
  departments: string[];
  status: StatusCode;
  deadlines: ReportDeadline[];
  /** The report text written for this assignment, as of the date. */
  reportText: string | null;
  /** The latest status comment, as of the date (used when no report text is written). */
  latestComment: string | null;
}

export interface ReportSource {
  year: number;
  asOfDate: string;
  draft: boolean;
  areas: Array<{ code: string; name: string }>;
  /** Samlet vurdering per area code, as of the date. */
  assessments: Record<string, string>;
  assignments: ReportSourceAssignment[];
}

export interface ReportRow {
  key: string;
  id: string;
  title: string;
  departments: string;
  deadline: string;
  /** The earliest dated deadline (ISO) for spreadsheets; null when none. */
  deadlineDate: string | null;
  status: StatusCode;
  statusLabel: string;
  description: string;
  comment: string;
  /** "Tillegg til tildelingsbrev 23/133-9 (6. februar 2023)" for supplementary assignments. */
  letterNote: string | null;
  explanationMissing: boolean;
}

export interface ReportArea {
  code: string | null;
  name: string;
  heading: string;
  assessment: string;
  rows: ReportRow[];
}

export interface Report {
  year: number;
  asOfDate: string;
  draft: boolean;
  title: string;
  areas: ReportArea[];
  missing: ReportRow[];
  rowCount: number;
}

export const REPORT_COLUMNS = ["ID", "Oppdrag", "Avdeling", "Frist", "Status", "Beskrivelse", "Kommentar"] as const;
export const DESCRIPTION_MAX = 500;

/** The assignment text as a short description: whitespace collapsed, cut at a word boundary. */
export function describe(body: string, max = DESCRIPTION_MAX): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")} …`;
}

export function formatReportDeadline(d: ReportDeadline): string {
  const label = d.label ? `${d.label}: ` : "";
  if (d.state === "to_be_agreed") return `${label}avklares med departementet`;
  if (d.state === "on_hold") return `${label}satt i bero`;
  if (!d.date) return `${label}ikke oppgitt`;
  if (d.is_default) return `${label}innen utgangen av ${d.date.slice(0, 4)}`;
  if (d.precision === "month") return `${label}${formatMonth(d.date)}`;
  if (d.precision === "year") return `${label}innen utgangen av ${d.date.slice(0, 4)}`;
  return `${label}${formatDateShort(d.date)}`;
}

/** The letter's rule (section 4.2): everything not finished needs an explanation. */
export function needsExplanation(status: StatusCode): boolean {
  return status !== "fullfort";
}

function letterNote(a: ReportSourceAssignment): string | null {
  if (a.letterKind !== "supplementary") return null;
  const parts = [a.letterTitle, a.letterReference ? `ref. ${a.letterReference}` : null, a.letterDate ? formatDateLong(a.letterDate) : null];
  return `Gitt i ${parts.filter(Boolean).join(", ")}`;
}

export function buildReport(source: ReportSource): Report {
  const rowsByArea = new Map<string | null, Array<{ a: ReportSourceAssignment; row: ReportRow }>>();
  const missing: ReportRow[] = [];
  for (const a of source.assignments) {
    const comment = (a.reportText ?? a.latestComment ?? "").trim();
    const dated = a.deadlines.filter((d) => d.state === "dated" && d.date).map((d) => d.date as string).sort();
    const row: ReportRow = {
      key: a.key,
      id: a.hasId ? a.key : "Uten ID",
      title: a.title,
      departments: a.departments.join("/"),
      deadline: a.deadlines.map(formatReportDeadline).join("; "),
      deadlineDate: dated[0] ?? null,
      status: a.status,
      statusLabel: STATUS_LABELS[a.status],
      description: describe(a.body),
      comment,
      letterNote: letterNote(a),
      explanationMissing: needsExplanation(a.status) && comment.length === 0,
    };
    if (row.explanationMissing) missing.push(row);
    const areaKey = a.areaCode ?? null;
    rowsByArea.set(areaKey, [...(rowsByArea.get(areaKey) ?? []), { a, row }]);
  }
  const order: Array<{ code: string | null; name: string }> = [...source.areas];
  for (const code of rowsByArea.keys()) {
    if (code !== null && !order.some((o) => o.code === code)) order.push({ code, name: `Område ${code}` });
  }
  order.push({ code: null, name: NO_AREA_NAME });
  const areas: ReportArea[] = order
    .filter((o) => (rowsByArea.get(o.code) ?? []).length > 0)
    .map((o) => ({
      code: o.code,
      name: o.name,
      heading: o.code ? `${o.code} ${o.name}` : o.name,
      assessment: (o.code ? source.assessments[o.code] : "")?.trim() ?? "",
      rows: (rowsByArea.get(o.code) ?? [])
        .sort((x, y) => compareInReport({ key: x.a.key, letterKind: x.a.letterKind }, { key: y.a.key, letterKind: y.a.letterKind }))
        .map((x) => x.row),
    }));
  const ordered = areas.flatMap((a) => a.rows);
  return {
    year: source.year,
    asOfDate: source.asOfDate,
    draft: source.draft,
    title: `Status for oppdrag i tildelingsbrevet ${source.year} per ${formatDateLong(source.asOfDate)}`,
    areas,
    missing: ordered.filter((r) => missing.includes(r)),
    rowCount: ordered.length,
  };
}

/** The file name an export gets: "statusrapport-2023-per-2023-12-31[-utkast].docx". */
export function reportFileName(report: Pick<Report, "year" | "asOfDate" | "draft">, extension: string): string {
  return `statusrapport-${report.year}-per-${report.asOfDate}${report.draft ? "-utkast" : ""}.${extension}`;
}

/** Default as-of dates: the tertial dates and the year's end. */
export function quickAsOfDates(year: number): Array<{ date: string; label: string }> {
  return [
    { date: `${year}-04-30`, label: "1. tertial (30. april)" },
    { date: `${year}-08-31`, label: "2. tertial (31. august)" },
    { date: `${year}-12-31`, label: "Årsrapport (31. desember)" },
  ];
}
