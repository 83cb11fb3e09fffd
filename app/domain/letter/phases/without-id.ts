/** Phase "without ID": assignments a letter gives without an ID (numbered or bulleted under an "Oppdrag" heading, "Ansvarlig avdeling" blocks, "Oppdrag:" paragraphs). */
import { findDatePhrases } from "../dates";
import { syntheticId } from "../ids";
import { uniqueIds } from "../later-letters";
import { idAtLineStart, listIdAt } from "../line-ids";
import { RE_BUDGET_HEADING, RE_CLOSING, RE_DEPT_LINE, RE_PLAIN_OPPDRAG_HEADING, RE_TITLE_CONTINUES, areaName, joinWrapped } from "./patterns";
import { areaForSupp, buildAssignment, classify } from "./blocks";
import type { Heading, ParseState } from "./state";
import type { ParsedAssignment } from "../types";
import { type TableHead, rowCellsAt, rowLinesBelow, tableHeadAt } from "./table-rows";
import type { TableRowCells } from "../tables";
import { BULLET_CLASS } from "../bullets";

/** A section heading that starts with "Oppdrag" / "Særskilte oppdrag" / "Andre oppgaver" … ("3.2 Oppdrag til direktoratet", "4 Andre oppgaver i 2025"). */
const RE_OPPDRAG_HEADING = /^(?:(?:(?:Særskilte|Særskilde|Spesielle|Nye|Øvrige|Andre)\s+)?oppdrag|(?:Særskilte|Særskilde|Spesielle|Nye|Øvrige|Andre)\s+oppg[aå]ver?)\b/i;

/** An item of an "Oppdrag" section without IDs: "1. Title", "2) Title", "Oppdrag 3: Title", "Oppdrag nr. 4 – Title". */
const RE_NUMBERED_ITEM = /^(?:Oppdrag\s+(?:nr\.\s*)?)?(\d{1,2})\s?(?:[.)]|\s*[:–-])\s+(\p{Lu}.*)$/u;

/** An item lettered "a) Title", "b. Title", "Oppdrag c) Title" (the letter alone, then ")" or "."). */
const RE_LETTERED_ITEM = /^(?:Oppdrag\s+)?([a-zæøåA-ZÆØÅ])\s?[.)]\s+(\p{Lu}.*)$/u;
const LETTERS = "abcdefghijklmnopqrstuvwxyzæøå";

/** A bullet of a list: "• Text", "– text", "- Text", "▪ Text". */
const RE_BULLET_ITEM = new RegExp(`^${BULLET_CLASS}\\s+(\\S.{2,})$`, "u");

/**
 * The title of an assignment that is one sentence: the sentence up to its "Frist", with a capital
 * first letter, at most 160 characters (cut at a word; "Meld. St." is no end of a sentence).
 */
