/**
 * The annual-report status table (årsrapport): one table per goal area in letter order, one row
 * per assignment (main-letter ones in ID order, then supplementary ones), with status and
 * explanation as of a date, and the letter's rule that everything not finished is explained.
 * Pure. `buildReport` is the full table the Word, Excel and CSV exports and the CLI write;
 * `buildReportPreview` is the page's lighter view of it (no bodies, deadlines or departments).
 */
import { formatDateLong, formatDateShort, formatMonth } from "./format";
import { groupByArea } from "./overview";
import { STATUS_LABELS, type StatusCode } from "./status";
import type { DeadlineState, DeadlinePrecision } from "~/domain/letter/types";
import type { LetterKind } from "./letter/types";
import { genreOf } from "./letter/letter-meta";

export interface ReportDeadline {
  label: string | null;
  date: string | null;
  precision: DeadlinePrecision | null;
  state: DeadlineState;
  is_default: number;
}

/** What the preview needs of an assignment: no body, deadlines or departments (those are export-only). */
export interface ReportPreviewAssignment {
  key: string;
  /** The order it is listed in (`assignmentSortKey`). */
  sortKey: string;
  hasId: boolean;
  title: string;
  areaCode: string | null;
  letterKind: LetterKind;
  letterTitle: string;
  letterReference: string | null;
  letterDate: string | null;
  status: StatusCode;
  /** The report text written for this assignment, as of the date. */
  reportText: string | null;
  /** The latest status comment, as of the date (used when no report text is written). */
  latestComment: string | null;
}

export interface ReportSourceAssignment extends ReportPreviewAssignment {
  body: string;
  departments: string[];
  deadlines: ReportDeadline[];
}

/** One version of a report text or an area's Samlet vurdering, for the history (page and Excel). */
export interface ReportTextVersion {
  kind: "forklaring" | "vurdering";
  /** The assignment's key, or the area code. */
  target: string;
  /** "TB2023-05 Ulovlig handel tobakk" or "2.1 Folkehelse". */
  label: string;
  text: string;
  author: string;
  writtenAt: string;
}

export interface ReportSource<A extends ReportPreviewAssignment = ReportSourceAssignment> {
  /** Every version of the texts written for this report date, newest first (optional). */
  history?: ReportTextVersion[];
  /** The agency the report is for, by name ("Norsk helsenett SF"); null when none can be named. */
  agency: string | null;
  year: number;
  asOfDate: string;
  draft: boolean;
  areas: Array<{ code: string; name: string }>;
  /** Samlet vurdering per area code, as of the date. */
  assessments: Record<string, string>;
  assignments: A[];
}

/** A row of the preview: ID, title, status and explanation. */
export interface ReportPreviewRow {
  key: string;
  id: string;
  title: string;
  status: StatusCode;
  statusLabel: string;
  comment: string;
  /** "Gitt i Tillegg til tildelingsbrev, ref. 23/133-9, 6. februar 2023" for supplementary assignments. */
  letterNote: string | null;
  explanationMissing: boolean;
}

/** A row of the full report (the exports): the preview's columns and the letter's. */
export interface ReportRow extends ReportPreviewRow {
  departments: string;
  deadline: string;
  /** The earliest dated deadline (ISO) for spreadsheets; null when none. */
  deadlineDate: string | null;
  description: string;
}

export interface ReportArea<R extends ReportPreviewRow = ReportRow> {
  code: string | null;
  name: string;
  heading: string;
  assessment: string;
  rows: R[];
}

export interface Report {
  year: number;
  asOfDate: string;
  draft: boolean;
  /** The agency's name, null when none is named (`ReportSource.agency`). */
  agency: string | null;
  /** The genre of the year's main letter ("oppdragsdokument"), null when unknown (`mainLetterGenre`). */
  genre: string | null;
  /** `reportTitle`: what the page, the Word/PDF files and the Excel header call the report. */
  title: string;
  areas: ReportArea[];
  missing: ReportRow[];
  rowCount: number;
  /** Every version of the report texts and assessments for the date, newest first. */
  history: ReportTextVersion[];
}

export const REPORT_COLUMNS = ["ID", "Oppdrag", "Avdeling", "Frist", "Status", "Beskrivelse", "Kommentar"] as const;
export const PREVIEW_COLUMNS = ["ID", "Oppdrag", "Status", "Forklaring / kommentar"] as const;
export const DESCRIPTION_MAX = 500;

/** The assignment text as a short description: whitespace collapsed, cut at a word boundary. */
export function describe(body: string, max = DESCRIPTION_MAX): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")} …`;
}

