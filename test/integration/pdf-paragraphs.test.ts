/**
 * Paragraphs in an uploaded PDF that a word processor spaces apart ("6 pt after", as Word's
 * letter templates do) rather than separating with an empty line. The upload's text must keep
 * them apart with a blank line: the parser reads a block's start, an earlier year's ID heading, a
 * chapter without a number and a numbered item by the blank lines around them. Before, the blank
 * line was put in only where the gap was 1.6 × the page's median gap, and on a page of short
 * paragraphs the median gap is the paragraph gap itself: the supplementary letter below lost every
 * blank line, and TB2025-115 became an assignment without ID titled with its whole first paragraph.
 * Every fixture letter printed to a PDF, its blank lines as empty lines or as space after, must
 * read as its text: on the code before, four did not (a page of one-line paragraphs).
 */
import fs from "node:fs";
import path from "node:path";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import { allFixtureLetters, readingOf } from "../helpers/letter-series";
import { REPO_ROOT } from "../helpers/db";
import { parseLetter } from "~/domain/letter/parse";
import { pdfmake } from "~/export/pdf.server";
import { extractLetterText } from "~/letters/extract.server";

const PARAGRAPHS = [
  "Supplerende tildelingsbrev nr. 3 for 2026 til Helsedirektoratet",
  "Dato 28. mai 2026",
  "Presisering av tidligere oppdrag:",
  "TB2025-115 Helsedataforordningen (EHDS)",
  "Helse- og omsorgsdepartementet viser til oppdrag TB2025-115 om helsedataforordningen, deloppdrag 3 samfunnsøkonomisk analyse. Departementet ber om at Helsedirektoratet også gjør en vurdering av kravene i forordningen som innføres i 2031 og 2035.",
  "Frist: 15. oktober 2026",
  "Ansvarlig avdeling i HOD: DIG",
  "Nye oppdrag:",
  "TB2026-72 Oppdrag om ADHD",
  "Helsedirektoratet skal vurdere tiltak for bedre utredning.",
  "Frist: 1. september 2026",
  "Ansvarlig avdeling i HOD: SHA",
  "TB2026-73 Rapportering på forebyggingsreformen",
  "Helsedirektoratet skal rapportere på tiltakene.",
  "Frist: 1. juni 2026",
  "Ansvarlig avdeling i HOD: KTA",
  "Med hilsen",
];

async function pdfText(spacing: { lineHeight: number; after: number }): Promise<string> {
  const content: Content[] = PARAGRAPHS.map((text) => ({ text, margin: [0, 0, 0, spacing.after] as [number, number, number, number] }));
  const definition: TDocumentDefinitions = { content, defaultStyle: { fontSize: 11, lineHeight: spacing.lineHeight } };
  const bytes = await (await pdfmake()).createPdf(definition).getBuffer();
  const extracted = await extractLetterText("supplerende.pdf", new Uint8Array(bytes));
  if (!extracted.ok) throw new Error(extracted.message);
  return extracted.text;
}

describe("a PDF whose paragraphs are spaced apart, not separated by empty lines", () => {
  for (const spacing of [
    { lineHeight: 1.0, after: 6 },
    { lineHeight: 1.15, after: 8 },
    { lineHeight: 1.5, after: 10 },
    { lineHeight: 1.5, after: 6 },
  ]) {
    it(`keeps each paragraph apart with a blank line, and a wrapped paragraph's lines together (line height ${spacing.lineHeight}, ${spacing.after} pt after)`, async () => {
      const text = await pdfText(spacing);
      expect(text).toContain("Presisering av tidligere oppdrag:\n\nTB2025-115 Helsedataforordningen (EHDS)\n\nHelse- og omsorgsdepartementet");
      // The long paragraph wraps over two or three lines with no blank line inside it.
      const long = text.slice(text.indexOf("Helse- og omsorgsdepartementet viser"), text.indexOf("Frist: 15. oktober"));
      expect(long.trim().split("\n").length).toBeGreaterThanOrEqual(2);
      expect(long.trim()).not.toContain("\n\n");

      const r = parseLetter(text);
      expect(r.assignments.map((a) => [a.id, a.kind, a.title, a.departments])).toEqual([
        ["TB2025-115", "addition", "Helsedataforordningen (EHDS)", ["DIG"]],
        ["TB2026-72", "original", "Oppdrag om ADHD", ["SHA"]],
        ["TB2026-73", "original", "Rapportering på forebyggingsreformen", ["KTA"]],
      ]);
    });
  }
});

/** `text` printed to a PDF line by line (A4, 10 pt), a blank line as an empty line or as space after the paragraph above it, and read back as the upload reads it. */
async function printedAndRead(text: string, blankLine: "empty line" | "10 pt after"): Promise<string> {
  const lines = text.split("\n");
  const content: Content[] =
    blankLine === "empty line"
      ? lines.map((line) => ({ text: line.trim() === "" ? "\u00a0" : line }))
      : lines.flatMap((line, i) => (line.trim() === "" ? [] : [{ text: line, margin: [0, 0, 0, (lines[i + 1] ?? "").trim() === "" ? 10 : 0] as [number, number, number, number] }]));
  const bytes = await (await pdfmake()).createPdf({ content, defaultStyle: { fontSize: 10 }, pageMargins: [60, 60, 60, 60] }).getBuffer();
  const extracted = await extractLetterText("brev.pdf", new Uint8Array(bytes));
  if (!extracted.ok) throw new Error(extracted.message);
  return extracted.text;
}

describe("every fixture letter printed to a PDF and uploaded", { timeout: 60_000 }, () => {
  for (const file of allFixtureLetters()) {
    it(`${path.relative(REPO_ROOT, file)} reads as its text, with its blank lines as empty lines or as space after`, async () => {
      const text = fs.readFileSync(file, "utf8");
      const expected = readingOf(text).assignments;
      expect(readingOf(await printedAndRead(text, "empty line")).assignments).toEqual(expected);
      expect(readingOf(await printedAndRead(text, "10 pt after")).assignments).toEqual(expected);
    });
  }
});

