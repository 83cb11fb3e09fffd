/**
 * The annual-report table against a real SQLite file, and its files opened back: the .docx's
 * XML, the .xlsx through exceljs, the CSV through csv-parse.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase } from "~/use-cases/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { seedDemoHistory } from "~/use-cases/demo-history.server";
import { loadReport, loadReportPreview, saveAssessment, saveReportText } from "~/models/report.server";
import { recordStatusUpdate } from "~/models/status-event.server";
import { finalExportRefusal, renderReportFile } from "~/export/report-files.server";
import type { Report } from "~/domain/report";
import { formatDateTime } from "~/domain/format";
import { tempDir } from "../helpers/db";
import { makeUser } from "../helpers/users";
import { previewPart } from "../helpers/report";
import { npmRun, runInProcess } from "../helpers/cli";
import { cli as reportExport } from "../../scripts/report-export";

const dir = tempDir("oppdrag-report-");
const dbFile = path.join(dir, "report.sqlite");
let report: Report;

const rowsOf = (r: Report) => r.areas.flatMap((a) => a.rows.map((row) => ({ area: a.heading, ...row })));

beforeAll(async () => {
  process.env.DATABASE_PATH = dbFile;
  const app = getDatabase();
  await bootstrapDatabase(app.db);
  seedDemoHistory(app, 2023);
  report = await loadReport(app.db, { year: 2023, asOfDate: "2023-12-31", draft: true });
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the report as of a date", () => {
  it("groups by area in letter order with every assignment once, main letter first", () => {
    expect(report.areas.slice(0, 5).map((a) => a.code)).toEqual(["2.1", "2.2", "2.3", "2.4", "2.5"]);
    const ids = rowsOf(report).map((r) => r.key);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((k) => /^TB2023-/.test(k))).toHaveLength(82);
    for (const area of report.areas) {
      const kinds = area.rows.map((r) => (r.letterNote ? 1 : 0));
      expect([...kinds].sort()).toEqual(kinds); // supplementary ones after
    }
    expect(rowsOf(report).find((r) => r.key === "TB2023-31")?.statusLabel).toBe("Utsatt");
  });

  it("demo history makes the report plausible, and marks what lacks an explanation", () => {
    const statuses = new Set(rowsOf(report).map((r) => r.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    for (const r of rowsOf(report)) expect(r.explanationMissing).toBe(r.status !== "fullfort" && r.comment === "");
    expect(report.missing.length).toBeGreaterThan(0);
    expect(finalExportRefusal({ ...report, draft: false })).toContain(report.missing[0].id);
  });

  it("ignores changes after the as-of date", async () => {
    const app = getDatabase();
    const before = await loadReport(app.db, { year: 2023, asOfDate: "2023-12-31", draft: true });
    const target = rowsOf(before).find((r) => r.status !== "fullfort")!;
    const a = await app.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", target.key).executeTakeFirstOrThrow();
    const u = await makeUser(app.db, "saksbehandler");
    const actor = { userId: u.id, name: `Sen Endring <${u.email}>`, person: "Sen Endring", ip: null, userAgent: null };
    const result = await recordStatusUpdate(app, { assignmentId: a.id, baseVersion: a.version, status: "fullfort", comment: "Ferdig i 2024", actor }, new Date("2024-01-15T10:00:00Z"));
    expect(result.ok).toBe(true);
    const after = await loadReport(app.db, { year: 2023, asOfDate: "2023-12-31", draft: true });
    expect(rowsOf(after)).toEqual(rowsOf(before));
    const later = await loadReport(app.db, { year: 2023, asOfDate: "2024-01-31", draft: true });
    expect(rowsOf(later).find((r) => r.key === target.key)).toMatchObject({ status: "fullfort", comment: "Ferdig i 2024" });
  });

  it("uses the report text written for the date, starting from the latest comment", async () => {
    const app = getDatabase();
    const target = report.missing[0];
    const a = await app.db.selectFrom("assignments").select(["id", "key"]).where("key", "=", target.key).executeTakeFirstOrThrow();
    await saveReportText(app.db, a, "2023-12-31", "Arbeidet starter i 2024 etter avtale med departementet.", { userId: null, name: "Test" });
    const updated = await loadReport(app.db, { year: 2023, asOfDate: "2023-12-31", draft: true });
    expect(rowsOf(updated).find((r) => r.key === target.key)).toMatchObject({
      comment: "Arbeidet starter i 2024 etter avtale med departementet.",
      explanationMissing: false,
    });
    expect(updated.missing.length).toBe(report.missing.length - 1);
    // A text written for the annual report does not leak into the tertial report.
    const tertial = await loadReport(app.db, { year: 2023, asOfDate: "2023-08-31", draft: true });
    expect(rowsOf(tertial).find((r) => r.key === target.key)?.comment).not.toBe("Arbeidet starter i 2024 etter avtale med departementet.");
  });
});

describe("the report preview", () => {
  it("has the full report's rows and explanations, without body, deadline and departments", async () => {
    const app = getDatabase();
    const full = await loadReport(app.db, { year: 2023, asOfDate: "2023-08-31", draft: false });
    const preview = await loadReportPreview(app.db, { year: 2023, asOfDate: "2023-08-31", area: null });
    expect(preview.shown).toBe("alle"); // 98 assignments: every area at once
    expect(preview.rowCount).toBe(full.rowCount);
    expect(preview.missingCount).toBe(full.missing.length);
    expect(preview.missing.map((r) => r.key)).toEqual(full.missing.map((r) => r.key));
    expect(preview.areas.map((a) => [a.heading, a.assessment])).toEqual(full.areas.map((a) => [a.heading, a.assessment]));
    expect(preview.areas.flatMap((a) => a.rows)).toEqual(rowsOf(full).map(previewPart));
    expect(preview.areaLinks.map((a) => a.count)).toEqual(full.areas.map((a) => a.rows.length));
  });

  it("shows one area when asked for, and counts what lacks an explanation in every area", async () => {
    const app = getDatabase();
    const full = await loadReport(app.db, { year: 2023, asOfDate: "2023-12-31", draft: false });
    const preview = await loadReportPreview(app.db, { year: 2023, asOfDate: "2023-12-31", area: "2.2" });
    expect(preview.areas.map((a) => a.code)).toEqual(["2.2"]);
    expect(preview.areas[0].rows.map((r) => r.key)).toEqual(full.areas.find((a) => a.code === "2.2")!.rows.map((r) => r.key));
    expect(preview.missing.map((r) => r.key)).toEqual(full.missing.filter((r) => full.areas.find((a) => a.code === "2.2")!.rows.includes(r)).map((r) => r.key));
    expect(preview.areaLinks.reduce((n, a) => n + a.missing, 0)).toBe(full.missing.length);
  });
});

describe("report files", () => {
  it("Word: a table per area with a repeating header row, every row, status and comment, draft marked", async () => {
    const file = await renderReportFile(report, "docx", { orientation: "landscape" });
    expect(file.fileName).toBe("statusrapport-2023-per-2023-12-31-utkast.docx");
    const zip = await JSZip.loadAsync(file.body);
    const xml = await zip.file("word/document.xml")!.async("string");
    const tables = xml.match(/<w:tbl>/g) ?? [];
    expect(tables).toHaveLength(report.areas.length);
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(report.areas.length);
    expect((xml.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(report.rowCount + report.areas.length);
    expect(xml).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    const text = xml.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    for (const r of rowsOf(report)) {
      expect(text).toContain(r.title.slice(0, 40).replace(/&/g, "&"));
      if (r.comment) expect(text).toContain(r.comment.split("\n")[0]);
    }
    for (const area of report.areas) expect(text).toContain(area.heading);
    const headers = await Promise.all(Object.keys(zip.files).filter((n) => /word\/header\d*\.xml/.test(n)).map((n) => zip.file(n)!.async("string")));
    expect(headers.join("")).toContain("UTKAST");
  });

  it("Excel: one row per assignment, header frozen, filter on, dates as dates", async () => {
    const file = await renderReportFile(report, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("Status (utkast)");
    expect(sheet.rowCount).toBe(report.rowCount + 1);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["Område", "ID", "Oppdrag", "Avdeling", "Frist", "Første frist", "Status", "Beskrivelse", "Kommentar", "Gitt i"]);
    const expected = rowsOf(report);
    for (let i = 0; i < expected.length; i++) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(2).value).toBe(expected[i].id);
      expect(row.getCell(7).value).toBe(expected[i].statusLabel);
      expect(row.getCell(9).value ?? "").toBe(expected[i].comment);
      const date = row.getCell(6).value;
      if (expected[i].deadlineDate) expect((date as Date).toISOString().slice(0, 10)).toBe(expected[i].deadlineDate);
    }
  });

  it("Excel: every version of the texts and assessments, with author and time, in its own sheet", async () => {
    const app = getDatabase();
    const a = await app.db.selectFrom("assignments").select(["id", "key", "title"]).where("key", "=", "TB2023-10").executeTakeFirstOrThrow();
    const date = "2023-08-31";
    await saveReportText(app.db, a, date, "Første utkast.", { userId: null, name: "Kari K", person: "Kari K" }, new Date("2023-09-02T08:00:00Z"));
    await saveReportText(app.db, a, date, "Andre versjon, etter innspill.", { userId: null, name: "Per P", person: "Per P" }, new Date("2023-09-03T08:00:00Z"));
    await saveAssessment(app.db, 2023, "2.1", date, "God fremdrift i tertialen.", { userId: null, name: "Kari K", person: "Kari K" }, new Date("2023-09-04T08:00:00Z"));
    const tertial = await loadReport(app.db, { year: 2023, asOfDate: date, draft: true });
    expect(tertial.history.map((h) => [h.kind, h.author, h.text])).toEqual([
      ["vurdering", "Kari K", "God fremdrift i tertialen."],
      ["forklaring", "Per P", "Andre versjon, etter innspill."],
      ["forklaring", "Kari K", "Første utkast."],
    ]);
    const file = await renderReportFile(tertial, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Historikk")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["Tidspunkt", "Skrevet av", "Gjelder", "Oppdrag / område", "Tekst"]);
    expect(sheet.rowCount).toBe(4);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([formatDateTime("2023-09-04T08:00:00Z"), "Kari K", "Samlet vurdering", "2.1 Folkehelse", "God fremdrift i tertialen."]);
    expect(sheet.getRow(3).getCell(4).value).toBe(`TB2023-10 ${a.title}`);
    expect(sheet.getRow(4).getCell(5).value).toBe("Første utkast.");
  });

  it("Excel with the colour code: a coloured Fargekode column and a legend sheet", async () => {
    const file = await renderReportFile(report, "xlsx", { statusStyle: "colours" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(8).value).toBe("Fargekode");
    const expected = rowsOf(report);
    const word = { fullfort: "Grønn", i_rute: "Grønn", forsinket: "Gul", ikke_startet: "Gul", utsatt: "Rød", avsluttet: "Rød" } as const;
    expected.forEach((r, i) => expect(sheet.getRow(i + 2).getCell(8).value).toBe(word[r.status]));
    expect(workbook.getWorksheet("Fargekoder")!.rowCount).toBe(4);
  });

  it("CSV: UTF-8 with BOM, semicolons, formulas neutralised, every row", async () => {
    const file = await renderReportFile(report, "csv");
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(file.body.toString("utf8"), { bom: true, delimiter: ";", columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(report.rowCount);
    const expected = rowsOf(report);
    records.forEach((rec, i) => {
      expect(rec.ID).toBe(expected[i].id);
      expect(rec.Status).toBe(expected[i].statusLabel);
      expect(rec.Kommentar).toBe(/^[=+\-@]/.test(expected[i].comment) ? `'${expected[i].comment}` : expected[i].comment);
      expect(rec.Merknad).toBe("UTKAST");
    });
    expect(records.every((r) => !/^[=+\-@]/.test(Object.values(r).join("|")))).toBe(true);
  });
});

describe("report:export CLI", () => {
  /** In process (test/helpers/cli.ts); the draft below runs once as the real `npm run` process. */
  const run = (args: string[]) => runInProcess(reportExport, args, { env: { DATABASE_PATH: dbFile } });

  it("refuses the final report and names what lacks an explanation; writes a draft", async () => {
    const out = path.join(dir, "rapport.docx");
    const refused = await run(["--year", "2023", "--as-of", "2023-12-31", "--format", "docx", "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Den endelige rapporten kan ikke lages");
    expect(refused.stderr).toMatch(/T?TB2023-\d+/);
    expect(fs.existsSync(out)).toBe(false);

    const draft = npmRun("report:export", ["--year", "2023", "--as-of", "2023-12-31", "--format", "xlsx", "--out", path.join(dir, "utkast.xlsx"), "--draft"], {
      env: { DATABASE_PATH: dbFile },
    });
    expect(draft.stderr).toBe("");
    expect(draft.code).toBe(0);
    expect(draft.stdout).toMatch(/^Skrev utkast til rapport 2023 per 2023-12-31 \(\d+ oppdrag, \d+ områder\) til .*utkast\.xlsx\.\n$/);
    expect(fs.statSync(path.join(dir, "utkast.xlsx")).size).toBeGreaterThan(5000);

    const pdf = await run(["--year", "2023", "--format", "pdf", "--draft", "--status", "colours", "--out", path.join(dir, "utkast.pdf")]);
    expect(pdf.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "utkast.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const status = await run(["--year", "2023", "--format", "pdf", "--draft", "--status", "regnbue", "--out", path.join(dir, "x.pdf")]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain("--status må være words");
    expect(fs.existsSync(path.join(dir, "x.pdf"))).toBe(false);

    const bad = await run(["--year", "2023", "--as-of", "2023-02-30", "--format", "docx", "--out", out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("ikke en gyldig dato");
  }, 180_000);

  it("never writes over the database, its WAL file or an existing file without --force", async () => {
    const before = fs.readFileSync(dbFile);
    for (const target of [dbFile, `${dbFile}-wal`]) {
      const refused = await run(["--year", "2023", "--format", "csv", "--draft", "--out", target, "--force"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("databasefilen");
    }
    expect(fs.readFileSync(dbFile).subarray(0, 16).toString("latin1")).toBe("SQLite format 3\u0000");
    expect(fs.statSync(dbFile).size).toBe(before.length);

    const out = path.join(dir, "finnes.csv");
    fs.writeFileSync(out, "gammel");
    const refused = await run(["--year", "2023", "--format", "csv", "--draft", "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--force");
    expect(fs.readFileSync(out, "utf8")).toBe("gammel");
    const forced = await run(["--year", "2023", "--format", "csv", "--draft", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toContain("TB2023-01");
  }, 180_000);
});