function sentenceTitle(sentence: string): string {
  let t = sentence.split(/\.?\s+Frist\b/)[0].replace(/[.:;,]$/, "").trim();
  if (t.length > 160) t = `${t.slice(0, 160).replace(/\s+\S*$/, "")} …`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Subsections of an "Oppdrag" section that are no assignment of their own. */
const RE_NOT_AN_ASSIGNMENT_SECTION = /^(?:Innledning|Innleiing|Bakgrunn|Generelt|Oversikt|Frister?|Rapportering|Budsjett|Økonomi|Styringsparametere?|Mål)\b/i;

/**
 * An item without ID. `table`: a row of a table of assignments with a "Frist" column (its deadline
 * cell is read as a deadline); `cells`: such a row's cells where the table has a note column (its
 * text is then its deadline cell and note, not the lines below it).
 */
type Item = { idx: number; title: string; sentence: boolean; table?: boolean; cells?: TableRowCells; end?: number };
/**
 * The lines of an assignment without ID: from its head `idx` to `end`; its title as written
 * (null: read from the text); the line it is given at (default `idx`); a whole sentence with no
 * title line of its own (`sentence`); a table row and its cells.
 */
type Span = { idx: number; end: number; title: string | null; line?: number; sentence?: boolean; table?: boolean; cells?: TableRowCells };

/**
 * The "Oppdrag" / "Særskilte oppdrag" headings of letter `li`, each with the last line of its
 * section: numbered section headings ("2 Særskilte oppdrag", to the next heading of the same or
 * a higher level), and the same words alone on a line after a blank line, as a Word heading
 * without a number comes out of a PDF ("Oppdrag", "Særskilte oppdrag for 2026", to the next
 * heading of any kind).
 */
function oppdragHeadings(st: ParseState, li: number, own: Heading[], plainOnly: boolean): { idx: number; end: number; level: number | null }[] {
  const { lines, letters, headingAt, content } = st;
  const l = letters[li];
  const numbered = own
    .filter((h) => (plainOnly ? RE_PLAIN_OPPDRAG_HEADING : RE_OPPDRAG_HEADING).test(h.title))
    .map((h) => {
      const next = own.find((o) => o.idx > h.idx && o.level <= h.level);
      return { idx: h.idx, end: next ? next.idx - 1 : l.end, level: h.level };
    });
  const plain: { idx: number; end: number; level: number | null }[] = [];
  for (let k = l.start; k <= l.end; k++) {
    // Also an appendix of them: "Vedlegg 1 Oppdrag for 2025", "Vedlegg 2: Særskilte oppdrag".
    const t = lines[k].text.replace(/^Vedlegg\s+\d{1,2}\s*[:.–-]?\s*/i, "");
    if (headingAt.has(k) || !content(k) || !RE_PLAIN_OPPDRAG_HEADING.test(t)) continue;
    if (k > l.start && !(lines[k - 1].blank || lines[k - 1].noise)) continue;
    if (numbered.some((h) => h.idx < k && k <= h.end)) continue;
    const next = own.find((o) => o.idx > k);
    plain.push({ idx: k, end: next ? next.idx - 1 : l.end, level: null });
  }
  return [...numbered, ...plain].sort((a, b) => a.idx - b.idx);
}

/** An item's first line with the lines that go on with its sentence (in lower case; PDF wrapping). */
function withContinuation(st: ParseState, k: number, first: string, to: number): string {
  const { lines, content, headingAt } = st;
  let text = first;
  for (let j = k + 1; j <= to && j <= k + 3; j++) {
    const t = lines[j].text;
    // It goes on in lower case, or after a word that cannot end it ("i samarbeid med" / "Miljødirektoratet …").
    if (!content(j) || headingAt.has(j) || /[.!?]$/.test(text) || !(/^\p{Ll}/u.test(t) || RE_TITLE_CONTINUES.test(text)) || RE_BULLET_ITEM.test(t)) break;
    if (RE_NUMBERED_ITEM.test(t) || RE_LETTERED_ITEM.test(t)) break;
    text += ` ${t}`;
  }
  return text;
}

/**
 * The list items after line `from` up to `to` (see itemsOfSection): numbered lines; where there
 * are none, a bullet list of two or more ("• Direktoratet skal innen 1. juni …"), each bullet one
 * assignment that is its own text.
 */
function listItems(st: ParseState, from: number, to: number): Item[] {
  const { lines, content } = st;
  const bullets: Item[] = [];
  for (let k = from + 1; k <= to; k++) {
    if (!content(k)) continue;
    const bullet = RE_BULLET_ITEM.exec(lines[k].text);
    // "- TB2026-61 (unntatt offentlighet) …" under "Nye oppdrag" is the opening list of IDs.
    if (bullet && idAtLineStart(bullet[1]) !== null) continue;
    if (bullet) bullets.push({ idx: k, title: sentenceTitle(withContinuation(st, k, bullet[1], to)), sentence: true });
  }
  // Numbered 1, 2, 3 …; where nothing is, lettered a), b), c) … (a list of letters under numbered items is their text).
  const candidates = numberedCandidates(st, from, to, RE_NUMBERED_ITEM, Number);
  const inSequence = (list: { n: number }[]) => list.length >= 2 && list.every((c, n) => c.n === n + 1);
  if (candidates.length === 0) {
    // Letters only as a list a), b), c) …: a lone "A. …" or "I. …" is no assignment.
    const lettered = numberedCandidates(st, from, to, RE_LETTERED_ITEM, (letter) => LETTERS.indexOf(letter.toLowerCase()) + 1);
    if (inSequence(lettered)) return lettered;
  }
  if (candidates.length === 0 && bullets.length >= 2) return bullets;
  if (candidates.length === 0) {
    const rows = tableRows(st, from, to);
    if (rows.length >= 2) return rows;
  }
  if (candidates.length === 0 && bullets.length === 0) return titledBlocks(st, from, to);
  return inSequence(candidates) ? candidates : candidates.filter((c) => c.afterBlank);
}

/** The longest line read as a block's title (a Word heading without number comes out as a short line). */
const TITLE_LINE_MAX = 100;

/**
 * Blocks under an "Oppdrag" heading that each open with a title line of their own, as a Word
 * heading without a number comes out of a PDF ("Kartlegging av skolebibliotek" / the text /
 * "Frist: 1. juni 2025"): a short line after a blank line, with no sentence's end, that the next
 * text does not continue in lower case. Each block runs to the next title and must name its deadline
 * ("Frist", or a date), or the section is read as prose and gives none.
 */
function titledBlocks(st: ParseState, from: number, to: number): Item[] {
  const { lines, content, headingAt } = st;
  const titles: number[] = [];
  for (let k = from + 1; k <= to; k++) {
    const t = lines[k].text;
    if (!content(k) || headingAt.has(k) || !(k === from + 1 || lines[k - 1].blank || lines[k - 1].noise)) continue;
    if (t.length > TITLE_LINE_MAX || !/^[\p{Lu}\d]/u.test(t) || /[.:;,!?]$/.test(t) || RE_DEPT_LINE.test(t) || /^(?:Frist|Ansvarl[ie]g)\b/i.test(t)) continue;
    // A numbered line ("1 Utarbeide …") or one with a date in it is a list item or a table row, not a heading.
    if (/^\d{1,3}[.)]?\s/.test(t) || findDatePhrases(t, null).length > 0) continue;
    let next = k + 1;
    while (next <= to && !content(next)) next++;
    if (next > to || (next === k + 1 && /^\p{Ll}/u.test(lines[next].text))) continue;
    titles.push(k);
  }
  // A block titled "Rapportering", "Bakgrunn" … ends the one before it but is no assignment.
  const blocks = titles
    .map((k, n) => ({ idx: k, end: n + 1 < titles.length ? titles[n + 1] - 1 : to }))
    .filter((b) => !RE_NOT_AN_ASSIGNMENT_SECTION.test(lines[b.idx].text));
  const namesDeadline = (b: { idx: number; end: number }) => {
    const text = lines.slice(b.idx + 1, b.end + 1).map((x) => x.text).join(" ");
    return /\bfrist/i.test(text) || findDatePhrases(text, st.letters[st.letterOf(b.idx)].year).length > 0;
  };
  if (blocks.length === 0 || !blocks.every(namesDeadline)) return [];
  return blocks.map((b) => ({ idx: b.idx, end: b.end, title: lines[b.idx].text.trim(), sentence: false }));
}

