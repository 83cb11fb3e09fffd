/**
 * The report names its own agency and letter genre: Helsedirektoratet's 2023 tildelingsbrev (the
 * demo letter), Norsk helsenett SF's 2026 oppdragsdokument and the Direktoratet for medisinske
 * produkter's 2026 oppdragsbrev in ONE database, each report built, rendered (Word read back
 * with mammoth, PDF and Excel properties) and shown on the page with its own title and no other's.
 */
import type { AppLoadContext } from "@remix-run/node";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase, importLetterText } from "~/use-cases/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { loadReport, loadReportPreview } from "~/models/report.server";
import { findAgencyByName } from "~/models/agency.server";
import { renderReportFile } from "~/export/report-files.server";
import { loader as reportLoader, meta as reportMeta } from "~/routes/rapport._index";
import { readSeriesLetter } from "../helpers/letter-series";
import { tempDir } from "../helpers/db";
import { makeUser, sessionCookie } from "../helpers/users";

const dir = tempDir("oppdrag-report-title-");
const context = { cspNonce: "test", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext;
let cookie = "";

const HDIR_2023 = "Status for oppdrag i tildelingsbrevet 2023 til Helsedirektoratet per 31. august 2023";
const NHN_2026 = "Status for oppdrag i oppdragsdokumentet 2026 til Norsk helsenett SF per 31. august 2026";
const DMP_2026 = "Status for oppdrag i oppdragsbrevet 2026 til Direktoratet for medisinske produkter per 31. august 2026";

const agencies: Record<string, number> = {};
const cases = [
  { name: "Helsedirektoratet", slug: "helsedirektoratet", year: 2023, asOfDate: "2023-08-31", title: HDIR_2023, genre: "tildelingsbrev" },
  { name: "Norsk helsenett SF", slug: "norsk-helsenett-sf", year: 2026, asOfDate: "2026-08-31", title: NHN_2026, genre: "oppdragsdokument" },
  {
    name: "Direktoratet for medisinske produkter",
    slug: "direktoratet-for-medisinske-produkter",
    year: 2026,
    asOfDate: "2026-08-31",
    title: DMP_2026,
    genre: "oppdragsbrev",
  },
] as const;

async function wordText(body: Buffer): Promise<string> {
  const { default: mammoth } = await import("mammoth");
  return (await mammoth.extractRawText({ buffer: body })).value;
}

/** A part of an Office file (docx/xlsx are zip files), as text. */
async function zipPart(body: Buffer, name: string): Promise<string> {
  const part = (await JSZip.loadAsync(body)).file(name);
  if (!part) throw new Error(`${name} mangler i filen`);
  return part.async("string");
}

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "report-title.sqlite");
  const { db } = getDatabase();
  await bootstrapDatabase(db); // the 2023 letter to Helsedirektoratet
  // No agency given: each letter names its recipient.
  const nhn = await importLetterText(db, readSeriesLetter("oppdragsdokument-nhn-2026.txt"), "nhn-2026.txt");
  const dmp = await importLetterText(db, readSeriesLetter("oppdragsbrev-dmp-2026-uten-id.txt"), "dmp-2026.txt");
  expect(nhn.agency?.name).toBe("Norsk helsenett SF");
  expect(dmp.agency?.name).toBe("Direktoratet for medisinske produkter");
  for (const c of cases) agencies[c.name] = (await findAgencyByName(db, c.name))!.id;
  const user = await makeUser(db, "leser");
  cookie = await sessionCookie(db, user.id);
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the report title with several agencies in one register", () => {
  it("names each report's own agency and its main letter's genre, in the report and its preview", async () => {
    const db = getDatabase().db;
    for (const c of cases) {
      const report = await loadReport(db, { year: c.year, asOfDate: c.asOfDate, draft: true, agencyId: agencies[c.name] });
      expect(report.rowCount).toBeGreaterThan(0);
      expect([report.agency, report.genre, report.title]).toEqual([c.name, c.genre, c.title]);
      const preview = await loadReportPreview(db, { year: c.year, asOfDate: c.asOfDate, area: null, agencyId: agencies[c.name] });
      expect(preview.title).toBe(c.title);
    }
  });

  it("prints the title in the Word file (first paragraph, header, document properties) and nobody else's", async () => {
    const db = getDatabase().db;
    for (const c of cases) {
      // Final (not draft): the page header then carries the title; a missing explanation does not stop rendering here.
      const report = await loadReport(db, { year: c.year, asOfDate: c.asOfDate, draft: false, agencyId: agencies[c.name] });
      const file = await renderReportFile(report, "docx");
      const text = await wordText(file.body);
      expect(text.trimStart().split("\n")[0]).toBe(c.title);
      for (const other of cases.filter((o) => o !== c)) {
        expect(text).not.toContain(other.name === "Helsedirektoratet" ? other.title : other.name);
      }
      expect(await zipPart(file.body, "docProps/core.xml")).toContain(`<dc:title>${c.title}</dc:title>`);
      const headers = await Promise.all(
        Object.keys((await JSZip.loadAsync(file.body)).files)
          .filter((n) => /^word\/header\d*\.xml$/.test(n))
          .map((n) => zipPart(file.body, n)),
      );
      expect(headers.join(" ")).toContain(c.title);
    }
  });

  it("puts the title on every page of a draft too, under the draft mark (Word, PDF, Excel)", async () => {
    const db = getDatabase().db;
    const c = cases[0];
    const report = await loadReport(db, { year: c.year, asOfDate: c.asOfDate, draft: true, agencyId: agencies[c.name] });
    const docx = await renderReportFile(report, "docx");
    const names = Object.keys((await JSZip.loadAsync(docx.body)).files).filter((n) => /^word\/header\d*\.xml$/.test(n));
    const header = (await Promise.all(names.map((n) => zipPart(docx.body, n)))).join(" ").replace(/<[^>]+>/g, "");
    expect(header).toContain("UTKAST – ikke endelig rapport");
    expect(header).toContain(c.title);
    const pdf = path.join(dir, "hdir-utkast.pdf");
    fs.writeFileSync(pdf, (await renderReportFile(report, "pdf")).body);
    const page2 = spawnSync("pdftotext", ["-enc", "UTF-8", "-f", "2", "-l", "2", pdf, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
    expect(page2).toContain("UTKAST – ikke endelig rapport");
    expect(page2).toContain(c.title);
    const xlsx = await renderReportFile(report, "xlsx");
    const sheet = await zipPart(xlsx.body, "xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<oddHeader>[^<]*UTKAST – ikke endelig rapport[^<]*<\/oddHeader>/);
    expect(sheet).toMatch(new RegExp(`<oddHeader>[^<]*${c.title.replace(/\./g, "\\.")}</oddHeader>`));
  });

  it("gives the PDF and the Excel file the same title", async () => {
    const db = getDatabase().db;
    const c = cases[1];
    const report = await loadReport(db, { year: c.year, asOfDate: c.asOfDate, draft: false, agencyId: agencies[c.name] });
    const pdf = path.join(dir, "nhn.pdf");
    fs.writeFileSync(pdf, (await renderReportFile(report, "pdf")).body);
    // poppler reads the document information and the text as a reader's PDF viewer does.
    const info = spawnSync("pdfinfo", ["-enc", "UTF-8", pdf], { encoding: "utf8" }).stdout;
    expect(info.split("\n").find((l) => l.startsWith("Title:"))?.replace(/^Title:\s+/, "")).toBe(c.title);
    const text = spawnSync("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" }).stdout;
    expect(text.replace(/\s+/g, " ")).toContain(c.title);
    const xlsx = await renderReportFile(report, "xlsx");
    expect(await zipPart(xlsx.body, "docProps/core.xml")).toContain(`<dc:title>${c.title}</dc:title>`);
    expect(await zipPart(xlsx.body, "xl/worksheets/sheet1.xml")).toContain(`&amp;C${c.title}`);
  });

  it("heads the report page with the title, per agency chosen", async () => {
    const args = (url: string) => ({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), params: {}, context });
    for (const c of cases) {
      const data = await reportLoader(args(`/rapport?aar=${c.year}&per=${c.asOfDate}&virksomhet=${c.slug}`));
      expect(data.report?.title).toBe(c.title);
      const meta = reportMeta({ data } as Parameters<typeof reportMeta>[0]);
      expect(meta).toEqual([{ title: `${c.title} – Oppdragsoversikt` }]);
    }
  });
});
