/**
 * Shapes met in the real 2026 letters (HOD's main letter and supplementary letters nr. 1–6 to
 * Helsedirektoratet, Norsk helsenett SF's oppdragsdokument and its correction), each written
 * here in our own words, as a PDF's text gives them (lines wrapped, trailing spaces) and as a
 * Word file's text gives them (one paragraph per line). Every case failed before its rule.
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "../../app/domain/letter/parse";
import { normaliseLetterText } from "../../app/domain/letter/normalise";
import { asPdf, byId, dated, shapes } from "../helpers/letter-shapes";


/** The newer main letter: contents with the page number on the line below, areas 3.x, IDs alone. */
const MAIN = `Tildelingsbrev 2026
Sjødirektoratet

Innhold
1. Innledning.....
4
3. Hovedmål og oppdrag.....
6
3.1. Trygg ferdsel på sjøen .....
6
3.2. Rene og rike havområder med god forvaltning av ressursene i kystsonen og
fjordene.....
8
4. Budsjett.....
11
4.1. Utgifter.....
11
4.2. Inntekter .....
12

1. Innledning

${"Departementet viser til Prop. 1 S (2025–2026) og Stortingets vedtak om budsjettet for 2026.\n".repeat(30)}
Departementet gir med dette Sjødirektoratet sine oppdrag for 2026. Oppdrag som er gitt i
supplerende tildelingsbrev gjennom året. Oppdrag fra 2024 eller tidligere utgår i sin helhet,
med mindre noe annet er avtalt.

3.1. Trygg ferdsel på sjøen

3.1.1. Oppdrag

TB2026-1
Avd. NFD: SJA
Ny forskrift om fritidsbåter
Direktoratet skal utarbeide forslag til ny forskrift om fritidsbåter, jf. utredningen som
hadde frist 31.12.2025 og som ble levert i fjor. Arbeidet følger opp disse oppdragene:

- TB2025-101 – Sikkerhet for fritidsbåter i mørket
- TB2025-96 – Registrering av vannscootere

Frist: 1.6.2026
TB2026-2
Avd. NFD: SJA
Tilsyn med passasjerskip, los og kystnære ruter, beredskap for uhell og helhetlig
risikovurdering
Direktoratet skal legge fram en plan.

Statusrapport for arbeidet med planen må foreligge hos departementet innen 1.3.2026
TB2026-3 Avd. NFD: HAV Oppdrag unntatt offentlighet jf. Offl. § 15 tredje ledd
For detaljer se eget vedlegg.

3.2. Rene og rike havområder med god forvaltning av ressursene i kystsonen og
fjordene.

3.2.1. Oppdrag

TB2026-4
Avd. NFD: HAV
Kartlegging av vrakrester
Direktoratet skal kartlegge vrakrester langs kysten.

Frist: Settes i dialog med direktoratet

4. Budsjett

Midlene stilles til disposisjon fra 1.1.2026 og skal brukes innen 31.12.2026.

4.1. Utgifter

Kap. 0900 post 01 gjelder driftsutgifter.
`;


describe("the newer main letter", () => {
  for (const [shape, text] of shapes(MAIN)) {
    describe(`as ${shape} text`, () => {
      const r = parseLetter(text);

      it("is one letter: a wrapped line beginning «supplerende tildelingsbrev …» is no new letter", () => {
        expect(r.letters.map((l) => [l.kind, l.year, l.title])).toEqual([["main", 2026, "Tildelingsbrev 2026"]]);
      });

      it("finds an ID with its owner (below it, or after it on the line), also after a sentence without a full stop", () => {
        expect(r.assignments.map((a) => [a.id, a.departments])).toEqual([
          ["TB2026-1", ["SJA"]],
          ["TB2026-2", ["SJA"]],
          ["TB2026-3", ["HAV"]],
          ["TB2026-4", ["HAV"]],
        ]);
        expect(byId(r, "TB2026-2").body).toContain("Statusrapport");
        expect(dated(byId(r, "TB2026-2"))).toEqual(["2026-03-01"]);
      });

      it("reads areas from the body, not from contents whose page numbers stand on the next line", () => {
        expect(r.assignments.map((a) => a.area)).toEqual(["3.1", "3.1", "3.1", "3.2"]);
        expect(r.areas.map((a) => [a.code, a.name])).toEqual([
          ["3.1", "Trygg ferdsel på sjøen"],
          ["3.2", "Rene og rike havområder med god forvaltning av ressursene i kystsonen og fjordene"],
        ]);
        // The area heading ends the block above it: "3.2." is no date (3 February).
        expect(dated(byId(r, "TB2026-3"))).toEqual(["2026-12-31"]);
        // The chapter after the sections ("4. Budsjett") ends the last assignment: its budget
        // sentence ("skal brukes innen 31.12.2026") is no deadline.
        expect(dated(byId(r, "TB2026-4"))).toEqual(["to_be_agreed"]);
        expect(byId(r, "TB2026-4").body).not.toContain("Midlene");
      });

      it("joins a title the PDF wrapped after a comma or an «og», and keeps a one-line title one line", () => {
        expect(byId(r, "TB2026-2").title).toBe(
          "Tilsyn med passasjerskip, los og kystnære ruter, beredskap for uhell og helhetlig risikovurdering",
        );
        expect(byId(r, "TB2026-1").title).toBe("Ny forskrift om fritidsbåter");
      });

      it("marks an assignment whose title says it is exempt from public access", () => {
        expect(r.assignments.map((a) => a.exempt)).toEqual([false, false, true, false]);
      });

      it("takes a bulleted list of earlier IDs inside an assignment as references, not as an opening list", () => {
        expect(byId(r, "TB2026-1").mentions).toEqual(["TB2025-101", "TB2025-96"]);
        expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/står i oversikten/);
      });

      it("does not take an earlier deadline («som hadde frist 31.12.2025») as this one", () => {
        expect(dated(byId(r, "TB2026-1"))).toEqual(["2026-06-01"]);
        expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/før brevets år/);
      });
    });
  }
});