/** The lines after `from` up to `to` that `re` reads as an item (number or letter, then its title), each with its place in the count (`count`). */
function numberedCandidates(st: ParseState, from: number, to: number, re: RegExp, count: (label: string) => number): (Item & { n: number; afterBlank: boolean })[] {
  const { lines, content, headingAt } = st;
  const candidates: (Item & { n: number; afterBlank: boolean })[] = [];
  for (let k = from + 1; k <= to; k++) {
    if (!content(k)) continue;
    const m = re.exec(lines[k].text);
    if (!m || m[2].length > 160) continue;
    const afterBlank = k === from + 1 || lines[k - 1].blank || lines[k - 1].noise || headingAt.has(k - 1);
    // An item that is a whole sentence ("1. Instituttet skal … innen 1. juni.", perhaps wrapped
    // over lines) is its own text too (its deadline is in it); its title is the sentence up to a "Frist".
    const full = withContinuation(st, k, m[2], to);
    const sentence = full !== m[2] || /[.!]$/.test(m[2]) || /\bFrist\b/.test(m[2]);
    const title = sentence ? sentenceTitle(full) : m[2].replace(/[.:]$/, "").trim();
    candidates.push({ idx: k, n: count(m[1]), title, sentence, afterBlank });
  }
  return candidates;
}

