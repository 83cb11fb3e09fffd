/** Phase "headings": numbered section headings, without the table of contents. */
import { RE_SUPPLEMENTARY_TITLE, joinWrapped } from "./patterns";
import type { Heading, Letter, ParseState } from "./state";

/** "2.1 Folkehelse", "3.4. Pasienter og …" (a trailing dot only after a two-level code). */
const RE_NUMBERED_HEADING = /^(?:(\d{1,2}(?:\.\d{1,2}){1,3})\.?|(\d{1,2}))\s+(\p{Lu}.*)$/u;

/** RE_NUMBERED_HEADING as [code, title], or null. */
function numberedHeading(t: string): [string, string] | null {
  const m = RE_NUMBERED_HEADING.exec(t);
  return m ? [m[1] ?? m[2], m[3]] : null;
}

/**
 * Whether a line is short enough to be a heading: 130 characters, or up to 220 where it reads as a
 * goal rather than an instruction (the real 2026 letter's "3.11. Finansieringsordningene
 * understøtter …, samt bidrar til … av god kvalitet" as one Word paragraph): no full stop inside it
 * or at its end, no "skal", "bes", "ber", "må" or "vil".
 */
function headingSized(t: string): boolean {
  if (t.length <= 130) return true;
  if (t.length > 220) return false;
  const title = t.replace(/^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+/, "");
  return !/[.:;!?]\s*$/.test(title) && !/[.!?]\s+\p{Lu}/u.test(title) && !/(?<![\p{L}\d])(?:skal|bes|ber|må|vil)(?![\p{L}\d])/u.test(title);
}

/** A table-of-contents line: dotted leader (or a run of spaced dots) and a page number. */
const RE_TOC_LINE = /(?:\.{3,}|…{2,}|(?:\s\.){3,}|_{3,})\s*\d{1,3}$/;

/** A contents entry whose page number the PDF put on the next line: it ends in its leaders. */
const RE_TOC_LEADERS_END = /(?:\.{4,}|…{2,}|(?:\s\.){3,}|_{3,})$/;

/** Phase "headings": numbered section headings per letter, never a table of contents. */
export function phaseHeadings(st: ParseState): void {
  const { lines, content, letters } = st;
  const headings: Heading[] = [];
  letters.forEach((l, li) => {
    markContentsWithoutPageNumbers(st, l);
    // Table of contents: lines with dotted leaders and page numbers, and numbered headings that
    // repeat later in the letter (the earlier one is the contents entry). Never headings.
    const seenLater = new Map<string, number>();
    for (let i = l.end; i >= l.start; i--) {
      if (!content(i)) continue;
      const t = lines[i].text;
      if (t.length > 200) continue;
      if (RE_TOC_LINE.test(t) && /^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+)?\p{Lu}/u.test(t)) {
        lines[i].noise = true;
        continue;
      }
      const m = numberedHeading(t);
      if (!m) continue;
      const key = `${m[0]}|${m[1].replace(/\s+\d{1,3}$/, "").replace(/\s+/g, " ").trim().toLowerCase()}`;
      if (seenLater.has(key)) lines[i].noise = true;
      else seenLater.set(key, i);
    }
    for (let i = l.start; i <= l.end; i++) {
      if (content(i) && /^(?:Innhold|Innholdsfortegnelse)$/i.test(lines[i].text)) lines[i].noise = true;
    }
    let chapter: number | null = null;
    // Chapters written "5. Title" (never in later letters: their numbered paragraphs are items).
    // Where the letter has "3.1 Title" sections, only as the chapter after the sections seen so
    // far ("4. Budsjettildeling" after 3.13 ends the last assignment; "1. Innledning" is left alone).
    const laterLetter = li > 0 || (l.title !== null && RE_SUPPLEMENTARY_TITLE.test(l.title));
    let sectioned = false;
    for (let i = l.start; i <= l.end && !sectioned; i++) sectioned = content(i) && headingSized(lines[i].text) && (numberedHeading(lines[i].text)?.[0].includes(".") ?? false);
    for (let i = l.start; i <= l.end; i++) {
      if (!content(i)) continue;
      const t = lines[i].text;
      if (!headingSized(t)) continue;
      const standaloneOk: boolean = !laterLetter && (!sectioned || chapter !== null);
      const h: [string, string] | null = numberedHeading(t) ?? (standaloneOk ? standaloneChapterHeading(st, i, l) : null);
      if (!h) continue;
      const m: string[] = [t, h[0], h[1]];
      const parts: number[] = m[1].split(".").map(Number);
      const first: number = parts[0];
      // A chapter may skip a number (an excerpt, or a chapter heading the PDF lost) when its own
      // sections follow ("3 Mål og oppdrag" / "3.1 …" after "1 Innledning").
      const skipsTo = (n: number): boolean => chapter !== null && n === chapter + 2 && hasSectionOf(st, n, i, l.end);
      if (parts.length === 1) {
        if (!((chapter === null && first >= 1 && first <= 3) || (chapter !== null && first === chapter + 1) || skipsTo(first))) continue;
        // "3 Rapportere om …" right under "2 Vurdere …": the next row of a numbered table, no chapter.
        if (i > l.start && !lines[i - 1].blank && /^(\d{1,2})\.?\s/.exec(lines[i - 1].text)?.[1] === String(first - 1)) continue;
        if (/^\p{Lu}[\p{L}]*\s+(?:kroner|mill)/u.test(m[2])) continue;
      } else if (!(chapter === null || first === chapter || first === chapter + 1 || skipsTo(first))) continue;
      chapter = first;
      headings.push({ idx: i, code: m[1], level: parts.length, title: withWrappedHeadingLine(st, i, m[2].trim(), l.end), letter: li });
    }
  });
  const headingAt = new Map<number, Heading>(headings.map((h) => [h.idx, h]));
  st.headings = headings;
  st.headingAt = headingAt;
}

