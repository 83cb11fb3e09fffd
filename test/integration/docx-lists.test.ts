/**
 * A Word letter that numbers its assignments with Word's own list numbering: the numbers are not
 * in the paragraphs' text, so mammoth's raw text read as a letter with no assignment at all. The
 * upload reads Word's lists (extract.server.ts, html-text.ts): the same letter gives its three
 * assignments, with their deadlines, and a bulleted list of deliverables keeps its bullets.
 */
import { AlignmentType, Document, LevelFormat, Packer, Paragraph } from "docx";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";
import { extractLetterText } from "~/letters/extract.server";

const plain = (text: string) => new Paragraph(text);
const numbered = (text: string) => new Paragraph({ text, numbering: { reference: "oppdrag", level: 0 } });
const bullet = (text: string) => new Paragraph({ text, numbering: { reference: "punkt", level: 0 } });

async function wordLetter(): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [
        { reference: "oppdrag", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }] },
        { reference: "punkt", levels: [{ level: 0, format: LevelFormat.BULLET, text: "\u2022", alignment: AlignmentType.START }] },
      ],
    },
    sections: [
      {
        children: [
          plain("Kystdirektoratet"),
          plain("Vår ref 25/4411-3"),
          plain("Dato 18.12.2025"),
          plain("Tildelingsbrev 2026 til Kystdirektoratet"),
          plain("1 Innledning"),
          plain("Departementet stiller midler til disposisjon for 2026."),
          plain("2 Særskilte oppdrag"),
          numbered("Kartlegging av farleder i Nord-Norge. Frist: 1. juni 2026."),
          numbered("Beredskapsplan for akutt forurensning. Frist: 1. oktober 2026."),
          numbered("Kystdirektoratet skal utrede nye fyrlykter og rapportere innen 15. november 2026."),
          plain("Arbeidet med beredskapsplanen skal omfatte:"),
          bullet("en oversikt over materiell"),
          bullet("øvelser med Kystverket"),
          plain("3 Budsjett"),
          plain("Med hilsen"),
          plain("Kari Nordmann"),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe("a Word letter with Word's own list numbering", () => {
  it("reads its numbered assignments and their deadlines, and keeps a bullet list's bullets", async () => {
    const result = await extractLetterText("kystdirektoratet-2026.docx", new Uint8Array(await wordLetter()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain("\n1. Kartlegging av farleder i Nord-Norge.");
    expect(result.text).toContain("\n• en oversikt over materiell");
    const parsed = parseLetter(result.text);
    expect(parsed.assignments.map((a) => [a.title, a.deadlines.map((d) => d.date)])).toEqual([
      ["Kartlegging av farleder i Nord-Norge", ["2026-06-01"]],
      ["Beredskapsplan for akutt forurensning", ["2026-10-01"]],
      ["Kystdirektoratet skal utrede nye fyrlykter og rapportere innen 15. november 2026", ["2026-11-15"]],
    ]);
  });

  it("(mammoth's raw text, as the upload read it before, has no numbers and gives no assignment)", async () => {
    const raw = (await mammoth.extractRawText({ buffer: await wordLetter() })).value;
    expect(raw).not.toMatch(/^1\. /m);
    expect(parseLetter(raw).assignments).toEqual([]);
  });
});