/**
 * The rows of a table of assignments ("Nr. Oppdrag Frist") after line `from` up to `to`,
 * numbered 1, 2, 3 … without a dot: the number and the text on one line ("1 Utarbeide en plan
 * … 1. juni 2026"), or each cell on a line of its own ("1" / "Utarbeide en plan …" / "1. juni
 * 2026"), as a PDF gives a table. Only under a header row that names the deadline column.
 */
function tableRows(st: ParseState, from: number, to: number): Item[] {
  const { lines, content, letters, letterOf } = st;
  let head: TableHead | null = null;
  for (let k = from + 1; k <= to && !head; k++) if (content(k)) head = tableHeadAt(st, to, k, false);
  if (!head) return [];
  const rows: Item[] = [];
  for (let i = head.last + 1; i <= to; i++) {
    if (!content(i)) continue;
    const t = lines[i].text;
    const inline = /^(\d{1,2})\s+(\p{Lu}.*)$/u.exec(t);
    const alone = /^(\d{1,2})\.?$/.exec(t);
    const n = Number((inline ?? alone)?.[1] ?? 0);
    if (n !== rows.length + 1) continue;
    if (inline) {
      // The deadline cell ends the row (a date, or a word for a reporting point: "Årsrapporten"),
      // also where the PDF wrapped the row or laid it out in columns.
      const isRow = (s: string) => new RegExp(`^${n + 1}(?:\\s+\\p{Lu}|\\.?$)`, "u").test(s);
      const below = rowLinesBelow(st, to, i, false, isRow, head.notes);
      const strip = (joined: string) => /^\d{1,2}\s+(.*)$/su.exec(joined)?.[1] ?? null;
      const cells = rowCellsAt(st, i, inline[2], below, strip, letters[letterOf(i)].year, false, 1, head.notes);
      // With a note column, the row's lines are its cells (as in a table with IDs), not its text.
      if (head.notes) for (const k of below) lines[k].noise = true;
      rows.push({ idx: i, title: sentenceTitle(cells.title), sentence: true, table: true, ...(head.notes ? { cells } : {}) });
    } else if (i + 1 <= to && content(i + 1) && /^\p{Lu}/u.test(lines[i + 1].text)) {
      rows.push({ idx: i, title: sentenceTitle(lines[i + 1].text), sentence: true, table: true });
    }
  }
  return rows;
}

/**
 * The items of an "Oppdrag" section from `h` to `spanEnd`: its subsections, when it has any
 * ("2.1 Nasjonal plan for radonarbeid" under "2 Oppdrag for 2026"), else its list items
 * (`listItems`): numbered lines ("1. Title", "Oppdrag 1: Title"), set apart by blank lines, or
 * counting 1, 2, 3 … line by line where the letter has no blank lines between them (a list
 * inside an item starts over at 1); else two or more bullets.
 */
function itemsOfSection(st: ParseState, h: { idx: number; level: number | null }, own: Heading[], spanEnd: number): Item[] {
  if (h.level !== null) {
    const subsections = own.filter(
      (o) => o.idx > h.idx && o.idx <= spanEnd && o.level === h.level! + 1 && !RE_NOT_AN_ASSIGNMENT_SECTION.test(o.title),
    );
    if (subsections.length > 0) {
      // Subsections that hold numbered items of their own ("3.1 Folkehelse" / "1. …", "2. …")
      // group assignments; otherwise each subsection is one.
      const groups = subsections.map((o) => {
        const next = own.find((x) => x.idx > o.idx);
        return listItems(st, o.idx, Math.min(spanEnd, next ? next.idx - 1 : spanEnd));
      });
      if (groups.some((g) => g.length >= 2)) return groups.flat();
      return subsections.map((o) => ({ idx: o.idx, title: o.title.replace(/[.:]$/, "").trim(), sentence: false }));
    }
  }
  return listItems(st, h.idx, spanEnd);
}

