/**
 * The parser's phases one at a time (app/domain/letter/parse.ts, PHASES), on a small written
 * letter: what each phase adds to the parse state.
 */
import { describe, expect, it } from "vitest";
import {
  createParseState,
  parseLetter,
  PHASES,
  phaseAreasAndGoals,
  phaseBlocks,
  phaseBoundaries,
  phaseDefinitions,
  phaseEvents,
  phaseHeadings,
  phaseLaterLetters,
  phaseLetters,
  phaseOutput,
  phaseWarnings,
  phaseWithoutId,
  type ParseState,
} from "~/domain/letter/parse";

const TEXT = [
  "Statsbudsjettet 2026 – tildelingsbrev til Helsedirektoratet", // 1
  "",
  "Innhold",
  "2.1 Folkehelse ........................ 3", // 4 (contents)
  "",
  "1 Innledning", // 6
  "",
  "Teksten innleder brevet.",
  "",
  "2 Mål og oppdrag", // 10
  "",
  "2.1 Folkehelse", // 12
  "",
  "Mål 1: Gode levevaner", // 14
  "",
  "TB2026-1", // 16
  "Avd. HOD: FHA",
  "Kunnskapsgrunnlag om levevaner",
  "",
  "Direktoratet skal lage et kunnskapsgrunnlag. Utsettelse av arbeidet er ikke aktuelt.",
  "Frist: 1. juni 2026",
  "",
  "Med hilsen", // 23
  "",
  "Supplerende tildelingsbrev nr. 1 til Helsedirektoratet", // 25
  "",
  "Dato",
  "6. februar 2026",
  "",
  "Nye oppdrag eller presisering av tidligere oppdrag",
  "- TB2026-9 (unntatt offentlighet). For detaljer se eget vedlegg", // 31
  "",
  "Endret frist",
  "",
  "Fristen for TB2026-1 utsettes til 1. september 2026.", // 35
  "",
  "Med hilsen",
].join("\n");

const upTo = (last: (st: ParseState) => void): ParseState => {
  const st = createParseState(TEXT);
  for (const phase of PHASES) {
    phase(st);
    if (phase === last) break;
  }
  return st;
};

describe("parser phases", () => {
  it("lines: normalised, trimmed, numbered from 1", () => {
    const st = createParseState("\uFEFFa\r\n  b  \r\nSide 2 av 9");
    expect(st.lines.map((l) => [l.no, l.text, l.noise])).toEqual([[1, "a", false], [2, "b", false], [3, "Side 2 av 9", true]]);
  });

  it("letters: two letters with subject, date and year", () => {
    const st = upTo(phaseLetters);
    expect(st.letters.map((l) => [l.start + 1, l.title, l.year, l.date])).toEqual([
      [1, "Statsbudsjettet 2026 – tildelingsbrev til Helsedirektoratet", 2026, null],
      [25, "Supplerende tildelingsbrev nr. 1 til Helsedirektoratet", 2026, "2026-02-06"],
    ]);
  });

  it("headings: body headings only, the contents line is noise", () => {
    const st = upTo(phaseHeadings);
    expect(st.headings.map((h) => [h.idx + 1, h.code])).toEqual([[6, "1"], [10, "2"], [12, "2.1"]]);
    expect(st.lines[3].noise).toBe(true);
  });

  it("definitions: the ID line, the opening-list entry, the letter kinds", () => {
    const st = upTo(phaseDefinitions);
    expect(st.defs.map((d) => [d.idx + 1, d.id])).toEqual([[16, "TB2026-1"]]);
    expect(st.listEntries.map((e) => [e.idx + 1, e.id])).toEqual([[31, "TB2026-9"]]);
    expect(st.letters.map((l) => l.kind)).toEqual(["main", "supplementary"]);
  });

  it("areas and goals: 2.1 holds the assignment and Mål 1; 'Endret frist' is a section of the later letter", () => {
    const st = upTo(phaseAreasAndGoals);
    expect(st.areaSpans.map((a) => [a.code, a.name])).toEqual([["2.1", "Folkehelse"]]);
    expect(st.goalLines.map((g) => g.code)).toEqual(["Mål 1"]);
    expect([...st.suppSections.entries()].map(([i, k]) => [i + 1, k])).toEqual([[33, "other"]]);
  });

  it("boundaries: the text of TB2026-1 ends before 'Med hilsen'", () => {
    const st = upTo(phaseBoundaries);
    expect(st.nextBoundary(15, st.letters[0].end)).toBe(22);
  });

  it("blocks: the assignment with owner, title, area and deadline", () => {
    const st = upTo(phaseBlocks);
    expect(st.assignments.map((a) => [a.id, a.departments, a.title, a.area, a.deadlines[0].date, a.endLine])).toEqual([
      ["TB2026-1", ["FHA"], "Kunnskapsgrunnlag om levevaner", "2.1", "2026-06-01", 21],
    ]);
  });

  it("events, without ID: nothing here (no postponement heading, no free blocks)", () => {
    expect(upTo(phaseEvents).events).toEqual([]);
    expect(upTo(phaseWithoutId).assignments).toHaveLength(1);
  });

  it("later letters: the announced exempt ID and the deadline change", () => {
    const st = upTo(phaseLaterLetters);
    expect(st.assignments.map((a) => [a.id, a.kind, a.exempt, a.announcedOnly])).toEqual([
      ["TB2026-1", "original", false, false],
      ["TB2026-9", "original", true, true],
    ]);
    expect(st.events.map((e) => [e.type, e.target, e.deadline?.date])).toEqual([["deadline_change", "TB2026-1", "2026-09-01"]]);
  });

  it("warnings and output: the result equals parseLetter's", () => {
    const st = upTo(phaseWarnings);
    expect(st.warnings).toEqual([]);
    phaseOutput(st);
    expect(st.result).toEqual(parseLetter(TEXT));
    expect(st.result.letters.map((l) => [l.recipient, l.genre, l.number])).toEqual([
      ["Helsedirektoratet", "tildelingsbrev", null],
      ["Helsedirektoratet", "supplerende tildelingsbrev", 1],
    ]);
  });
});
