/**
 * A Word letter that numbers its assignments with Word's own list numbering: the numbers are not
 * in the paragraphs' text, so mammoth's raw text read as a letter with no assignment at all. The
 * upload reads Word's lists (extract.server.ts, html-text.ts): the same letter gives its three
 * assignments, with their deadlines, and a bulleted list of deliverables keeps its bullets. The
 * letterhead's table (labels in one row, values under them) gives the letter's reference and date,
 * where a paragraph per cell gave neither; and Word's numbered headings ("2.1 Folkehelse", drawn by
 * the heading style's numbering, not in the text) give their numbers back, so areas are read. A
 * lettered or roman sub-list keeps Word's "a)", "(i)" (word-lists.ts), where every ordered list was
 * "1.", "2." and its items read as assignments of their own.
 */
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";
import { extractLetterText } from "~/letters/extract.server";

const plain = (text: string) => new Paragraph(text);
const numbered = (text: string) => new Paragraph({ text, numbering: { reference: "oppdrag", level: 0 } });
const bullet = (text: string) => new Paragraph({ text, numbering: { reference: "punkt", level: 0 } });
const row = (...cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
/**
 * A one-section document with one multilevel list `reference`, its levels as [format, text pattern];
 * `styles` are paragraph styles that number their paragraphs at a level of the list ([id, level]).
 */
const withMultilevelList = (
  reference: string,
  levels: [(typeof LevelFormat)[keyof typeof LevelFormat], string][],
  children: (Paragraph | Table)[],
  styles: [string, number][] = [],
) =>
  new Document({
    styles: { paragraphStyles: styles.map(([id, level]) => ({ id, name: id, basedOn: "Normal", paragraph: { numbering: { reference, level } } })) },
    numbering: { config: [{ reference, levels: levels.map(([format, text], level) => ({ level, format, text, alignment: AlignmentType.START })) }] },
    sections: [{ children }],
  });

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
          // The letterhead as Word templates lay it out: labels in one row, values under them.
          new Table({ rows: [row("Deres ref", "Vår ref", "Dato"), row("", "25/4411-3", "18.12.2025")] }),
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

/** The upload's text of a Word letter whose assignments are a table with these rows (the first the head). */
async function wordTableText(rows: string[][]): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: [plain("Tildelingsbrev 2026 til Folkehelsekontoret"), plain("3 Oppdrag"), new Table({ rows: rows.map((cells) => row(...cells)) }), plain("Med hilsen")],
      },
    ],
  });
  const result = await extractLetterText("folkehelsekontoret-2026.docx", new Uint8Array(await Packer.toBuffer(doc)));
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe("a Word letter with Word's own list numbering", () => {
  it("reads its numbered assignments and their deadlines, and keeps a bullet list's bullets", async () => {
    const result = await extractLetterText("kystdirektoratet-2026.docx", new Uint8Array(await wordLetter()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain("\n1. Kartlegging av farleder i Nord-Norge.");
    expect(result.text).toContain("\n• en oversikt over materiell");
    const parsed = parseLetter(result.text);
    expect(parsed.letters.map((l) => [l.reference, l.date, l.recipient])).toEqual([["25/4411-3", "2025-12-18", "Kystdirektoratet"]]);
    expect(parsed.assignments.map((a) => [a.title, a.deadlines.map((d) => d.date)])).toEqual([
      ["Kartlegging av farleder i Nord-Norge", ["2026-06-01"]],
      ["Beredskapsplan for akutt forurensning", ["2026-10-01"]],
      ["Kystdirektoratet skal utrede nye fyrlykter og rapportere innen 15. november 2026", ["2026-11-15"]],
    ]);
  });

  it("draws a lettered or roman sub-list as Word does, so its items stay inside their assignment", async () => {
    const item = (text: string, level: number) => new Paragraph({ text, numbering: { reference: "oppdrag", level } });
    const doc = withMultilevelList(
      "oppdrag",
      [
        [LevelFormat.DECIMAL, "%1."],
        [LevelFormat.LOWER_LETTER, "%2)"],
        [LevelFormat.LOWER_ROMAN, "(%3)"],
      ],
      [
        plain("Tildelingsbrev 2026 til Kystdirektoratet"),
        plain("2 Særskilte oppdrag"),
        item("Kartlegging av farleder. Frist: 1. juni 2026.", 0),
        item("Første del: kart over Nord-Norge.", 1),
        item("Andre del: kart over Vestlandet.", 1),
        item("med dybdedata", 2),
        item("Beredskapsplan for akutt forurensning. Frist: 1. oktober 2026.", 0),
        item("Øvelse med Kystverket.", 1),
        plain("3 Budsjett"),
      ],
    );
    const result = await extractLetterText("kystdirektoratet-2026.docx", new Uint8Array(await Packer.toBuffer(doc)));
    if (!result.ok) throw new Error(result.message);
    expect(result.text.split("\n").filter((l) => /^(?:\d|[a-z]\)|\()/.test(l))).toEqual([
      "2 Særskilte oppdrag",
      "1. Kartlegging av farleder. Frist: 1. juni 2026.",
      "a) Første del: kart over Nord-Norge.",
      "b) Andre del: kart over Vestlandet.",
      "(i) med dybdedata",
      "2. Beredskapsplan for akutt forurensning. Frist: 1. oktober 2026.",
      "a) Øvelse med Kystverket.",
      "3 Budsjett",
    ]);
    // Before, every level was "1.", "2.": the sub-items read as assignments of their own.
    expect(parseLetter(result.text).assignments.map((a) => [a.title, a.deadlines.map((d) => d.date)])).toEqual([
      ["Kartlegging av farleder", ["2026-06-01"]],
      ["Beredskapsplan for akutt forurensning", ["2026-10-01"]],
    ]);
  });

  it("numbers a list Word numbers through its paragraph style (which mammoth does not number at all)", async () => {
    const styled = (text: string, style: string) => new Paragraph({ text, style });
    const doc = withMultilevelList(
      "stil",
      [
        [LevelFormat.DECIMAL, "%1."],
        [LevelFormat.LOWER_LETTER, "%2)"],
      ],
      [
        plain("Tildelingsbrev 2026 til Kystdirektoratet"),
        plain("2 Særskilte oppdrag"),
        styled("Kartlegging av farleder. Frist: 1. juni 2026.", "Oppdragsliste"),
        styled("Første del: kart over Nord-Norge.", "Bokstavliste"),
        styled("Beredskapsplan for akutt forurensning. Frist: 1. oktober 2026.", "Oppdragsliste"),
        plain("3 Budsjett"),
      ],
      [
        ["Oppdragsliste", 0],
        ["Bokstavliste", 1],
      ],
    );
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    // Before: no number at all, and no assignment.
    expect(parseLetter((await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value).assignments).toEqual([]);
    const result = await extractLetterText("kystdirektoratet-2026.docx", bytes);
    if (!result.ok) throw new Error(result.message);
    expect(result.text).toContain("\n1. Kartlegging av farleder. Frist: 1. juni 2026.\n\na) Første del: kart over Nord-Norge.\n\n2. Beredskapsplan");
    expect(parseLetter(result.text).assignments.map((a) => [a.title, a.deadlines.map((d) => d.date)])).toEqual([
      ["Kartlegging av farleder", ["2026-06-01"]],
      ["Beredskapsplan for akutt forurensning", ["2026-10-01"]],
    ]);
  });

  it("(mammoth's raw text, as the upload read it before, has no numbers, no assignment and no reference)", async () => {
    const raw = (await mammoth.extractRawText({ buffer: await wordLetter() })).value;
    expect(raw).not.toMatch(/^1\. /m);
    const parsed = parseLetter(raw);
    expect(parsed.assignments).toEqual([]);
    expect(parsed.letters.map((l) => [l.reference, l.date])).toEqual([[null, null]]);
  });

  it("reads a Word table of assignments row by row (ID, title, deadline cell, owners)", async () => {
    const text = await wordTableText([
      ["ID", "Oppdrag", "Frist", "Ansvarlig avdeling"],
      ["TB2026-1", "Kartlegging av radon i skoler", "1. juni 2026", "FHA"],
      ["TB2026-2", "Plan for kosthold", "1. oktober 2026", "FHA/KTA"],
    ]);
    expect(parseLetter(text).assignments.map((a) => [a.id, a.title, a.departments, a.deadlines.map((d) => d.date)])).toEqual([
      ["TB2026-1", "Kartlegging av radon i skoler", ["FHA"], ["2026-06-01"]],
      ["TB2026-2", "Plan for kosthold", ["FHA", "KTA"], ["2026-10-01"]],
    ]);
  });

  it("reads a Word table with a note column after the owner: the note is the row's text, not its deadline", async () => {
    const text = await wordTableText([
      ["ID", "Oppdrag", "Frist", "Ansvarlig avdeling", "Merknad"],
      ["TB2026-1", "Kartlegging av radon i skoler", "1. juni 2026", "FHA", "Ses i sammenheng med TB2025-7"],
      ["TB2026-2", "Plan for kosthold", "1. oktober 2026", "FHA/KTA", ""],
      ["TB2026-3", "Rapport om vaksinasjonsdekning", "Årsrapporten", "KTA", "Ny mal fra 1. mars 2026"],
    ]);
    const r = parseLetter(text);
    expect(r.assignments.map((a) => [a.id, a.title, a.departments, a.deadlines.map((d) => d.date), a.body.split("\n").filter(Boolean).slice(1)])).toEqual([
      ["TB2026-1", "Kartlegging av radon i skoler", ["FHA"], ["2026-06-01"], ["Ses i sammenheng med TB2025-7"]],
      ["TB2026-2", "Plan for kosthold", ["FHA", "KTA"], ["2026-10-01"], []],
      ["TB2026-3", "Rapport om vaksinasjonsdekning", ["KTA"], ["2026-12-31"], ["Ny mal fra 1. mars 2026"]],
    ]);
  });

  it("gives Word's numbered headings their numbers back: chapters, goal areas and an area's assignments as in the PDF", async () => {
    const heading = (text: string, level: 0 | 1 | 2) =>
      new Paragraph({
        text,
        heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level],
        numbering: { reference: "overskrifter", level },
      });
    const doc = withMultilevelList(
      "overskrifter",
      [
        [LevelFormat.DECIMAL, "%1"],
        [LevelFormat.DECIMAL, "%1.%2"],
        [LevelFormat.DECIMAL, "%1.%2.%3"],
      ],
      [
        plain("Tildelingsbrev 2026 til Helsedirektoratet"),
        heading("Innledning", 0),
        plain("Departementet gir med dette Helsedirektoratet oppdrag for 2026."),
        heading("Mål og oppdrag", 0),
        heading("Folkehelse", 1),
        heading("Spesielle oppdrag", 2),
        plain("TB2026-1"),
        plain("Avd. HOD: FHA"),
        plain("Utrede endring i alkoholloven"),
        plain("Direktoratet skal utrede endringen. Frist: 1. juni 2026"),
        heading("Helse- og omsorgstjenester", 1),
        plain("TB2026-2"),
        plain("Avd. HOD: KTA"),
        plain("Bo trygt hjemme-reformen"),
        plain("Direktoratet skal følge opp reformen. Frist: 1. juli 2026"),
        heading("Budsjett", 0),
        plain("Med hilsen"),
      ],
    );
    const result = await extractLetterText("helsedirektoratet-2026.docx", new Uint8Array(await Packer.toBuffer(doc)));
    if (!result.ok) throw new Error(result.message);
    expect(result.text).toMatch(/^1 Innledning$/m);
    expect(result.text).toMatch(/^2\.1\.1 Spesielle oppdrag$/m);
    expect(result.text).toMatch(/^3 Budsjett$/m);
    const parsed = parseLetter(result.text);
    expect(parsed.areas.map((a) => [a.code, a.name])).toEqual([
      ["2.1", "Folkehelse"],
      ["2.2", "Helse- og omsorgstjenester"],
    ]);
    expect(parsed.assignments.map((a) => [a.id, a.title, a.area, a.departments, a.deadlines.map((d) => d.date)])).toEqual([
      ["TB2026-1", "Utrede endring i alkoholloven", "2.1", ["FHA"], ["2026-06-01"]],
      ["TB2026-2", "Bo trygt hjemme-reformen", "2.2", ["KTA"], ["2026-07-01"]],
    ]);
  });
});