/** The items under the "Oppdrag" headings of letter `li`, each to the next item or the section's end. */
function numberedItems(st: ParseState, li: number, plainHeadingOnly = false): (Item & { end: number })[] {
  const { lines, headings, boundary } = st;
  const own = headings.filter((h) => h.letter === li);
  const out: (Item & { end: number })[] = [];
  for (const h of oppdragHeadings(st, li, own, plainHeadingOnly)) {
    let spanEnd = h.end;
    for (let k = h.idx + 1; k <= spanEnd; k++) {
      if (boundary[k] && (RE_BUDGET_HEADING.test(lines[k].text) || RE_CLOSING.test(lines[k].text))) {
        spanEnd = k - 1;
        break;
      }
    }
    const starts = itemsOfSection(st, h, own, spanEnd);
    starts.forEach((item, n) => {
      // An item ends at the next item, or at a heading inside the section ("2.3 Rapportering").
      const heading = own.find((o) => o.idx > item.idx);
      const end = item.cells ? item.idx : Math.min(item.end ?? (n + 1 < starts.length ? starts[n + 1].idx - 1 : spanEnd), heading ? heading.idx - 1 : spanEnd);
      out.push({ ...item, end });
    });
  }
  return out;
}

/**
 * Paragraphs labelled "Oppdrag: Direktoratet skal …" (a letter that names each assignment in its
 * running text, under its goal areas), each to the blank line after it: for a letter with no
 * "Oppdrag" section.
 */
function labelledParagraphs(st: ParseState, li: number): (Item & { end: number })[] {
  const { lines, letters, content, headingAt, boundary } = st;
  const l = letters[li];
  const out: (Item & { end: number })[] = [];
  for (let k = l.start; k <= l.end; k++) {
    if (!content(k)) continue;
    const m = /^Oppdrag(?:et)?\s*:\s*(\p{Lu}.{10,})$/u.exec(lines[k].text);
    if (!m || !(k === l.start || lines[k - 1].blank || lines[k - 1].noise || headingAt.has(k - 1))) continue;
    const parts = [m[1]];
    let end = k;
    while (end + 1 <= l.end && !lines[end + 1].blank && !headingAt.has(end + 1) && !boundary[end + 1]) {
      end++;
      if (content(end)) parts.push(lines[end].text);
    }
    out.push({ idx: k, end, title: sentenceTitle(joinWrapped(parts)), sentence: true });
  }
  return out;
}

/**
 * Adds an assignment without ID from the block at `span.idx` (the line its title belongs to, treated
 * like a definition line) to `span.end`, keyed by the letter and its title (ids.ts, syntheticId).
 */
function addWithoutId(st: ParseState, li: number, span: Span): ParsedAssignment {
  const { idx: headIdx, end, title, sentence: headless = false, table: tableRow = false, cells } = span;
  const fixedTitle = title ?? null;
  const lineIdx = span.line ?? headIdx;
  const { lines, warnings, assignments } = st;
  const l = st.letters[li];
  const letterKey = l.reference ?? l.date ?? l.title ?? `brev ${li + 1}`;
  const tempId = "oppdrag uten ID";
  const a = buildAssignment(st, {
    id: tempId,
    hasId: false,
    letter: li,
    start: headIdx,
    end,
    inlineTitle: fixedTitle ?? "",
    inlineDepts: [],
    deptLabelSeen: false,
    fixedTitle: fixedTitle !== null,
    headless,
    tableRow,
    ...(cells ? { cellBody: cells.deadline, cellNote: cells.note } : {}),
  });
  a.line = lines[lineIdx].no;
  let id = syntheticId(l.year, letterKey, a.title);
  for (let k = 2; assignments.some((x) => x.id === id); k++) id = syntheticId(l.year, `${letterKey}#${k}`, a.title);
  a.id = id;
  a.area = l.kind === "main" ? mainLetterArea(st, li, lineIdx) : areaForSupp(st, lineIdx, li);
  for (const w of warnings) w.message = w.message.replace(tempId, id);
  assignments.push(a);
  return a;
}

