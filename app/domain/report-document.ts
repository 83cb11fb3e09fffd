/**
 * The annual report as a document: what the Word and the PDF files both render, so the two can
 * never drift apart. Pure. Built from the report table (`buildReport`) and the export options
 * (orientation, status as words or as a green/yellow/red code, the letter's text left out or a
 * short excerpt).
 *
 * Layout decisions live here too, in page-neutral units: the page size and margins in twips
 * (1/1440 inch; the PDF renderer divides by 20 for points) and the column widths as shares of
 * the text width, so both files get the same real grid (ID narrow, title and comment wide).
 */
import { formatDateLong } from "./format";
import { describe as shorten, type Report, type ReportRow } from "./report";
import { STATUS_CODES, STATUS_LABELS, type StatusCode } from "./status";

export type Orientation = "portrait" | "landscape";
export const ORIENTATIONS = ["portrait", "landscape"] as const satisfies readonly Orientation[];

/** Status printed as words (I rute, Forsinket …) or as a traffic-light code with a legend. */
export type StatusStyle = "words" | "colours";
export const STATUS_STYLES = ["words", "colours"] as const satisfies readonly StatusStyle[];

export interface ReportDocumentOptions {
  orientation: Orientation;
  statusStyle: StatusStyle;
  /** Include a short excerpt of the letter's text under each title (left out by default). */
  includeDescription: boolean;
}

export const DEFAULT_DOCUMENT_OPTIONS: ReportDocumentOptions = { orientation: "portrait", statusStyle: "words", includeDescription: false };

/** How long the optional excerpt of the letter's text may be (characters). */
export const EXCERPT_MAX = 220;

export type Signal = "green" | "yellow" | "red";

/**
 * The traffic-light code from the status (decision 051): green = delivered or on plan, yellow =
 * some deviation (late, or not started), red = substantial deviation or not to be delivered
 * (postponed, closed without delivery).
 */
export const STATUS_SIGNAL: Record<StatusCode, Signal> = {
  fullfort: "green",
  i_rute: "green",
  forsinket: "yellow",
  ikke_startet: "yellow",
  utsatt: "red",
  avsluttet: "red",
};

export const SIGNALS: Record<Signal, { word: string; meaning: string; fill: string; text: string }> = {
  green: { word: "Grønn", meaning: "levert eller i henhold til plan", fill: "C6EFCE", text: "0B5A1F" },
  yellow: { word: "Gul", meaning: "noe avvik fra plan", fill: "FFEB9C", text: "6B4E00" },
  red: { word: "Rød", meaning: "vesentlig avvik, eller vil trolig ikke bli levert", fill: "FFC7CE", text: "8A0A16" },
};

export interface LegendEntry {
  signal: Signal;
  word: string;
  fill: string;
  text: string;
  /** "levert eller i henhold til plan (Fullført, I rute)" */
  meaning: string;
}

/** The legend for the colour code: each colour, its meaning and the statuses it stands for. */
export function statusLegend(): LegendEntry[] {
  return (Object.keys(SIGNALS) as Signal[]).map((signal) => {
    const statuses = STATUS_CODES.filter((s) => STATUS_SIGNAL[s] === signal).map((s) => STATUS_LABELS[s]);
    const { word, meaning, fill, text } = SIGNALS[signal];
    return { signal, word, fill, text, meaning: `${meaning} (${statuses.join(", ")})` };
  });
}

/** A paragraph inside a cell: plain, a small grey note, or the missing-explanation warning. */
export interface CellParagraph {
  text: string;
  kind: "plain" | "note" | "excerpt" | "missing";
}

export interface DocumentRow {
  id: string;
  /** Title, then notes (departments, the supplementary letter, the optional excerpt). */
  title: CellParagraph[];
  /** One line per deadline. */
  deadline: string[];
  status: { text: string; fill: string | null; color: string | null };
  comment: CellParagraph[];
}

export interface DocumentArea {
  heading: string;
  /** The area's Samlet vurdering, paragraph by paragraph; empty when none is written. */
  assessment: string[];
  rows: DocumentRow[];
}

export const DOCUMENT_COLUMNS = [
  { key: "id", header: "ID", share: 13 },
  { key: "title", header: "Oppdrag", share: 31 },
  { key: "deadline", header: "Frist", share: 14 },
  { key: "status", header: "Status", share: 12 },
  { key: "comment", header: "Kommentar", share: 30 },
] as const;