/** Whether a section "n.1 …" (or "n.2 …") of chapter `n` follows line `i` within 60 lines. */
function hasSectionOf(st: ParseState, n: number, i: number, end: number): boolean {
  const { lines, content } = st;
  for (let k = i + 1; k <= end && k <= i + 60; k++) {
    if (!content(k) || !headingSized(lines[k].text)) continue;
    const code = numberedHeading(lines[k].text)?.[0];
    if (code === `${n}.1` || code === `${n}.2`) return true;
  }
  return false;
}

/**
 * A heading's title with the line the PDF wrapped it onto ("3.2. Befolkningen har … trygge og
 * helsefremmende" / "lokalsamfunn"): one line in lower case right below, a blank line after it.
 */
function withWrappedHeadingLine(st: ParseState, i: number, title: string, end: number): string {
  const { lines, content } = st;
  const next = i + 1;
  if (next > end || !content(next) || /[.:;!?]$/.test(title)) return title;
  const t = lines[next].text;
  const blankAfter = next + 1 > end || lines[next + 1].blank;
  return /^\p{Ll}/u.test(t) && t.length <= 80 && blankAfter && !/[;!?]$/.test(t) ? joinWrapped([title, t.replace(/\.$/, "")]) : title;
}

/**
 * "5. Oppfølging og rapportering": a one-level heading written with a dot, as a Word heading
 * comes out of a PDF. A numbered list item looks the same, so only a short line without a
 * closing sign, alone between blank lines, counts (the chapter order is checked by the caller).
 */
export function standaloneChapterHeading(st: ParseState, i: number, l: Letter): [string, string] | null {
  const { lines } = st;
  const m = /^(\d{1,2})\.\s+(\p{Lu}.*)$/u.exec(lines[i].text);
  // A heading names a topic; an item is a sentence ("3. Helsedirektoratet bes om i samarbeid med …").
  if (!m || m[2].length > 90 || /[.:;,!?]/.test(m[2]) || /(?<![\p{L}\d])(?:skal|bes|ber|må|vil|er|har|kan)(?![\p{L}\d])/u.test(m[2])) return null;
  // A page's footer ("Side 2 av 3") or a page break stands where the blank line would: the chapter opens the page.
  const blankAt = (k: number) => k < l.start || k > l.end || lines[k].blank || lines[k].noise;
  if ((!blankAt(i - 1) && !lines[i].pageStart) || !blankAt(i + 1)) return null;
  let next = i + 1;
  while (next <= l.end && lines[next].blank) next++;
  return next <= l.end && /^\p{Ll}/u.test(lines[next].text) ? null : [m[1], m[2]];
}

/**
 * Contents entries that end in their leaders, the page number alone on the next line
 * ("3.1. Folkehelsearbeidet …….." / "10"), an entry wrapped over two lines included: noise.
 */
function markContentsWithoutPageNumbers(st: ParseState, l: Letter): void {
  const { lines, content } = st;
  for (let i = l.start; i <= l.end; i++) {
    if (!content(i) || lines[i].text.length > 200 || !RE_TOC_LEADERS_END.test(lines[i].text)) continue;
    lines[i].noise = true;
    const prev = i - 1;
    if (prev >= l.start && content(prev) && numberedHeading(lines[prev].text) && /^\p{Ll}/u.test(lines[i].text)) lines[prev].noise = true;
    if (i + 1 <= l.end && /^\d{1,3}$/.test(lines[i + 1].text)) lines[i + 1].noise = true;
  }
}