/** A supplementary letter in the 2026 shape, its own words. */
const SUPPLEMENTARY = `Supplerende tildelingsbrev nr. 2 Sjødirektoratet

Nye oppdrag
- TB2026-61 (unntatt offentlighet). For detaljer se eget vedlegg.
- TB2026-62 (unntatt offentlighet). For detaljer se eget vedlegg.
- TB2026-63 Beredskap for oljevern i Nordland
- TB2026-64 Digitalt sertifikat for sjøfolk

Sjødirektoratet Postboks 2222 5509 HAUGESUND

Deres ref Vår ref

25/4410-

Dato 16. april 2026

TB2026-63 Beredskap for oljevern i Nordland

Direktoratet skal vurdere beredskapen.

Frist: 1.5.2026 Ansvarlig avdeling i NFD: HAV

TB2026-64 Digitalt sertifikat for sjøfolk som arbeider på skip registrert i Norsk internasjonalt
skipsregister og i Norsk ordinært skipsregister, også for fartøy med lengde under 24 meter

Direktoratet skal utrede et digitalt sertifikat.

Frist: Departementet ber om en plan for arbeidet innen
1.1.2027 Ansvarlig avdeling i NFD: SJA

TB2026-65 Kartlegging av småbåthavner

Direktoratet skal kartlegge småbåthavnene.

- 1. Delleveranse: Foreløpig oversikt leveres innen 1.11.2026
- 2. Sluttleveranse: Endelig rapport leveres innen 31.12.2026.

Ansvarlig avdeling i NFD: HAV

Andre føringer:

Deltakelse i arbeidsgruppe for grønn skipsfart

Departementet ber Sjødirektoratet delta i arbeidsgruppen.

Ansvarlig avdeling i NFD: SJA

Med hilsen
`;

describe("a supplementary letter in the 2026 shape", () => {
  for (const [shape, text] of shapes(SUPPLEMENTARY)) {
    describe(`as ${shape} text`, () => {
      const r = parseLetter(text);

      it("reads «Vår ref» after an empty «Deres ref» column", () => {
        expect(r.letters.map((l) => [l.kind, l.number, l.reference, l.date])).toEqual([["supplementary", 2, "25/4410", "2026-04-16"]]);
      });

      it("takes the bulleted IDs under «Nye oppdrag» as the opening list, not as assignments without ID", () => {
        expect(r.assignments.filter((a) => !a.hasId).map((a) => a.title)).toEqual(["Deltakelse i arbeidsgruppe for grønn skipsfart"]);
        expect(r.assignments.filter((a) => a.announcedOnly).map((a) => [a.id, a.exempt])).toEqual([
          ["TB2026-61", true],
          ["TB2026-62", true],
        ]);
      });

      it("reads a deadline and an owner that share a line, also the last line of a wrapped «Frist»", () => {
        expect(byId(r, "TB2026-63")).toMatchObject({ departments: ["HAV"] });
        expect(dated(byId(r, "TB2026-63"))).toEqual(["2026-05-01"]);
        expect(byId(r, "TB2026-64")).toMatchObject({ departments: ["SJA"] });
        expect(dated(byId(r, "TB2026-64"))).toEqual(["2027-01-01"]);
      });

      it("labels the deadlines of bulleted, numbered deliverables by the names they give themselves", () => {
        expect(byId(r, "TB2026-65").deadlines.map((d) => [d.label, d.date])).toEqual([
          ["Delleveranse 1", "2026-11-01"],
          ["Sluttleveranse", "2026-12-31"],
        ]);
      });

      it("joins a full-width title the PDF wrapped onto a line in lower case", () => {
        expect(byId(r, "TB2026-64").title).toBe(
          "Digitalt sertifikat for sjøfolk som arbeider på skip registrert i Norsk internasjonalt skipsregister og i Norsk ordinært skipsregister, også for fartøy med lengde under 24 meter",
        );
      });

      it("reads another ministry's owner label, but not a place named like one", () => {
        const text = SUPPLEMENTARY.replace("Direktoratet skal vurdere beredskapen.", "Direktoratet skal vurdere beredskapen.\nAvdeling i Bodø: kontoret leder arbeidet.");
        expect(parseLetter(shape === "PDF" ? asPdf(text) : text).assignments.find((a) => a.id === "TB2026-63")?.departments).toEqual(["HAV"]);
        expect(byId(r, "TB2026-63").body).not.toContain("Ansvarlig");
      });

      it("titles a task without ID by its heading line, not by «Andre føringer:» above it", () => {
        const free = r.assignments.find((a) => !a.hasId)!;
        expect(free.departments).toEqual(["SJA"]);
        expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/ingen tittel/);
      });
    });
  }
});

