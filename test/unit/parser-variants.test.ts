/**
 * The parser on hand-written variants of the genre: another year in the 2023 layout, a later
 * letter in a different layout, a file with only a supplementary letter, every deadline phrasing,
 * and hostile input (CRLF, empty, garbage, mutations) that must never make it throw.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLetter } from "../../app/domain/letter/parse";
import type { ParseResult, ParsedAssignment } from "../../app/domain/letter/types";
import { byId } from "../helpers/letter-shapes";

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, "../fixtures/letters", name), "utf8");
const dates = (a: ParsedAssignment) => a.deadlines.map((d) => [d.label, d.date, d.precision, d.state]);

/** A minimal letter in the 2023 layout around one assignment body. */
const letterWith = (body: string, year = 2023) =>
  [
    "2.1 Folkehelse",
    "",
    `2.1.3 Spesielle oppdrag`,
    "",
    `ID: TB${year}-07 Eieravdeling HOD: FHA Et oppdrag`,
    "",
    body,
    "",
  ].join("\n");
const deadlinesOf = (body: string, year = 2023) => {
  const r = parseLetter(letterWith(body, year));
  return { r, d: byId(r, `TB${year}-07`).deadlines };
};

describe("another year in the 2023 layout (2024, main + supplementary letter)", () => {
  const r = parseLetter(fixture("variant-2024-samme-layout.txt"));

  it("finds letters, IDs, departments and areas", () => {
    expect(r.letters.map((l) => [l.kind, l.year, l.date, l.reference])).toEqual([
      ["main", 2024, null, null],
      ["supplementary", 2024, "2024-02-07", "24/133-2"],
    ]);
    expect(r.assignments.map((a) => a.id)).toEqual([
      "TB2024-01",
      "TB2024-02",
      "TB2024-03",
      "TB2024-04",
      "TB2024-05",
      "TB2024-06",
      "TTB2024-01",
      "TTB2024-02",
      "TTB2024-03",
      r.assignments[9]?.id,
    ]);
    expect(byId(r, "TB2024-02")).toMatchObject({ departments: ["FHA", "KTA"], title: "Oppfølging av folkehelsemeldingen", area: "2.1" });
    expect(byId(r, "TB2024-05").area).toBe("2.2");
    expect(byId(r, "TTB2024-01")).toMatchObject({ departments: ["KTA"], area: "2.2" });
    expect(byId(r, "TTB2024-03")).toMatchObject({ departments: ["FHA"], area: "2.1", relations: [{ type: "clarifies", target: "TB2024-04" }] });
    expect(r.goals.map((g) => [g.code, g.area])).toEqual([
      ["Mål 1", "2.1"],
      ["Mål 2", "2.2"],
    ]);
  });

  it("does not take a line-start mention (TB2023-05 …) or context dates for anything", () => {
    expect(r.assignments.some((a) => a.id.startsWith("TB2023"))).toBe(false);
    expect(byId(r, "TB2024-02").deadlines[0]).toMatchObject({ isDefault: true, date: "2024-12-31" });
    expect(byId(r, "TB2024-03").deadlines[0]).toMatchObject({ state: "to_be_agreed" });
  });

  it("reads the deadlines, including one split over two lines", () => {
    expect(dates(byId(r, "TB2024-01"))).toEqual([[null, "2024-05-01", "day", "dated"]]);
    expect(dates(byId(r, "TB2024-04"))).toEqual([[null, "2024-07-01", "day", "dated"]]);
    expect(dates(byId(r, "TB2024-05"))).toEqual([
      ["Deloppdrag 1", "2024-03-01", "day", "dated"],
      ["Deloppdrag 2", "2024-10-01", "day", "dated"],
      [null, "2024-12-31", "year", "dated"], // the undated deliverable: the year's end (#18 item 8)
    ]);
    expect(dates(byId(r, "TB2024-06"))).toEqual([[null, "2024-09-15", "day", "dated"]]);
    expect(dates(byId(r, "TTB2024-02"))).toEqual([[null, null, null, "to_be_agreed"]]);
  });

  it("strips footers and mailto lines from bodies", () => {
    expect(byId(r, "TB2024-04").body).toBe("Helsedirektoratet skal utarbeide nye kostråd. Se https://www.helsedirektoratet.no for\ngjeldende råd. Frist: 1. juli 2024.");
    expect(byId(r, "TB2024-03").body).not.toMatch(/Side 9/);
  });

  it("handles a missing title, a missing department, an ID-less block, a duplicate and a postponement", () => {
    expect(byId(r, "TTB2024-02").title).toBe("Videre utredning av modell for forvaltning av ordningene for dekning av utgifter til helsetjenester i andre EØS-land");
    expect(byId(r, "TTB2024-02").departments).toEqual([]);
    expect(r.warnings.some((w) => w.line === 114 && /ansvarlig avdeling for TTB2024-02/.test(w.message))).toBe(true);
    const untitled = r.assignments.filter((a) => !a.hasId);
    expect(untitled).toHaveLength(1);
    expect(untitled[0]).toMatchObject({ title: "Kartlegging av tilbudet til personer med ME", departments: ["SHA"], letter: 1 });
    expect(untitled[0].id).toMatch(/^uten-id-2024-[0-9a-f]{8}$/);
    expect(dates(untitled[0])).toEqual([[null, "2024-10-15", "day", "dated"]]);
    expect(r.assignments.filter((a) => a.id === "TB2024-06")).toHaveLength(1);
    expect(r.warnings.some((w) => w.line === 74 && /TB2024-06 er definert flere ganger/.test(w.message))).toBe(true);
    expect(r.events).toEqual([expect.objectContaining({ type: "postponement", target: "TB2024-03", letter: 1, source: null })]);
  });
});

