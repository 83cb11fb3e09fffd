/**
 * Phase "definitions": where an assignment is defined (an ID where a block starts, a row of an ID
 * table), the opening list of a later letter, and event lines ("Utsettelse av …").
 */
import { idIdentity, isPlainForm } from "../ids";
import { type LineId, idAfterLabel, idAtLineEnd, idAtLineStart, listIdAt } from "../line-ids";
import { endsSentence, RE_BUDGET_HEADING, RE_CLOSING, RE_SENTENCE_PUNCTUATION_END, RE_DEPT_LABEL, RE_DEPT_LINE, RE_POSTPONEMENT_HEAD, RE_SUPPLEMENTARY_TITLE, RE_TITLE_CONTINUES, joinWrapped } from "./patterns";
import type { DeadlineRow, Def, Letter, ListEntry, ParseState } from "./state";
import { tableRowCells } from "../tables";
import { type TableHead, rowCellsAt, rowLinesBelow, tableHeadAt } from "./table-rows";
import { endsWithOwner } from "./blocks";

/**
 * A row of a table of assignments with IDs at line `i` ("TB2025-01 Kartlegge … 1. mai 2025 FHA"),
 * its cells joined with the lines the PDF put them on (table-rows.ts). Null when the line is no
 * row: the table has ended.
 */
function tableRowAt(st: ParseState, l: Letter, i: number, table: TableHead): Omit<Def, "letter"> | null {
  const at = st.headingAt.has(i) ? null : idAtLineStart(st.lines[i].text);
  if (!at) return null;
  // In a table with a note column, an ID of another year than the row's is a reference the note wrapped onto a line of its own.
  const isRow = (t: string) => {
    const next = idAtLineStart(t);
    return next !== null && (!table.notes || next.idYear === at.idYear);
  };
  const below = rowLinesBelow(st, l.end, i, at.rest === "", isRow, table.notes);
  // The row's lines are its cells, not an assignment's text.
  for (const k of below) st.lines[k].noise = true;
  const cells = rowCellsAt(st, i, at.rest, below, (joined) => idAtLineStart(joined)?.rest ?? null, l.year, table.ownerColumn, table.changes ? 2 : 1, table.notes);
  return { idx: i, id: at.id, idYear: at.idYear, hasLabel: true, rest: at.rest, cells };
}

/** A row of a table of changed deadlines: its title without the old deadline cell, and the new deadline cell. */
function deadlineRow(row: Omit<Def, "letter">, letter: number, year: number): DeadlineRow {
  const old = tableRowCells(row.cells?.title ?? "", year, false);
  return { idx: row.idx, id: row.id, letter, title: old.title, previous: old.deadline, deadline: row.cells?.deadline ?? null };
}

/**
 * Whether the ID at the start of line `i` defines an assignment. "ID: …" always does. A TB-form ID
 * without label, or after "Oppdrag", does when it stands where a block can start (after a sentence
 * end, blank line or heading, or with its owner line right below it), goes on with a title (a
 * capital, not a verb), and has the letter's year. A plain form after "ID" without colon needs a
 * block start and a capital.
 */
