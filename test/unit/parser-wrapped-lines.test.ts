/**
 * Lines a narrower PDF layout breaks where the letter did not: a sentence that goes on with an ID
 * or a budget chapter at the start of a line, a deadline phrase over three lines, and a title
 * broken by a page break. Written for the tests; each case read before these rules otherwise
 * (a second assignment "3d.", a block cut short, a lost deadline, a cut title).
 */
import { describe, expect, it } from "vitest";
import { idAtLineStart, listIdAt } from "~/domain/letter/line-ids";
import { parseLetter } from "~/domain/letter/parse";

const HEAD = ["Tildelingsbrev 2026 – Helsedirektoratet", "", "Vår ref 25/100-1", "Dato 18.12.2025", "", "3 Mål og oppdrag", "", "3.4 Helse- og omsorgstjenester", ""];

function letter(...blocks: string[][]): string {
  return `${[...HEAD, ...blocks.flat(), "Med hilsen", "", "Kari Nordmann"].join("\n")}\n`;
}

function read(text: string) {
  return parseLetter(text).assignments.map((a) => [a.id, a.title, a.departments, a.deadlines.map((d) => d.date)]);
}

describe("lines a PDF wrapped", () => {
  it("a title ending in a word such as «området» is no title cut after «det»: the text below is text", () => {
    // Words ending in å/æ/ø + "det"/"en"/"et" ("legemiddelområdet", "tiltaksområdet") read as ending in
    // the word "det": the title took the text's first lines where a wrapped ID line ran to the edge.
    const body = [
      "Helsedirektoratet skal revidere rundskriv for legemiddelhåndtering for å gi",
      "helsepersonell faglig støtte for bruk av pasientens legemiddelliste. Direktoratet",
      "skal i arbeidet bygge videre på erfaringene fra utprøvingen i Helse Vest RHF og",
      "Bergen kommune, og erfaringene fra Helseplattformen. Arbeidet skal gjøres i",
      "samarbeid med relevante aktører, herunder Direktoratet for e-helse som leder det",
      "Frist: 1. desember 2026",
    ];
    const text = letter(["TB2026-41 Avd. HOD: EHE Digitalisering av legemiddelområdet", ...body], ["TB2026-42 Avd. HOD: EHE Kunnskap om tiltaksområdet", ...body]);
    expect(read(text)).toEqual([
      ["TB2026-41", "Digitalisering av legemiddelområdet", ["EHE"], ["2026-12-01"]],
      ["TB2026-42", "Kunnskap om tiltaksområdet", ["EHE"], ["2026-12-01"]],
    ]);
  });

  it("an «oppdrag TB…» that goes on a sentence after «jf.» is a mention, not an assignment", () => {
    const text = letter(
      ["TB2026-20", "Avd. HOD: KTA", "Bo trygt hjemme-reformen", "", "Direktoratet skal følge opp reformen.", "", "Frist: 1. juli 2026", ""],
      ["TB2026-21", "Avd. HOD: KTA", "Gode tildelingsprosesser", "", "- 2 mill. kroner til videre implementering av pårørendeavtaler, jf.", "oppdrag TB2026-20 3d.", "", "Frist: 1. april 2026", ""],
    );
    expect(read(text)).toEqual([
      ["TB2026-20", "Bo trygt hjemme-reformen", ["KTA"], ["2026-07-01"]],
      ["TB2026-21", "Gode tildelingsprosesser", ["KTA"], ["2026-04-01"]],
    ]);
  });

  it("an «ID: TB…» that goes on a sentence in lower case is a mention", () => {
    const text = letter(
      ["ID: TB2026-14 Eieravdeling HOD: FHA Skolemåltid", "", "Tekst om skolemåltid.", "", "Frist: 1. juni 2026", ""],
      ["ID: TB2026-15 Eieravdeling HOD: FHA Verktøy for skolemåltid", "", "Som del av arbeidet har Helsedirektoratet i tildelingsbrevet for 2026", "ID: TB2026-14 fått følgende oppdrag: å utvikle verktøy.", "", "Frist: 1. oktober 2026", ""],
    );
    expect(read(text)).toEqual([
      ["TB2026-14", "Skolemåltid", ["FHA"], ["2026-06-01"]],
      ["TB2026-15", "Verktøy for skolemåltid", ["FHA"], ["2026-10-01"]],
    ]);
  });

  it("«kap. 760» in lower case inside a sentence does not end the block", () => {
    const text = letter([
      "TB2026-90",
      "Avd. HOD: KTA",
      "Rehabilitering",
      "",
      "Direktoratet må vurdere disponering av øvrige midler over",
      "kap. 760",
      "post 21 til formålet.",
      "",
      "Frist: 30.6.2027 Ansvarlig avdeling i HOD: KTA",
      "",
    ]);
    expect(read(text)).toEqual([["TB2026-90", "Rehabilitering", ["KTA"], ["2027-06-30"]]]);
  });

  it("a deadline phrase over three lines keeps its date («… arbeidet med / GTT innen / 1.1.2027»)", () => {
    const text = letter([
      "TB2026-86",
      "Avd. HOD: SHA",
      "Oppfølging av rapport om pasientsikkerhetsindikatorer",
      "",
      "Direktoratet skal følge opp rapporten.",
      "",
      "Frist: Departementet ber om status og fremdriftsplan for arbeidet med",
      "GTT innen",
      "1.1.2027 Ansvarlig avdeling i HOD: SHA",
      "",
    ]);
    expect(read(text)).toEqual([["TB2026-86", "Oppfølging av rapport om pasientsikkerhetsindikatorer", ["SHA"], ["2027-01-01"]]]);
  });

  it.each([
    ["a page number", ["Side 4 av 40"]],
    ["blank lines and a page number", ["", "4 av 40", ""]],
  ])("a one-line title the page broke goes on after %s", (_, pageBreak) => {
    const text = letter([
      "TB2026-23",
      "Avd. HOD: KTA",
      "Oppfølging av tiltak i Meld. St. 21 (2024–2025) Rettferdig prioritering i vår",
      ...pageBreak,
      "felles helsetjeneste",
      "",
      "Direktoratet skal følge opp meldingen.",
      "",
      "Frist: 1. desember 2026",
      "",
    ]);
    expect(read(text)).toEqual([["TB2026-23", "Oppfølging av tiltak i Meld. St. 21 (2024–2025) Rettferdig prioritering i vår felles helsetjeneste", ["KTA"], ["2026-12-01"]]]);
  });

  it("a header's reference behind a page number is the letter's reference", () => {
    const text = `Tillegg til tildelingsbrev nr. 2 – Helsedirektoratet\n\nVår ref\n\nSide 1 av 3\n\n26/2173-1\n\nDato 16.06.2026\n\nTB2026-70\nAvd. HOD: FHA\nNytt oppdrag\n\nTekst.\n\nFrist: 1. mai 2026\n`;
    expect(parseLetter(text).letters.map((l) => [l.reference, l.date])).toEqual([["26/2173-1", "2026-06-16"]]);
  });

  it("a label in lower case at a line's start is a sentence going on; after a bullet it is a list entry", () => {
    expect(idAtLineStart("oppdrag TB2026-20 3d.")).toBeNull();
    expect(idAtLineStart("Oppdrag 13/2024 Mer treffsikre boutgiftstak")).toMatchObject({ id: "13/2024", label: "Oppdrag" });
    expect(listIdAt("- oppdrag 13/2024 Mer treffsikre boutgiftstak")).toMatchObject({ id: "13/2024", rest: "Mer treffsikre boutgiftstak" });
    expect(listIdAt("- oppdraget er viktig")).toBeNull();
  });
});
