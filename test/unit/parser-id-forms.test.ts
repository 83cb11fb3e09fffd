/**
 * ID forms beyond HOD's TB/TTB and Norsk helsenett's "ID: 2026-01", written in our own words as
 * other ministries print them: Kommunal- og distriktsdepartementet numbers its assignments to
 * Husbanken "oppdrag 13/2024" (number/year), a year-number form after the word "Oppdrag"
 * ("Oppdrag 2024-001: …"), and a TB ID split by a line break ("TB- 2026-2"). Every case failed
 * before the ID grammar in app/domain/letter/ids.ts knew the form ("Fant ingen oppdrag").
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "../../app/domain/letter/parse";
import { findIds, idKeyVariants, parseId, sameId } from "../../app/domain/letter/ids";
import { byId, dated, shapes } from "../helpers/letter-shapes";
import { readFormLetter as form } from "../helpers/letter-series";


const HUSBANKEN_NR2 = form("husbanken-2024-nr2.txt");

const HUSBANKEN_NR3 = form("husbanken-2024-nr3.txt");

const YEAR_NUMBER = form("kompetansedirektoratet-2024.txt");

describe("the ID grammar", () => {
  it("reads TB, year-number and number/year forms, the same ID whatever its padding", () => {
    expect(parseId("TB2026-1")).toEqual({ form: "TB", year: 2026, number: 1 });
    expect(parseId("TTB2023-02")).toEqual({ form: "TTB", year: 2023, number: 2 });
    expect(parseId("2026-01")).toEqual({ form: "year-number", year: 2026, number: 1 });
    expect(parseId("13/2024")).toEqual({ form: "number/year", year: 2024, number: 13 });
    expect(parseId("uten-id-2026-0badf00d")).toBeNull();
    expect(sameId("2026-1", "2026-01")).toBe(true);
    expect(sameId("13/2024", "013/2024")).toBe(true);
    expect(sameId("TB2026-1", "TTB2026-1")).toBe(false);
    expect(sameId("2026-01", "1/2026")).toBe(false);
    expect(idKeyVariants("TB2026-01")).toEqual(["TB2026-01", "TB2026-1", "TB2026-001"]);
    expect(idKeyVariants("13/2024")).toEqual(["13/2024", "013/2024"]);
  });

  it("finds a plain form only after its label, a TB ID anywhere, and joins a TB ID a line break split", () => {
    expect(findIds("jf. oppdrag 13/2024 og ID 2026-03, se også TB- 2026-2 og TB 2022-31").map((x) => x.id)).toEqual([
      "13/2024",
      "2026-03",
      "TB2026-2",
      "TB2022-31",
    ]);
    expect(findIds("Saken har ref. 24/1234-5 og gjelder perioden 2024-2025 og 1/2024.")).toEqual([]);
  });
});

describe("number/year IDs: Husbanken's supplementary letters", () => {
  for (const [shape, text] of shapes(HUSBANKEN_NR2)) {
    it(`as ${shape} text: «Oppdrag 13/2024 Title» and «Oppdrag 14/2024: Title» start assignments, IDs as printed`, () => {
      const r = parseLetter(text);
      expect(r.letters.map((l) => [l.kind, l.year, l.number, l.recipient, l.date, l.reference])).toEqual([
        ["supplementary", 2024, 2, "Husbanken", "2024-07-01", "24/1234-5"],
      ]);
      expect(r.assignments.map((a) => [a.id, a.title, a.year])).toEqual([
        ["13/2024", "Mer treffsikre boutgiftstak", 2024],
        ["14/2024", "Evaluering av startlånet", 2024],
      ]);
      expect(dated(byId(r, "13/2024"))).toEqual(["2024-11-15"]);
      expect(dated(byId(r, "14/2024"))).toEqual(["2025-03-01"]);
    });
  }

  for (const [shape, text] of shapes(HUSBANKEN_NR3)) {
    it(`as ${shape} text: a later letter's list, postponement and withdrawal name the earlier IDs`, () => {
      const r = parseLetter(text);
      expect(r.assignments.map((a) => a.id)).toEqual(["15/2024"]);
      // The next section's heading ("3. Endringer i tidligere oppdrag") is no part of its text.
      expect(r.assignments[0].body).toBe("Husbanken skal kartlegge kommunale utleieboliger.\nFrist: 1. februar 2025");
      expect(r.events.map((e) => [e.type, e.target])).toEqual([
        ["postponement", "13/2024"],
        ["withdrawal", "14/2024"],
      ]);
      // The postponement is its heading and paragraph; the withdrawal after it is its own matter.
      expect(r.events[0].text).not.toContain("utgår");
      expect(r.warnings.map((w) => w.message).filter((m) => m.includes("står i oversikten"))).toEqual([]);
    });
  }

  it("keeps the last item of a numbered list in the text, where a lone numbered heading is left out", () => {
    const text = HUSBANKEN_NR3.replace(
      "Husbanken skal kartlegge kommunale utleieboliger.\n",
      "Husbanken skal kartlegge kommunale utleieboliger, og se på\n\n1. Standard på boligene\n\n2. Husleienivå\n\n",
    ).replace("Frist: 1. februar 2025\n\n3. Endringer i tidligere oppdrag\n", "Frist: 1. februar 2025\n\n3. Ventelister\n");
    expect(parseLetter(text).assignments[0].body.split("\n").filter(Boolean).slice(-2)).toEqual(["Frist: 1. februar 2025", "3. Ventelister"]);
  });

  it("reads the same pasted without blank lines: «Oppdrag 13/2024 …» under «2. Nye oppdrag» starts a block", () => {
    for (const text of [HUSBANKEN_NR2, HUSBANKEN_NR3]) {
      const pasted = text.split("\n").filter((line) => line.trim() !== "").join("\n");
      expect(parseLetter(pasted).assignments.map((a) => [a.id, a.title, dated(a)])).toEqual(parseLetter(text).assignments.map((a) => [a.id, a.title, dated(a)]));
    }
  });

  it("does not take a sentence that starts with «Oppdrag 14/2024» for a new assignment", () => {
    const r = parseLetter(HUSBANKEN_NR2.replace("Med hilsen", "Oppdrag 13/2024 skal ses i sammenheng med boligmeldingen.\n\nMed hilsen"));
    expect(r.assignments.map((a) => a.id)).toEqual(["13/2024", "14/2024"]);
  });

  it("starts the second of two letters in one file at its address block, so its date and reference are its own", () => {
    const r = parseLetter(`${HUSBANKEN_NR2}\n${HUSBANKEN_NR3}`);
    expect(r.letters.map((l) => [l.number, l.date, l.reference])).toEqual([
      [2, "2024-07-01", "24/1234-5"],
      [3, "2024-10-01", "24/1234-9"],
    ]);
    expect(r.assignments.map((a) => [a.id, a.letter])).toEqual([
      ["13/2024", 0],
      ["14/2024", 0],
      ["15/2024", 1],
    ]);
  });
});

describe("labels before an ID", () => {
  it.each([
    ["Oppdrag: 2025-03 Kartlegging av bruer", "2025-03"],
    ["Oppdragsnummer 2025-03 Kartlegging av bruer", "2025-03"],
    ["Oppdragsnr. 13/2025: Kartlegging av bruer", "13/2025"],
    ["Oppdrag: TB2025-3 Kartlegging av bruer", "TB2025-3"],
  ])("«%s» gives %s", (line, id) => {
    const r = parseLetter(`Tildelingsbrev 2025 til Vegtilsynet\n\n3.1 Trygge veier\n\n${line}\nVegtilsynet skal vurdere bruene.\nFrist: 1. mai 2025\n`);
    expect(r.assignments.map((a) => [a.id, a.title, a.area])).toEqual([[id, "Kartlegging av bruer", "3.1"]]);
  });
});

describe("an ID of another form after «ID:»", () => {
  const letter = (first: string, second: string) =>
    [
      "Tildelingsbrev 2025 til Folkehelseinstituttet",
      "",
      "2 Oppdrag",
      "",
      `${first} Kartlegging av skolehelsetjenesten`,
      "",
      "Instituttet skal kartlegge tjenesten.",
      "",
      "Frist: 1. juni 2025",
      "",
      `${second} Evaluering av screeningprogrammet`,
      "",
      "Instituttet skal evaluere programmet.",
      "",
      "Frist: 1. oktober 2025",
    ].join("\n");

  it.each([
    ["ID: FHI-2025-01", "ID: FHI-2025-02", "FHI-2025-01", "FHI-2025-02"],
    ["ID: O 001", "ID: O 002", "O 001", "O 002"],
    ["ID: DMP 2025-3", "ID: DMP 2025-4", "DMP 2025-3", "DMP 2025-4"],
    ["Oppdrag-ID: 25-01", "Oppdrag-ID: 25-02", "25-01", "25-02"],
  ])("«%s …» is an assignment with that ID as printed, its title after it", (first, second, id1, id2) => {
    const r = parseLetter(letter(first, second));
    expect(r.assignments.map((a) => [a.id, a.title, a.year, a.deadlines[0].date])).toEqual([
      [id1, "Kartlegging av skolehelsetjenesten", 2025, "2025-06-01"],
      [id2, "Evaluering av screeningprogrammet", 2025, "2025-10-01"],
    ]);
    expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/fant ingen gyldig oppdrags-ID/);
  });

  it("a later letter that names such an ID after «oppdrag» withdraws it, moves its deadline or puts it on hold", () => {
    const later = [
      "Supplerende tildelingsbrev nr. 1 2025 til Miljødirektoratet",
      "",
      "1 Endringer i oppdrag",
      "",
      "Oppdrag O 002 utgår.",
      "",
      "Fristen for oppdrag O 001 utsettes til 1. september 2025.",
      "",
      "Oppdraget FHI-2025-04 settes i bero.",
      "",
      "Tallene i NOU 2023:4 og oppdrag NOU 2023:4 brukes videre.",
    ].join("\n");
    const r = parseLetter(later);
    expect(r.events.map((e) => [e.type, e.target, e.deadline?.date ?? null])).toEqual([
      ["withdrawal", "O 002", null],
      ["deadline_change", "O 001", "2025-09-01"],
      ["postponement", "FHI-2025-04", null],
    ]);
    expect(r.assignments).toEqual([]);
    expect(findIds("Se NOU 2023:4, jf. oppdrag NOU 2023:4, og oppdrag KS 2025.")).toEqual([]);
  });

  it("needs the colon, a number in the code and no lower-case word: else the line is no ID", () => {
    const r = parseLetter(letter("ID: Kartlegging 2025", "ID FHI-2025-02"));
    expect(r.assignments.map((a) => a.id).filter((id) => !id.startsWith("uten-id-"))).toEqual([]);
  });
});

describe("year-number IDs after «Oppdrag»", () => {
  for (const [shape, text] of shapes(YEAR_NUMBER)) {
    it(`as ${shape} text: one assignment per ID, in its area, with title on the line or below`, () => {
      const r = parseLetter(text);
      expect(r.letters.map((l) => [l.kind, l.year, l.recipient])).toEqual([["main", 2024, "Kompetansedirektoratet"]]);
      expect(r.assignments.map((a) => [a.id, a.title, a.area])).toEqual([
        ["2024-001", "Kompetansetiltak i barnehagen", "2.1"],
        ["2024-002", "Støttemateriell til rammeplanen", "2.1"],
        ["2024-003", "Oppfølging av fagfornyelsen", "2.2"],
      ]);
      expect(r.assignments.map(dated)).toEqual([["2024-10-01"], ["2024-06-15"], ["2024-12-01"]]);
      // "Oppdrag 2024-002 ses i sammenheng …" inside a text is a mention, not a definition.
      expect(byId(r, "2024-001").mentions).toEqual(["2024-002"]);
    });
  }
});

describe("a TB ID with a hyphen after its prefix", () => {
  it("is the same ID as without it (a line break split «TB- 2025-2»)", () => {
    const text = `Tildelingsbrev 2025 – Statens tilsynskontor

3 Mål og oppdrag

3.1 Tilsyn

TB-2025-1
Avd. HOD: SHA
Oppfølging av tilsynsmeldingen

Tilsynskontoret skal rapportere om oppfølgingen, se også TB- 2025-2.

Frist: 1. juni 2025

TB-2025-2
Avd. HOD: KTA
Landsomfattende tilsyn med legevakt

Tilsynskontoret skal gjennomføre tilsynet.

Frist: 31.12.2025
`;
    for (const [, t] of shapes(text)) {
      const r = parseLetter(t);
      expect(r.assignments.map((a) => [a.id, a.departments, a.area])).toEqual([
        ["TB2025-1", ["SHA"], "3.1"],
        ["TB2025-2", ["KTA"], "3.1"],
      ]);
      expect(byId(r, "TB2025-1").mentions).toEqual(["TB2025-2"]);
    }
  });
});

describe("tables of assignments with IDs", () => {
  for (const [shape, text] of shapes(form("folkehelsekontoret-2025-tabell.txt"))) {
    it(`as ${shape} text: a row per line or a cell per line, each row one assignment with its cells`, () => {
      const r = parseLetter(text);
      expect(r.assignments.map((a) => [a.id, a.title, a.departments, dated(a)])).toEqual([
        ["TB2025-01", "Kartlegge vaksinasjonsdekningen blant eldre", ["FHA"], ["2025-05-01"]],
        ["TB2025-02", "Utrede et nasjonalt register for allergier og intoleranser", ["SHA", "KTA"], ["2025-10-01"]],
        ["TB2025-03", "Følge med på antibiotikabruk i kommunene", ["FHA"], ["2025-12-31"]],
        ["TB2025-04", "Lage en veileder for smittevern i barnehager", [], ["2025-06-01"]],
        ["TB2025-05", "Evaluere ordningen med gratis vaksiner", [], ["2025-12-31"]],
      ]);
      // The text after a table is no row's text, and its date no row's deadline.
      expect(r.assignments.map((a) => a.body).join(" ")).not.toContain("samordnes");
    });
  }
});

describe("letters in nynorsk", () => {
  const main = form("spraakradet-2025-nynorsk.txt");
  const supplement = form("spraakradet-2025-nr1-nynorsk.txt");
  for (const [shape, text] of shapes(main)) {
    it(`as ${shape} text: the main letter's header, owners («Ansvarleg avdeling»), deadlines («innan», «blir avtalt»)`, () => {
      const r = parseLetter(text);
      expect(r.letters.map((l) => [l.kind, l.year, l.date, l.reference, l.recipient])).toEqual([["main", 2025, "2024-12-18", "24/3456-2", "Språkrådet"]]);
      expect(r.assignments.map((a) => [a.id, a.title, a.departments, a.area, dated(a)])).toEqual([
        ["TB2025-1", "Rettleiing om klarspråk i kommunane", ["SPR"], "2.1", ["2025-06-01"]],
        ["TB2025-2", "Kartlegging av nynorsk i digitale tenester", ["SPR"], "2.1", ["2025-10-01"]],
        ["TB2025-3", "Tiltak for kvensk", ["MED"], "2.2", ["to_be_agreed"]],
      ]);
      // "Med helsing" closes the letter: the signature is no assignment's text.
      expect(r.assignments.map((a) => a.body).join(" ")).not.toContain("ekspedisjonssjef");
    });
  }

  for (const [shape, text] of shapes(supplement)) {
    it(`as ${shape} text: the supplementary letter's kind, addition, deadline change and withdrawal`, () => {
      const r = parseLetter(text);
      expect(r.letters.map((l) => [l.kind, l.genre, l.number, l.date])).toEqual([["supplementary", "supplerende tildelingsbrev", 1, "2025-03-03"]]);
      expect(r.assignments.map((a) => [a.id, a.kind, a.departments, dated(a)])).toEqual([
        ["TB2025-4", "original", ["MED"], ["2025-09-01"]],
        ["TB2025-1", "addition", ["SPR"], ["2025-04-01"]],
      ]);
      expect(r.events.map((e) => [e.type, e.target, e.deadline?.date ?? null])).toEqual([
        ["deadline_change", "TB2025-2", "2025-12-01"],
        ["withdrawal", "TB2025-3", null],
      ]);
    });
  }

  it("splits the two letters of one file where the second's address block follows the signature directly", () => {
    const r = parseLetter(main + supplement);
    expect(r.letters.map((l) => [l.kind, l.date, l.recipient])).toEqual([
      ["main", "2024-12-18", "Språkrådet"],
      ["supplementary", "2025-03-03", "Språkrådet"],
    ]);
  });
});

describe("nynorsk in a later letter's opening list", () => {
  it("reads «unnateke offentlegheit» and «sjå eige vedlegg» / «blir ettersendt» as announced, not as new blocks", async () => {
    const { announcedEntry } = await import("../../app/domain/letter/later-letters");
    expect(announcedEntry("(unnateke offentlegheit). For detaljar sjå eige vedlegg")).toEqual({ title: "Unntatt offentlighet", exempt: true });
    expect(announcedEntry("Plan for samisk språk. Blir ettersendt")).toEqual({ title: "Plan for samisk språk", exempt: false });
    expect(announcedEntry("Plan for samisk språk")).toBeNull();
  });
});

describe("an ID in brackets or at the end of the title line", () => {
  const letter = (first: string, second: string) => `Tildelingsbrev 2025 til Vegtilsynet

3 Mål og oppdrag

3.1 Trygge veier

${first}
Vegtilsynet skal kartlegge strekningene. Det vises til tidligere arbeid (TB2024-9).

Arbeidet ses i sammenheng med oppdraget om bruer (TB2025-6).
Frist: 1. juni 2025

${second}
Vegtilsynet skal vurdere bruene i perioden (2025-26).
Frist: 1. september 2025

4 Budsjett
`;
  it.each([
    ["[TB2025-5] Kartlegging av rasutsatte strekninger", "[TB2025-6] Tilstanden til bruer"],
    ["(TB2025-5) Kartlegging av rasutsatte strekninger", "(TB2025-6) Tilstanden til bruer"],
    ["Kartlegging av rasutsatte strekninger (TB2025-5)", "Tilstanden til bruer (TB2025-6)"],
    ["3.1.1 Kartlegging av rasutsatte strekninger (TB2025-5)", "3.1.2 Tilstanden til bruer (TB2025-6)"],
    ["Kartlegging av rasutsatte strekninger – TB2025-5", "Tilstanden til bruer – TB2025-6"],
  ])("«%s»: one assignment per title, a sentence ending in an ID is a reference", (first, second) => {
    for (const [, text] of shapes(letter(first, second))) {
      const r = parseLetter(text);
      expect(r.assignments.map((a) => [a.id, a.title, a.area, dated(a)])).toEqual([
        ["TB2025-5", "Kartlegging av rasutsatte strekninger", "3.1", ["2025-06-01"]],
        ["TB2025-6", "Tilstanden til bruer", "3.1", ["2025-09-01"]],
      ]);
      expect(byId(r, "TB2025-5").body).toContain("Arbeidet ses i sammenheng med oppdraget om bruer (TB2025-6).");
    }
  });

  it("reads a plain form at the end only with its label, so «(2025-26)» stays a period", () => {
    const r = parseLetter(letter("Kartlegging av rasutsatte strekninger (ID: 2025-05)", "Tilstanden til bruer (ID 2025-06)"));
    expect(r.assignments.map((a) => a.id)).toEqual(["2025-05", "2025-06"]);
    expect(parseLetter(letter("Handlingsplan for trafikksikkerhet (2025-26)", "Tilstanden til bruer (2025-27)")).assignments).toEqual([]);
  });
});

describe("assignments without ID in goal areas", () => {
  for (const [shape, text] of shapes(form("landbruksdirektoratet-2025-punkter.txt"))) {
    it(`as ${shape} text: each «Oppdrag:» bullet is an assignment in the section it stands in`, () => {
      const r = parseLetter(text);
      expect(r.areas).toEqual([
        { code: "2.1", name: "Økt matproduksjon" },
        { code: "2.2", name: "Bærekraftig landbruk" },
      ]);
      expect(r.assignments.map((a) => [a.hasId, a.area, a.title, dated(a)])).toEqual([
        [false, "2.1", "Landbruksdirektoratet skal utrede en ny ordning for investeringsstøtte i landbruket", ["2025-06-01"]],
        [false, "2.1", "Landbruksdirektoratet skal evaluere prisutjevningsordningen for melk innen 1. oktober 2025", ["2025-10-01"]],
        [false, "2.2", "Landbruksdirektoratet skal lage en plan for klimatiltak i jordbruket, i samarbeid med Miljødirektoratet", ["2025-09-15"]],
        [false, "2.2", "Landbruksdirektoratet skal rapportere om bruk av tilskudd til drenering i årsrapporten", ["2025-12-31"]],
      ]);
      expect(r.warnings.map((w) => w.message).filter((m) => m.includes("områder"))).toEqual([]);
    });
  }
});

describe("assignments labelled in the running text", () => {
  for (const [shape, text] of shapes(form("kystdirektoratet-2025-oppdrag-i-teksten.txt"))) {
    it(`as ${shape} text: each «Oppdrag: …» paragraph is an assignment in its goal area`, () => {
      const r = parseLetter(text);
      expect(r.assignments.map((a) => [a.area, a.title, dated(a)])).toEqual([
        ["2.1", "Kystdirektoratet skal utrede behovet for nye fyrlykter i Nord-Norge", ["2025-06-01"]],
        ["2.1", "Kystdirektoratet skal vurdere losplikten for mindre fartøy og rapportere innen 1. oktober 2025", ["2025-10-01"]],
        ["2.2", "Kystdirektoratet skal kartlegge havnekapasiteten i de største havnene", ["2025-03-01"]],
      ]);
      // The goal area's own sentence is no assignment.
      expect(r.assignments.map((a) => a.body).join(" ")).not.toContain("bidra til sikker ferdsel");
    });
  }
});

describe("an oppdragsdokument to a regional health authority", () => {
  for (const [shape, text] of shapes(form("helse-sor-ost-2025-oppdragsdokument.txt"))) {
    it(`as ${shape} text: each bullet under «Andre oppgaver i 2025» is an assignment, the goals are not, the RHF is the recipient`, () => {
      const r = parseLetter(text);
      expect(r.letters.map((l) => [l.genre, l.year, l.recipient])).toEqual([["oppdragsdokument", 2025, "Helse Sør-Øst RHF"]]);
      expect(r.assignments.map((a) => [a.title, dated(a)])).toEqual([
        // A sentence title stops at 160 characters.
        ["Helse Sør-Øst RHF skal i samarbeid med de andre regionale helseforetakene utrede en felles løsning for legemiddelhåndtering, og rapportere til departementet …", ["2025-06-01"]],
        ["Helse Sør-Øst RHF skal sørge for at alle helseforetak har en plan for forsyningssikkerhet", ["2025-10-01"]],
        ["De regionale helseforetakene skal gjennomgå ordningen med pasientreiser og foreslå forenklinger innen 15. november 2025", ["2025-11-15"]],
      ]);
    });
  }
});

describe("owner labels of other ministries", () => {
  it.each(["Ansvarlig enhet: KTA", "Fagavdeling: KTA", "Ansvarlig avd.: KTA"])("«%s» after the text closes the assignment and is no part of its text", (label) => {
    const text = `Tildelingsbrev 2025 til Vegtilsynet\n\n3.1 Trygge veier\n\nTB2025-1 Kartlegging av rasutsatte strekninger\n\nVegtilsynet skal kartlegge strekningene.\n\nFrist: 1. juni 2025\n\n${label}\n`;
    const [a] = parseLetter(text).assignments;
    expect([a.departments, a.body]).toEqual([["KTA"], "Vegtilsynet skal kartlegge strekningene.\n\nFrist: 1. juni 2025"]);
  });

  it.each([
    "Ansvarlig: KTA",
    "Eier: KTA",
    "Ansv. avd.: KTA",
    "Ansvarleg: KTA",
    "Ansvarlig i SD: KTA",
    "Ansvarlig avd.: KTA",
    "Ansvarlig enhet: KTA",
    "Ansvarlig seksjon: KTA",
    "Ansvarlig fagavdeling: KTA",
    "Fagavdeling: KTA",
  ])("«%s» names the owner and is no part of the title", (label) => {
    const text = `Tildelingsbrev 2025 til Vegtilsynet\n\n3.1 Trygge veier\n\nTB2025-1\n${label}\nKartlegging av rasutsatte strekninger\n\nVegtilsynet skal kartlegge strekningene.\nFrist: 1. juni 2025\n`;
    for (const [, t] of shapes(text)) {
      expect(parseLetter(t).assignments.map((a) => [a.departments, a.title])).toEqual([[["KTA"], "Kartlegging av rasutsatte strekninger"]]);
    }
  });
});

describe("an overview table of the assignments before their own texts", () => {
  it("keeps each assignment's own block, not the overview's row", () => {
    const text = `Tildelingsbrev 2025 til Folkehelsekontoret

1 Innledning

ID Oppdrag Frist
TB2025-1 Kartlegge vaksinasjonsdekningen 1. mai 2025
TB2025-2 Utrede et allergiregister 1.10.2025

2 Oppdrag

2.1 Vaksiner

TB2025-1
Avd. HOD: FHA
Kartlegge vaksinasjonsdekningen

Kontoret skal kartlegge dekningen blant eldre.

Frist: 1. mai 2025

2.2 Allergi

TB2025-2
Avd. HOD: SHA
Utrede et allergiregister

Kontoret skal utrede et nasjonalt register.

Frist: 1.10.2025
`;
    for (const [, t] of shapes(text)) {
      const r = parseLetter(t);
      expect(r.assignments.map((a) => [a.id, a.departments, a.area, a.body.split("\n")[0]])).toEqual([
        ["TB2025-1", ["FHA"], "2.1", "Kontoret skal kartlegge dekningen blant eldre."],
        ["TB2025-2", ["SHA"], "2.2", "Kontoret skal utrede et nasjonalt register."],
      ]);
      expect(r.warnings.map((w) => w.message).filter((m) => m.includes("flere ganger"))).toEqual([]);
    }
  });
});

describe("assignments in an appendix", () => {
  it("reads the numbered items under «Vedlegg 1 Oppdrag for 2025» after the letter's closing", () => {
    const text = "Tildelingsbrev 2025 til Vegtilsynet\n\nVår ref 24/1\nDato 19.12.2024\n\n1 Innledning\n\nOppdragene står i vedlegg 1.\n\nMed hilsen\n\nKari Nordmann\n\nVedlegg 1 Oppdrag for 2025\n\n1. Kartlegge bruer\nVegtilsynet skal kartlegge bruer.\nFrist: 1. juni 2025\n\n2. Vurdere tunneler\nVegtilsynet skal vurdere tunneler.\nFrist: 1. oktober 2025\n";
    for (const [, t] of shapes(text)) {
      expect(parseLetter(t).assignments.map((a) => [a.title, dated(a)])).toEqual([
        ["Kartlegge bruer", ["2025-06-01"]],
        ["Vurdere tunneler", ["2025-10-01"]],
      ]);
    }
  });
});

describe("«Særskilte oppgaver» as the heading of the assignments", () => {
  it("reads its numbered items like those under «Særskilte oppdrag»", () => {
    const text = "Tildelingsbrev 2025 til Vegtilsynet\n\nVår ref 24/1\nDato 19.12.2024\n\n1 Innledning\n\nTekst.\n\n2 Særskilte oppgaver for 2025\n\n1. Kartlegge bruer\nVegtilsynet skal kartlegge bruer.\nFrist: 1. juni 2025\n\n2. Vurdere tunneler\nVegtilsynet skal vurdere tunneler.\n\n3 Budsjett\n\nMed hilsen\n";
    for (const [, t] of shapes(text)) {
      expect(parseLetter(t).assignments.map((a) => [a.title, dated(a)])).toEqual([
        ["Kartlegge bruer", ["2025-06-01"]],
        ["Vurdere tunneler", ["2025-12-31"]],
      ]);
    }
  });
});

describe("a change to another assignment inside a block", () => {
  it("is that assignment's event, with its own sentence as text, and no deadline of the block", () => {
    const r = parseLetter(form("nhn-2026-tillegg-1.txt"));
    expect(r.events.map((e) => [e.type, e.target, e.deadline?.date, e.text])).toEqual([
      ["deadline_change", "2026-03", "2026-11-01", "Fristen for ID 2026-03 endres til 1. november 2026."],
    ]);
    expect(dated(byId(r, "2026-02"))).toEqual(["2026-05-01"]);
  });
});
