/**
 * Tables of assignments: the head row that names a table's columns, and the cells of a row after
 * its number or ID ("Kartlegge … 1. mai 2025 FHA": title, deadline cell, owner codes). Used for
 * tables with IDs (phases/definitions.ts) and without (decision 090), in every extraction
 * (phases/table-rows.ts, decision 098). Pure.
 */
import { findDatePhrases } from "./dates";
import type { ParsedDeadline } from "./types";

/** A reporting point written in a deadline cell instead of a date ("Årsrapporten", "I årsrapporten", "Løpende"). */
const REPORTING_POINT = String.raw`(?:(?:[Ii]|[Ii]nnen|[Mm]ed|[Vv]ed)\s+)?(?:[Åå]rsrapport(?:en)?|[Tt]ertialrapport(?:en|ene)?)|[Ll]øpende|[Ff]ortløpende|[Aa]vtales(?:\s+nærmere)?`;
const RE_REPORTING_CELL = new RegExp(String.raw`\s+(?:${REPORTING_POINT})\s*$`, "iu");
const OWNER_CODES = String.raw`[A-ZÆØÅ]{2,5}(?:\s*(?:\/|,|&)\s*[A-ZÆØÅ]{2,5})*`;
const RE_OWNER_CELL = new RegExp(String.raw`\s+(${OWNER_CODES})\s*$`, "u");
const RE_OWNER_CODES_ONLY = new RegExp(String.raw`^(${OWNER_CODES})\.?$`, "u");
const RE_REPORTING_POINT_ONLY = new RegExp(String.raw`^(?:${REPORTING_POINT})\.?$`, "iu");
/** A line that can only be a cell of a row (what a PDF puts on lines of its own): a date or number, lower-case words the cell wrapped onto, owner codes, a reporting point. */
const RE_CELL_LINE = new RegExp(String.raw`^(?:[\p{Ll}\d]|(?:${OWNER_CODES})\.?$|(?:${REPORTING_POINT})\.?$)`, "u");

/**
 * The deadline a deadline cell gives when it names a reporting point instead of a date: reported
 * in the annual or tertial reports, or ongoing ("Løpende") — done within the letter's year, with
 * the cell as its phrase; "Avtales nærmere" — to be agreed. Null for any other cell.
 */
export function reportingPointDeadline(cell: string, year: number, line: number | null): ParsedDeadline | null {
  const t = cell.trim().replace(/\.$/, "");
  if (!RE_REPORTING_POINT_ONLY.test(t) || year <= 0) return null;
  if (/^Avtales/i.test(t)) return { date: null, precision: null, label: null, text: t, isDefault: false, state: "to_be_agreed", line };
  return { date: `${year}-12-31`, precision: "year", label: null, text: t, isDefault: false, state: "dated", line };
}

/** Line `t` can be a cell of the table row above it, or the part of a cell the PDF wrapped onto it. */
export function isCellLine(t: string): boolean {
  return RE_CELL_LINE.test(t);
}

export interface TableRowCells {
  title: string;
  /** The deadline cell as written (a date, or a reporting point such as "Årsrapporten"), or null. */
  deadline: string | null;
  owners: string[];
  /** The text of the columns after the deadline and owner ("Kommentar", "Merknad"), when the table has them. */
  note?: string;
}

/** A head cell of a column after the deadline (and owner) that holds neither: a comment, a reason, a status. */
export const RE_NOTE_HEAD_CELL = /(?:^|\s)(?:Kommentar(?:er)?|Merknad(?:er)?|Bemerkning(?:er)?|Begrunnelse|Status|Rapportering|Kontaktperson|Referanse|Henvisning)(?=\s|$)/u;

const RE_OWNER_CELL_START = new RegExp(String.raw`^(${OWNER_CODES})(?=\s|$)`, "u");
/** A reporting point standing as a word of its own, anywhere in a row ("… Årsrapporten BBA Ny mal"). */
const RE_REPORTING_POINT_WORD = new RegExp(String.raw`(?<=^|\s)(?:${REPORTING_POINT})(?=\s|$)`, "gu");

/** Owner codes as one cell writes them ("FHA/KTA", "BBA, KOMM"), one by one. */
function splitCodes(cell: string): string[] {
  return cell.split(/\s*(?:\/|,|&)\s*/u);
}

/**
 * A row on one line of a table with columns after its deadline: the deadline cell is the date (or
 * reporting point) that no other date follows and after which the row ends or a new cell starts
 * (owner codes when the table has them, then a capital or digit), the first such from the left, so a
 * date in the note stays in it and a date in the title, which the title's words go on after, stays there.
 */