/** An oppdragsdokument with one-level chapters, and its later correction. */
const OPPDRAGSDOKUMENT = `Oppdragsdokument til Kystverket SF for 2026

Deres ref Vår ref

25/900

Dato 19. januar 2026 Tildelingen fra departementet over kap. 1360 framgår av tabellen.

1. Digital sjøtrafikk

Oppdrag:

ID: 2026-01 Sanntidsdata for skipstrafikk

Kystverket SF skal gjøre sanntidsdata tilgjengelig. Frist 1. april

ID: 2026-02 Fremtidig løsning for nød-
og beredskapskommunikasjon (Nytt
Nødnett)
Kystverket SF skal delta i arbeidet.

2. Sikkerhet og beredskap

Oppdrag:

ID: 2026-03 Farledsmerking i Nord-Norge

Kystverket SF skal:
- kartlegge behovet for ny merking
- legge fram en plan

3. Oppfølging og rapportering

Frist
Beskrivelse
19. januar
Foretaksmøte
Innen 1. mars
Oversikt over disponering av midlene
`;

describe("an oppdragsdokument with one-level chapters", () => {
  const r = parseLetter(OPPDRAGSDOKUMENT);

  it("reads the date where text follows it on the same line", () => {
    expect(r.letters.map((l) => [l.genre, l.reference, l.date])).toEqual([["oppdragsdokument", "25/900", "2026-01-19"]]);
  });

  it("takes the chapters that hold assignments as their areas, and ends the last one at the next chapter", () => {
    expect(r.assignments.map((a) => [a.id, a.area])).toEqual([
      ["2026-01", "1"],
      ["2026-02", "1"],
      ["2026-03", "2"],
    ]);
    // The calendar of chapter 3 gives the last assignment no deadlines.
    expect(dated(byId(r, "2026-03"))).toEqual(["2026-12-31"]);
    expect(byId(r, "2026-03").body).not.toContain("Foretaksmøte");
  });

  it("joins a title broken inside a parenthesis", () => {
    expect(byId(r, "2026-02").title).toBe("Fremtidig løsning for nød- og beredskapskommunikasjon (Nytt Nødnett)");
  });

  it("says once that the letter names no owner, not once per assignment", () => {
    const owners = r.warnings.filter((w) => /ansvarlig avdeling/.test(w.message));
    expect(owners).toHaveLength(1);
    expect(owners[0].message).toMatch(/Oppdragsdokument til Kystverket SF for 2026/);
    expect(r.warnings.some((w) => /Fant ikke område/.test(w.message))).toBe(false);
  });

  it("leaves the «Oppdrag:» label that opens each assignment out of the body above it", () => {
    // The real oppdragsdokument to Norsk helsenett SF puts "Oppdrag:" before every ID: 7 of its 11
    // assignments ended their text with it.
    for (const text of [OPPDRAGSDOKUMENT, asPdf(OPPDRAGSDOKUMENT)]) {
      const labelled = parseLetter(text.replace("ID: 2026-02", "Oppdrag:\n\nID: 2026-02"));
      expect(labelled.assignments.map((a) => a.id)).toEqual(["2026-01", "2026-02", "2026-03"]);
      const first = byId(labelled, "2026-01");
      expect(first.body).toBe("Kystverket SF skal gjøre sanntidsdata tilgjengelig. Frist 1. april");
      expect(first.endLine).toBe(first.line + 2);
    }
  });

  it("reads a chapter at the top of a page, right under the page's footer", () => {
    const paged = OPPDRAGSDOKUMENT.replace("Kystverket SF skal delta i arbeidet.\n\n2. Sikkerhet og beredskap", "Kystverket SF skal delta i arbeidet.\nSide 2 av 3\n2. Sikkerhet og beredskap");
    expect(paged).not.toBe(OPPDRAGSDOKUMENT);
    expect(parseLetter(paged).assignments.map((a) => [a.id, a.area])).toEqual([
      ["2026-01", "1"],
      ["2026-02", "1"],
      ["2026-03", "2"],
    ]);
    // `pdftotext -layout`: the page break is a form feed before the page's first line, no blank line.
    const fed = OPPDRAGSDOKUMENT.replace("Kystverket SF skal delta i arbeidet.\n\n2. Sikkerhet og beredskap", "Kystverket SF skal delta i arbeidet.\n\f2. Sikkerhet og beredskap");
    expect(parseLetter(fed).assignments.map((a) => [a.id, a.area])).toEqual([
      ["2026-01", "1"],
      ["2026-02", "1"],
      ["2026-03", "2"],
    ]);
    expect(normaliseLetterText(normaliseLetterText(fed))).toBe(normaliseLetterText(fed));
    expect(normaliseLetterText("a\fb\n\f\fc")).toBe("a b\n\f c");
    // A bullet glyph opening the page is a bullet like any other.
    expect(normaliseLetterText("tekst\n\f\uF0B7 punkt\n\f\u25CF punkt")).toBe("tekst\n\f• punkt\n\f• punkt");
  });

  it("leaves numbered items alone as chapters: «3. Direktoratet bes om …» between blank lines is an item", () => {
    const withItem = OPPDRAGSDOKUMENT.replace("2. Sikkerhet og beredskap", "2. Direktoratet bes om å vurdere beredskapen, jf. rapporten");
    expect(parseLetter(withItem).assignments.map((a) => a.area)).toEqual([null, null, null]);
    // "må" ends in a letter outside ASCII: the word is found all the same.
    const withMa = OPPDRAGSDOKUMENT.replace("2. Sikkerhet og beredskap", "2. Direktoratet må vurdere beredskapen");
    expect(parseLetter(withMa).assignments.map((a) => a.area)).toEqual([null, null, null]);
  });
});

