/** What later letters do: part kinds, announced IDs, explicit changes (written phrasings). */
import { describe, expect, it } from "vitest";
import { announcedEntry, changesInSentence, classifyPart, RE_SUPPLEMENT_SECTION } from "~/domain/letter/later-letters";
import { parseLetter } from "~/domain/letter/parse";

describe("announced IDs in the opening list", () => {
  it.each([
    ["(unntatt offentlighet). For detaljer se eget vedlegg", { title: "Unntatt offentlighet", exempt: true }],
    ["(Unntatt offentlighet, jf. offl. § 15)", { title: "Unntatt offentlighet", exempt: true }],
    ["Nasjonal plan for legevakt. Ettersendes", { title: "Nasjonal plan for legevakt", exempt: false }],
    ["Kartlegging av X – sendes senere", { title: "Kartlegging av X", exempt: false }],
    ["Tilskudd til kommunene, se eget vedlegg", { title: "Tilskudd til kommunene", exempt: false }],
  ])("%s", (entry, expected) => {
    expect(announcedEntry(entry)).toEqual(expected);
  });
  it("an ordinary entry or a change is not announced-only", () => {
    expect(announcedEntry("Kartlegging av ventetider i rehabiliteringstilbudet")).toBeNull();
    expect(announcedEntry("utgår")).toBeNull();
  });
});

describe("explicit changes", () => {
  it.each([
    ["TB2026-61 utgår.", "withdrawal"],
    ["Oppdrag TB2026-48 bortfaller, fordi samarbeidet er lagt om.", "withdrawal"],
    ["Oppdraget TB2026-5 trekkes tilbake.", "withdrawal"],
    ["Oppdrag TB2026-12 avsluttes.", "withdrawal"],
    ["TB2026-12 trekkes herved.", "withdrawal"],
    ["TB2026-12 skal ikke lenger gjennomføres.", "withdrawal"],
    ["Oppdrag TB2026-30 settes i bero inntil videre.", "postponement"],
    ["Oppstarten av TB2026-30 utsettes inntil videre.", "postponement"],
  ])("%s", (sentence, type) => {
    expect(changesInSentence(sentence, 2026, 10)).toEqual([{ type, target: sentence.match(/TB2026-\d+/)?.[0] }]);
  });
  it("reads the new deadline of a deadline change, in the letter's year when none is given", () => {
    const [c] = changesInSentence("Fristen for TB2026-12 utsettes til 1. mai 2026.", 2026, 36);
    expect(c).toMatchObject({ type: "deadline_change", target: "TB2026-12" });
    expect(c.deadline).toEqual({ date: "2026-05-01", precision: "day", label: null, text: "Fristen for TB2026-12 utsettes til 1. mai 2026", isDefault: false, state: "dated", line: 36 });
    expect(changesInSentence("Fristen for oppdrag TB2026-1 endres til 15. september.", 2026, 1)[0].deadline?.date).toBe("2026-09-15");
    // A season: the end of its last month.
    expect(changesInSentence("Fristen for TB2026-3 utsettes til høsten 2026.", 2026, 1)[0].deadline).toMatchObject({ date: "2026-11-30", precision: "month" });
  });
  it.each([
    "Fristen for TB2026-12 endres fra 1. mai 2026 til 1. september 2026.",
    "Ny frist for TB2026-12 er 1. september 2026.",
    "TB2026-12: Fristen forlenges til 1. september 2026.",
    "Fristen for oppdrag TB2026-12 er utsatt til 1. september 2026.",
    "Departementet utsetter fristen for TB2026-12 til 1. september 2026.",
    "Fristen for TB2026-12 flyttes fra 1. mai til 1. september 2026.",
    "Oppdrag TB2026-12 får ny frist 1. september 2026.",
    "TB2026-12 utsettes til 1. september 2026.",
    "Fristen for TB2026-12 er endret til 1. september 2026.",
    "Fristen for TB2026-12 blir utsett til 1. september 2026.",
  ])("a deadline change in other words: %s", (sentence) => {
    expect(changesInSentence(sentence, 2026, 1).map((c) => [c.type, c.target, c.deadline?.date])).toEqual([["deadline_change", "TB2026-12", "2026-09-01"]]);
  });
  it("reads an owner change with its new departments", () => {
    expect(changesInSentence("Ansvaret for TB2026-33 flyttes fra LMA til SHA og KTA.", 2026, 5)).toEqual([
      { type: "owner_change", target: "TB2026-33", departments: ["SHA", "KTA"] },
    ]);
  });
  it.each([
    "Ansvarlig avdeling for TB2026-33 endres til SHA.",
    "Ny ansvarlig avdeling for TB2026-33 er SHA.",
    "TB2026-33: Ansvarlig avdeling endres fra LMA til SHA.",
    "Ansvarleg avdeling for TB2026-33 blir endra til SHA.",
  ])("an owner change said of the owner label: %s", (sentence) => {
    expect(changesInSentence(sentence, 2026, 5)).toEqual([{ type: "owner_change", target: "TB2026-33", departments: ["SHA"] }]);
  });
  it("no owner change where the label stays or the words are no codes", () => {
    for (const sentence of ["Ansvarlig avdeling for TB2026-33 er uendret.", "Ansvarlig avdeling for TB2026-33 er fortsatt LMA.", "Ansvarlig avdeling for TB2026-33 endres til og med neste år."]) {
      expect(changesInSentence(sentence, 2026, 5), sentence).toEqual([]);
    }
  });
  it("ignores sentences with no or several IDs, and those that do not change anything", () => {
    expect(changesInSentence("Oppdraget utgår.", 2026, 1)).toEqual([]);
    expect(changesInSentence("TB2026-1 og TB2026-2 utgår.", 2026, 1)).toEqual([]);
    expect(changesInSentence("Arbeidet ses i sammenheng med TB2026-5.", 2026, 1)).toEqual([]);
    expect(changesInSentence("TB2026-5 utgår ikke, men …", 2026, 1)).toEqual([]);
    expect(changesInSentence("Oppdraget ses i sammenheng med TB2026-12, som avsluttes i år.", 2026, 1)).toEqual([]);
    expect(changesInSentence("Oppdrag TB2026-12 anses som utført og avsluttes.", 2026, 1)).toEqual([]);
  });
});