/** A4 in twips, and the margins both renderers use. */
export const PAGE = { width: 11906, height: 16838, marginX: 850, marginTop: 1000, marginBottom: 1000 } as const;

/** Font sizes in points: body text, table text, notes inside cells. */
export const FONT = { body: 10, table: 9, note: 8 } as const;

export interface ReportDocument {
  title: string;
  /** "Status per 31. desember 2023. 98 oppdrag: …" */
  intro: string;
  draft: boolean;
  orientation: Orientation;
  statusStyle: StatusStyle;
  legend: LegendEntry[] | null;
  /** Status counts over the whole report, in status order (statuses with no assignment left out). */
  summary: Array<{ label: string; count: number; fill: string | null; color: string | null }>;
  columns: Array<{ key: (typeof DOCUMENT_COLUMNS)[number]["key"]; header: string; width: number }>;
  /** The text width in twips (page width minus margins) for the orientation. */
  textWidth: number;
  areas: DocumentArea[];
}

/** The text width in twips for an orientation. */
export function textWidth(orientation: Orientation): number {
  return (orientation === "portrait" ? PAGE.width : PAGE.height) - 2 * PAGE.marginX;
}

/** Column widths in twips that add up to the text width exactly. */
export function columnWidths(total: number): number[] {
  const widths = DOCUMENT_COLUMNS.map((c) => Math.floor((total * c.share) / 100));
  widths[widths.length - 1] += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Paragraphs of a free text: blank lines separate paragraphs, single line breaks are kept as spaces. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

function statusCell(status: StatusCode, style: StatusStyle): DocumentRow["status"] {
  if (style === "words") return { text: STATUS_LABELS[status], fill: null, color: null };
  const s = SIGNALS[STATUS_SIGNAL[status]];
  return { text: s.word, fill: s.fill, color: s.text };
}

function documentRow(r: ReportRow, options: ReportDocumentOptions): DocumentRow {
  const title: CellParagraph[] = [{ text: r.title, kind: "plain" }];
  if (r.departments) title.push({ text: `Avdeling: ${r.departments}`, kind: "note" });
  if (r.letterNote) title.push({ text: r.letterNote, kind: "note" });
  if (options.includeDescription && r.description) title.push({ text: shorten(r.description, EXCERPT_MAX), kind: "excerpt" });
  const comment: CellParagraph[] = r.comment
    ? paragraphs(r.comment).map((text) => ({ text, kind: "plain" as const }))
    : r.explanationMissing
      ? [{ text: "Mangler forklaring", kind: "missing" }]
      : [];
  return {
    id: r.id,
    title,
    deadline: r.deadline ? r.deadline.split("; ") : [],
    status: statusCell(r.status, options.statusStyle),
    comment,
  };
}

/** The report as a document for the Word and PDF renderers. */
export function buildReportDocument(report: Report, options: ReportDocumentOptions = DEFAULT_DOCUMENT_OPTIONS): ReportDocument {
  const width = textWidth(options.orientation);
  const widths = columnWidths(width);
  const counts = new Map<StatusCode, number>();
  for (const area of report.areas) for (const r of area.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const summary = STATUS_CODES.filter((s) => counts.has(s)).map((s) => {
    const cell = statusCell(s, options.statusStyle);
    return {
      label: options.statusStyle === "words" ? STATUS_LABELS[s] : `${STATUS_LABELS[s]} (${cell.text.toLowerCase()})`,
      count: counts.get(s) ?? 0,
      fill: cell.fill,
      color: cell.color,
    };
  });
  return {
    title: report.title,
    intro: `Status per ${formatDateLong(report.asOfDate)} for ${report.rowCount} oppdrag i ${report.areas.length} ${report.areas.length === 1 ? "område" : "områder"}.`,
    draft: report.draft,
    orientation: options.orientation,
    statusStyle: options.statusStyle,
    legend: options.statusStyle === "colours" ? statusLegend() : null,
    summary,
    columns: DOCUMENT_COLUMNS.map((c, i) => ({ key: c.key, header: c.header, width: widths[i] })),
    textWidth: width,
    areas: report.areas.map((area) => ({
      heading: area.heading,
      assessment: paragraphs(area.assessment),
      rows: area.rows.map((r) => documentRow(r, options)),
    })),
  };
}