/** A function that formats each distinct argument once (a report repeats the same few dates). */
function cached(format: (value: string) => string): (value: string) => string {
  const memo = new Map<string, string>();
  return (value) => {
    let text = memo.get(value);
    if (text === undefined) {
      text = format(value);
      memo.set(value, text);
    }
    return text;
  };
}

interface DateFormats {
  short: (isoDate: string) => string;
  month: (isoDate: string) => string;
  long: (isoDate: string) => string;
}

const uncachedFormats: DateFormats = { short: formatDateShort, month: formatMonth, long: formatDateLong };

export function formatReportDeadline(d: ReportDeadline, formats: DateFormats = uncachedFormats): string {
  const label = d.label ? `${d.label}: ` : "";
  if (d.state === "to_be_agreed") return `${label}avklares med departementet`;
  if (d.state === "on_hold") return `${label}satt i bero`;
  if (d.state === "invalid") return `${label}ugyldig dato i brevet`;
  if (!d.date) return `${label}ikke oppgitt`;
  if (d.is_default) return `${label}innen utgangen av ${d.date.slice(0, 4)}`;
  if (d.precision === "month") return `${label}${formats.month(d.date)}`;
  if (d.precision === "year") return `${label}innen utgangen av ${d.date.slice(0, 4)}`;
  return `${label}${formats.short(d.date)}`;
}

/** The letter's rule (section 4.2): everything not finished needs an explanation. */
export function needsExplanation(status: StatusCode): boolean {
  return status !== "fullfort";
}

function letterNote(a: ReportPreviewAssignment, formatLong: (isoDate: string) => string): string | null {
  if (a.letterKind !== "supplementary") return null;
  const parts = [a.letterTitle, a.letterReference ? `ref. ${a.letterReference}` : null, a.letterDate ? formatLong(a.letterDate) : null];
  return `Gitt i ${parts.filter(Boolean).join(", ")}`;
}

/** The explanation a report gives: the report text written for the date, else the latest comment. */
export function explanationOf(a: Pick<ReportPreviewAssignment, "reportText" | "latestComment">): string {
  return (a.reportText ?? a.latestComment ?? "").trim();
}

/** Not finished and not explained: the final report waits for it. */
export function lacksExplanation(a: Pick<ReportPreviewAssignment, "status" | "reportText" | "latestComment">): boolean {
  return needsExplanation(a.status) && explanationOf(a).length === 0;
}

/** The preview's part of a row: ID, title, status, the explanation and the rule. */
function previewRow(a: ReportPreviewAssignment, formatLong: (isoDate: string) => string): ReportPreviewRow {
  const comment = explanationOf(a);
  return {
    key: a.key,
    id: a.hasId ? a.key : "Uten ID",
    title: a.title,
    status: a.status,
    statusLabel: STATUS_LABELS[a.status],
    comment,
    letterNote: letterNote(a, formatLong),
    explanationMissing: lacksExplanation(a),
  };
}

/**
 * Rows grouped by area: areas in letter order (then areas only found on assignments, then "Uten
 * område"), rows in report order (main letter by ID, then supplementary), empty areas left out.
 */
function groupRows<A extends ReportPreviewAssignment, R extends ReportPreviewRow>(
  source: ReportSource<A>,
  row: (a: A) => R,
): ReportArea<R>[] {
  return groupByArea(source.assignments, source.areas).map((g) => ({
    code: g.code,
    name: g.name,
    heading: g.code ? `${g.code} ${g.name}` : g.name,
    assessment: (g.code ? source.assessments[g.code] : "")?.trim() ?? "",
    rows: g.assignments.map(row),
  }));
}

/**
 * The definite form a report title uses for a letter genre (as `genreOf` names it): a
 * supplementary letter belongs to the tildelingsbrev it supplements. Null for an unknown genre.
 */
const GENRE_DEFINITE: Record<string, string> = {
  tildelingsbrev: "tildelingsbrevet",
  "supplerende tildelingsbrev": "tildelingsbrevet",
  "tillegg til tildelingsbrev": "tildelingsbrevet",
  oppdragsdokument: "oppdragsdokumentet",
  "supplerende oppdragsdokument": "oppdragsdokumentet",
  "tillegg til oppdragsdokument": "oppdragsdokumentet",
  oppdragsbrev: "oppdragsbrevet",
  "supplerende oppdragsbrev": "oppdragsbrevet",
  "tillegg til oppdragsbrev": "oppdragsbrevet",
};

