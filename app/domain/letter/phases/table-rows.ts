/**
 * The rows of a table of assignments as a PDF's text gives them: a row on one line, wrapped onto
 * the lines below it, its cells on lines of their own (with blank lines between, as pdftotext
 * sets them apart), or laid out in columns (`pdftotext -layout`). Shared by tables with IDs
 * (definitions.ts) and numbered tables without (without-id.ts).
 */
import { idAtLineStart } from "../line-ids";
import { type TableRowCells, RE_NOTE_HEAD_CELL, indentOf, isCellLine, isLayoutRow, joinLayoutRow, rowCells, tableRowCells } from "../tables";
import { RE_CLOSING, joinWrapped } from "./patterns";
import type { ParseState } from "./state";

/** A table of assignments: whether it has a column of owning departments or of new deadlines, and the head's last line. */
export interface TableHead {
  ownerColumn: boolean;
  /** A table of changed deadlines: a column for the new deadline ("Ny frist") beside the old. */
  changes: boolean;
  /** Columns after the deadline and owner that hold neither ("Kommentar", "Merknad", "Begrunnelse"). */
  notes: boolean;
  last: number;
}

/** The head of a table of assignments, its cells joined: "ID Oppdrag Frist Ansvarlig avdeling", "Nr. Tittel Frist", and without a number column "Oppdrag Frist". */
const RE_TABLE_HEAD = /^(?:(?:ID|Nr\.?|Nummer)\s+)?(?:Oppdrag(?:et)?|Tittel|Beskrivelse)\b.{0,60}\bFrist\b/i;
const RE_OWNER_HEAD_CELL = /\b(?:Ansvarl[ie]g|Avd\.?|Avdeling|Eier)/i;
/** The head cell of a new deadline beside the old: "Ny frist", "Endret frist", "Utsatt til". */
const RE_NEW_DEADLINE_CELL = /\b(?:(?:ny|nye|endret|endra|revidert)\s+frist|utsatt\s+til)\b/i;

/** A head cell on a line of its own after "Frist": an owner column, a new deadline or a note. */
function isHeadCell(t: string): boolean {
  return t.length <= 30 && /^\p{Lu}/u.test(t) && (RE_OWNER_HEAD_CELL.test(t) || RE_NEW_DEADLINE_CELL.test(t) || RE_NOTE_HEAD_CELL.test(t));
}

/**
 * The head of a table of assignments at line `i` (up to `end`), with an ID or number column
 * (`numbered`) or perhaps without: its cells on one line ("ID Oppdrag Frist Ansvarlig"), or on
 * lines of their own, blank lines between ("ID" / "Oppdrag" / "Frist" / "Ansvarlig" /
 * "avdeling", as pdftotext gives them). Its last line takes in a head cell's wrapped word below it.
 */
export function tableHeadAt(st: ParseState, end: number, i: number, numbered: boolean): TableHead | null {
  const { lines } = st;
  const t = lines[i].text;
  if (t.length > 120 || !(/^(?:ID|Nr\.?|Nummer)\b/i.test(t) || (!numbered && /^Oppdrag(?:et)?\b/i.test(t)))) return null;
  let joined = t;
  let last = i;
  for (let k = i + 1; !RE_TABLE_HEAD.test(joined) && k <= end && k <= i + 8; k++) {
    if (lines[k].blank || lines[k].noise) continue;
    if (lines[k].text.length > 40 || idAtLineStart(lines[k].text) !== null) return null;
    joined += ` ${lines[k].text}`;
    last = k;
  }
  if (!RE_TABLE_HEAD.test(joined) || (numbered && !/^(?:ID|Nr\.?|Nummer)\s/i.test(joined))) return null;
  // The cells after "Frist" on lines of their own ("Ansvarlig" / "avdeling", "Ny frist", "Merknad"),
  // and the words a cell wrapped onto.
  for (;;) {
    const next = nextContentLine(st, last, end);
    if (next !== null && isHeadCell(lines[next].text)) {
      last = next;
      continue;
    }
    const wrapped = headWrappedOnto(st, end, last);
    if (wrapped === last) break;
    last = wrapped;
  }
  const head = lines.slice(i, last + 1).map((x) => x.text).join(" ");
  const afterDeadline = head.slice(head.search(/\bFrist\b/i));
  const ownerColumn = RE_OWNER_HEAD_CELL.test(afterDeadline);
  const changes = RE_NEW_DEADLINE_CELL.test(head);
  return { last, ownerColumn, changes, notes: RE_NOTE_HEAD_CELL.test(afterDeadline) };
}

