/** Phases "areas and goals" (goal areas, goals, a supplementary letter's area headings) and "boundaries" (where a block must end). */
import { RE_SUPPLEMENT_SECTION, type SupplementSection, supplementSectionKind } from "../later-letters";
import { idAtLineStart } from "../line-ids";
import { RE_BUDGET_HEADING, RE_CLOSING, RE_DEPT_LABEL, RE_DEPT_LINE, areaName, joinWrapped } from "./patterns";
import type { AreaSpan, Letter, ParseState } from "./state";

const RE_GOAL = /^Mål\s+(\d{1,2})\s*[:.–-]\s*(\S.*)$/u;

/** Phase "areas and goals": goal areas (two-level sections that hold assignments or goals), goals, area and section headings of supplementary letters. */
export function phaseAreasAndGoals(st: ParseState): void {
  const { lines, n, content, letters, letterOf, headings, headingAt, defs, defAt } = st;
  const areaSpans: AreaSpan[] = [];
  const goalLines: { idx: number; code: string; title: string }[] = [];
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
  // A letter without two-level areas (an oppdragsdokument: "1. Digital samhandling", "3. Sikkerhet
  // og beredskap") has its chapters as areas, when two or more of them hold assignments.
  letters.forEach((l, li) => {
    if (l.kind !== "main" || areaSpans.some((a) => a.start >= l.start && a.start <= l.end)) return;
    const chapters = headings
      .filter((h) => h.letter === li && h.level === 1)
      .map((h, k, all) => ({ h, end: Math.min(all[k + 1] ? all[k + 1].idx - 1 : l.end, l.end) }))
      .filter(({ h, end }) => defs.some((d) => d.idx > h.idx && d.idx <= end));
    if (chapters.length < 2) return;
    for (const { h, end } of chapters) areaSpans.push({ code: h.code, name: areaName(h.title), start: h.idx, end });
  });
  areaSpans.sort((a, b) => a.start - b.start);
  const areaAtLine = (idx: number): AreaSpan | null => areaSpans.find((a) => a.start <= idx && idx <= a.end) ?? null;
  const areaNames = new Map<string, string>(); // lower-case name → code
  for (const a of areaSpans) if (!areaNames.has(a.name.toLowerCase())) areaNames.set(a.name.toLowerCase(), a.code);

  // Free lines of supplementary letters: content that is neither an assignment's ID line nor a numbered heading.
  const freeSupplementLines = (visit: (i: number, l: Letter) => void): void => {
    for (const l of letters) {
      if (l.kind !== "supplementary") continue;
      for (let i = l.start; i <= l.end; i++) if (content(i) && !defAt.has(i) && !headingAt.has(i)) visit(i, l);
    }
  };

  // Area headings inside supplementary letters ("Helse- og omsorgstjenester" above a TTB block).
  const suppAreaHeadings = new Map<number, string | null>();
  freeSupplementLines((i, l) => {
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

  // Unnumbered section headings of supplementary letters ("Nye oppdrag", "Presisering av
  // tidligere oppdrag", "Endret frist", "Oppdrag som utgår"): they end the text above them.
  const suppSections = new Map<number, SupplementSection>();
  freeSupplementLines((i) => {
    if (RE_SUPPLEMENT_SECTION.test(lines[i].text)) suppSections.set(i, supplementSectionKind(lines[i].text));
  });
  const sectionAt = (idx: number, li: number): SupplementSection | null => {
    for (let k = idx - 1; k >= letters[li].start; k--) {
      const sec = suppSections.get(k);
      if (sec) return sec;
    }
    return null;
  };
  st.areaSpans = areaSpans;
  st.goalLines = goalLines;
  st.areaAtLine = areaAtLine;
  st.suppAreaHeadings = suppAreaHeadings;
  st.suppSections = suppSections;
  st.sectionAt = sectionAt;
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
    if (content(i) && (RE_BUDGET_HEADING.test(lines[i].text) || RE_CLOSING.test(lines[i].text))) boundary[i] = true;
  }
  const nextBoundary = (i: number, letterEnd: number): number => {
    for (let k = i + 1; k <= letterEnd; k++) if (boundary[k]) return k;
    return letterEnd + 1;
  };
  st.boundary = boundary;
  st.nextBoundary = nextBoundary;
}
