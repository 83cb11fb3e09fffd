/** Phases "areas and goals" (goal areas, goals, a supplementary letter's area headings) and "boundaries" (where a block must end). */
import { RE_SUPPLEMENT_SECTION, type SupplementSection, supplementSectionKind } from "../later-letters";
import { idAtLineStart } from "../line-ids";
import { endsSentence, RE_BUDGET_HEADING, RE_CLOSING, RE_DEPT_LABEL, RE_DEPT_LINE, RE_PLAIN_OPPDRAG_HEADING, areaName, joinWrapped } from "./patterns";
import { standaloneChapterHeading } from "./headings";
import type { AreaSpan, GoalLine, Letter, ParseState } from "./state";

const RE_GOAL = /^Mål\s+(\d{1,2})\s*[:.–-]\s*(\S.*)$/u;

/** Goals of a main letter ("Mål 4: …", the title wrapped onto lower-case lines). */
function findGoals(st: ParseState): GoalLine[] {
  const { lines, n, content, letters, letterOf } = st;
  const goalLines: GoalLine[] = [];
  for (let i = 0; i < n; i++) {
    if (!content(i)) continue;
    const g = RE_GOAL.exec(lines[i].text);
    if (!g || letters[letterOf(i)].kind !== "main") continue;
    const parts = [g[2]];
    for (let k = i + 1; k < n && parts.length < 4; k++) {
      if (!content(k) || !/^\p{Ll}/u.test(lines[k].text)) break;
      parts.push(lines[k].text);
    }
    goalLines.push({ idx: i, code: `Mål ${Number(g[1])}`, title: joinWrapped(parts) });
  }
  return goalLines;
}

/**
 * Goal areas: two-level sections that hold assignments, goals or an "… oppdrag" subsection; a main
 * letter without them (an oppdragsdokument: "1. Digital samhandling", "3. Sikkerhet og beredskap")
 * has its chapters as areas, when two or more of them hold assignments.
 */
function findAreas(st: ParseState, goalLines: GoalLine[]): AreaSpan[] {
  const { n, letters, headings, defs } = st;
  const areaSpans: AreaSpan[] = [];
  for (const h of headings) {
    if (h.level !== 2) continue;
    const next = headings.find((o) => o.idx > h.idx && (o.level <= 2 || o.letter !== h.letter));
    const end = Math.min(next ? next.idx - 1 : n - 1, letters[h.letter].end);
    const holds =
      defs.some((d) => d.idx > h.idx && d.idx <= end) ||
      goalLines.some((g) => g.idx > h.idx && g.idx <= end) ||
      headings.some((o) => o.idx > h.idx && o.idx <= end && o.level > 2 && /oppdrag/i.test(o.title));
    if (holds) areaSpans.push({ code: h.code, name: areaName(h.title), start: h.idx, end });
  }
  letters.forEach((l, li) => {
    if (l.kind !== "main" || areaSpans.some((a) => a.start >= l.start && a.start <= l.end)) return;
    const chapters = headings
      .filter((h) => h.letter === li && h.level === 1)
      .map((h, k, all) => ({ h, end: Math.min(all[k + 1] ? all[k + 1].idx - 1 : l.end, l.end) }))
      .filter(({ h, end }) => defs.some((d) => d.idx > h.idx && d.idx <= end));
    if (chapters.length < 2) return;
    for (const { h, end } of chapters) areaSpans.push({ code: h.code, name: areaName(h.title), start: h.idx, end });
  });
  return areaSpans.sort((a, b) => a.start - b.start);
}

/** Calls `visit` for each free line of the supplementary letters: content that is neither an assignment's ID line nor a numbered heading. */
function freeSupplementLines(st: ParseState, visit: (i: number, l: Letter) => void): void {
  for (const l of st.letters) {
    if (l.kind !== "supplementary") continue;
    for (let i = l.start; i <= l.end; i++) if (st.content(i) && !st.defAt.has(i) && !st.headingAt.has(i)) visit(i, l);
  }
}

/**
 * Area headings inside supplementary letters ("Helse- og omsorgstjenester" above a TTB block): a
 * known area's name (its code), or a short heading over a block (null).
 */
function supplementAreaHeadings(st: ParseState, areaSpans: AreaSpan[]): Map<number, string | null> {
  const { lines, defAt } = st;
  const areaNames = new Map<string, string>(); // lower-case name → code
  for (const a of areaSpans) if (!areaNames.has(a.name.toLowerCase())) areaNames.set(a.name.toLowerCase(), a.code);
  const suppAreaHeadings = new Map<number, string | null>();
  freeSupplementLines(st, (i, l) => {
    const t = lines[i].text.replace(/:$/, "").trim();
    if (t.length > 80) return;
    const known = areaNames.get(t.toLowerCase());
    if (known !== undefined) {
      suppAreaHeadings.set(i, known);
      return;
    }
    if (t.length > 60 || !/^\p{Lu}/u.test(t) || /[.,;!?]$/.test(lines[i].text)) return;
    if (!(i === 0 || lines[i - 1].blank || lines[i - 1].noise)) return;
    if (RE_BUDGET_HEADING.test(t) || RE_CLOSING.test(t) || RE_DEPT_LINE.test(t) || idAtLineStart(t) !== null) return;
    // The last line of the block above ("Frist: 1.5.2026 Ansvarlig avdeling i HOD: SHA").
    if (/^Frist\b/i.test(t) || RE_DEPT_LABEL.test(t)) return;
    let k = i + 1;
    while (k <= l.end && (lines[k].blank || lines[k].noise)) k++;
    if (k > i + 1 && defAt.has(k)) suppAreaHeadings.set(i, null);
  });
  return suppAreaHeadings;
}