describe("a letter head written as one row of labels, and a subject in capitals", () => {
  const r = parseLetter(`Kommunal- og distriktsdepartementet

Statsforvalteren i Troms

Deres ref Vår ref Dato

24/88 25/1950-60 5.2.2026

TILDELINGSBREV 2026 – Statsforvalteren i Troms

1 Innledning

Departementet stiller midler til disposisjon.
`);

  it("reads «Vår ref» and «Dato» from the values under the labels", () => {
    expect(r.letters.map((l) => [l.reference, l.date])).toEqual([["25/1950-60", "2026-02-05"]]);
  });

  it("takes the subject in capitals as the letter's title and reads the recipient from it", () => {
    expect(r.letters.map((l) => [l.kind, l.year, l.title, l.recipient])).toEqual([
      ["main", 2026, "TILDELINGSBREV 2026 – Statsforvalteren i Troms", "Statsforvalteren i Troms"],
    ]);
  });
});

describe("a correction of the year's letter", () => {
  const r = parseLetter(`Korrigering av oppdragsdokument for Kystverket SF for 2026

Departementet viser til oppdragsdokument for 2026 til Kystverket SF. Rammen for oppdraget
Sanntidsdata for skipstrafikk endres til 3,6 mill. kroner.

Dato 16. mars 2026

Med hilsen
`);

  it("is a later letter with its own genre, not a second main letter", () => {
    expect(r.letters.map((l) => [l.kind, l.genre, l.title, l.recipient])).toEqual([
      ["supplementary", "korrigering", "Korrigering av oppdragsdokument for Kystverket SF for 2026", "Kystverket SF"],
    ]);
  });

  it("creates no assignment from the letter's own subject", () => {
    expect(r.assignments).toEqual([]);
  });
});

describe("a table of assignments without IDs (Nr. / Oppdrag / Frist)", () => {
  const head = `Tildelingsbrev 2026 til Direktoratet for strålevern og atomsikkerhet

1 Innledning

Departementet stiller med dette midler til disposisjon for 2026.

2 Oppdrag

Tabellen viser oppdragene for 2026.

`;
  const tail = `
3 Budsjett

Bevilgningen skal brukes innen 31.12.2026.

Med hilsen
`;
  const cells = `Nr.
Oppdrag
Frist
1
Utarbeide en nasjonal plan for radonarbeidet i kommunene
1. juni 2026
2
Vurdere behovet for endringer i strålevernforskriften
1.10.2026
3
Rapportere om beredskapen for atomulykker
Årsrapporten
`;
  const rows = `Nr. Oppdrag Frist
1 Utarbeide en nasjonal plan for radonarbeidet i kommunene 1. juni 2026
2 Vurdere behovet for endringer i strålevernforskriften 1.10.2026
3 Rapportere om beredskapen for atomulykker Årsrapporten
`;
  for (const [shape, table] of [
    ["each cell on a line", cells],
    ["each row on a line", rows],
  ] as const) {
    it(`reads each row as an assignment, its deadline cell as its deadline (${shape})`, () => {
      for (const text of [head + table + tail, asPdf(head + table + tail)]) {
        const r = parseLetter(text);
        expect(r.assignments.map((a) => [a.hasId, a.title, dated(a)])).toEqual([
          [false, "Utarbeide en nasjonal plan for radonarbeidet i kommunene", ["2026-06-01"]],
          [false, "Vurdere behovet for endringer i strålevernforskriften", ["2026-10-01"]],
          [false, "Rapportere om beredskapen for atomulykker", ["2026-12-31"]],
        ]);
      }
    });
  }

  it("needs the header row: numbered lines without it are no table", () => {
    const r = parseLetter(head + rows.replace("Nr. Oppdrag Frist\n", "") + tail);
    expect(r.assignments).toEqual([]);
  });
});

