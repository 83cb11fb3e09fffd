/**
 * The parser's state (parse.ts runs the phases over it, in order; each reads what earlier phases set
 * and sets its own part): lines (createParseState) → letters → headings → definitions, lists,
 * events → areas and goals → boundaries → blocks → assignments → events → without ID → later
 * letters → warnings → output. Also the line model: trimmed lines, with page footers, URLs and
 * letterhead marked as noise.
 */
import type { SupplementSection } from "../later-letters";
import { departmentCodesByName, namesInText, type NamedDepartment } from "../departments";
import { normaliseLetterText } from "../normalise";
import type { TableRowCells } from "../tables";
import type { LetterKind, ParseResult, ParseWarning, ParsedAssignment, ParsedEvent } from "../types";

export interface SourceLine {
  /** 1-based line number. */
  no: number;
  /** Trimmed text. */
  text: string;
  blank: boolean;
  /** Page footer, URL, mailto, letterhead: not content. */
  noise: boolean;
  /** The line opens a page: a form feed before it (`pdftotext` writes a page break so). */
  pageStart?: boolean;
}

/** A page number on a line of its own: "Side 2", "Side 2 av 14", "Side 2/4", and other templates' "2 av 14", "- 3 -". */
export function isPageNumber(t: string): boolean {
  return /^Side\s+\d{1,4}(?:\s*(?:av|of|\/)\s*\d{1,4})?$/i.test(t) || /^\d{1,3}\s+av\s+\d{1,3}$/.test(t) || /^[-–]\s?\d{1,3}\s?[-–]$/.test(t);
}

/**
 * An ID a narrow table column broke after its hyphen ("TB2025-" / "01", as Word and LibreOffice
 * wrap a cell): the number goes back onto the ID's line, and the next line keeps the rest (blank
 * when nothing is left). Line numbers stay as they are.
 */
function joinSplitIds(lines: SourceLine[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const t = lines[i].text;
    // Broken after its hyphen ("TB2025-" / "01"), or after a leading zero ("TB2025-0" / "1": no ID is number 0).
    if (!/-0?$/.test(t) || !/(?:^|\s)(?:T?TB\s?-?\s?\d{4}|ID\s*:?\s*\d{4})\s?-0?$/.test(t)) continue;
    const m = /^(\d{1,3})(?!\d)\s*(.*)$/.exec(lines[i + 1].text);
    if (!m) continue;
    lines[i].text = `${t}${m[1]}${m[2] ? ` ${m[2]}` : ""}`;
    lines[i + 1].text = "";
    lines[i + 1].blank = true;
  }
}

function markNoise(lines: SourceLine[]): void {
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const t = lines[i].text;
    if (t === "") continue;
    if (
      isPageNumber(t) ||
      /^(?:https?:\/\/|www\.)\S*$/i.test(t) ||
      /^mailto:/i.test(t) ||
      /^(?:Ifølge liste|Adresseliste|Kopi|Dokumentet er elektronisk (?:signert|godkjent).*)$/i.test(t) ||
      /^(?:Postadresse|Kontoradresse|Besøksadresse|Telefon\*?|Org\.?\s?nr\.?|Saksbehandler|Sakshandsamar|(?:Deres|Dykkar)\s+ref(?:eranse)?\.?)\s*:?$/i.test(t)
    ) {
      lines[i].noise = true;
      continue;
    }
    if (/^Postboks\s+\d+/i.test(t)) {
      lines[i].noise = true;
      // The addressee just above ("Helsedirektoratet") and the postcode lines just below.
      for (let k = i - 1, seen = 0; k >= 0 && seen < 2; k--) {
        if (lines[k].blank) continue;
        seen++;
        if (/^[\p{Lu}][\p{L}-]*(?:\s[\p{L}-]+){0,2}$/u.test(lines[k].text) && lines[k].text.length <= 40) {
          lines[k].noise = true;
        }
        break;
      }
      for (let k = i + 1, seen = 0; k < n && seen < 3; k++) {
        if (lines[k].blank) continue;
        seen++;
        if (/^(?:\d{4}\s+\p{L}[\p{L} -]*|Skøyen|Dep)$/u.test(lines[k].text)) lines[k].noise = true;
        else break;
      }
    }
  }
}

export interface Letter {
  start: number; // 0-based index
  end: number; // inclusive
  title: string | null;
  titleLine: number | null; // 0-based
  titleEnd: number | null; // 0-based, last line of the title
  kind: LetterKind;
  year: number;
  date: string | null;
  reference: string | null;
}

export interface Heading {
  idx: number;
  code: string;
  level: number;
  title: string;
  letter: number;
}

export interface Def {
  idx: number;
  id: string;
  idYear: number;
  letter: number;
  hasLabel: boolean;
  rest: string; // text after the ID on the line
  /** A row of a table of assignments with IDs: its cells. */
  cells?: TableRowCells;
  /** The ID ends the title line ("Title (TB2025-5)"). */
  trailing?: boolean;
}

export interface ListEntry {
  id: string;
  title: string;
  idx: number;
  letter: number;
}

export interface AreaSpan {
  code: string;
  name: string;
  start: number;
  end: number;
}

interface EventLine {
  idx: number;
  target: string;
  letter: number;
}

