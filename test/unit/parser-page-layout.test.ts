/**
 * What a PDF's pages put into the text, written for the tests: the letter's subject repeated as
 * a running header on every page ("Tildelingsbrev 2025 til Vegtilsynet" / "Side 2 av 4"), also
 * between an ID and its owner line, and a letter whose chapters skip a number ("1 Innledning",
 * "3 Mål og oppdrag" / "3.1 …", an excerpt or a chapter heading the PDF lost).
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "../../app/domain/letter/parse";
import { shapes } from "../helpers/letter-shapes";

const SUBJECT = "Tildelingsbrev 2025 til Vegtilsynet";

/** Eight assignments; after every `pageLines` lines a page footer and the subject as running header. */
function letter(pageLines: number | null, footer = (page: number) => `Side ${page} av 4`): string {
  const body = [SUBJECT, "", "Deres ref Vår ref Dato", "24/100-1 19.12.2024", "", "1 Innledning", "", "Departementet gir med dette Vegtilsynet oppdrag for 2025.", "", "3 Mål og oppdrag", "", "3.1 Trygge veier", ""];
  for (let n = 1; n <= 8; n++) {
    body.push(`TB2025-${n}`, "Avd. SD: VEG", `Kartlegging nummer ${n} av strekninger`, "", "Vegtilsynet skal kartlegge strekningene og rapportere til departementet om", "resultatene, med forslag til tiltak.", "", `Frist: ${n}. juni 2025`, "");
  }
  const out: string[] = [];
  let page = 1;
  body.forEach((line, i) => {
    out.push(line);
    if (pageLines !== null && i % pageLines === pageLines - 1) out.push(footer(page++), "", SUBJECT, "");
  });
  out.push("4 Budsjett", "", "Midlene stilles til disposisjon.", "", "Med hilsen", "", "Kari Nordmann");
  return `${out.join("\n")}\n`;
}

describe("a letter's pages", () => {
  for (const pageLines of [null, 25, 17]) {
    for (const [shape, text] of shapes(letter(pageLines))) {
      it(`${pageLines === null ? "without page breaks" : `with a running header every ${pageLines} lines`}, as ${shape} text: one letter, eight whole assignments in area 3.1`, () => {
        const r = parseLetter(text);
        expect(r.letters.map((l) => [l.title, l.date])).toEqual([[SUBJECT, "2024-12-19"]]);
        expect(r.assignments.map((a) => [a.id, a.title, a.departments, a.area, a.deadlines.map((d) => d.date)])).toEqual(
          Array.from({ length: 8 }, (_, k) => [`TB2025-${k + 1}`, `Kartlegging nummer ${k + 1} av strekninger`, ["VEG"], "3.1", [`2025-06-0${k + 1}`]]),
        );
        expect(r.assignments.map((a) => a.body).join("\n")).not.toContain(SUBJECT);
      });
    }
  }

  it.each([["«2 av 4»", (p: number) => `${p} av 4`], ["«- 2 -»", (p: number) => `- ${p} -`], ["«Side 2/4»", (p: number) => `Side ${p}/4`]])(
    "with page numbers written %s between the lines of a paragraph",
    (_, footer) => {
      const r = parseLetter(letter(21, footer));
      expect(r.assignments.map((a) => a.body).join("\n")).not.toMatch(/^(?:\d av 4|- \d -|Side \d\/4)$/m);
      expect(r.assignments).toHaveLength(8);
    },
  );

  it("still starts a second letter with the same subject after the first one's closing", () => {
    const r = parseLetter(`${letter(null)}\n${letter(null).replace(/TB2025-/g, "TB2025-1")}`);
    expect(r.letters.map((l) => l.title)).toEqual([SUBJECT, SUBJECT]);
  });
});