describe("a «Frist:» paragraph whose date stands on its next line", () => {
  const text = `Supplerende tildelingsbrev nr. 3 Sjødirektoratet

TB2026-70 Forenkling av sertifikatprosessen

Direktoratet skal forenkle prosessen.

Frist: Direktoratet skal ta sikte på gjennomføring i løpet av året. Det bes om en
skriftlig rapportering på fremdrift innen 15.10.2026.

Ansvarlig avdeling i NFD: SJA
`;
  for (const [shape, t] of shapes(text)) {
    it(`reads the date and gives no warning that none was found (${shape})`, () => {
      const r = parseLetter(t);
      // "i løpet av året" after "Frist": done within the year; the progress report by 15 October.
      expect(dated(byId(r, "TB2026-70"))).toEqual(["2026-12-31", "2026-10-15"]);
      expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/Fant ingen dato/);
    });
  }
});

describe("one «Frist» for several deliverables, and one after an event", () => {
  const r = parseLetter(`Supplerende tildelingsbrev nr. 4 Sjødirektoratet

TB2026-80 Revisjon av forskrift om fritidsfartøy

Departementet gir Sjødirektoratet følgende deloppdrag:

1. Utarbeide forslag til revidert forskrift med høringsnotat

2. Utarbeide utkast til veileder

3. Gjennomføre alminnelig høring

Frist:

- Frist for deloppdrag 1 og 2 er 31.10.2026.
- Frist for deloppdrag 3 vil være etter gjennomført offentlig høring.

Ansvarlig avdeling i NFD: SJA
`);

  it("gives each deliverable named in «deloppdrag 1 og 2» the date, and the one after the hearing to be agreed", () => {
    const labelled = byId(r, "TB2026-80").deadlines.filter((d) => d.label !== null);
    expect(labelled.map((d) => [d.label, d.date, d.state])).toEqual([
      ["Deloppdrag 1", "2026-10-31", "dated"],
      ["Deloppdrag 2", "2026-10-31", "dated"],
      ["Deloppdrag 3", null, "to_be_agreed"],
    ]);
  });
});

describe("«Frist punkt 1 og 2» for the numbered items of an assignment's text", () => {
  const r = parseLetter(`Tildelingsbrev 2026 til Helsedirektoratet

3.5. Sammenhengende tjenester

3.5.3. Oppdrag

TB2026-35
Avd. HOD: KTA
Nye muligheter i det akuttmedisinske nettverket

Helsedirektoratet skal:

1. kartlegge dagens praksis
2. beskrive en modell for nettverket
3. prøve ut modellen i to helseforetak
4. evaluere utprøvingen

Frist punkt 1 og 2: 1.6.2026.
Frist for pkt. 3 og 4: 1.10.2026

TB2026-36
Avd. HOD: FHA
Rapport om fast oppgave

1. Helsedirektoratet skal følge med på overdoser. Dette er en fast oppgave.
2. Helsedirektoratet skal lage en plan for statistikken.

Frist punkt 2: 30.6.2026.
`);

  it("gives each item it names the date, labelled as the item is (Deloppdrag N)", () => {
    const labelled = (id: string) => byId(r, id).deadlines.filter((d) => d.label !== null).map((d) => [d.label, d.date]);
    expect(labelled("TB2026-35")).toEqual([
      ["Deloppdrag 1", "2026-06-01"],
      ["Deloppdrag 2", "2026-06-01"],
      ["Deloppdrag 3", "2026-10-01"],
      ["Deloppdrag 4", "2026-10-01"],
    ]);
    expect(labelled("TB2026-36")).toEqual([["Deloppdrag 2", "2026-06-30"]]);
  });
});