export function genreDefinite(genre: string | null): string | null {
  return genre ? (GENRE_DEFINITE[genre] ?? null) : null;
}

type LetterOfAssignment = Pick<ReportPreviewAssignment, "letterKind" | "letterTitle" | "letterReference" | "letterDate">;

/**
 * The genre of the year's main letter, read from the letters that gave the report's assignments:
 * a main letter before a supplementary one, then the letter that gave the most assignments, then
 * the earliest; the first of them whose title names a genre (`genreOf`, the parser's rule). Null
 * when none does (the title then names no genre rather than guess one).
 */
export function mainLetterGenre(assignments: readonly LetterOfAssignment[]): string | null {
  const letters = new Map<string, { letter: LetterOfAssignment; count: number }>();
  for (const a of assignments) {
    const id = `${a.letterKind}|${a.letterTitle}|${a.letterReference ?? ""}|${a.letterDate ?? ""}`;
    const seen = letters.get(id);
    if (seen) seen.count += 1;
    else letters.set(id, { letter: a, count: 1 });
  }
  const ordered = [...letters.values()].sort(
    (x, y) =>
      Number(y.letter.letterKind === "main") - Number(x.letter.letterKind === "main") ||
      y.count - x.count ||
      (x.letter.letterDate ?? "9999").localeCompare(y.letter.letterDate ?? "9999") ||
      x.letter.letterTitle.localeCompare(y.letter.letterTitle),
  );
  for (const { letter } of ordered) {
    const genre = genreOf(letter.letterTitle);
    if (genreDefinite(genre)) return genre;
  }
  return null;
}

/**
 * The report's title, one rule for the page, the Word and PDF files and the Excel header:
 * "Status for oppdrag i tildelingsbrevet 2023 til Helsedirektoratet per 31. desember 2023",
 * "Status for oppdrag i oppdragsdokumentet 2026 til Norsk helsenett SF per 30. april 2026".
 * Without a known genre the letter is not named ("Status for oppdrag i 2026 til … per …"); without
 * an agency the "til …" is left out.
 */
export function reportTitle(parts: { year: number; asOfDate: string; agency: string | null; genre: string | null }): string {
  const letter = genreDefinite(parts.genre);
  const agency = parts.agency?.trim();
  return `Status for oppdrag i ${letter ? `${letter} ` : ""}${parts.year}${agency ? ` til ${agency}` : ""} per ${formatDateLong(parts.asOfDate)}`;
}

/** The full report, as the exports (Word, Excel, CSV) and the CLI write it. */
export function buildReport(source: ReportSource): Report {
  // Each distinct date is formatted once: 2,000 assignments share a few hundred dates.
  const formats: DateFormats = { short: cached(formatDateShort), month: cached(formatMonth), long: cached(formatDateLong) };
  const areas = groupRows(source, (a): ReportRow => {
    const dated = a.deadlines.filter((d) => d.state === "dated" && d.date).map((d) => d.date as string).sort();
    return {
      ...previewRow(a, formats.long),
      departments: a.departments.join("/"),
      deadline: a.deadlines.map((d) => formatReportDeadline(d, formats)).join("; "),
      deadlineDate: dated[0] ?? null,
      description: describe(a.body),
    };
  });
  const rows = areas.flatMap((a) => a.rows);
  const genre = mainLetterGenre(source.assignments);
  return {
    year: source.year,
    asOfDate: source.asOfDate,
    draft: source.draft,
    agency: source.agency,
    genre,
    title: reportTitle({ year: source.year, asOfDate: source.asOfDate, agency: source.agency, genre }),
    areas,
    missing: rows.filter((r) => r.explanationMissing),
    rowCount: rows.length,
    history: source.history ?? [],
  };
}

/**
 * Showing every area at once is the default up to this many assignments; beyond it, one area.
 * A real agency's year (main letter and supplements) is 100–160 assignments (Helsedirektoratet
 * 2023: 161); rendering 250 at once costs more than the page's SQL (docs/performance.md).
 */
export const PREVIEW_ALL_LIMIT = 200;

/** `?omrade=` value that shows every area at once. */
export const ALL_AREAS = "alle";

/** An area in the preview's navigation: its rows are counted, shown only when chosen. */
export interface ReportPreviewAreaLink {
  /** `?omrade=` value: the area code, or "uten" for assignments without an area. */
  param: string;
  heading: string;
  count: number;
  missing: number;
}