/** "Det vises til oppdrag TB2025-01.", "Departementet viser til oppdrag 13/2024 …": a text that opens by naming the assignment it is about. */
const RE_REFERS_TO_ASSIGNMENT = /^(?:Det\s+vises\s+til|(?:Vi|Departementet)\s+viser\s+til)\s+(?:oppdrag(?:et)?\s+)?/i;

/**
 * A later letter's segment without ID whose text opens by naming one assignment ("Det vises til
 * oppdrag TB2025-01. Følgende delleveranse bes levert …") is a part of that assignment, as the
 * same text under the assignment's ID is: it takes the ID and its part kind (addition or
 * clarification), not a key of its own.
 */
function asPartOfNamedAssignment(st: ParseState, a: ParsedAssignment): void {
  const first = a.body.replace(/\s+/g, " ").trim().split(/(?<=[.!?])\s+(?=\p{Lu})/u)[0] ?? "";
  if (!RE_REFERS_TO_ASSIGNMENT.test(first)) return;
  const ids = uniqueIds(first);
  if (ids.length !== 1) return;
  const synthetic = a.id;
  for (const w of st.warnings) w.message = w.message.replace(synthetic, ids[0]);
  a.id = ids[0];
  a.hasId = true;
  // Titled by its section heading: the heading's words, without its number ("1 Presisering av oppdrag").
  a.title = st.headingAt.get(a.line - 1)?.title ?? a.title;
  classify(st, a);
}

/**
 * A letter without IDs: numbered items ("1. Varslingsordning for legemiddelmangel") under a
 * heading such as "Oppdrag" / "Særskilte oppdrag", else "Oppdrag: …" paragraphs; each is an assignment.
 */
function mainLetterItems(st: ParseState, li: number): void {
  const items = numberedItems(st, li);
  for (const item of items.length > 0 ? items : labelledParagraphs(st, li)) addWithoutId(st, li, item);
}

/** A later letter with IDs: its free segments (outside ID blocks and events) closed by "Ansvarlig avdeling …". */
function freeSegments(st: ParseState, li: number): void {
  const { lines, content, suppAreaHeadings, boundary, nextBoundary, covered } = st;
  const l = st.letters[li];
  let i = l.start;
  while (i <= l.end) {
    if (covered[i] || (boundary[i] && (RE_BUDGET_HEADING.test(lines[i].text) || RE_CLOSING.test(lines[i].text)))) {
      i++;
      continue;
    }
    const segEnd = Math.min(nextBoundary(i, l.end) - 1, l.end);
    let deptIdx = -1;
    for (let k = i; k <= segEnd; k++) if (!covered[k] && content(k) && RE_DEPT_LINE.test(lines[k].text)) deptIdx = k;
    if (deptIdx > i) {
      let s = suppAreaHeadings.has(i) ? i + 1 : i;
      while (s < deptIdx && !content(s)) s++;
      // A heading over the segment ("Andre føringer:") is not its title.
      if (s < deptIdx && lines[s].text.length <= 40 && /:$/.test(lines[s].text)) {
        s++;
        while (s < deptIdx && !content(s)) s++;
      }
      if (s < deptIdx && !listIdAt(lines[s].text)) asPartOfNamedAssignment(st, addWithoutId(st, li, { idx: s, end: segEnd, title: null, sentence: true }));
    }
    i = segEnd + 1;
  }
}

/**
 * A later letter without IDs: numbered items under a plain "Oppdrag" / "Særskilte oppdrag"
 * heading, else "3 Oppdrag til …" sections, else the whole "Tilleggsoppdrag" letter.
 */