function nextContentLine(st: ParseState, i: number, end: number): number | null {
  for (let k = i + 1; k <= end && k <= i + 3; k++) if (!st.lines[k].blank && !st.lines[k].noise) return k;
  return null;
}

/** The last line of a head whose cells wrapped onto a line or two below it ("avdeling", "(dato)"): short, no digit, no ID. */
function headWrappedOnto(st: ParseState, end: number, i: number): number {
  let last = i;
  for (let k = i + 1; k <= end && k <= i + 2; k++) {
    const t = st.lines[k].text;
    if (st.lines[k].blank || st.lines[k].noise || t.length > 30 || /\d/.test(t) || idAtLineStart(t) !== null || st.headingAt.has(k)) break;
    last = k;
  }
  return last;
}

/** The longest line a note column's cell wraps to (its column is a fraction of the page). */
const NOTE_LINE_MAX = 45;

/**
 * The lines below row `i` (up to `end`) that hold the rest of its cells, up to the next row
 * (`isRowStart`). A row whose first line has nothing after its ID or number (`cellPerLine`) has
 * its title on the next line with text, then its other cells (a date, a year, owner codes, a
 * reporting point) and the words they wrapped onto, blank lines between or not; a row on
 * one line goes on where the PDF wrapped it or put a cell on a line of its own (a date, lower case,
 * owner codes, a reporting point), also across blank lines; laid out in columns, on every line
 * whose text stands to the right of the first column.
 */
export function rowLinesBelow(st: ParseState, end: number, i: number, cellPerLine: boolean, isRowStart: (t: string) => boolean, notes = false): number[] {
  const { lines } = st;
  const out: number[] = [];
  const layout = isLayoutRow(st.raw(i));
  let titleSeen = false;
  for (let k = i + 1; k <= end && k <= i + 20 && out.length < 8; k++) {
    if (lines[k].noise || lines[k].blank) continue;
    const t = lines[k].text;
    if (st.headingAt.has(k) || isRowStart(t) || RE_CLOSING.test(t)) break;
    const wrapped = /^\p{Ll}/u.test(t);
    // A cell per line: the title first (any text), then cells (a date, a year, codes, a reporting point) and wrapped words.
    // A note column is narrow: its lines are short, a paragraph after the table is not.
    const goesOn = cellPerLine
      ? wrapped || isCellLine(t) || (!titleSeen && !(lines[k - 1].blank && t.length > 120)) || (notes && t.length <= NOTE_LINE_MAX)
      : isCellLine(t) || (layout && indentOf(st.raw(k)) > indentOf(st.raw(i)) + 1) || (notes && !layout && t.length <= NOTE_LINE_MAX);
    if (!goesOn) break;
    if (!wrapped) titleSeen = true;
    out.push(k);
  }
  return out;
}

/**
 * Row `i`'s cells, from its text after its ID or number (`first`) and the lines `below` it. Laid
 * out in columns (the row's cells set apart by spaces, the text below it indented past the first
 * column), each piece of text below joins the cell it stands under, and `strip` takes the ID or
 * number off the joined row; else each line below continues the cell it looks like (`rowCells`).
 */
export function rowCellsAt(
  st: ParseState,
  i: number,
  first: string,
  below: number[],
  strip: (joined: string) => string | null,
  year: number,
  ownerColumn: boolean,
  dateColumns = 1,
  notes = false,
): TableRowCells {
  const layout = isLayoutRow(st.raw(i)) && (below.length === 0 ? notes : below.every((k) => indentOf(st.raw(k)) > indentOf(st.raw(i)) + 1));
  const joined = layout ? strip(joinLayoutRow(st.raw(i), below.map((k) => st.raw(k)))) : null;
  return joined !== null
    ? tableRowCells(joined, year, ownerColumn, notes)
    : rowCells(first, below.map((k) => st.lines[k].text), year, ownerColumn, joinWrapped, dateColumns, notes);
}