describe("a later letter in a different layout (2026)", () => {
  const r = parseLetter(fixture("variant-2026-ny-layout.txt"));

  it("reads the letter header and year", () => {
    expect(r.letters).toHaveLength(1);
    expect(r.letters[0]).toMatchObject({
      kind: "main",
      year: 2026,
      date: "2025-12-19",
      reference: "25/4711-3",
      title: "Statsbudsjettet 2026 – tildelingsbrev til Helsedirektoratet",
    });
  });

  it("finds IDs without 'ID:', without zero padding and with three digits, and only those", () => {
    expect(r.assignments.map((a) => a.id)).toEqual(["TB2026-1", "TB2026-2", "TB2026-3", "TB2026-12", "TB2026-101", "TB2026-102"]);
  });

  it("reads 'Avd. HOD:' with new codes and several owners", () => {
    expect(byId(r, "TB2026-1").departments).toEqual(["FHA"]);
    expect(byId(r, "TB2026-2").departments).toEqual(["FHA", "KTA"]);
    expect(byId(r, "TB2026-12").departments).toEqual(["BSA"]);
    expect(byId(r, "TB2026-101").departments).toEqual(["DIG", "BSA"]);
    expect(byId(r, "TB2026-102").departments).toEqual(["DIG", "KTA", "BSA"]);
    expect(r.departments.map((d) => d.code)).toEqual(["FHA", "KTA", "BSA", "DIG"]);
  });

  it("reads titles on the ID line, on the next line, and wrapped", () => {
    expect(byId(r, "TB2026-3").title).toBe("Oppfølging av alkoholpolitikken");
    expect(byId(r, "TB2026-12").title).toBe("Kapasitet i akuttmottakene");
    expect(byId(r, "TB2026-101").title).toBe("Digital innbyggertjeneste for timebestilling og meldinger i den kommunale helse- og omsorgstjenesten");
    expect(byId(r, "TB2026-102").title).toBe("Tolketjenester");
    expect(byId(r, "TB2026-1").body).toMatch(/^Helsedirektoratet skal utarbeide/);
  });

  it("reads areas and goals in the new numbering", () => {
    expect(r.areas).toEqual([
      { code: "2.1", name: "Folkehelse" },
      { code: "2.2", name: "Helse- og omsorgstjenester" },
    ]);
    expect(byId(r, "TB2026-3").area).toBe("2.1");
    expect(byId(r, "TB2026-101").area).toBe("2.2");
    expect(r.goals[0].title).toBe("Befolkningen har gode levevaner og god psykisk helse i hele livsløpet");
  });

  it("reads deadlines and warns about the impossible date", () => {
    expect(dates(byId(r, "TB2026-1"))).toEqual([[null, "2026-06-01", "day", "dated"]]);
    expect(dates(byId(r, "TB2026-2"))).toEqual([
      [null, "2026-09-15", "day", "dated"],
      [null, "2027-03-31", "month", "dated"],
    ]);
    expect(dates(byId(r, "TB2026-3"))).toEqual([[null, null, null, "on_hold"]]);
    expect(dates(byId(r, "TB2026-12"))).toEqual([[null, null, null, "to_be_agreed"]]);
    expect(dates(byId(r, "TB2026-101"))).toEqual([
      ["Deloppdrag 1", "2026-03-01", "day", "dated"],
      // "Frist: 31.6.2026." is impossible: kept as an invalid deadline, never silently dropped.
      ["Deloppdrag 2", null, null, "invalid"],
      ["Deloppdrag 3", "2026-10-31", "month", "dated"],
      [null, "2026-12-31", "year", "dated"], // the undated deliverable: the year's end (#18 item 8)
    ]);
    expect(dates(byId(r, "TB2026-102"))).toEqual([[null, "2026-05-01", "day", "dated"]]);
    const w = r.warnings.filter((x) => /31\.6\.2026/.test(x.message));
    expect(w).toHaveLength(1);
    expect(w[0].line).toBe(63);
    expect(byId(r, "TB2026-102").relations).toEqual([{ type: "replaces", target: "TB2025-77" }]);
  });
});