function laterLetterWithoutIds(st: ParseState, li: number): void {
  const { lines, headings } = st;
  const l = st.letters[li];
  const items = numberedItems(st, li, true);
  if (items.length >= 2) {
    for (const item of items) addWithoutId(st, li, item);
    return;
  }
  const own = headings.filter((h) => h.letter === li);
  // Not a section about earlier assignments: "Oppdrag som utgår", "Endrede frister for oppdrag", a list of their IDs.
  const oppdrag = own.filter((h) => /\boppdrag\b/i.test(h.title) && !RE_ABOUT_EARLIER_ASSIGNMENTS.test(h.title) && !st.listEntries.some((e) => e.letter === li && e.idx > h.idx && e.idx <= sectionEnd(st, own, h)));
  if (oppdrag.length > 0) {
    for (const h of oppdrag) {
      let end = l.end;
      for (const o of own) {
        if (o.idx <= h.idx || o.level > h.level) continue;
        if (/frist|rapportering|leveranse/i.test(o.title)) continue;
        end = Math.min(end, o.idx - 1);
        break;
      }
      for (let k = h.idx + 1; k <= end; k++) {
        if (RE_CLOSING.test(lines[k].text)) {
          end = k - 1;
          break;
        }
      }
      // Following "Frister og rapportering" sections stay in the body.
      addWithoutId(st, li, { idx: h.idx, end, title: h.title });
    }
    return;
  }
  // (The word "oppdrag": "Korrigering av oppdragsdokument …" names the genre, not an assignment.)
  if (l.title && /(?:\btilleggs|\b)oppdrag\b/i.test(l.title) && l.titleEnd !== null) {
    let end = l.end;
    for (let k = l.titleEnd + 1; k <= l.end; k++) {
      if (RE_CLOSING.test(lines[k].text)) {
        end = k - 1;
        break;
      }
    }
    addWithoutId(st, li, { idx: l.titleEnd, end, title: l.title, line: l.titleLine ?? l.start });
  }
}

/** A later letter's section heading about assignments it withdraws, postpones or changes. */
const RE_ABOUT_EARLIER_ASSIGNMENTS = /\b(?:utgår|utgåtte|bortfaller|bortfalne|i\s+bero|utsatte?|utsettes|endre(?:de|t)|endring(?:er)?\s+i|avslutte(?:de|t)|trukne|trekkes)\b/i;

/** The last line of section `h`: before the next heading of the same or a higher level, or the letter's end. */
function sectionEnd(st: ParseState, own: Heading[], h: Heading): number {
  const next = own.find((o) => o.idx > h.idx && o.level <= h.level);
  return next ? next.idx - 1 : st.letters[h.letter].end;
}

/** Phase "without ID": assignments without an ID (blocks closed by an owner line, "Oppdrag" sections, numbered items). */
export function phaseWithoutId(st: ParseState): void {
  st.letters.forEach((l, li) => {
    const hasDefs = st.defs.some((d) => d.letter === li);
    if (l.kind !== "supplementary") {
      if (!hasDefs) mainLetterItems(st, li);
    } else if (hasDefs) freeSegments(st, li);
    else laterLetterWithoutIds(st, li);
  });
}

/**
 * The goal area of an item without ID in a main letter: the two-level section it stands in ("2.1
 * Økt matproduksjon" / "Oppdrag:" / "- Direktoratet skal …"), registered as an area; null under
 * a chapter, or when the section is itself an "Oppdrag" section or the item's own heading.
 */
function mainLetterArea(st: ParseState, li: number, idx: number): string | null {
  const { headings, letters } = st;
  let h: Heading | undefined;
  for (const o of headings) if (o.letter === li && o.idx < idx && o.level <= 2) h = o;
  if (!h || h.level !== 2 || RE_OPPDRAG_HEADING.test(h.title)) return null;
  const section = h;
  if (!st.areaSpans.some((a) => a.start === section.idx)) {
    const next = headings.find((o) => o.idx > section.idx && (o.level <= 2 || o.letter !== li));
    st.areaSpans.push({ code: section.code, name: areaName(section.title), start: section.idx, end: Math.min(next ? next.idx - 1 : letters[li].end, letters[li].end) });
    st.areaSpans.sort((a, b) => a.start - b.start);
  }
  return section.code;
}