describe("part kinds", () => {
  const base = { id: "TB2026-17", title: "Brukerundersøkelse", body: "", idYear: 2026, letterYear: 2026, section: null, clarifies: null };
  it("'Det vises til oppdrag <own ID>. Følgende delleveranser …' is an addition to it", () => {
    expect(classifyPart({ ...base, body: "Det vises til oppdrag TB2026-17. Følgende delleveranser bes levert som en del av det:" })).toEqual({ kind: "addition", target: "TB2026-17" });
  });
  it("a 'Presisering' title, a clarifies relation, the 'Presisering av tidligere oppdrag' section or an earlier year is a clarification", () => {
    expect(classifyPart({ ...base, title: "Presisering av oppdrag om X" })).toEqual({ kind: "clarification", target: "TB2026-17" });
    expect(classifyPart({ ...base, id: "TTB2023-04", clarifies: "TB2023-18" })).toEqual({ kind: "clarification", target: "TB2023-18" });
    expect(classifyPart({ ...base, section: "clarification" })).toEqual({ kind: "clarification", target: "TB2026-17" });
    expect(classifyPart({ ...base, id: "TB2025-115", idYear: 2025 })).toEqual({ kind: "clarification", target: "TB2025-115" });
  });
  it("anything else is an original", () => {
    expect(classifyPart({ ...base, section: "new", body: "Helsedirektoratet skal kartlegge …" })).toEqual({ kind: "original", target: null });
  });
  it("knows the section headings of supplementary letters", () => {
    for (const h of ["Nye oppdrag", "Presisering av tidligere oppdrag", "Endret frist", "Oppdrag som utgår", "Endret ansvar", "Endringer i tildelingen"]) {
      expect(RE_SUPPLEMENT_SECTION.test(h)).toBe(true);
    }
    expect(RE_SUPPLEMENT_SECTION.test("Nye oppdrag eller presisering av tidligere oppdrag")).toBe(false);
  });
});

describe("a later letter's section that names the assignment it adds to in its first sentence", () => {
  const letter = (first: string) =>
    [
      "Endringsbrev nr. 1 2025 til Husbanken",
      "",
      "1 Presisering av oppdrag",
      "",
      `${first} Følgende delleveranse bes levert som en del av det: en foreløpig oversikt innen 1. mai 2025.`,
      "",
      "Ansvarlig avdeling: BBA",
      "",
      "2 Nye oppdrag",
      "",
      "TB2025-07 Kartlegge boligbehovet for eldre",
      "",
      "Husbanken skal kartlegge behovet.",
      "",
      "Frist: 1. november 2025",
      "",
      "Ansvarlig avdeling: BBA",
    ].join("\n");

  it.each(["Det vises til oppdrag TB2025-01.", "Departementet viser til oppdrag 13/2025 i tildelingsbrevet."])("«%s …» is a part of that assignment, not one of its own", (first) => {
    const r = parseLetter(letter(first));
    const target = first.includes("TB2025-01") ? "TB2025-01" : "13/2025";
    expect(r.assignments.map((a) => [a.id, a.hasId, a.kind, a.target, a.deadlines.map((d) => d.date)])).toEqual([
      [target, true, "addition", target, ["2025-05-01"]],
      ["TB2025-07", true, "original", null, ["2025-11-01"]],
    ]);
    expect(r.assignments[0].title).toBe("Presisering av oppdrag");
  });

  it("a section that names two assignments, or names one later in its text, stays an assignment of its own", () => {
    for (const first of ["Det vises til oppdrag TB2025-01 og TB2025-03.", "Husbanken skal kartlegge behovet, jf. TB2025-01."]) {
      const r = parseLetter(letter(first));
      expect(r.assignments[0].id.startsWith("uten-id-"), first).toBe(true);
    }
  });
});

describe("owners of a later letter's parts", () => {
  it("an addition to an earlier assignment without an owner line gives no 'no owner' warning: it has the original's", () => {
    const r = parseLetter(
      [
        "Supplerende tildelingsbrev nr. 6 til Helsedirektoratet",
        "Dato: 3. september 2026",
        "",
        "TB2026-17 Digital førstelinje",
        "",
        "Det vises til oppdrag TB2026-17. Følgende delleveranse bes levert som en del av det:",
        "Helsedirektoratet skal levere en plan for chatbot-tjenesten innen 9. oktober 2026.",
        "",
        "TB2026-99 Nytt oppdrag uten avdeling",
        "",
        "Helsedirektoratet skal utrede en ny ordning innen 1. desember 2026.",
        "",
        "Med hilsen",
      ].join("\n"),
    );
    expect(r.assignments.map((a) => [a.id, a.kind, a.departments])).toEqual([
      ["TB2026-17", "addition", []],
      ["TB2026-99", "original", []],
    ]);
    expect(r.warnings.map((w) => w.message).filter((m) => m.startsWith("Fant ingen ansvarlig avdeling"))).toEqual([
      "Fant ingen ansvarlig avdeling for TB2026-99 (Nytt oppdrag uten avdeling) – avdeling er ikke satt",
    ]);
  });
});
