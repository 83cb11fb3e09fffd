/**
 * The written 2026 series (test/fixtures/letters/2026/, see its README.md): a main letter in the
 * newer layout, five supplementary letters, an NHN oppdragsdokument and a letter without IDs.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";
import type { ParseResult, ParsedAssignment } from "~/domain/letter/types";
import { byId } from "../helpers/letter-shapes";

const dir = path.resolve(__dirname, "../fixtures/letters/2026");
const parse = (file: string): ParseResult => parseLetter(fs.readFileSync(path.join(dir, file), "utf8"));
const dl = (a: ParsedAssignment) => a.deadlines.map((d) => [d.date, d.state, d.isDefault]);

describe("00 main letter, newer layout", () => {
  const r = parse("00-tildelingsbrev-2026.txt");

  it("is one main letter to Helsedirektoratet with its header", () => {
    expect(r.letters).toHaveLength(1);
    expect(r.letters[0]).toMatchObject({
      kind: "main",
      year: 2026,
      date: "2025-12-18",
      reference: "25/5120-2",
      title: "Statsbudsjettet 2026 – tildelingsbrev til Helsedirektoratet",
      recipient: "Helsedirektoratet",
      genre: "tildelingsbrev",
      number: null,
    });
  });

  it("finds exactly the sixteen assignments, nothing from contents, budget, address, signatures or Kopi", () => {
    expect(r.assignments.map((a) => a.id)).toEqual([
      "TB2026-1", "TB2026-2", "TB2026-5", "TB2026-6", "TB2026-12", "TB2026-13", "TB2026-17", "TB2026-20",
      "TB2026-24", "TB2026-30", "TB2026-33", "TB2026-36", "TB2026-40", "TB2026-44", "TB2026-48", "TB2026-52",
    ]);
    expect(r.assignments.every((a) => a.kind === "original" && a.year === 2026 && !a.exempt && !a.announcedOnly)).toBe(true);
  });

  it("takes goal areas from the body headings, never the table of contents", () => {
    expect(r.areas.map((a) => a.code)).toEqual(["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]);
    expect(r.areas[3]).toEqual({ code: "3.4", name: "Pasienter og brukeres rettigheter" });
    expect(r.areas.some((a) => /Budsjett/.test(a.name))).toBe(false);
    expect(r.assignments.map((a) => a.area)).toEqual(["3.1", "3.1", "3.2", "3.2", "3.3", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]);
    expect(r.goals.map((g) => [g.code, g.area]).slice(0, 2)).toEqual([["Mål 1", "3.1"], ["Mål 2", "3.2"]]);
  });

  it("reads the title as exactly the line after the owner line, abbreviations and all", () => {
    expect(byId(r, "TB2026-30").title).toBe(
      "Oppfølging av Meld. St. 23 (2024–2025) og Prop. 121 L (2024–2025) om deling av helseopplysninger, tiltak nr. 11",
    );
    expect(byId(r, "TB2026-30").body).toMatch(/^Helsedirektoratet skal følge opp/);
    expect(byId(r, "TB2026-1").title).toBe("Kunnskapsgrunnlag for ny folkehelsemelding");
    expect(byId(r, "TB2026-2").departments).toEqual(["FHA", "KTA"]);
    expect(r.warnings.filter((w) => /tittel/.test(w.message))).toEqual([]);
  });

  it("ends a text at the next ID, heading or chapter", () => {
    expect(byId(r, "TB2026-13").body).toMatch(/Frist: Settes i dialog med Helsedirektoratet$/);
    expect(byId(r, "TB2026-52").body).not.toMatch(/Budsjett|1 000 kroner|Kap\. post/);
    expect(byId(r, "TB2026-52").endLine).toBeLessThan(r.letters[0].endLine);
  });

  it("reads the deadlines: to be agreed before a heading, invalid date, owner on the deadline line, 'Frist 1. april'", () => {
    expect(dl(byId(r, "TB2026-13"))).toEqual([[null, "to_be_agreed", false]]);
    expect(dl(byId(r, "TB2026-20"))).toEqual([[null, "invalid", false]]);
    expect(byId(r, "TB2026-20").deadlines[0].text).toBe("Frist: 31.6.2026");
    expect(r.warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/TB2026-20.*31\.6\.2026/) })]);
    expect(dl(byId(r, "TB2026-24"))).toEqual([["2026-05-01", "dated", false]]);
    expect(byId(r, "TB2026-24").departments).toEqual(["SHA"]);
    expect(dl(byId(r, "TB2026-33"))).toEqual([["2026-04-01", "dated", false]]);
    expect(dl(byId(r, "TB2026-6"))).toEqual([["2026-12-31", "dated", true]]);
    expect(dl(byId(r, "TB2026-52"))).toEqual([["2027-03-15", "dated", false]]);
  });

  it("keeps IDs mentioned in running text as mentions", () => {
    expect(r.assignments.some((a) => a.id === "TB2025-40")).toBe(false);
    expect(byId(r, "TB2026-40").relations).toEqual([]);
    expect(byId(r, "TB2026-40").mentions).toEqual(["TB2026-36", "TB2026-12"]);
    expect(byId(r, "TB2026-1").mentions).toEqual([]);
    expect(r.events).toEqual([]);
  });
});

describe("NHN oppdragsdokument: 'ID: 2026-01 Title'", () => {
  const r = parse("oppdragsdokument-nhn-2026.txt");

  it("is an oppdragsdokument to Norsk helsenett SF, not a tildelingsbrev to Helsedirektoratet", () => {
    expect(r.letters).toHaveLength(1);
    expect(r.letters[0]).toMatchObject({
      kind: "main",
      year: 2026,
      title: "Oppdragsdokument til Norsk helsenett SF for 2026",
      recipient: "Norsk helsenett SF",
      genre: "oppdragsdokument",
      reference: "25/6001-3",
    });
  });

  it("keeps the IDs as printed and joins a title broken by the PDF", () => {
    expect(r.assignments.map((a) => [a.id, a.hasId, a.title])).toEqual([
      ["2026-01", true, "Digital samhandling mellom kommuner og sykehus"],
      ["2026-02", true, "Videreutvikling av helsenettet for nød- og beredskapskommunikasjon"],
      ["2026-03", true, "Felles sikkerhetsovervåking"],
    ]);
    expect(r.warnings.some((w) => /gyldig oppdrags-ID/.test(w.message))).toBe(false);
  });

  it("reads 'Frist 1. april' as the letter's year and deadlines inside bullet lists", () => {
    expect(dl(byId(r, "2026-01"))).toEqual([["2026-04-01", "dated", false]]);
    expect(dl(byId(r, "2026-02"))).toEqual([["2026-06-01", "dated", false], ["2026-12-01", "dated", false]]);
    expect(dl(byId(r, "2026-03"))).toEqual([["2026-09-15", "dated", false]]);
    expect(byId(r, "2026-03").body).not.toMatch(/Økonomi|kroner/);
  });
});

describe("NHN oppdragsdokument without the colon: 'ID 2026-01 Title'", () => {
  const original = fs.readFileSync(path.join(dir, "oppdragsdokument-nhn-2026.txt"), "utf8");
  const withoutColon = original.replace(/^ID: (2026-\d\d)/gm, "ID $1");

  it("finds the same assignments, titles and deadlines as with 'ID:'", () => {
    expect(withoutColon).not.toMatch(/^ID:/m);
    const r = parseLetter(withoutColon);
    const expected = parseLetter(original);
    expect(r.assignments.map((a) => [a.id, a.title, a.deadlines.map((d) => d.date)])).toEqual(
      expected.assignments.map((a) => [a.id, a.title, a.deadlines.map((d) => d.date)]),
    );
    expect(r.assignments).toHaveLength(3);
  });

  it("never starts an assignment from a sentence that begins with 'ID 2026-01' but is no heading", () => {
    // After a full stop a line may start a block, so only the capital of a title tells the two apart.
    const sentence = "Oppdraget ses i sammenheng med andre oppdrag.\nID 2026-01 og ID 2026-02 følges opp samlet.\nID 2026-01. Se også punkt 4.";
    const broken = withoutColon.replace("Oppdraget ses i\nsammenheng med ID 2026-01.", sentence);
    expect(broken).toContain(sentence);
    const r = parseLetter(broken);
    expect(r.assignments.map((a) => a.id)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(r.assignments[2].body).toContain("følges opp samlet");
  });
});

describe("numbered assignments without IDs", () => {
  const r = parse("oppdragsbrev-dmp-2026-uten-id.txt");

  it("makes each numbered item under 'Særskilte oppdrag' an assignment with a synthetic key", () => {
    expect(r.letters[0]).toMatchObject({ genre: "oppdragsbrev", recipient: "Direktoratet for medisinske produkter", year: 2026 });
    expect(r.assignments.map((a) => [a.hasId, a.title, a.deadlines[0].date])).toEqual([
      [false, "Varslingsordning for legemiddelmangel", "2026-06-01"],
      [false, "Kunnskapsgrunnlag om antibiotikaresistens", "2026-10-01"],
      [false, "Tilsyn med netthandel av legemidler", "2026-12-31"],
    ]);
    expect(r.assignments.every((a) => /^uten-id-2026-[0-9a-f]{8}$/.test(a.id))).toBe(true);
  });

  it("also reads numbered items under 'Særskilte oppdrag' in a supplementary letter", () => {
    const text = [
      "Supplerende tildelingsbrev nr. 2 til Direktoratet for medisinske produkter",
      "",
      "Vår ref",
      "25/7002-9",
      "",
      "Dato",
      "2. mars 2026",
      "",
      "1 Innledning",
      "",
      "Departementet gir direktoratet nye oppdrag.",
      "",
      "2 Særskilte oppdrag",
      "",
      "1. Kartlegging av apotekdekning",
      "Direktoratet skal kartlegge apotekdekningen i distriktene.",
      "Frist: 1. september 2026",
      "",
      "2. Veiledning om legemiddelgjennomgang",
      "Direktoratet skal lage veiledning om legemiddelgjennomgang i sykehjem.",
      "",
      "Med hilsen",
    ].join("\n");
    const s = parseLetter(text);
    expect(s.letters[0]).toMatchObject({ kind: "supplementary", number: 2 });
    expect(s.assignments.map((a) => [a.hasId, a.title, a.deadlines[0].date, a.line, a.endLine])).toEqual([
      [false, "Kartlegging av apotekdekning", "2026-09-01", 15, 17],
      [false, "Veiledning om legemiddelgjennomgang", "2026-12-31", 19, 20],
    ]);
  });

  // A Word heading without a number comes out of the PDF as the words alone on a line.
  const unnumbered = (heading: string, items: string[]) =>
    [
      "Tildelingsbrev til Meteorologisk institutt 2026",
      "",
      "1 Mål for instituttet",
      "",
      "Instituttet skal øke kvaliteten på varslene for vær, hav og miljø.",
      "",
      heading,
      "",
      ...items,
      "",
      "2 Rapportering",
      "",
      "Instituttet skal rapportere slik:",
      "1. Årsrapport innen 15. mars 2027.",
      "2. Tertialrapporter etter avtale.",
      "",
      "Med hilsen",
    ].join("\n");

  it("reads numbered items under an unnumbered 'Oppdrag' heading, also one sentence each without blank lines between", () => {
    const r = parseLetter(
      unnumbered("Oppdrag", [
        "1. Instituttet skal innen 1. juni 2026 levere en plan for nytt observasjonssystem.",
        "2. Instituttet skal utrede samarbeid med SMHI om beregningskapasitet. Frist: 1. oktober 2026.",
        "3. Instituttet skal videreføre arbeidet med klimatjenester.",
      ]),
    );
    expect(r.letters[0]).toMatchObject({ recipient: "Meteorologisk institutt", year: 2026 });
    expect(r.assignments.map((a) => [a.hasId, a.title, a.deadlines.map((d) => [d.date, d.label, d.isDefault])])).toEqual([
      [false, "Instituttet skal innen 1. juni 2026 levere en plan for nytt observasjonssystem", [["2026-06-01", null, false]]],
      [false, "Instituttet skal utrede samarbeid med SMHI om beregningskapasitet", [["2026-10-01", null, false]]],
      [false, "Instituttet skal videreføre arbeidet med klimatjenester", [["2026-12-31", null, true]]],
    ]);
    // The sentence is the assignment's text as well; the report list under "2 Rapportering" is no assignment.
    expect(r.assignments[1].body).toContain("SMHI om beregningskapasitet. Frist: 1. oktober 2026.");
    expect(r.assignments.some((a) => /Årsrapport|Tertialrapporter/.test(a.title))).toBe(false);
  });

  it("under 'Særskilte oppdrag for 2026:' a list inside an item, counting from 1 again, stays in that item", () => {
    const r = parseLetter(
      unnumbered("Særskilte oppdrag for 2026:", [
        "1. Nytt observasjonssystem",
        "Instituttet skal lage en plan med to deler:",
        "1. Stasjonsnettet på land.",
        "2. Bøyer og satellitter.",
        "",
        "Frist: 1. juni 2026",
        "",
        "2. Samarbeid om beregningskapasitet",
        "Instituttet skal utrede samarbeid med SMHI.",
        "Frist: 1. oktober 2026",
      ]),
    );
    expect(r.assignments.map((a) => [a.title, a.deadlines.map((d) => d.date)])).toEqual([
      ["Nytt observasjonssystem", ["2026-06-01"]],
      ["Samarbeid om beregningskapasitet", ["2026-10-01"]],
    ]);
    expect(r.assignments[0].body).toContain("Bøyer og satellitter.");
  });

  it("finds no assignment in a numbered list under another heading, or under 'Oppdrag' inside a sentence", () => {
    const noHeading = parseLetter(unnumbered("Instituttet har disse oppgavene", ["1. Varsling av farlig vær.", "2. Klimatjenester."]));
    expect(noHeading.assignments).toEqual([]);
    // "Oppdrag" that goes on from the line above is no heading.
    const inSentence = parseLetter(unnumbered("Instituttet har", ["fått disse løpende", "Oppdrag", "1. Varsling av farlig vær.", "2. Klimatjenester."]));
    expect(inSentence.assignments).toEqual([]);
  });

  const dsa = (section: string[]) =>
    parseLetter(
      [
        "Oppdragsbrev 2026 til Direktoratet for strålevern og atomsikkerhet",
        "",
        "1 Innledning",
        "",
        "Departementet gir følgende oppdrag.",
        "",
        ...section,
        "",
        "5 Budsjett",
        "",
        "Med hilsen",
      ].join("\n"),
    );
  const radon = ["DSA skal lage en plan.", "Frist: 1. mai 2026"];
  const exercise = ["DSA skal gjennomføre en øvelse.", "Frist: 1. november 2026"];

  it("reads 'Oppdrag 1: Title' and 'Oppdrag 2 – Title', and subsections of an 'Oppdrag' section, to the same assignments", () => {
    const forms = [
      dsa(["2 Særskilte oppdrag", "", "Oppdrag 1: Nasjonal plan for radonarbeid", ...radon, "", "Oppdrag 2: Beredskapsøvelse", ...exercise]),
      dsa(["2 Særskilte oppdrag", "", "Oppdrag nr. 1 – Nasjonal plan for radonarbeid", ...radon, "", "Oppdrag nr. 2 – Beredskapsøvelse", ...exercise]),
      dsa(["2 Oppdrag for 2026", "", "2.1 Nasjonal plan for radonarbeid", "", ...radon, "", "2.2 Beredskapsøvelse", "", ...exercise]),
    ];
    const expected = [
      ["Nasjonal plan for radonarbeid", ["2026-05-01"]],
      ["Beredskapsøvelse", ["2026-11-01"]],
    ];
    for (const r of forms) expect(r.assignments.map((a) => [a.title, a.deadlines.map((d) => d.date)])).toEqual(expected);
    // The key comes from the title: the same assignment has the same key in each form.
    expect(new Set(forms.map((r) => r.assignments.map((a) => a.id).join()))).toHaveProperty("size", 1);
  });

  it("leaves 'Bakgrunn' and 'Rapportering' subsections out, and reads items grouped under subsections", () => {
    const r = dsa(["2 Oppdrag for 2026", "", "2.1 Bakgrunn", "", "Strålevern er viktig.", "", "2.2 Nasjonal plan for radonarbeid", "", ...radon, "", "2.3 Rapportering", "", "DSA rapporterer i årsrapporten."]);
    expect(r.assignments.map((a) => a.title)).toEqual(["Nasjonal plan for radonarbeid"]);
    expect(r.assignments[0].body).not.toContain("årsrapporten");
    const grouped = dsa([
      "2 Oppdrag for 2026",
      "",
      "2.1 Strålevern",
      "",
      "1. Nasjonal plan for radonarbeid",
      ...radon,
      "",
      "2. Kartlegging av solarier",
      "DSA skal kartlegge solarier.",
      "",
      "2.2 Atomsikkerhet",
      "",
      "1. Beredskapsøvelse",
      ...exercise,
      "",
      "2. Tilsyn med forskningsreaktorer",
      "DSA skal føre tilsyn.",
    ]);
    expect(grouped.assignments.map((a) => a.title)).toEqual(["Nasjonal plan for radonarbeid", "Kartlegging av solarier", "Beredskapsøvelse", "Tilsyn med forskningsreaktorer"]);
    expect(grouped.assignments[1].body).not.toContain("Atomsikkerhet");
  });

  const rhf = (section: string[]) =>
    parseLetter(["Oppdragsdokument 2026 til Helse Nord RHF", "", "1 Innledning", "", "Departementet stiller krav.", "", "2 Oppdrag", "", ...section, "", "3 Budsjett", "", "Med hilsen"].join("\n"));

  it("reads a bullet list under 'Oppdrag' as one assignment per bullet, its sentence wrapped over lines as the title", () => {
    const r = rhf([
      "Helse Nord RHF skal i 2026:",
      "– redusere ventetidene i psykisk helsevern, jf. Meld. St. 23 (2022–2023). Frist: 1. oktober 2026",
      "– etablere felles journalløsning med",
      "de andre regionene innen 1. juni 2026.",
      "– rapportere om bemanning i årlig melding.",
    ]);
    expect(r.letters[0]).toMatchObject({ genre: "oppdragsdokument", recipient: "Helse Nord RHF" });
    expect(r.assignments.map((a) => [a.hasId, a.title, a.deadlines.map((d) => [d.date, d.isDefault])])).toEqual([
      [false, "Redusere ventetidene i psykisk helsevern, jf. Meld. St. 23 (2022–2023)", [["2026-10-01", false]]],
      [false, "Etablere felles journalløsning med de andre regionene innen 1. juni 2026", [["2026-06-01", false]]],
      [false, "Rapportere om bemanning i årlig melding", [["2026-12-31", true]]],
    ]);
  });

  it("a wrapped numbered sentence keeps its deadline; bullets inside numbered items, or one bullet alone, are no assignments", () => {
    const wrapped = rhf(["1. Helse Nord RHF skal innen 1. juni 2026 levere en plan for", "bemanning av fødetilbudet.", "2. Helse Nord RHF skal evaluere ambulansetjenesten."]);
    expect(wrapped.assignments.map((a) => [a.title, a.deadlines.map((d) => d.date)])).toEqual([
      ["Helse Nord RHF skal innen 1. juni 2026 levere en plan for bemanning av fødetilbudet", ["2026-06-01"]],
      ["Helse Nord RHF skal evaluere ambulansetjenesten", ["2026-12-31"]],
    ]);
    const nested = rhf(["1. Fødetilbud", "Helse Nord RHF skal:", "– kartlegge bemanningen", "– lage en plan", "", "2. Ambulansetjeneste", "Helse Nord RHF skal evaluere tjenesten."]);
    expect(nested.assignments.map((a) => a.title)).toEqual(["Fødetilbud", "Ambulansetjeneste"]);
    expect(nested.assignments[0].body).toContain("– lage en plan");
    expect(rhf(["Helse Nord RHF skal i 2026:", "– redusere ventetidene i psykisk helsevern."]).assignments).toEqual([]);
  });

  it("keeps the keys when the text is corrected", () => {
    const text = fs.readFileSync(path.join(dir, "oppdragsbrev-dmp-2026-uten-id.txt"), "utf8");
    const corrected = parseLetter(text.replace("samme dag", "samme dag, også i helgene").replace("Frist: 1.10.2026", "Frist: 15.10.2026"));
    expect(corrected.assignments.map((a) => a.id)).toEqual(r.assignments.map((a) => a.id));
    expect(corrected.assignments[1].deadlines[0].date).toBe("2026-10-15");
  });
});

describe("01–05 supplementary letters", () => {
  const r1 = parse("01-supplerende-tildelingsbrev-nr-1.txt");
  const r2 = parse("02-supplerende-tildelingsbrev-nr-2.txt");
  const r3 = parse("03-supplerende-tildelingsbrev-nr-3.txt");
  const r4 = parse("04-supplerende-tildelingsbrev-nr-4.txt");
  const r5 = parse("05-supplerende-tildelingsbrev-nr-5.txt");

  it("reads each letter's number, genre, recipient, date and reference", () => {
    expect([r1, r2, r3, r4, r5].map((r) => [r.letters.length, r.letters[0].kind, r.letters[0].number, r.letters[0].genre, r.letters[0].recipient])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [1, "supplementary", n, "supplerende tildelingsbrev", "Helsedirektoratet"]),
    );
    expect(r1.letters[0]).toMatchObject({ date: "2026-02-06", reference: "25/5120-11" });
    expect(r5.letters[0]).toMatchObject({ date: "2026-06-12", reference: "25/5120-41" });
  });

  it("01: new assignments, an addition to TB2026-17 with deliverables, an exempt announced ID; nothing from the list or the budget", () => {
    expect(r1.assignments.map((a) => [a.id, a.kind, a.target, a.exempt, a.announcedOnly])).toEqual([
      ["TB2026-61", "original", null, true, true],
      ["TB2026-60", "original", null, false, false],
      ["TB2026-62", "original", null, false, false],
      ["TB2026-17", "addition", "TB2026-17", false, false],
    ]);
    expect(byId(r1, "TB2026-61")).toMatchObject({ title: "Unntatt offentlighet", body: "", departments: [] });
    expect(byId(r1, "TB2026-62").departments).toEqual(["SHA"]);
    expect(dl(byId(r1, "TB2026-62"))).toEqual([["2026-05-01", "dated", false]]);
    const add = byId(r1, "TB2026-17");
    expect(add.title).toBe("Brukerundersøkelse om digitale pasientrettigheter");
    expect(add.departments).toEqual(["SHA"]);
    expect(dl(add)).toEqual([["2026-04-15", "dated", false], ["2026-10-01", "dated", false]]);
    expect(r1.warnings).toEqual([]);
  });

  it("02: a clarification of TB2026-17 and an announced 'Ettersendes' ID", () => {
    expect(r2.assignments.map((a) => [a.id, a.kind, a.target, a.exempt, a.announcedOnly])).toEqual([
      ["TB2026-65", "original", null, false, true],
      ["TB2026-66", "original", null, false, false],
      ["TB2026-17", "clarification", "TB2026-17", false, false],
    ]);
    expect(byId(r2, "TB2026-65").title).toBe("Nasjonal plan for legevakt");
    expect(byId(r2, "TB2026-66").relations).toEqual([]);
    expect(byId(r2, "TB2026-66").mentions).toEqual(["TB2026-5", "TB2026-6"]);
    expect(r2.events).toEqual([]);
  });

  it("03: publishes the announced text and moves a deadline (an event, not a block)", () => {
    expect(r3.assignments.map((a) => [a.id, a.kind, a.announcedOnly, a.departments])).toEqual([["TB2026-65", "original", false, ["KTA"]]]);
    expect(byId(r3, "TB2026-65").body).not.toMatch(/Fristen for TB2026-12/);
    expect(r3.events).toEqual([
      expect.objectContaining({ type: "deadline_change", target: "TB2026-12", letter: 0, deadline: expect.objectContaining({ date: "2026-05-01", state: "dated" }) }),
    ]);
    expect(r3.warnings).toEqual([]);
  });

  it("04: an earlier year's assignment in its own year, withdrawals and an owner change", () => {
    expect(r4.assignments.map((a) => [a.id, a.kind, a.target, a.year, a.title, a.departments])).toEqual([
      ["TB2025-115", "clarification", "TB2025-115", 2025, "Oppfølging av nasjonal helseberedskapsplan", ["DIG"]],
    ]);
    expect(dl(byId(r4, "TB2025-115"))).toEqual([["2026-10-15", "dated", false]]);
    expect(r4.events.map((e) => [e.type, e.target, e.departments ?? null])).toEqual([
      ["withdrawal", "TB2026-61", null],
      ["withdrawal", "TB2026-48", null],
      ["owner_change", "TB2026-33", ["SHA"]],
    ]);
    expect(r4.warnings).toEqual([]);
  });

  it("05: a letter holding only announced IDs is a valid letter", () => {
    expect(r5.assignments.map((a) => [a.id, a.title, a.exempt, a.announcedOnly])).toEqual([
      ["TB2026-70", "Unntatt offentlighet", true, true],
      ["TB2026-71", "Beredskapslager for medisinsk utstyr", false, true],
    ]);
    expect(r5.warnings).toEqual([]);
  });

  it("the whole series in one file keeps the main letter's blocks and adds the later ones as parts", () => {
    const files = ["00-tildelingsbrev-2026.txt", "01-supplerende-tildelingsbrev-nr-1.txt", "02-supplerende-tildelingsbrev-nr-2.txt", "03-supplerende-tildelingsbrev-nr-3.txt", "04-supplerende-tildelingsbrev-nr-4.txt", "05-supplerende-tildelingsbrev-nr-5.txt"];
    const all = parseLetter(files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n"));
    expect(all.letters.map((l) => [l.kind, l.number])).toEqual([["main", null], [ "supplementary", 1], ["supplementary", 2], ["supplementary", 3], ["supplementary", 4], ["supplementary", 5]]);
    const originals = all.assignments.filter((a) => a.kind === "original");
    expect(new Set(originals.map((a) => a.id)).size).toBe(originals.length);
    expect(all.assignments.filter((a) => a.id === "TB2026-17").map((a) => [a.letter, a.kind])).toEqual([[0, "original"], [1, "addition"], [2, "clarification"]]);
    expect(all.events.map((e) => [e.type, e.target])).toEqual([
      ["deadline_change", "TB2026-12"],
      ["withdrawal", "TB2026-61"],
      ["withdrawal", "TB2026-48"],
      ["owner_change", "TB2026-33"],
    ]);
  });
});