describe("letter headers of other templates", () => {
  it.each([
    ["Vår saksnr.: 24/1234-5\nDato: 19.12.2024", "24/1234-5"],
    ["Saksnr. 24/1234-5\nDato 19. desember 2024", "24/1234-5"],
    ["Vår referanse 24/1234-5\nVår dato 19.12.2024", "24/1234-5"],
    ["Oslo, 19. desember 2024\n\nVår ref. 24/1234-5", "24/1234-5"],
    ["Trondheim, 19.12.2024", null],
  ])("reads the reference and the date from «%s»", (head, reference) => {
    const r = parseLetter(`${SUBJECT}\n\n${head}\n\n3.1 Trygge veier\n\nTB2025-1\nAvd. SD: VEG\nKartlegging\n\nTekst. Frist: 1. juni 2025\n`);
    expect(r.letters.map((l) => [l.date, l.reference])).toEqual([["2024-12-19", reference]]);
    expect(r.assignments[0].body).not.toMatch(/2024/);
  });
});

describe("the budget year of a letter", () => {
  const body = "\n\nVår ref 24/1\nDato 19.12.2024\n\n2 Oppdrag\n\n1. Kartlegge bruer\nVegtilsynet skal kartlegge bruer.\nFrist: 1. juni\n\n2. Vurdere tunneler\nVegtilsynet skal vurdere tunneler.\n\nMed hilsen\n";
  it("is read from «Tildelingsbrev for budsjettåret 2025», the subject, not from the letter's date", () => {
    const r = parseLetter(`Tildelingsbrev for budsjettåret 2025 – Vegtilsynet${body}`);
    expect(r.letters.map((l) => [l.title, l.year])).toEqual([["Tildelingsbrev for budsjettåret 2025 – Vegtilsynet", 2025]]);
    expect(r.assignments[0].deadlines.map((d) => d.date)).toEqual(["2025-06-01"]);
  });
  it("is the next year for a main letter dated in December that names no year", () => {
    const r = parseLetter(`Budsjett og oppdrag – Vegtilsynet${body}`);
    expect(r.letters.map((l) => l.year)).toEqual([2025]);
    expect(r.assignments[0].deadlines.map((d) => d.date)).toEqual(["2025-06-01"]);
  });
});

describe("later letters named in other words", () => {
  const file = (subject: string) =>
    `Tildelingsbrev 2025 til Vegtilsynet\n\nVår ref 24/1\nDato 19.12.2024\n\n3.1 Trygge veier\n\nTB2025-1\nAvd. SD: VEG\nKartlegging\n\nTekst. Frist: 1. juni 2025\n\nMed hilsen\n\nKari\n\n${subject}\n\nVår ref 24/1-9\nDato 3.3.2025\n\nTB2025-2 Nytt oppdrag om tunneler\nVegtilsynet skal vurdere tunneler.\nFrist: 1. september 2025\nAnsvarlig avdeling i SD: VEG\n\nMed hilsen\n`;
  it.each([
    ["Endringsbrev nr. 1 til tildelingsbrev 2025 – Vegtilsynet", 1],
    ["Tilleggsbrev nr. 2 til tildelingsbrevet for 2025", 2],
    ["Supplement til tildelingsbrevet for 2025", null],
    ["Tildelingsbrev 2025 nr. 2 – Vegtilsynet", 2],
    ["Endring av tildelingsbrev 2025 – Vegtilsynet", null],
    ["Oppdragsbrev nr. 3 for 2025 – Vegtilsynet", 3],
  ])("«%s» after the main letter's closing is a later letter with its own date", (subject, number) => {
    const r = parseLetter(file(subject));
    expect(r.letters.map((l) => [l.kind, l.number, l.date])).toEqual([
      ["main", null, "2024-12-19"],
      ["supplementary", number, "2025-03-03"],
    ]);
    expect(r.assignments.map((a) => [a.id, a.letter])).toEqual([
      ["TB2025-1", 0],
      ["TB2025-2", 1],
    ]);
  });

  it("does not start a letter at «Endringer i tildelingsbrevet» inside a letter", () => {
    const r = parseLetter(file("Tillegg til tildelingsbrev 2025").replace("Tekst. Frist", "Endringer i tildelingsbrevet\n\nTekst. Frist"));
    expect(r.letters).toHaveLength(2);
  });
});