function cellsBeforeNote(text: string, year: number, ownerColumn: boolean): TableRowCells | null {
  const dates = findDatePhrases(text, year > 0 ? year : null).map((d) => ({ index: d.index, end: d.end }));
  const points = [...text.matchAll(RE_REPORTING_POINT_WORD)].map((m) => ({ index: m.index, end: m.index + m[0].length }));
  const candidates = [...dates, ...points].sort((a, b) => a.index - b.index);
  for (const c of candidates) {
    let after = text.slice(c.end).trim();
    if (candidates.some((o) => o.index >= c.end && text.slice(c.end, o.index).trim() === "")) continue;
    let owners: string[] = [];
    const codes = ownerColumn ? RE_OWNER_CELL_START.exec(after) : null;
    if (codes) {
      owners = splitCodes(codes[1]);
      after = after.slice(codes[0].length).trim();
    }
    if (after !== "" && !/^[\p{Lu}\d«"(]/u.test(after)) continue;
    const cells: TableRowCells = { title: text.slice(0, c.index).trim(), deadline: text.slice(c.index, c.end), owners };
    if (after !== "") cells.note = after;
    return cells;
  }
  return null;
}

/**
 * A table row's cells after its number or ID ("Kartlegge … 1. mai 2025 FHA"): the owner codes that
 * end it when the table has an owner column, the deadline cell before them (a date that ends what
 * is left, or a reporting point), and the title. A table with a `noteColumn` after those may end its
 * rows in a note ("… 1. mai 2025 FHA Ses i sammenheng med TB2024-07").
 */
export function tableRowCells(text: string, year: number, ownerColumn: boolean, noteColumn = false): TableRowCells {
  let rest = text.trim();
  const withNote = noteColumn ? cellsBeforeNote(rest, year, ownerColumn) : null;
  if (withNote) return withNote;
  let owners: string[] = [];
  const owner = ownerColumn ? RE_OWNER_CELL.exec(rest) : null;
  if (owner) {
    owners = splitCodes(owner[1]);
    rest = rest.slice(0, owner.index).trim();
  }
  const last = findDatePhrases(rest, year > 0 ? year : null).at(-1);
  if (last && last.end >= rest.length) return { title: rest.slice(0, last.index).trim(), deadline: rest.slice(last.index), owners };
  const point = RE_REPORTING_CELL.exec(rest);
  if (point) return { title: rest.slice(0, point.index).trim(), deadline: point[0].trim(), owners };
  return { title: rest, deadline: null, owners };
}

/**
 * The earlier deadline cells of a table with more than one ("Opprinnelig frist", "Ny frist"),
 * which end the title's first line, taken off it: they end the row's title again once its
 * wrapped words are joined, where a row on one line has them.
 */
function earlierDeadlineCells(title: string, year: number, dateColumns: number): { titleStart: string; earlier: string[] } {
  const earlier: string[] = [];
  let titleStart = title;
  for (let c = 1; c < dateColumns; c++) {
    const cell = tableRowCells(titleStart, year, false);
    if (cell.deadline === null) break;
    earlier.unshift(cell.deadline);
    titleStart = cell.title;
  }
  return { titleStart, earlier };
}

/**
 * A row's cells from its first line and the lines below it that the PDF put the rest of its
 * cells on. Where the first line holds the title's start and the other cells ("Kartlegge behovet
 * for 1. oktober BBA", as a table laid out in columns reads once its spaces are lost), each line
 * below continues the cell it looks like: a year or date the deadline, codes the owners, a
 * reporting point the deadline, words the title. Else the lines are the row's cells in order.
 * `join` joins wrapped lines (the parser's, which mends a word hyphenated at a line's end). A table
 * with `dateColumns` deadline columns keeps the earlier ones at the title's end, where a row on one
 * line has them.
 */
export function rowCells(
  first: string,
  below: string[],
  year: number,
  ownerColumn: boolean,
  join: (parts: string[]) => string = (parts) => parts.join(" "),
  dateColumns = 1,
  noteColumn = false,
): TableRowCells {
  const head = tableRowCells(first, year, ownerColumn, noteColumn);
  if (noteColumn) return cellsWithNoteBelow(head, first, below, year, ownerColumn, join, dateColumns);
  if (below.length === 0 || (head.deadline === null && head.owners.length === 0)) return tableRowCells(join([first, ...below]), year, ownerColumn);
  const { titleStart, earlier } = earlierDeadlineCells(head.title, year, dateColumns);
  const title = [titleStart];
  const deadline = head.deadline === null ? [] : [head.deadline];
  const owners = [...head.owners];
  for (const line of below) {
    // Owner codes alone, or ending a line that goes on with the deadline ("2025 FHA").
    const codes = ownerColumn ? (RE_OWNER_CODES_ONLY.exec(line) ?? RE_OWNER_CELL.exec(line)) : null;
    if (codes) owners.push(...splitCodes(codes[1]));
    const t = codes ? line.slice(0, codes.index).trim() : line;
    if (t === "") continue;
    if (/^\d/.test(t) || RE_REPORTING_POINT_ONLY.test(t)) deadline.push(t);
    else title.push(t);
  }
  return { title: [join(title), ...earlier].join(" "), deadline: deadline.length > 0 ? deadline.join(" ") : null, owners };
}

/**
 * The cells of a row of a table with a note column, from its first line (read as `head`) and the
 * lines below it, which hold the rest of each cell in the cells' order: the title's wrapped words
 * (lower case, or any line before the deadline cell), the deadline cell or the year it wrapped
 * onto, owner codes, and after them the note.
 */
function cellsWithNoteBelow(
  head: TableRowCells,
  first: string,
  below: string[],
  year: number,
  ownerColumn: boolean,
  join: (parts: string[]) => string,
  dateColumns: number,
): TableRowCells {
  const { titleStart, earlier } = head.deadline === null ? { titleStart: first, earlier: [] } : earlierDeadlineCells(head.title, year, dateColumns);
  const title = [titleStart];
  const note = head.note ? [head.note] : [];
  let deadline = head.deadline;
  const owners = [...head.owners];
  let inNote = false;
  let dateCells = deadline === null ? 0 : 1 + earlier.length;
  const isDateCell = (line: string) => /^\d/.test(line) || RE_REPORTING_POINT_ONLY.test(line);
  for (const line of below) {
    const codes = ownerColumn && !inNote ? RE_OWNER_CODES_ONLY.exec(line) : null;
    const ownerStart = ownerColumn && owners.length === 0 ? RE_OWNER_CELL_START.exec(line) : null;
    if (inNote) note.push(line);
    else if (deadline !== null && !/^\d{4}\.?$/.test(line) && isDateCell(line) && dateCells < dateColumns && owners.length === head.owners.length) {
      // The next deadline column ("Ny frist" after "Opprinnelig frist").
      earlier.push(deadline);
      deadline = line;
      dateCells++;
    } else if (deadline === null) {
      // Still in the title: a line that holds the deadline cell, alone or after the title's last words.
      const cells = cellsBeforeNote(line, year, ownerColumn) ?? (isDateCell(line) ? { title: "", deadline: line, owners: [] } : null);
      if (cells?.title) title.push(cells.title);
      if (!cells) title.push(line);
      deadline = cells?.deadline ?? null;
      if (deadline !== null) dateCells++;
      owners.push(...(cells?.owners ?? []));
      if (cells?.note) {
        note.push(cells.note);
        inNote = true;
      }
    } else if (codes) owners.push(...splitCodes(codes[1]));
    else if (ownerStart) {
      // The owner cell and the note's first words on one line ("KOMM Videreført fra 2024").
      owners.push(...splitCodes(ownerStart[1]));
      note.push(line.slice(ownerStart[0].length).trim());
      inNote = true;
    } else if (/^\d{4}\.?$/.test(line) && !/\d{4}/.test(deadline)) deadline = `${deadline} ${line}`;
    else if (/^\p{Ll}/u.test(line)) title.push(line);
    else {
      note.push(line);
      inNote = true;
    }
  }
  const cells: TableRowCells = { title: [join(title), ...earlier].join(" "), deadline, owners };
  if (note.length > 0) cells.note = join(note);
  return cells;
}

/** A line of `pdftotext -layout` text as its cells: runs of text set apart by two or more spaces, each with its column. */
function layoutCells(raw: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  for (const m of raw.matchAll(/\S+(?: \S+)*/g)) out.push({ at: m.index, text: m[0] });
  return out;
}

/** The spaces a line starts with. */
export function indentOf(raw: string): number {
  return /^ */.exec(raw)?.[0].length ?? 0;
}

/** Whether a line is laid out in columns, as `pdftotext -layout` writes a table row: cells set apart by two or more spaces. */
export function isLayoutRow(raw: string): boolean {
  return /\S {2,}\S/.test(raw.trim());
}

/**
 * A table row that `pdftotext -layout` wrote over several lines, its cells joined column by column:
 * the row line ("TB2025-01  Kartlegge behovet for      1. juni 2025  BBA") and the lines below it,
 * where each piece of text stands under the cell it continues ("           startlån blant unge").
 * Each piece goes to the column that starts nearest at or before it.
 */
export function joinLayoutRow(rowRaw: string, belowRaw: string[]): string {
  const columns = layoutCells(rowRaw).map((c) => ({ at: c.at, parts: [c.text] }));
  for (const raw of belowRaw) {
    for (const cell of layoutCells(raw)) {
      let col = 0;
      for (let c = 0; c < columns.length; c++) if (columns[c].at <= cell.at + 1) col = c;
      columns[col].parts.push(cell.text);
    }
  }
  return columns.map((c) => c.parts.join(" ")).join(" ");
}