describe("«Frist for deloppdraget» inside a numbered deliverable", () => {
  // Supplementary letter nr. 2: "- 1) … Frist for deloppdraget er 15.6.2026." labelled "Deloppdrag"
  // alone, where the item it stands in is "Deloppdrag 1".
  const text = `Supplerende tildelingsbrev nr. 2 for 2026 til Helsedirektoratet

TB2026-17 Utredning av en digital veiledningstjeneste

Det vises til oppdrag TB2026-17. Følgende delleveranser bes levert som en del av det:

- 1) Helsedirektoratet skal bistå med å finne kvalitetssikrede kilder for tjenesten.
  - Frist for deloppdraget er 15.6.2026.
- 2) Helsedirektoratet skal beskrive roller og forvaltning av innholdet.
  - Frist for delleveransen: 1.10.2026

TB2026-18 Kartlegging av ventetider

Helsedirektoratet skal kartlegge ventetidene. Frist for deloppdraget er 1.9.2026.

Ansvarlig avdeling i HOD: DIG
`;
  for (const [shape, t] of shapes(text)) {
    it(`labels it as the item it stands in, and names it as written outside one (${shape})`, () => {
      const r = parseLetter(t);
      const labelled = (id: string) => byId(r, id).deadlines.filter((d) => !d.isDefault).map((d) => [d.label, d.date]);
      expect(labelled("TB2026-17")).toEqual([
        ["Deloppdrag 1", "2026-06-15"],
        ["Deloppdrag 2", "2026-10-01"],
      ]);
      expect(labelled("TB2026-18")).toEqual([["Deloppdrag", "2026-09-01"]]);
    });
  }
});

describe("an area heading of more than 130 characters on one line (a Word paragraph, a converted PDF)", () => {
  // The real main letter's 3.10–3.12 are one-sentence goals of 140–170 characters: their
  // assignments were read into 3.9, the area before them.
  const text = `Tildelingsbrev 2026 til Helsedirektoratet

3. Mål og oppdrag

3.9. Tjenestene har nok personell med riktig kompetanse

3.9.1. Oppdrag

TB2026-49
Avd. HOD: HRA
Rekruttering av helsepersonell

Helsedirektoratet skal følge opp rekrutteringen. Frist: 1.6.2026

3.10. Digitalisering er en integrert del av utviklingen av helse- og omsorgstjenesten og bidrar til bedre kvalitet og ressurseffektivitet

3.10.1. Oppdrag

TB2026-50
Avd. HOD: DIG
Digital samhandling

Helsedirektoratet skal følge opp samhandlingen. Frist: 15.9.2026

3.11.       Finansieringsordningene understøtter samhandling og ønsket faglig utvikling, samt bidrar til likeverdige og effektive helse- og omsorgstjenester av god kvalitet

3.11.1. Oppdrag

TB2026-57
Avd. HOD: SHA
Kliniske studier og aktivitetsbasert finansiering

Helsedirektoratet skal følge opp arbeidet, jf. punkt

3.12 Helsedirektoratet skal i samarbeid med de regionale helseforetakene rapportere på utviklingen i andelen pasienter i kliniske studier, fordelt på helseregion

TB2026-58
Avd. HOD: SHA
Gjennomgang av øremerkede tilskudd

Helsedirektoratet skal gå gjennom tilskuddene. Frist: 15.4.2026

4. Budsjett
`;
  for (const [shape, t] of shapes(text)) {
    it(`reads the long headings as areas, and a long numbered sentence as none (${shape})`, () => {
      const r = parseLetter(t);
      expect(r.assignments.map((a) => [a.id, a.area])).toEqual([
        ["TB2026-49", "3.9"],
        ["TB2026-50", "3.10"],
        ["TB2026-57", "3.11"],
        ["TB2026-58", "3.11"],
      ]);
      expect(r.areas.map((a) => a.code)).toEqual(["3.9", "3.10", "3.11"]);
      expect(r.areas[2].name).toBe(
        "Finansieringsordningene understøtter samhandling og ønsket faglig utvikling, samt bidrar til likeverdige og effektive helse- og omsorgstjenester av god kvalitet",
      );
    });
  }
});

describe("a deadline the ministry will set in dialogue", () => {
  // The real TB2026-22: "Departementet vil ha dialog med Helsedirektoratet om nærmere innretning og
  // frist for oppdraget." read as no deadline at all (the year's end).
  const text = `Tildelingsbrev 2026 til Helsedirektoratet

3.3. Forebygging

3.3.1. Oppdrag

TB2026-22
Avd. HOD: KTA
Forebygging i helse- og omsorgstjenesten

Helsedirektoratet skal følge opp rapporten om forebygging, herunder:

- Gi faglig støtte til kommuner som vil prøve ut tiltak.
- Koordinere innsatser med felles mål

Departementet vil ha dialog med
Helsedirektoratet om nærmere innretning og frist for oppdraget.

TB2026-23
Avd. HOD: KTA
Rapportering fra kommunene

Helsedirektoratet skal ha dialog med kommunene om frister for rapporteringen. Departementet
vil ha dialog med direktoratet om frister for tilskuddene.

TB2026-24
Avd. HOD: DIG
Digital førstelinje

1. Helsedirektoratet skal utrede en veiviser. Departementet vil ha dialog med Helsedirektoratet om frist for oppdraget. 2. Helsedirektoratet skal samarbeide med Norsk helsenett SF. Frist: 31.12.2026
`;
  for (const [shape, t] of shapes(text)) {
    it(`is to be agreed; a dialogue about others' deadlines is none (${shape})`, () => {
      const r = parseLetter(t);
      expect(dated(byId(r, "TB2026-22"))).toEqual(["to_be_agreed"]);
      // The sentence that says so, not the list item above it without a full stop.
      expect(byId(r, "TB2026-22").deadlines[0].text).toBe("Departementet vil ha dialog med Helsedirektoratet om nærmere innretning og frist for oppdraget");
      // Nor the number of the item after it, where a converter put the items on one line.
      expect(byId(r, "TB2026-24").deadlines.map((d) => [d.state, d.text])).toEqual([
        ["to_be_agreed", "Departementet vil ha dialog med Helsedirektoratet om frist for oppdraget"],
        ["dated", "Frist: 31.12.2026"],
      ]);
      expect(byId(r, "TB2026-23").deadlines.map((d) => [d.date, d.isDefault])).toEqual([["2026-12-31", true]]);
    });
  }
});

