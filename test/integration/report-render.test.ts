/**
 * The 2023 report rendered as a reader sees it: the Word file through LibreOffice (headless, to
 * PDF) and the app's own PDF, both through poppler (page count, text, PNG of the first pages).
 * Checks the page target (≤ 12 portrait pages), the real column grid, the repeated header row,
 * that no word is broken across lines, and the status words / colour code with its legend.
 *
 * `REPORT_SCREENSHOTS=1` also copies the first pages' PNGs to `docs/` (the screenshots kept there).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase } from "~/use-cases/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { seedDemoHistory } from "~/use-cases/demo-history.server";
import { loadReport } from "~/models/report.server";
import type { Report } from "~/domain/report";
import { columnWidths, statusLegend, textWidth } from "~/domain/report-document";
import { renderReportFile } from "~/export/report-files.server";
import { REPO_ROOT, tempDir } from "../helpers/db";

const dir = tempDir("oppdrag-render-");
let report: Report;

function run(command: string, args: string[], timeout = 120_000): string {
  const result = spawnSync(command, args, { encoding: "utf8", timeout, env: { ...process.env, HOME: dir } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

const pageCount = (pdf: string) => Number(run("pdfinfo", [pdf]).match(/^Pages:\s+(\d+)/m)?.[1]);
const pdfText = (pdf: string) => run("pdftotext", ["-enc", "UTF-8", pdf, "-"]);

/** LibreOffice Writer, headless, with its own profile folder: the .docx as Word would print it. */
function libreOfficeToPdf(docx: string): string {
  run("soffice", ["--headless", `-env:UserInstallation=file://${dir}/lo-profile`, "--convert-to", "pdf", "--outdir", dir, docx], 180_000);
  return docx.replace(/\.docx$/, ".pdf");
}

function pngs(pdf: string, prefix: string, pages: number): string[] {
  run("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", String(pages), pdf, path.join(dir, prefix)]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(".png"))
    .sort()
    .map((f) => path.join(dir, f));
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * Words in the rendered text that are not words of the document: a word broken across two lines
 * ("Helsedirektorat" + "et") shows up here. A line break after a hyphen ("2020-" / "2023") is a
 * normal break: pdftotext joins such lines and drops the hyphen ("20202023"), so a word that is a
 * source word with one hyphen put back is fine. Page numbers are the only new numbers.
 */
function brokenWords(rendered: string, source: Set<string>): string[] {
  const tokens = words(rendered);
  const strange: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (source.has(t) || /^\d{1,3}$/.test(t)) continue;
    if ([...t].some((_, at) => at > 0 && source.has(`${t.slice(0, at)}-${t.slice(at)}`))) continue;
    strange.push(t);
  }
  return strange;
}