export interface DeadlineRow {
  idx: number;
  id: string;
  letter: number;
  /** The row's cells as read: its title, the old deadline cell and the last one (the new deadline). */
  title: string;
  previous: string | null;
  deadline: string | null;
}

export interface GoalLine {
  idx: number;
  code: string;
  title: string;
}

export interface ParseState {
  text: string;
  lines: SourceLine[];
  n: number;
  warnings: ParseWarning[];
  result: ParseResult;
  /** Line i is neither blank nor noise. */
  content: (i: number) => boolean;
  letters: Letter[];
  letterOf: (idx: number) => number;
  headings: Heading[];
  headingAt: Map<number, Heading>;
  defs: Def[];
  defAt: Map<number, Def>;
  listEntries: ListEntry[];
  eventLines: EventLine[];
  /** Rows of a table of changed deadlines ("ID Oppdrag Opprinnelig frist Ny frist"): the new deadline cell of each. */
  deadlineRows: DeadlineRow[];
  areaSpans: AreaSpan[];
  goalLines: GoalLine[];
  areaAtLine: (idx: number) => AreaSpan | null;
  suppAreaHeadings: Map<number, string | null>;
  suppSections: Map<number, SupplementSection>;
  sectionAt: (idx: number, li: number) => SupplementSection | null;
  boundary: boolean[];
  nextBoundary: (i: number, letterEnd: number) => number;
  assignments: ParsedAssignment[];
  covered: boolean[];
  events: ParsedEvent[];
  /** Line i as it stands in the normalised text, spaces kept (the columns of `pdftotext -layout`). */
  raw: (i: number) => string;
  /** The department names the letter writes, with the code beside each, if any (departments.ts). */
  departmentNames: NamedDepartment[];
  /** Department names the letter writes beside a code, lower-cased, with that code. */
  departmentCodes: Map<string, string>;
  /** The width of the text's column where a PDF wrapped its lines (the 95th percentile of line
   *  lengths), or Infinity where lines are paragraphs (a Word file's text, pasted text). */
  columnWidth: () => number;
}

/** See ParseState.columnWidth. */
function wrappedColumnWidth(lines: SourceLine[]): number {
  const lengths = lines.filter((l) => !l.blank && !l.noise).map((l) => l.text.length);
  if (lengths.length < 10) return Infinity;
  lengths.sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.95)];
  return width > 140 ? Infinity : width;
}

/** Phase "lines": the normalised text as trimmed lines, with page footers, URLs and letterhead marked as noise. */
export function createParseState(input: string, warnings: ParseWarning[] = []): ParseState {
  // The one normalisation (normalise.ts); it keeps the line structure.
  const text = normaliseLetterText(typeof input === "string" ? input : "");
  const lines: SourceLine[] = text.split("\n").map((raw, i) => {
    const t = /\s\s|[^\S ]/.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw.trim();
    return { no: i + 1, text: t, blank: t === "", noise: false, ...(raw.charCodeAt(0) === 12 ? { pageStart: true } : {}) };
  });
  const n = lines.length;
  joinSplitIds(lines);
  markNoise(lines);
  let rawLines: string[] | undefined;
  let columnWidth: number | undefined;
  const departmentNames = namesInText(text);
  const unset = (): never => {
    throw new Error("fasen er ikke kjørt");
  };
  return {
    text,
    lines,
    n,
    warnings,
    result: { letters: [], assignments: [], events: [], warnings, areas: [], goals: [], departments: [] },
    content: (i: number) => !lines[i].blank && !lines[i].noise,
    letters: [],
    letterOf: unset,
    headings: [],
    headingAt: new Map(),
    defs: [],
    defAt: new Map(),
    listEntries: [],
    eventLines: [],
    deadlineRows: [],
    areaSpans: [],
    goalLines: [],
    areaAtLine: unset,
    suppAreaHeadings: new Map(),
    suppSections: new Map(),
    sectionAt: unset,
    boundary: new Array<boolean>(n).fill(false),
    nextBoundary: unset,
    assignments: [],
    covered: new Array<boolean>(n).fill(false),
    events: [],
    departmentNames,
    departmentCodes: departmentCodesByName(departmentNames),
    raw: (i: number) => (rawLines ??= text.split("\n"))[i] ?? "",
    columnWidth: () => (columnWidth ??= wrappedColumnWidth(lines)),
  };
}

export interface Block {
  id: string;
  hasId: boolean;
  letter: number;
  start: number;
  end: number;
  inlineTitle: string;
  inlineDepts: string[];
  deptLabelSeen: boolean;
  /** The title is given (section heading, letter subject): do not extend it. */
  fixedTitle?: boolean;
  /** `start` is the block's first line of title/body, not a head line to skip (a free segment
   *  may begin on the first line of the text, where there is no line before it). */
  headless?: boolean;
  /** A row of a table of assignments with a "Frist" column (its deadline cell is its deadline). */
  tableRow?: boolean;
  /** A table row's deadline cell, read as the first line of its body. */
  cellBody?: string | null;
  /** A table row's note cells ("Kommentar", "Merknad"), read as the next line of its body. */
  cellNote?: string;
  /** Newer layout (2024–): the ID alone on its line without "ID:", then the owner line, then a
   *  one-line title. (The 2023 layout, "ID: TB2023-38" / owner / title, wraps titles.) */
  newLayout?: boolean;
}