describe("a file with only a supplementary letter", () => {
  const text = [
    "Postadresse",
    "Postboks 8011 Dep",
    "0030 Oslo",
    "",
    "Tillegg til tildelingsbrev",
    "",
    "Vår ref: 25/88-4",
    "Dato: 3. mars 2025",
    "",
    "Nye oppdrag:",
    "- TTB2025-07 Beredskapslager",
    "- TTB2025-08 Bemanning i omsorgstjenesten",
    "",
    "Beredskap",
    "",
    "TTB2025-07 Beredskapslager",
    "Helsedirektoratet skal vurdere lagrene. Frist: 1. september 2025",
    "Ansvarlig avdeling i HOD: ADA, EIA",
    "",
    "TTB2025-09 Presisering av TB2025-4 Tolketjenester",
    "Fristen for TB2025-4 settes til 15. mai 2025.",
    "",
    "Med hilsen",
  ].join("\n");
  const r = parseLetter(text);

  it("recognises the letter as supplementary and reads its IDs", () => {
    expect(r.letters).toEqual([expect.objectContaining({ kind: "supplementary", year: 2025, date: "2025-03-03", reference: "25/88-4" })]);
    expect(r.assignments.map((a) => a.id)).toEqual(["TTB2025-07", "TTB2025-09"]);
    expect(byId(r, "TTB2025-07").departments).toEqual(["ADA", "EIA"]);
    expect(dates(byId(r, "TTB2025-07"))).toEqual([[null, "2025-09-01", "day", "dated"]]);
    expect(byId(r, "TTB2025-09").relations).toEqual([{ type: "clarifies", target: "TB2025-4" }]);
    expect(dates(byId(r, "TTB2025-09"))).toEqual([[null, "2025-05-15", "day", "dated"]]);
  });

  it("warns about the listed assignment that is missing and the block without department", () => {
    expect(r.warnings.some((w) => w.line === 12 && /TTB2025-08 står i oversikten/.test(w.message))).toBe(true);
    expect(r.warnings.some((w) => /ansvarlig avdeling for TTB2025-09/.test(w.message))).toBe(true);
  });
});