describe("a head row «ID Avd. HOD: X Title» that the PDF wrapped at the column's edge", () => {
  // The real main letter's head rows, as one paragraph each in a PDF's 80-character column: the
  // title's second line was read as the start of the text ("… evaluering av" / "beslutningsstøtte…").
  const text = `Tildelingsbrev 2026 til Helsedirektoratet

3.6. Tjenestene er trygge og gode for pasientene, og de ansatte har god kompetanse

3.6.1. Oppdrag

TB2026-36 Avd. HOD: SHA Etablere pilot for utprøving og evaluering av
beslutningsstøtteordning for pasienter med psykiske helseutfordringer
Det vises til svar på oppdrag i tildelingsbrevet for 2024 om å utrede en ordning
med beslutningsstøtte for pasienter i situasjoner hvor tvang kan bli brukt, med
vekt på psykiske helsetjenester. Frist: 1.10.2026
TB2026-37 Avd. HOD: HRA Oppfølging av Prop. 121 L (2024-2025) om ny
meldeordning for alvorlige hendelser i helse- og omsorgstjenesten.
Lovforslagene om ny meldeordning for alvorlige hendelser ble vedtatt av
Stortinget i juni 2025, og Helsedirektoratet skal forberede ordningen. Frist:
1.6.2026
TB2026-38 Avd. HOD: KTA Oppfølging av Forebyggings- og behandlingsreformen for
rusfeltet - Helse for alle
Helsedirektoratet skal følge opp tiltakene i meldingen i samarbeid med de andre
direktoratene og de regionale helseforetakene. Frist: 31.12.2026
TB2026-39 Avd. HOD: KTA Gode tildelingsprosesser
Helsedirektoratet skal utarbeide en veileder om tildeling av tjenester. Frist:
1.4.2026
TB2026-40 Avd. HOD: KTA Oppfølging av tiltak i Meld. St. 21 (2024–2025) Helse
for alle – rettferdig prioritering i vår felles helsetjeneste

Helsedirektoratet skal følge opp tiltakene i meldingen i samarbeid med de andre
direktoratene og de regionale helseforetakene. Frist: 31.12.2026
TB2026-41 Avd. HOD: KTA Oppfølging av tiltak i Meld. St. 21 (2024–2025)
Rettferdig prioritering i vår felles helse- og omsorgstjeneste for alle

Helsedirektoratet skal følge opp tiltakene i meldingen i samarbeid med de andre
direktoratene og de regionale helseforetakene. Frist: 31.12.2026
`;
  it("joins the title's wrapped line and leaves the text to start below it", () => {
    const r = parseLetter(text);
    expect(r.assignments.map((a) => [a.id, a.title, a.departments, dated(a)])).toEqual([
      ["TB2026-36", "Etablere pilot for utprøving og evaluering av beslutningsstøtteordning for pasienter med psykiske helseutfordringer", ["SHA"], ["2026-10-01"]],
      ["TB2026-37", "Oppfølging av Prop. 121 L (2024-2025) om ny meldeordning for alvorlige hendelser i helse- og omsorgstjenesten", ["HRA"], ["2026-06-01"]],
      ["TB2026-38", "Oppfølging av Forebyggings- og behandlingsreformen for rusfeltet - Helse for alle", ["KTA"], ["2026-12-31"]],
      ["TB2026-39", "Gode tildelingsprosesser", ["KTA"], ["2026-04-01"]],
      ["TB2026-40", "Oppfølging av tiltak i Meld. St. 21 (2024–2025) Helse for alle – rettferdig prioritering i vår felles helsetjeneste", ["KTA"], ["2026-12-31"]],
      // A capitalised last line of the head row, with a blank line after it: the row's end.
      ["TB2026-41", "Oppfølging av tiltak i Meld. St. 21 (2024–2025) Rettferdig prioritering i vår felles helse- og omsorgstjeneste for alle", ["KTA"], ["2026-12-31"]],
    ]);
    expect(byId(r, "TB2026-36").body).toMatch(/^Det vises til svar/);
    expect(byId(r, "TB2026-37").body).toMatch(/^Lovforslagene/);
  });

  it("keeps one paragraph per line (a Word file's text) as it was: the head row is the title", () => {
    const oneLine = text.replace(/\n(?=beslutning|meldeordning|rusfeltet|for alle|Rettferdig)/g, " ");
    expect(parseLetter(oneLine).assignments.map((a) => a.title)).toEqual(parseLetter(text).assignments.map((a) => a.title));
  });
});

