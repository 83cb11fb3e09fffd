/**
 * The list's download ("Last ned som Excel / CSV"): the register for the rows the list shows with
 * the same filters, through the resource route's loader against a real SQLite file.
 */
import type { AppLoadContext } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { migrateToLatest } from "~/db/migrate.server";
import type { RegisterEntry } from "~/domain/register";
import { loader } from "~/routes/oppdrag.eksport";
import { loader as correctionLoader } from "~/routes/admin.oppdrag.$key";
import { tempDir } from "../helpers/db";
import { importResult, mainLetter, supplement1, supplement2 } from "../helpers/parts-fixtures";
import { makeUser, sessionCookie } from "../helpers/users";

const dir = tempDir("oppdrag-download-");
let cookie = "";
let adminCookie = "";
const context = { cspNonce: "test", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext;
const get = (url: string) => loader({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), params: {}, context });

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "download.sqlite");
  const app = getDatabase();
  await migrateToLatest(app.db);
  await importResult(app, mainLetter(), "hovedbrev.txt");
  await importResult(app, supplement1(), "supplement-1.txt");
  await importResult(app, supplement2(), "supplement-2.txt");
  const user = await makeUser(app.db, "leser");
  cookie = await sessionCookie(app.db, user.id);
  adminCookie = await sessionCookie(app.db, (await makeUser(app.db, "admin")).id);
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("register download from the list", () => {
  it("uses the list's filters and includes earlier-year assignments known from this year's letters", async () => {
    const all = await get("/oppdrag/eksport?aar=2026&format=json");
    expect(all.headers.get("Content-Disposition")).toBe('attachment; filename="oppdrag-2026.json"');
    const entries = (await all.json()) as RegisterEntry[];
    expect(entries.map((e) => e.id)).toEqual(["TB2025-115", "TB2026-12", "TB2026-17", "TB2026-20", "TB2026-61"]);

    const csv = await get("/oppdrag/eksport?aar=2026&avdeling=KTA&format=csv");
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await csv.text();
    const ids = text.split("\r\n").slice(1).filter(Boolean).map((line) => line.split(";")[0]);
    expect(ids).toEqual(["TB2026-17", "TB2026-20"]);

    const xlsx = await get("/oppdrag/eksport?aar=2026&status=avsluttet&format=xlsx");
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet("Oppdrag")!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe("TB2026-20");
  });

  it("refuses an unknown format with a Norwegian message", async () => {
    const bad = await get("/oppdrag/eksport?aar=2026&format=pdf");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Ukjent format. Velg xlsx, csv eller json.");
  });
});

describe("the correction form", () => {
  it("offers every goal area of the assignment's year; an earlier-year assignment known only from a later letter gets that letter's year's", async () => {
    const args = (key: string) => ({ request: new Request(`http://localhost/admin/oppdrag/${key}`, { headers: { Cookie: adminCookie } }), params: { key }, context });
    const own = await correctionLoader(args("TB2026-17"));
    expect(own.areas.map((a) => a.code)).toEqual(["3.1", "3.4"]);
    const known = await correctionLoader(args("TB2025-115"));
    expect(known.a.year).toBe(2025);
    expect(known.areas.map((a) => a.code)).toEqual(["3.1", "3.4"]);
  });
});