export interface ReportPreview {
  year: number;
  asOfDate: string;
  /** The same title as the exports' (`reportTitle`). */
  title: string;
  rowCount: number;
  /** Assignments without an explanation, in the whole report (the final export waits for them). */
  missingCount: number;
  /** Every area with its counts, in report order. */
  areaLinks: ReportPreviewAreaLink[];
  /** What is shown: an area's `param`, or ALL_AREAS. */
  shown: string;
  /** The areas shown, with their rows and assessment. */
  areas: Array<ReportArea<ReportPreviewRow> & { param: string }>;
  /** Missing explanations in the areas shown, in report order. */
  missing: ReportPreviewRow[];
}

/**
 * The report preview (`/rapport`): per area ID, title, status and explanation, and what lacks an
 * explanation. Every area is counted; rows are built for the areas shown only: all of them when
 * asked for (`ALL_AREAS`) or when the year is small, else the one chosen (the first by default).
 */
export function buildReportPreview(source: ReportSource<ReportPreviewAssignment>, requested: string | null): ReportPreview {
  const groups = groupByArea(source.assignments, source.areas);
  const param = (code: string | null) => code ?? "uten";
  const rowCount = source.assignments.length;
  const known = requested === ALL_AREAS || groups.some((g) => param(g.code) === requested);
  const shown = known ? (requested as string) : rowCount <= PREVIEW_ALL_LIMIT || groups.length === 0 ? ALL_AREAS : param(groups[0].code);
  const formatLong = cached(formatDateLong);
  let missingCount = 0;
  const areaLinks: ReportPreviewAreaLink[] = groups.map((g) => {
    const heading = g.code ? `${g.code} ${g.name}` : g.name;
    const missing = g.assignments.filter(lacksExplanation).length;
    missingCount += missing;
    return { param: param(g.code), heading, count: g.assignments.length, missing };
  });
  const areas = groups
    .filter((g) => shown === ALL_AREAS || param(g.code) === shown)
    .map((g) => ({
      param: param(g.code),
      code: g.code,
      name: g.name,
      heading: g.code ? `${g.code} ${g.name}` : g.name,
      assessment: (g.code ? source.assessments[g.code] : "")?.trim() ?? "",
      rows: g.assignments.map((a) => previewRow(a, formatLong)),
    }));
  return {
    year: source.year,
    asOfDate: source.asOfDate,
    title: reportTitle({ year: source.year, asOfDate: source.asOfDate, agency: source.agency, genre: mainLetterGenre(source.assignments) }),
    rowCount,
    missingCount,
    areaLinks,
    shown,
    areas,
    missing: areas.flatMap((a) => a.rows.filter((r) => r.explanationMissing)),
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

/** One assignment on the page where every explanation is written at once. */
export interface ExplanationItem {
  key: string;
  id: string;
  title: string;
  status: StatusCode;
  statusLabel: string;
  /** The deadlines as the report prints them, one per line. */
  deadlines: string[];
  latestComment: string | null;
  /** The report text in force for the date, with its version (0 when none is written). */
  text: string | null;
  version: number;
  author: string | null;
  writtenAt: string | null;
  /** How many versions the text has for this date. */
  versions: number;
  explanationMissing: boolean;
}

/**
 * What the explanation page lists: every assignment that needs an explanation (not finished),
 * or every assignment when asked (`all`), in report order; and how many still lack one.
 */
export function explanationItems<T extends { status: StatusCode; explanationMissing: boolean }>(
  items: readonly T[],
  all: boolean,
): { shown: T[]; missing: number } {
  return {
    shown: all ? [...items] : items.filter((i) => needsExplanation(i.status)),
    missing: items.filter((i) => i.explanationMissing).length,
  };
}

/** A writer's submitted explanation, checked against the version it was based on. */
export interface ExplanationSubmission {
  key: string;
  text: string;
  baseVersion: number;
}

export type ExplanationDecision = "unchanged" | "save" | "conflict" | "empty";

/**
 * What to do with one submitted explanation, given the text in force now: an empty field is left
 * alone unless it held a written text (erasing is refused: texts are never empty); an unchanged text is not saved again; a
 * text based on an older version than the one in force is a conflict (the 409 rule of status).
 */
export function decideExplanation(submitted: ExplanationSubmission, current: { text: string | null; version: number }): ExplanationDecision {
  // A field that was empty and stays empty waits; a field that held a text cannot erase it.
  if (submitted.text === "") return submitted.baseVersion > 0 ? "empty" : "unchanged";
  if (submitted.text === (current.text ?? "")) return "unchanged";
  if (submitted.baseVersion !== current.version) return "conflict";
  return "save";
}