describe("every deadline phrasing", () => {
  it.each([
    ["Frist: 1. juli 2023", "2023-07-01", "day"],
    ["Utkast forelegges departementet innen 1. mai 2023.", "2023-05-01", "day"],
    ["Frist: 15.09.23", "2023-09-15", "day"],
    ["Frist for oppdraget: 1.10.2023.", "2023-10-01", "day"],
    ["Arbeidet ledes av direktoratet, og frist for oppdraget er 31.12. 2023.", "2023-12-31", "day"],
    ["Frist: 15 mai 2023.", "2023-05-15", "day"],
    ["Frist: Mars 2027.", "2027-03-31", "month"],
    ["Et notat. Frist: utgangen av januar 2023.", "2023-01-31", "month"],
    ["Frist 1. mars. Omfang: Kort notat", "2023-03-01", "day"],
    ["Rapporten skal oversendes departementet innen 1.\nmai 2023.", "2023-05-01", "day"],
    ["Rapporten skal foreligge senest 1. september.", "2023-09-01", "day"],
    ["Endelig rapport oversendes innen utgangen av 2023.", "2023-12-31", "year"],
    ["Sluttrapporten bes levert innen 1. mars 2024.", "2024-03-01", "day"],
    ["Frist: 2. kvartal 2023", "2023-06-30", "month"],
    ["Arbeidet skal være ferdig i løpet av første halvår.", "2023-06-30", "month"],
    ["Frist: Rapporteres i 2. tertialrapport", "2023-08-31", "month"],
  ])("%s", (body, date, precision) => {
    const { d } = deadlinesOf(body);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ date, precision, state: "dated", isDefault: false, line: 7 });
  });

  it.each([
    ["Frist: 14 dager etter mottatt oppdrag.", "to_be_agreed"],
    ["Frist for arbeidet avklares i dialog med departementet.", "to_be_agreed"],
    ["Fremdrift for arbeidet avtales nærmere.", "to_be_agreed"],
    ["Oppdraget settes i bero til direktivet er avklart.", "on_hold"],
  ])("%s → %s", (body, state) => {
    const { d } = deadlinesOf(body);
    expect(d).toEqual([expect.objectContaining({ state, date: null, precision: null, isDefault: false })]);
  });

  it("reads 'innen tre måneder etter …' as a deadline to be agreed, unless a 'Frist' gives the assignment its date: then it describes a duty in the text", () => {
    expect(deadlinesOf("Rapporten skal leveres innen tre måneder etter at oppdraget er mottatt.").d).toEqual([
      expect.objectContaining({ state: "to_be_agreed", date: null }),
    ]);
    const { d } = deadlinesOf(
      "Bestemmelsen pålegger virksomheter en plikt til å utarbeide rapport innen tre måneder etter at melding om hendelsen er sendt.\nDirektoratet skal lage veiledningsmateriell.\nFrist: 1.6.2023",
    );
    expect(d.map((x) => [x.state, x.date])).toEqual([["dated", "2023-06-01"]]);
  });

  it("warns about a 'Frist:' line it cannot read, and keeps the default deadline", () => {
    for (const line of ["Frist: snarest", "Frist for oppdraget: når ordningen er evaluert"]) {
      const { r, d } = deadlinesOf(`Direktoratet skal utrede saken.\n${line}`);
      expect(d, line).toEqual([expect.objectContaining({ isDefault: true, date: "2023-12-31" })]);
      expect(r.warnings, line).toContainEqual({ line: 8, message: `Fant ingen dato i «${line}» i TB2023-07 – kontroller fristen` });
    }
    // A line it reads, or one that says the deadline is to be agreed, gives no such warning.
    for (const line of ["Frist: 2. kvartal 2023", "Frist: uke 12", "Frist: medio juni", "Frist: Avklares i dialog med departementet"]) {
      expect(deadlinesOf(`Direktoratet skal utrede saken.\n${line}`).r.warnings.filter((w) => w.message.includes("ingen dato")), line).toEqual([]);
    }
  });

  it("reads a 'Frist:' line that names a reporting point as a table's deadline cell does: within the year, by that name", () => {
    for (const [line, text] of [["Frist: Løpende", "Løpende"], ["Frist: I årsrapporten", "I årsrapporten"], ["Frist: Årsrapporten.", "Årsrapporten"]]) {
      const { r, d } = deadlinesOf(`Direktoratet skal utrede saken.\n${line}`);
      expect(d, line).toEqual([expect.objectContaining({ isDefault: false, date: "2023-12-31", precision: "year", state: "dated", text })]);
      expect(r.warnings.filter((w) => w.message.includes("ingen dato")), line).toEqual([]);
    }
  });

  it("reads a 'Frist:' value that only the label makes a date: a year, a month, a day without its dot, an ISO date", () => {
    for (const [line, date, precision] of [
      ["Frist: 2023", "2023-12-31", "year"],
      ["Frist: innen 2023", "2023-12-31", "year"],
      ["Frist: juni", "2023-06-30", "month"],
      ["Frist: Innen desember", "2023-12-31", "month"],
      ["Frist: 15.06", "2023-06-15", "day"],
      ["Frist: 1/6", "2023-06-01", "day"],
      ["Frist: 2023-06-01", "2023-06-01", "day"],
    ]) {
      const { r, d } = deadlinesOf(`Direktoratet skal utrede saken.\n${line}`);
      expect(d, line).toEqual([expect.objectContaining({ isDefault: false, date, precision, state: "dated" })]);
      expect(r.warnings.filter((w) => w.message.includes("ingen dato")), line).toEqual([]);
    }
    // An impossible one is kept as invalid, with a warning; a number in a sentence stays context.
    const invalid = deadlinesOf("Direktoratet skal utrede saken.\nFrist: 31.02");
    expect(invalid.d).toEqual([expect.objectContaining({ state: "invalid", date: null })]);
    expect(invalid.r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^Ugyldig frist i TB2023-07: ugyldig dato «31\.02»/));
    expect(deadlinesOf("Direktoratet skal utrede saken innen juni, jf. punkt 15.06 i planen.").d).toEqual([expect.objectContaining({ isDefault: true })]);
  });

  it("ignores dates that are context, not deadlines", () => {
    for (const body of [
      "Helsedirektoratet skal delta i perioden 2023–2027.",
      "Avtalen har en varighet til 31.12.2025.",
      "Ordningen gjelder fra 1. januar 2024.",
      "Det vises til brev av 29. juni 2022 og svar 26.11.2021.",
      "Det vises til TTB 2022-26, som har frist innen 1. mars 2023.",
      "Stortinget har bedt om «en plan innen 1. mai 2023».",
      "Direktoratet rapporterer kvartalsvis om ventetider.",
    ]) {
      const { d } = deadlinesOf(body);
      expect(d, body).toEqual([expect.objectContaining({ isDefault: true, date: "2023-12-31", precision: "year", state: "dated", line: null })]);
      expect(d[0].text).toBe("Ingen frist oppgitt – gjennomføres innen utgangen av 2023");
    }
  });

  it("labels deliverables", () => {
    const { d } = deadlinesOf(
      [
        "Helsedirektoratet skal utrede plikten.",
        "• Delleveranse 1: Høringsnotat.",
        "Frist: 15.09.23",
        "• Delleveranse 2: Fullstendig utredning. Frist: 31.12.23.",
        "Frist deloppdrag 3: Avtales i lys av leveranse på deloppdrag 1.",
      ].join("\n"),
    );
    expect(d.map((x) => [x.label, x.date, x.state])).toEqual([
      ["Delleveranse 1", "2023-09-15", "dated"],
      ["Delleveranse 2", "2023-12-31", "dated"],
      ["Deloppdrag 3", null, "to_be_agreed"],
    ]);
  });

  it("keeps an impossible date as an invalid deadline (text kept, no date, a warning), never the default", () => {
    const { r, d } = deadlinesOf("Frist: 31.6.2026.", 2026);
    expect(r.warnings).toEqual([expect.objectContaining({ line: 7, message: expect.stringMatching(/31\.6\.2026/) })]);
    expect(d).toEqual([{ date: null, precision: null, label: null, text: "Frist: 31.6.2026", isDefault: false, state: "invalid", line: 7 }]);
  });

  it("reads 'Frist: Settes i dialog med …' as to be agreed", () => {
    const { d } = deadlinesOf("Frist: Settes i dialog med Helsedirektoratet", 2026);
    expect(d).toEqual([expect.objectContaining({ state: "to_be_agreed", date: null, isDefault: false })]);
  });
});