describe("a supplementary letter pasted without blank lines (copied from a PDF viewer)", () => {
  // Supplementary letter nr. 3 and 4 with their blank lines gone: an earlier year's ID under the
  // label "Presisering av tidligere oppdrag:" became an assignment without ID titled with its
  // whole first paragraph, and so did an ID right under "Frist: … Ansvarlig avdeling i HOD: SHA".
  const text = `Supplerende tildelingsbrev nr. 3 for 2026 til Helsedirektoratet
Dato 28. mai 2026
Presisering av tidligere oppdrag:
TB2025-115 Helsedataforordningen (EHDS)
Helse- og omsorgsdepartementet viser til oppdrag TB2025-115 om
helsedataforordningen, deloppdrag 3 samfunnsøkonomisk analyse.
Frist: 15. oktober 2026
Ansvarlig avdeling i HOD: DIG
Nye oppdrag:
TB2026-86 Oppfølging av rapport om pasientsikkerhetsindikatorer
Helsedirektoratet skal bidra i arbeidet med indikatorene.
Frist: Departementet ber om status innen 1.1.2027 Ansvarlig avdeling i HOD: SHA
TB2026-87 Forsterkede fellesskapsavdelinger i fengsel
Helsedirektoratet skal bidra i arbeidet med avdelingene.
Frist: 15. desember 2026
Ansvarlig avdeling i HOD: SHA
Med hilsen
`;
  it("reads each ID where its block starts, as with the blank lines", () => {
    const expected = parseLetter(text.replace(/\n/g, "\n\n")).assignments.map((a) => [a.id, a.kind, a.title, a.departments, dated(a)]);
    expect(expected).toEqual([
      ["TB2025-115", "addition", "Helsedataforordningen (EHDS)", ["DIG"], ["2026-10-15"]],
      ["TB2026-86", "original", "Oppfølging av rapport om pasientsikkerhetsindikatorer", ["SHA"], ["2027-01-01"]],
      ["TB2026-87", "original", "Forsterkede fellesskapsavdelinger i fengsel", ["SHA"], ["2026-12-15"]],
    ]);
    expect(parseLetter(text).assignments.map((a) => [a.id, a.kind, a.title, a.departments, dated(a)])).toEqual(expected);
  });
});

describe("a newer-layout title the PDF wrapped before a parenthesis", () => {
  // pdftotext gives the head's cells a line each; the real TB2026-15's title wraps at "Meld. St. 23"
  // and goes on with "(2024 – 2025). …": the title was cut there, the rest read as text.
  const text = `Tildelingsbrev 2026 til Helsedirektoratet

3.4. Gode og likeverdige tjenester

3.4.1. Oppdrag

TB2026-15
Avd. HOD: KTA
Allmennlegetjenesten og oppfølging av Meld. St. 23
(2024 – 2025). Forny, forsterke, forbedre. Framtidens allmennlegetjenester og
akuttmedisinske tjenester utenfor sykehus
Meldingen ble lagt fram våren 2025. Helsedirektoratet skal følge opp tiltakene.
Frist: 1.10.2026
`;
  for (const [shape, t] of shapes(text)) {
    it(`joins the lines of the title (${shape})`, () => {
      expect(byId(parseLetter(t), "TB2026-15")).toMatchObject({
        title: "Allmennlegetjenesten og oppfølging av Meld. St. 23 (2024 – 2025). Forny, forsterke, forbedre. Framtidens allmennlegetjenester og akuttmedisinske tjenester utenfor sykehus",
        body: "Meldingen ble lagt fram våren 2025. Helsedirektoratet skal følge opp tiltakene.\nFrist: 1.10.2026",
      });
    });
  }
});

describe("the head of an assignment with a blank line between its cells", () => {
  const text = `Tildelingsbrev 2026
Sjødirektoratet

3.1. Trygg ferdsel på sjøen

3.1.1. Oppdrag

TB2026-1

Avd. NFD: SJA

Ny forskrift om fritidsbåter

Direktoratet skal utarbeide forslag til ny forskrift, og en statusrapport for arbeidet leveres innen 1.3.2026
TB2026-2

Avd. NFD: HAV

Kartlegging av vrakrester

Direktoratet skal kartlegge vrakrester langs kysten.
`;
  it("still finds the ID with its owner below it, also after a sentence without a full stop", () => {
    for (const t of [text, asPdf(text)]) {
      const r = parseLetter(t);
      expect(r.assignments.map((a) => [a.id, a.departments, a.title])).toEqual([
        ["TB2026-1", ["SJA"], "Ny forskrift om fritidsbåter"],
        ["TB2026-2", ["HAV"], "Kartlegging av vrakrester"],
      ]);
    }
  });
});
