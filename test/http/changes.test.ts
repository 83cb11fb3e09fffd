/**
 * /endringer by effective date (#18 item 3): what took effect after a date, with the time written
 * shown; filters for department, area, year and kind; paging; an Excel download with the same
 * rows; a "since my last visit" link from a cookie. Against the built server over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { todayInOslo } from "~/domain/format";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const worker = await makeUser(getDatabase().db, "saksbehandler", { name: "Kari Kasus" });
  cookie = await sessionCookie(getDatabase().db, worker.id);
  // A delivery on 10 May 2023 recorded today, and a status change today.
  const a = await getDatabase().db.selectFrom("assignments").select(["id", "version"]).where("key", "=", "TB2023-81").executeTakeFirstOrThrow();
  const d = await getDatabase().db.selectFrom("deadlines").select("id").where("assignment_id", "=", a.id).orderBy("position").executeTakeFirstOrThrow();
  expect((await post("/oppdrag/TB2023-81", { intent: "leveranse", deadlineId: String(d.id), delivered: "ja", deliveredOn: "2023-05-10" })).status).toBe(302);
  const b = await getDatabase().db.selectFrom("assignments").select("version").where("key", "=", "TB2023-10").executeTakeFirstOrThrow();
  expect((await post("/oppdrag/TB2023-10", { intent: "status", status: "i_rute", comment: "Godt i gang", version: String(b.version) })).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
});

function post(path: string, body: Record<string, string>) {
  return fetch(`${server.url}${path}`, { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie, Origin: server.url }, redirect: "manual" });
}
async function page(path: string, extraCookie = "") {
  const res = await fetch(`${server.url}${path}`, { headers: { Cookie: `${cookie}${extraCookie ? `; ${extraCookie}` : ""}` } });
  expect(res.status).toBe(200);
  return { html: await res.text(), res };
}
const count = (html: string) => Number(html.match(/id="antall-endringer"[^>]*>(\d+) endring/)?.[1] ?? NaN);

describe("/endringer", () => {
  it("counts from when a change took effect, and shows when it was written", async () => {
    const may = await page("/endringer?siden=2023-05-01&type=leveranse");
    expect(count(may.html)).toBe(1);
    expect(may.html).toContain("Deloppdrag 1: levert 10.05.2023");
    expect(may.html).toContain("10.05.2023");
    expect(may.html).toContain("Kari Kasus");
    // After 31 May 2023 the delivery (effective 10 May) is not "what happened" …
    expect(count((await page("/endringer?siden=2023-05-31&type=leveranse")).html)).toBe(0);
    // … though it was written after that date.
    expect(count((await page("/endringer?siden=2023-05-31&type=leveranse&etter=registrert")).html)).toBe(1);
    // Letters: the main letter (undated) counts from 1 January 2023; after 1 March only the later letters' assignments.
    const later = await getDatabase().db
      .selectFrom("assignment_changes as c")
      .innerJoin("letters as l", "l.id", "c.letter_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("l.date", ">", "2023-03-01")
      .executeTakeFirstOrThrow();
    expect(Number(later.n)).toBeGreaterThan(0);
    expect(count((await page("/endringer?siden=2023-03-01&type=import&aar=2023")).html)).toBe(Number(later.n));
    expect(count((await page("/endringer?siden=2022-12-31&type=import&aar=2023")).html)).toBeGreaterThanOrEqual(96);
  });

  it("filters by kind, department, area and year, and pages", async () => {
    const all = count((await page("/endringer?siden=2000-01-01")).html);
    const status = count((await page("/endringer?siden=2000-01-01&type=status")).html);
    const deliveries = count((await page("/endringer?siden=2000-01-01&type=leveranse")).html);
    const imports = count((await page("/endringer?siden=2000-01-01&type=import")).html);
    expect(status).toBeGreaterThanOrEqual(2); // TB2023-10 and the postponement of TB2023-31
    expect(deliveries).toBe(1);
    expect(imports).toBeGreaterThanOrEqual(96);
    expect(status + deliveries + imports).toBe(all);
    // TB2023-81 is SHA's, in area 2.2; TB2023-10 is not SHA's.
    const sha = await page("/endringer?siden=2000-01-01&type=leveranse&avdeling=SHA");
    expect(count(sha.html)).toBe(1);
    expect(count((await page("/endringer?siden=2000-01-01&type=leveranse&avdeling=FHA")).html)).toBe(0);
    const area = (await getDatabase().db.selectFrom("assignments").select("area_code").where("key", "=", "TB2023-81").executeTakeFirstOrThrow()).area_code!;
    expect(count((await page(`/endringer?siden=2000-01-01&type=leveranse&omrade=${area}`)).html)).toBe(1);
    expect(count((await page("/endringer?siden=2000-01-01&aar=2024")).html)).toBe(0);
    // Paging: 50 a page, the status line says where you are.
    const first = await page("/endringer?siden=2000-01-01");
    const pages = Math.ceil(all / 50);
    expect(first.html).toContain(`side 1 av ${pages}`);
    expect((first.html.match(/<tr>/g) ?? []).length).toBe(51);
    const second = await page("/endringer?siden=2000-01-01&side=2");
    expect(second.html).toContain(`side 2 av ${pages}`);
  });

  it("downloads the same rows as an Excel file", async () => {
    const res = await fetch(`${server.url}/endringer/eksport?siden=2000-01-01&type=status`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet("Endringer")!;
    const status = count((await page("/endringer?siden=2000-01-01&type=status")).html);
    expect(sheet.rowCount).toBe(status + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, "Gjelder fra", "Registrert", "ID", "Oppdrag", "Type", "Endring", "Kommentar", "Av"]);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.some((r) => r[3] === "TB2023-10" && r[6] === "Status: I rute" && r[7] === "Godt i gang" && r[8] === "Kari Kasus")).toBe(true);
  });

  it("offers 'since my last visit' from the day of the previous visit", async () => {
    const first = await page("/endringer");
    expect(first.html).not.toContain("Siden forrige besøk");
    const today = todayInOslo();
    expect(first.res.headers.get("set-cookie")).toContain(`endringer_besok=${encodeURIComponent(`|${today}`)}`);
    // Last seen on 25 November (before that on the 20th): the link counts from the 25th, by time written.
    const again = await page("/endringer", `endringer_besok=${encodeURIComponent("2026-11-20|2026-11-25")}`);
    expect(again.html).toMatch(/href="\/endringer\?siden=2026-11-25&amp;etter=registrert"[^>]*>Siden forrige besøk \(25\.11\.2026\)</);
    expect(again.res.headers.get("set-cookie")).toContain(`endringer_besok=${encodeURIComponent(`2026-11-25|${today}`)}`);
  });
});
