/**
 * `npm run --silent letter:parse -- FILE` (scripts/letter-parse.ts): once as a real process (the
 * npm script, exit code and stdout bytes), every other case in process (test/helpers/cli.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../scripts/letter-parse";
import { AlignmentType, Document, LevelFormat, Packer, Paragraph } from "docx";
import { npmRun, runInProcess } from "../helpers/cli";
import { makePdf } from "../helpers/pdf";

const root = path.resolve(__dirname, "../..");
const fixture = path.join(root, "test", "fixtures", "letters", "variant-2024-samme-layout.txt");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "letter-parse-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (...args: string[]) => runInProcess(cli, args);

describe("letter:parse CLI", async () => {
  it("prints exactly one JSON object and exits 0 (as a process, through npm)", async () => {
    const r = npmRun("letter:parse", [fixture]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const parsed = JSON.parse(r.stdout);
    expect(Object.keys(parsed)).toEqual(["letters", "assignments", "events", "warnings", "areas", "goals", "departments"]);
    expect(parsed.assignments.some((a: { id: string }) => a.id === "TB2024-01")).toBe(true);
    expect(r.stdout.startsWith("{\n  \"letters\"")).toBe(true);
    // In process: the very same bytes.
    expect((await run(fixture)).stdoutBytes.equals(r.stdoutBytes)).toBe(true);
  });

  it("gives every assignment its part kind, target, year, exempt and announced-only flags", async () => {
    const file = path.join(root, "test", "fixtures", "letters", "2026", "01-supplerende-tildelingsbrev-nr-1.txt");
    const parsed = JSON.parse((await run(file)).stdout);
    expect(parsed.letters[0]).toMatchObject({ kind: "supplementary", number: 1, genre: "supplerende tildelingsbrev", recipient: "Helsedirektoratet" });
    expect(parsed.assignments.map((a: Record<string, unknown>) => [a.id, a.kind, a.target, a.year, a.exempt, a.announcedOnly])).toEqual([
      ["TB2026-61", "original", null, 2026, true, true],
      ["TB2026-60", "original", null, 2026, false, false],
      ["TB2026-62", "original", null, 2026, false, false],
      ["TB2026-17", "addition", "TB2026-17", 2026, false, false],
    ]);
  });

  it("gives each letter its recipient, genre and number", async () => {
    const parsed = JSON.parse((await run(fixture)).stdout);
    expect(parsed.letters.map((l: Record<string, unknown>) => [l.recipient, l.genre, l.number])).toEqual([
      ["Helsedirektoratet", "tildelingsbrev", null],
      ["Helsedirektoratet", "tillegg til tildelingsbrev", null],
    ]);
  });

  it("reads CRLF with a BOM like the plain file", async () => {
    const file = path.join(tmp, "crlf.txt");
    fs.writeFileSync(file, `\uFEFF${fs.readFileSync(fixture, "utf8").replace(/\n/g, "\r\n")}`);
    expect(JSON.parse((await run(file)).stdout)).toEqual(JSON.parse((await run(fixture)).stdout));
  });

  it("fails with a Norwegian message and exit 1 for a missing file, a directory and binary input", async () => {
    const missing = await run(path.join(tmp, "finnes-ikke.txt"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Feil: fant ikke filen «.*finnes-ikke\.txt»/);
    expect(missing.stdout).toBe("");

    const dir = await run(tmp);
    expect(dir.code).toBe(1);
    expect(dir.stderr).toMatch(/^Feil: .* er en mappe/);

    const bin = path.join(tmp, "bilde.png");
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const binary = await run(bin);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toMatch(/^Feil: .*binærfil/);

    const latin = path.join(tmp, "ugyldig.txt");
    fs.writeFileSync(latin, Buffer.from(Array.from({ length: 200 }, (_, i) => 0xc0 + (i % 60))));
    const invalid = await run(latin);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^Feil: .*ikke gyldig UTF-8/);
    for (const r of [missing, dir, binary, invalid]) expect(r.stderr).not.toMatch(/\n\s+at /);

    const usage = await run();
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^Feil: mangler filnavn/);
  });

  it("parses an empty file to an empty result with a warning", async () => {
    const file = path.join(tmp, "tom.txt");
    fs.writeFileSync(file, "");
    const r = await run(file);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.assignments).toEqual([]);
    expect(parsed.warnings[0].message).toMatch(/tom/);
  });

  it("reads a PDF and a Word file as the upload reads them; a damaged one gives a Norwegian message and exit 1", async () => {
    const pdf = path.join(tmp, "brev.pdf");
    fs.writeFileSync(pdf, await makePdf(fs.readFileSync(fixture, "utf8")));
    const fromPdf = await run(pdf);
    expect(fromPdf.code, fromPdf.stderr).toBe(0);
    expect(JSON.parse(fromPdf.stdout).assignments.map((a: { id: string }) => a.id)).toEqual(JSON.parse((await run(fixture)).stdout).assignments.map((a: { id: string }) => a.id));

    const numbered = (text: string) => new Paragraph({ text, numbering: { reference: "oppdrag", level: 0 } });
    const word = new Document({
      numbering: { config: [{ reference: "oppdrag", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }] }] },
      sections: [
        {
          children: [
            new Paragraph("Tildelingsbrev 2026 til Kystdirektoratet"),
            new Paragraph("2 Særskilte oppdrag"),
            numbered("Kartlegging av farleder. Frist: 1. juni 2026."),
            numbered("Beredskapsplan for akutt forurensning. Frist: 1. oktober 2026."),
            new Paragraph("3 Budsjett"),
          ],
        },
      ],
    });
    const docx = path.join(tmp, "brev.docx");
    fs.writeFileSync(docx, await Packer.toBuffer(word));
    const fromWord = await run(docx);
    expect(fromWord.code, fromWord.stderr).toBe(0);
    expect(JSON.parse(fromWord.stdout).assignments.map((a: { title: string }) => a.title)).toEqual(["Kartlegging av farleder", "Beredskapsplan for akutt forurensning"]);

    const damaged = path.join(tmp, "skadet.pdf");
    fs.writeFileSync(damaged, "%PDF-1.4 ikke en ekte PDF");
    const bad = await run(damaged);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe(`Feil: «${damaged}»: PDF-filen kunne ikke leses. Er den skadet eller passordbeskyttet?\n`);
  });
});
