/**
 * A PDF letter whose letterhead and assignments are tables, uploaded: the text the upload takes
 * out of the PDF (unpdf) is read as a table of rows, each row one assignment with its deadline
 * and owner, and the reference and date under their labels (decision 098). The PDF is made here
 * with pdfmake, as a Word template lays such a letter out: the address beside a table of labels,
 * and a bordered table with wrapped cells and a head cell over two lines.
 */
import type { TDocumentDefinitions } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";
import { pdfmake } from "~/export/pdf.server";
import { extractLetterText } from "~/letters/extract.server";

function letter(rows: string[][], head: string[], widths = [60, 250, 80, 60]): TDocumentDefinitions {
  return {
    content: [
      {
        columns: [
          { text: "Husbanken\nPostboks 1404\n8002 Bodø", width: 250 },
          { table: { body: [["Deres ref", "Vår ref", "Dato"], ["", "24/1234-5", "18.12.2024"]] }, layout: "noBorders" },
        ],
      },
      { text: "\nTildelingsbrev 2025 til Husbanken\n\n", bold: true, fontSize: 14 },
      { text: "1 Innledning\n\n", bold: true },
      "Departementet viser til Prop. 1 S (2024–2025) og Innst. 16 S (2024–2025).\n\n",
      { text: "2 Mål og oppdrag\n\n", bold: true },
      { text: "2.1 Oppdrag\n\n", bold: true },
      "Husbanken skal i 2025 utføre følgende oppdrag:\n\n",
      { table: { widths, body: [head, ...rows] } },
      "\nMed hilsen\n\nOla Nordmann\nekspedisjonssjef",
    ],
  };
}

async function readPdf(definition: TDocumentDefinitions) {
  const bytes = await (await pdfmake()).createPdf(definition).getBuffer();
  const extracted = await extractLetterText("tildelingsbrev.pdf", new Uint8Array(bytes));
  if (!extracted.ok) throw new Error(extracted.message);
  return parseLetter(extracted.text);
}

describe("a PDF letter with its assignments in a table", () => {
  it("reads each row as an assignment with its deadline and owner, and the letterhead's reference and date", async () => {
    const r = await readPdf(
      letter(
        [
          ["TB2025-01", "Kartlegge behovet for startlån blant unge i distriktskommuner og i byene", "1. juni 2025", "BBA"],
          ["TB2025-02", "Evaluere bostøtteordningen", "1. oktober 2025", "BBA"],
          ["TB2025-03", "Utrede en ny modell for tilskudd til utleieboliger, herunder kostnader og konsekvenser for kommunene", "15. mars 2025", "KOMM"],
          ["TB2025-04", "Rapportere om digitaliseringsarbeidet", "Årsrapporten", "BBA"],
        ],
        ["ID", "Oppdrag", "Frist", "Ansvarlig avdeling"],
      ),
    );
    expect(r.assignments.map((a) => [a.id, a.title, a.deadlines.find((d) => !d.isDefault)?.date ?? null, a.departments])).toEqual([
      ["TB2025-01", "Kartlegge behovet for startlån blant unge i distriktskommuner og i byene", "2025-06-01", ["BBA"]],
      ["TB2025-02", "Evaluere bostøtteordningen", "2025-10-01", ["BBA"]],
      ["TB2025-03", "Utrede en ny modell for tilskudd til utleieboliger, herunder kostnader og konsekvenser for kommunene", "2025-03-15", ["KOMM"]],
      ["TB2025-04", "Rapportere om digitaliseringsarbeidet", "2025-12-31", ["BBA"]],
    ]);
    expect(r.letters.map((l) => [l.date, l.reference, l.recipient])).toEqual([["2024-12-18", "24/1234-5", "Husbanken"]]);
    expect(r.warnings.filter((w) => /avdeling|frist/i.test(w.message))).toEqual([]);
  });

  it("reads a table with a note column after the owner: the note is the row's text, its date no deadline", async () => {
    const r = await readPdf(
      letter(
        [
          ["TB2025-01", "Kartlegge behovet for startlån blant unge i distriktskommuner og i byene", "1. juni 2025", "BBA", "Ses i sammenheng med TB2024-07"],
          ["TB2025-02", "Evaluere bostøtteordningen", "1. oktober 2025", "BBA", ""],
          ["TB2025-03", "Utrede en ny modell for tilskudd til utleieboliger", "15. mars 2025", "KOMM", "Videreført fra 2024"],
          ["TB2025-04", "Rapportere om digitaliseringsarbeidet", "Årsrapporten", "BBA", "Ny mal fra 1. mars 2025"],
        ],
        ["ID", "Oppdrag", "Frist", "Ansvarlig avdeling", "Merknad"],
        [62, 180, 78, 55, 110],
      ),
    );
    expect(r.assignments.map((a) => [a.id, a.title, a.deadlines.map((d) => d.date), a.departments])).toEqual([
      ["TB2025-01", "Kartlegge behovet for startlån blant unge i distriktskommuner og i byene", ["2025-06-01"], ["BBA"]],
      ["TB2025-02", "Evaluere bostøtteordningen", ["2025-10-01"], ["BBA"]],
      ["TB2025-03", "Utrede en ny modell for tilskudd til utleieboliger", ["2025-03-15"], ["KOMM"]],
      ["TB2025-04", "Rapportere om digitaliseringsarbeidet", ["2025-12-31"], ["BBA"]],
    ]);
    expect(r.assignments.map((a) => a.body.split("\n").filter(Boolean).slice(1))).toEqual([
      ["Ses i sammenheng med TB2024-07"],
      [],
      ["Videreført fra 2024"],
      ["Ny mal fra 1. mars 2025"],
    ]);
  });
});