function definitionAt(st: ParseState, l: Letter, i: number, at: LineId): Omit<Def, "letter"> | null {
  const { lines } = st;
  const { id, idYear, rest } = at;
  const plain = isPlainForm(id);
  if (at.label === "ID:" || (at.label === "ID" && !plain)) {
    // "… i tildelingsbrevet for 2023 / ID: TB2023-14 fått følgende oppdrag": a sentence the PDF wrapped.
    if (/^\p{Ll}/u.test(rest) && !prevBoundaryOk(st, i, l.start)) return null;
    return { idx: i, id, idYear, hasLabel: true, rest };
  }
  if (at.label === "ID") return prevBoundaryOk(st, i, l.start) && /^[\p{Lu}«"“]/u.test(rest) ? { idx: i, id, idYear, hasLabel: true, rest } : null;
  // The newer layout's head: the ID alone on its line, the owner line next, or the owner
  // right after the ID ("TB2026-9 Avd. HOD: HRA Høringsnotat …", the head row of a table).
  // That is a definition whatever stands above it (a sentence without a full stop, a list item).
  // (A PDF may put a blank line between the cells of that head.)
  let below = i + 1;
  while (below <= l.end && below <= i + 3 && (lines[below].blank || lines[below].noise)) below++;
  const ownerNext = (rest === "" && below <= l.end && RE_DEPT_LINE.test(lines[below].text)) || RE_DEPT_LINE.test(rest);
  if (!ownerNext && !prevBoundaryOk(st, i, l.start)) return null;
  if (rest !== "" && !/^[\p{Lu}\d(«"“]/u.test(rest) && !RE_DEPT_LABEL.test(rest)) return null;
  // An earlier year's ID heads a block only in a later letter ("TB2025-115 <title>" in a
  // supplementary letter of 2026), after a blank line or a heading, with a title on the line.
  const earlierYearHeading = idYear < l.year && !!l.title && RE_SUPPLEMENTARY_TITLE.test(l.title) && rest !== "" && headingAbove(st, i, l.start);
  if (l.year > 0 && idYear !== l.year && !earlierYearHeading) return null;
  if (/^\S+\s+(?:skal|er|ble|har|vil|må|bes|ber|viser|vises|gjelder)(?![\p{L}\d])/u.test(rest) && !RE_DEPT_LABEL.test(rest)) return null;
  return { idx: i, id, idYear, hasLabel: false, rest };
}

const RE_SENTENCE_VERB =
  /(?<![\p{L}\d])(?:skal|skulle|vises|viser|vist|er|var|ble|blir|vert|har|hadde|vil|må|bes|ber|kan|gjelder|følger|inngår|omfatter|knyttes|ses|sees)(?![\p{L}\d])/iu;

/** A title line that ends in its ID defines the assignment where a block can start, in the letter's year. */
function titledDefinitionAt(st: ParseState, l: Letter, i: number, at: LineId): Omit<Def, "letter"> | null {
  if (!prevBoundaryOk(st, i, l.start) && !st.headingAt.has(i)) return null;
  // A sentence that ends in a reference ("Det vises til oppdraget om dette (TB2025-5).") is no title.
  if (RE_SENTENCE_VERB.test(at.rest) || /\b(?:jf|se|jfr)\.?\s*$/i.test(at.rest)) return null;
  if (l.year > 0 && at.idYear !== l.year && !(l.title && RE_SUPPLEMENTARY_TITLE.test(l.title))) return null;
  return { idx: i, id: at.id, idYear: at.idYear, hasLabel: true, rest: at.rest, trailing: true };
}

/** Whether a block can start at line `i`: after a sentence end, blank line, noise, heading, owner line, budget heading or short capitalised line. */

function prevBoundaryOk(st: ParseState, i: number, letterStart: number): boolean {
  const { lines, headingAt } = st;
  if (i === letterStart) return true;
  if (i === 0 || lines[i - 1].blank || lines[i - 1].noise) return true;
  const p = lines[i - 1].text;
  if (RE_SENTENCE_PUNCTUATION_END.test(p)) return endsSentence(p);
  if (headingAt.has(i - 1) || RE_DEPT_LINE.test(p) || endsWithOwner(p) || RE_BUDGET_HEADING.test(p) || RE_CLOSING.test(p)) return true;
  return p.length <= 60 && !RE_TITLE_CONTINUES.test(p) && /^\p{Lu}/u.test(withoutSectionNumber(p));
}

/** "2. Nye oppdrag" → "Nye oppdrag": a later letter's numbered section heading reads as its words. */
function withoutSectionNumber(t: string): string {
  return t.replace(/^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+/, "");
}

/**
 * Line `i` stands under a blank line, a heading, a label ("Presisering av tidligere oppdrag:") or
 * the owner line that closes the block above: where a later letter's block can start also when
 * the text has no blank lines (pasted from a PDF viewer). Not after a sentence.
 */
function headingAbove(st: ParseState, i: number, letterStart: number): boolean {
  const { lines, headingAt } = st;
  if (i === letterStart || i === 0 || lines[i - 1].blank || lines[i - 1].noise) return true;
  const p = lines[i - 1].text;
  if (headingAt.has(i - 1) || RE_DEPT_LINE.test(p) || endsWithOwner(p)) return true;
  return p.length <= 80 && /^\p{Lu}/u.test(withoutSectionNumber(p)) && !/[.!?;,]$/.test(p) && !RE_TITLE_CONTINUES.test(p.replace(/:$/, ""));
}

/** Phase "definitions, lists, events": ID lines that start assignments, opening-list entries, postponement headings; letter kinds. */
export function phaseDefinitions(st: ParseState): void {
  const { lines, warnings, content, letters } = st;
  const defs: Def[] = [];
  const listEntries: ListEntry[] = [];
  const eventLines: { idx: number; target: string; letter: number }[] = [];
  letters.forEach((l, li) => {
    let table: TableHead | null = null;
    for (let i = l.start; i <= l.end; i++) {
      if (!content(i)) continue;
      const t = lines[i].text;
      const head = tableHeadAt(st, l.end, i, true);
      if (head) {
        table = head;
        i = head.last;
        continue;
      }
      if (table) {
        const row = tableRowAt(st, l, i, table);
        // A row of a table of changed deadlines changes an assignment; it defines none.
        if (row && table.changes) st.deadlineRows.push(deadlineRow(row, li, l.year));
        else if (row) defs.push({ ...row, letter: li });
        if (row) continue;
        table = null;
      }
      const list = listIdAt(t);
      if (list) {
        listEntries.push({ id: list.id, title: listEntryTitle(st, l, i, list.rest), idx: i, letter: li });
        continue;
      }
      const ev = RE_POSTPONEMENT_HEAD.exec(t);
      const evTarget = ev ? idAfterLabel(t.slice(ev[0].length)) : null;
      if (evTarget) {
        eventLines.push({ idx: i, target: evTarget, letter: li });
        continue;
      }
      const at = idAtLineStart(t);
      if (!at) {
        if (/^ID\s*[:.]/i.test(t)) warnings.push({ line: lines[i].no, message: `Linjen starter med «ID:», men fant ingen gyldig oppdrags-ID: «${t.slice(0, 60)}»` });
        const end = idAtLineEnd(t);
        const def = end ? titledDefinitionAt(st, l, i, end) : null;
        if (def) defs.push({ ...def, letter: li });
        continue;
      }
      const def = definitionAt(st, l, i, at);
      if (def) defs.push({ ...def, letter: li });
    }
  });
  dropReferences(defs);
  setLetterKinds(st, defs);
  st.defs = defs;
  st.listEntries = listEntries;
  st.eventLines = eventLines;
  st.defAt = new Map<number, Def>(defs.map((d) => [d.idx, d]));
}

/** The title of an opening-list entry: the rest of its line and the lower-case lines it wrapped onto (across at most two blank lines). */
function listEntryTitle(st: ParseState, l: Letter, i: number, rest: string): string {
  const { lines } = st;
  const parts = [rest];
  for (let k = i + 1, blanks = 0; k <= l.end && parts.length < 4; k++) {
    if (lines[k].blank || lines[k].noise) {
      if (++blanks > 2) break;
      continue;
    }
    if (!/^\p{Ll}/u.test(lines[k].text)) break;
    parts.push(lines[k].text);
    blanks = 0;
  }
  return joinWrapped(parts);
}

/**
 * Drops what only looks like a definition: a title ending in an ID the same letter defines at a
 * line's start is a reference to it; a table row whose ID the letter also gives a block of its own
 * is an overview of the blocks.
 */
function dropReferences(defs: Def[]): void {
  const keyOf = (d: Def) => `${d.letter} ${idIdentity(d.id)}`;
  const leading = new Set(defs.filter((d) => !d.trailing).map(keyOf));
  const blocks = new Set(defs.filter((d) => !d.trailing && !d.cells).map(keyOf));
  for (let k = defs.length - 1; k >= 0; k--) {
    if ((defs[k].trailing && leading.has(keyOf(defs[k]))) || (defs[k].cells && blocks.has(keyOf(defs[k])))) defs.splice(k, 1);
  }
}

/** Each letter's kind: supplementary by its subject, or a later letter without one, or one with only TTB IDs; else main. */
function setLetterKinds(st: ParseState, defs: Def[]): void {
  st.letters.forEach((l, li) => {
    const ds = defs.filter((d) => d.letter === li);
    if (l.title && RE_SUPPLEMENTARY_TITLE.test(l.title)) l.kind = "supplementary";
    else if (li > 0 && !l.title) l.kind = "supplementary";
    else if (!l.title && ds.length > 0 && ds.every((d) => d.id.startsWith("TTB"))) l.kind = "supplementary";
    else l.kind = "main";
  });
}