/**
 * Unnumbered section headings of supplementary letters ("Nye oppdrag", "Presisering av tidligere
 * oppdrag", "Endret frist", "Oppdrag som utgår"): they end the text above them.
 */
function supplementSections(st: ParseState): Map<number, SupplementSection> {
  const suppSections = new Map<number, SupplementSection>();
  freeSupplementLines(st, (i) => {
    if (RE_SUPPLEMENT_SECTION.test(st.lines[i].text)) suppSections.set(i, supplementSectionKind(st.lines[i].text));
  });
  return suppSections;
}

/** Phase "areas and goals": goal areas (two-level sections that hold assignments or goals), goals, area and section headings of supplementary letters. */
export function phaseAreasAndGoals(st: ParseState): void {
  const goalLines = findGoals(st);
  const areaSpans = findAreas(st, goalLines);
  const suppSections = supplementSections(st);
  st.goalLines = goalLines;
  st.areaSpans = areaSpans;
  st.areaAtLine = (idx: number): AreaSpan | null => areaSpans.find((a) => a.start <= idx && idx <= a.end) ?? null;
  st.suppAreaHeadings = supplementAreaHeadings(st, areaSpans);
  st.suppSections = suppSections;
  st.sectionAt = (idx: number, li: number): SupplementSection | null => {
    for (let k = idx - 1; k >= st.letters[li].start; k--) {
      const sec = suppSections.get(k);
      if (sec) return sec;
    }
    return null;
  };
}

/** A line in lower case right under a line that has not ended its sentence: "… formål over / kap. 760 / post 21 …". */
function sentenceGoesOn(st: ParseState, i: number): boolean {
  const { lines } = st;
  return /^\p{Ll}/u.test(lines[i].text) && i > 0 && !lines[i - 1].blank && !lines[i - 1].noise && !endsSentence(lines[i - 1].text);
}

/**
 * A heading right above a boundary opens what follows it, and the text above ends before it: an
 * "Oppdrag:" label (Norsk helsenett's before each ID), or a later letter's lone numbered section
 * ("3. Endringer i tidligere oppdrag") that does not continue a numbered list above it.
 */
function markHeadsAboveBoundaries(st: ParseState, l: Letter, boundary: boolean[]): void {
  const { lines, content } = st;
  for (let i = l.end; i > l.start; i--) {
    if (!content(i) || boundary[i]) continue;
    let next = i + 1;
    while (next <= l.end && !content(next)) next++;
    if (next <= l.end && !boundary[next]) continue;
    if (RE_PLAIN_OPPDRAG_HEADING.test(lines[i].text)) boundary[i] = true;
    else {
      const chapter = standaloneChapterHeading(st, i, l);
      if (chapter && !continuesNumberedList(st, i, Number(chapter[0]), boundary)) boundary[i] = true;
    }
  }
}

/** Whether item `n - 1` stands between line `i` and the boundary above it ("2. …" above "3. …"). */
function continuesNumberedList(st: ParseState, i: number, n: number, boundary: boolean[]): boolean {
  const previousItem = new RegExp(`^${n - 1}\\s?[.)]\\s`);
  for (let k = i - 1; k >= 0 && !boundary[k]; k--) if (st.content(k) && previousItem.test(st.lines[k].text)) return true;
  return false;
}

/** Phase "boundaries": the lines where an assignment's text ends (next ID, heading, section, budget chapter, closing). */
export function phaseBoundaries(st: ParseState): void {
  const { lines, n, content, letters, headings, defs, eventLines, suppAreaHeadings, suppSections } = st;
  const boundary = new Array<boolean>(n).fill(false);
  for (const d of defs) boundary[d.idx] = true;
  for (const h of headings) boundary[h.idx] = true;
  for (const i of suppAreaHeadings.keys()) boundary[i] = true;
  for (const i of suppSections.keys()) boundary[i] = true;
  for (const e of eventLines) boundary[e.idx] = true;
  for (const l of letters) boundary[l.start] = true;
  for (let i = 0; i < n; i++) {
    if (content(i) && ((RE_BUDGET_HEADING.test(lines[i].text) && !sentenceGoesOn(st, i)) || RE_CLOSING.test(lines[i].text))) boundary[i] = true;
  }
  for (const l of letters) markHeadsAboveBoundaries(st, l, boundary);
  const nextBoundary = (i: number, letterEnd: number): number => {
    for (let k = i + 1; k <= letterEnd; k++) if (boundary[k]) return k;
    return letterEnd + 1;
  };
  st.boundary = boundary;
  st.nextBoundary = nextBoundary;
}