async function docxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const parts = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
  return parts
    .join(" ")
    .replace(/<\/w:p>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "render.sqlite");
  const app = getDatabase();
  await bootstrapDatabase(app.db);
  seedDemoHistory(app, 2023);
  report = await loadReport(app.db, { year: 2023, asOfDate: "2023-12-31", draft: true });
  expect(report.rowCount).toBeGreaterThan(90);
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the Word report, rendered by LibreOffice", () => {
  it("is portrait, has a real grid (ID narrow, title and comment wide), and fits the 2023 letter in at most 12 pages with no word broken", async () => {
    const file = await renderReportFile(report, "docx");
    const docx = path.join(dir, "rapport.docx");
    fs.writeFileSync(docx, file.body);
    const xml = await (await JSZip.loadAsync(file.body)).file("word/document.xml")!.async("string");

    // Portrait A4 by default.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    // One grid per area, in twips, that adds up to the text width; no percentage widths anywhere.
    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((g) => Number(g[1])));
    expect(grids).toHaveLength(report.areas.length);
    const expected = columnWidths(textWidth("portrait"));
    for (const grid of grids) expect(grid).toEqual(expected);
    const [id, title, deadline, status, comment] = expected;
    expect(expected.reduce((a, b) => a + b, 0)).toBe(textWidth("portrait"));
    expect(Math.min(title, comment)).toBeGreaterThan(2 * id);
    expect(Math.max(id, deadline, status)).toBeLessThan(Math.min(title, comment));
    expect(xml).not.toMatch(/w:type="pct"/);
    expect((xml.match(/<w:tblLayout w:type="fixed"\/>/g) ?? []).length).toBe(report.areas.length);
    // The header row repeats on every page; the letter's text is left out by default.
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(report.areas.length);
    expect(xml).not.toContain("Beskrivelse");
    // Each area heading is followed by its Samlet vurdering before the table.
    for (const area of report.areas) {
      const at = xml.indexOf(`>${area.heading.replace(/&/g, "&amp;")}<`);
      expect(at).toBeGreaterThan(0);
      expect(xml.indexOf(">Samlet vurdering<", at)).toBeLessThan(xml.indexOf("<w:tbl>", at));
    }

    const pdf = libreOfficeToPdf(docx);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(12);
    const text = pdfText(pdf);
    // The header row is printed on every page that continues a table.
    expect((text.match(/^Kommentar$/gm) ?? []).length).toBeGreaterThan(report.areas.length);
    for (const r of report.areas.flatMap((a) => a.rows)) expect(text).toContain(r.id);
    expect(brokenWords(text, new Set(words(await docxText(file.body))))).toEqual([]);

    const shots = pngs(pdf, "word-side", 2);
    expect(shots).toHaveLength(2);
    for (const shot of shots) expect(fs.statSync(shot).size).toBeGreaterThan(20_000);
    if (process.env.REPORT_SCREENSHOTS) shots.forEach((s, i) => fs.copyFileSync(s, path.join(REPO_ROOT, "docs", `rapport-word-side-${i + 1}.png`)));
  }, 240_000);

  it("prints the colour code with its legend and a short excerpt of the letter when asked", async () => {
    const file = await renderReportFile(report, "docx", { statusStyle: "colours", includeDescription: true });
    const xml = await (await JSZip.loadAsync(file.body)).file("word/document.xml")!.async("string");
    for (const entry of statusLegend()) {
      expect(xml).toContain(`w:fill="${entry.fill}"`);
      expect(xml).toContain(entry.meaning);
    }
    const row = report.areas[0].rows[0];
    expect(xml).toContain(row.description.slice(0, 40));
    expect(xml).not.toContain(">Fullført<");
  });
});

describe("the PDF report (pdfmake, same document model)", () => {
  it("has the same structure, the page target, no word broken", async () => {
    const file = await renderReportFile(report, "pdf");
    expect(file.contentType).toBe("application/pdf");
    expect(file.fileName).toBe("statusrapport-2023-per-2023-12-31-utkast.pdf");
    const pdf = path.join(dir, "rapport.pdf");
    fs.writeFileSync(pdf, file.body);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(12);
    expect(run("pdfinfo", [pdf])).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = pdfText(pdf);
    expect(text).toContain(report.title.slice(0, 40));
    expect((text.match(/UTKAST – side \d+ av \d+/g) ?? []).length).toBe(pages);
    expect((text.match(/^Samlet vurdering$/gm) ?? []).length).toBe(report.areas.length);
    for (const area of report.areas) expect(text).toContain(area.heading);
    for (const r of report.areas.flatMap((a) => a.rows)) expect(text).toContain(r.id);
    expect((text.match(/^Kommentar$/gm) ?? []).length).toBeGreaterThan(report.areas.length);
    // The same words as the Word file (one document model), none broken.
    const docx = await renderReportFile(report, "docx");
    expect(brokenWords(text, new Set(words(await docxText(docx.body))))).toEqual([]);

    const shots = pngs(pdf, "pdf-side", 1);
    expect(shots).toHaveLength(1);
    if (process.env.REPORT_SCREENSHOTS) fs.copyFileSync(shots[0], path.join(REPO_ROOT, "docs", "rapport-pdf-side-1.png"));
  }, 120_000);

  it("prints the colour code and legend in the PDF too", async () => {
    const file = await renderReportFile(report, "pdf", { statusStyle: "colours", orientation: "landscape" });
    const pdf = path.join(dir, "farger.pdf");
    fs.writeFileSync(pdf, file.body);
    expect(run("pdfinfo", [pdf])).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Fargekoder");
    for (const entry of statusLegend()) expect(text).toContain(`${entry.word} : ${entry.meaning}`.replace(/\s+/g, " ").slice(0, 30));
    const red = report.areas.flatMap((a) => a.rows).filter((r) => r.status === "utsatt" || r.status === "avsluttet").length;
    expect(red).toBeGreaterThan(0);
    // Each red row, plus the legend and the summary line.
    expect((text.match(/Rød/g) ?? []).length).toBe(red + 1);
  });
});