describe("hostile input", () => {
  const empty = (r: ParseResult) => {
    expect(r.assignments).toEqual([]);
    expect(r.warnings.length).toBeGreaterThan(0);
  };

  it("parses CRLF text like LF text", () => {
    const lf = fixture("variant-2024-samme-layout.txt");
    const crlf = lf.replace(/\n/g, "\r\n");
    expect(parseLetter(crlf)).toEqual(parseLetter(lf));
    expect(parseLetter(`\uFEFF${lf}`)).toEqual(parseLetter(lf));
  });

  it("returns warnings, not a throw, for empty or meaningless text", () => {
    empty(parseLetter(""));
    empty(parseLetter("\n\n \n"));
    empty(parseLetter("lorem ipsum dolor sit amet"));
    empty(parseLetter("\u0000\u0001\uFFFD\uFFFD binært søppel \u0000"));
    empty(parseLetter(undefined as unknown as string));
    const r = parseLetter("ID: ukjent\nID:\n");
    expect(r.warnings.some((w) => w.line === 1 && /ID:/.test(w.message))).toBe(true);
  });

  it("never throws on random and mutated text, and stays fast", () => {
    const base = fixture("variant-2024-samme-layout.txt") + fixture("variant-2026-ny-layout.txt");
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ["ID: ", "TB2024-", "TTB2024-0", "Frist: ", "31.6.2026", "\n", "Eieravdeling HOD: ", "Ansvarlig avdeling i HOD: ", "«", "Med hilsen\n", "Utsettelse av TB2024-03\n", "- TTB2024-09 x\n", "2.1 Folkehelse\n", "\u0000", "innen 1.", "1. ", "a) ", "Tillegg til tildelingsbrev\n", "Vår ref\n\n24/1-1\nDato\n\n1. mai 2024\n"];
    let slowest = 0;
    for (let i = 0; i < 300; i++) {
      let t = base;
      const ops = 1 + Math.floor(rnd() * 25);
      for (let k = 0; k < ops; k++) {
        const pos = Math.floor(rnd() * t.length);
        const x = rnd();
        if (x < 0.3) t = t.slice(0, pos) + t.slice(pos + Math.floor(rnd() * 200));
        else if (x < 0.7) t = t.slice(0, pos) + pieces[Math.floor(rnd() * pieces.length)] + t.slice(pos);
        else if (x < 0.85) {
          const from = Math.floor(rnd() * t.length);
          t = t.slice(0, pos) + t.slice(from, from + Math.floor(rnd() * 200)) + t.slice(pos);
        } else t = t.slice(0, pos) + String.fromCharCode(Math.floor(rnd() * 0xffff)) + t.slice(pos);
      }
      const t0 = performance.now();
      const r = parseLetter(t);
      slowest = Math.max(slowest, performance.now() - t0);
      expect(r.warnings.some((w) => /Intern feil/.test(w.message)), `mutasjon ${i}`).toBe(false);
      for (const a of r.assignments) {
        expect(a.deadlines.length).toBeGreaterThan(0);
        for (const d of a.deadlines) if (d.date) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(() => JSON.stringify(r)).not.toThrow();
    }
    expect(slowest).toBeLessThan(1000);
    for (const t of ["1. ".repeat(20000), "TB2023-1\n".repeat(3000), "a".repeat(200000), "«".repeat(5000) + "Frist: 1. mai 2023", "Mål 1: x\n".repeat(3000)]) {
      const r = parseLetter(t);
      expect(r.warnings.some((w) => /Intern feil/.test(w.message))).toBe(false);
    }
  });
});
