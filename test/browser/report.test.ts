import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { axeViolations, launchBrowser, signedInPage } from "../helpers/browser";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser } from "../helpers/users";

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const user = await makeUser(getDatabase().db, "saksbehandler", { name: "Rita Rapport" });
  page = await signedInPage(browser, server.url, user.id, { context: { acceptDownloads: true }, timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe over the whole report page takes over 30 s on a loaded 2-core machine. */
const SLOW = 120_000;

const missingCount = async () => Number((await page.locator("#mangler").textContent())?.match(/^(\d+) oppdrag mangler/)?.[1] ?? 0);

describe("the report page", () => {
  it("lists missing explanations, refuses the final export, allows a draft", async () => {
    await page.goto(`${server.url}/rapport?aar=2023&per=2023-12-31`);
    const missing = await missingCount();
    expect(missing).toBeGreaterThan(50);
    expect(await page.locator("#mangler ~ ul li").count()).toBe(missing);
    expect(await page.getByRole("link", { name: /^Endelig rapport/ }).count()).toBe(0);
    expect(await page.getByText("Den endelige rapporten kan ikke lastes ned").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const refused = await page.request.get(`${server.url}/rapport/eksport?aar=2023&per=2023-12-31&format=docx`);
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain("mangler forklaring");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Utkast, Excel" }).click()]);
    expect(download.suggestedFilename()).toBe("statusrapport-2023-per-2023-12-31-utkast.xlsx");
    // The PDF from the built server (pdfmake and its fonts resolved at run time), with the options form's values.
    const pdf = await page.request.get(`${server.url}/rapport/eksport?aar=2023&per=2023-12-31&format=pdf&status=farger&retning=landscape&utkast=1`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const [word] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Last ned" }).click()]);
    expect(word.suggestedFilename()).toBe("statusrapport-2023-per-2023-12-31-utkast.docx");
  }, SLOW);

  it("writes an explanation from the list with the keyboard, and the missing count goes down", async () => {
    await page.goto(`${server.url}/rapport?aar=2023&per=2023-12-31`);
    const before = await missingCount();
    const first = page.locator("#mangler ~ ul li a").first();
    await first.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/rapport\/tekst\//);
    await page.getByRole("heading", { level: 1, name: /^Rapporttekst/ }).waitFor();
    // The app moves focus to the main content after a client-side navigation: let it, then type.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("hovedinnhold");
    expect(await axeViolations(page)).toEqual([]);
    await page.focus("#rapporttekst");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("Oppdraget er startet opp i 2024 etter avtale med departementet.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/rapport" && url.searchParams.get("per") === "2023-12-31");
    await page.getByRole("heading", { level: 1, name: "Status for oppdrag i tildelingsbrevet 2023 til Helsedirektoratet per 31. desember 2023" }).waitFor();
    await expect.poll(missingCount).toBe(before - 1);
    expect(await page.locator("#forhandsvisning ~ section").first().textContent()).toBeTruthy();
    expect(await page.locator("main").textContent()).toContain("Oppdraget er startet opp i 2024 etter avtale med departementet.");
  }, SLOW);

  it("shows the preview per goal area from a keyboard-usable area menu, and returns there after writing", async () => {
    await page.goto(`${server.url}/rapport?aar=2023&per=2023-12-31`);
    const missing = await missingCount();
    const nav = page.getByRole("navigation", { name: "Områder i rapporten" });
    await expect(nav.locator("[aria-current=page]").textContent()).resolves.toBe("Alle områder");
    expect(await page.locator("#forhandsvisning ~ section").count()).toBeGreaterThanOrEqual(5);
    // The preview has ID, title, status and explanation; the body text is only in the files.
    expect(await page.locator("#forhandsvisning ~ section thead th").first().textContent()).toBe("ID");
    expect(await page.locator("#forhandsvisning ~ section").first().locator("thead th").allTextContents()).toEqual(["ID", "Oppdrag", "Status", "Forklaring / kommentar"]);
    const areaLink = nav.getByRole("link", { name: /^2\.2 / });
    const label = (await areaLink.locator("xpath=..").textContent()) ?? "";
    const [, rows, lacking] = label.match(/\((\d+) oppdrag(?:, (\d+) uten forklaring)?\)/) ?? [];
    await areaLink.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/omrade=2\.2/);
    await expect.poll(() => page.locator("#forhandsvisning ~ section").count()).toBe(1);
    await expect(nav.locator("[aria-current=page]").textContent()).resolves.toMatch(/^2\.2 /);
    await expect(page.locator("#forhandsvisning ~ section h3").textContent()).resolves.toMatch(/^2\.2 /);
    expect(await page.locator("#forhandsvisning ~ section tbody tr").count()).toBe(Number(rows));
    // The total still counts every area; the list names those in the area shown.
    expect(await missingCount()).toBe(missing);
    expect(await page.locator("#mangler ~ ul li").count()).toBe(Number(lacking ?? 0));
    expect(await axeViolations(page)).toEqual([]);

    expect(Number(lacking)).toBeGreaterThan(0);
    await page.locator("#mangler ~ ul li a").first().click();
    await page.waitForURL(/\/rapport\/tekst\/.*omrade=2\.2/);
    await page.fill("#rapporttekst", "Forklaring skrevet fra område 2.2.");
    await page.getByRole("button", { name: "Lagre" }).click();
    await page.waitForURL((url) => url.pathname === "/rapport" && url.searchParams.get("omrade") === "2.2");
    await page.getByRole("heading", { level: 1, name: "Status for oppdrag i tildelingsbrevet 2023 til Helsedirektoratet per 31. desember 2023" }).waitFor();
    await expect.poll(missingCount).toBe(missing - 1);
    expect(await page.locator("#mangler ~ ul li").count()).toBe(Number(lacking) - 1);
  }, SLOW);

  it("edits an area's overall assessment, with no axe violations on the tertial view", async () => {
    await page.goto(`${server.url}/rapport?aar=2023&per=2023-04-30`);
    expect(await page.locator("nav[aria-label='Hurtigvalg for dato'] [aria-current]").textContent()).toContain("1. tertial");
    await page.getByRole("link", { name: /Skriv samlet vurdering for 2\.1/ }).click();
    await page.waitForURL(/\/rapport\/vurdering\/2\.1/);
    await page.getByRole("heading", { level: 1, name: /^Samlet vurdering/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.fill("#rapporttekst", "Stor aktivitet på folkehelseområdet i første tertial.");
    await page.getByRole("button", { name: "Lagre" }).click();
    await page.waitForURL((url) => url.pathname === "/rapport" && url.searchParams.get("per") === "2023-04-30");
    await page.getByRole("heading", { level: 1, name: "Status for oppdrag i tildelingsbrevet 2023 til Helsedirektoratet per 30. april 2023" }).waitFor();
    expect(await page.locator("section[aria-labelledby=rapport-2-1]").textContent()).toContain("Stor aktivitet på folkehelseområdet i første tertial.");
    // Who wrote it, and when, under the assessment and in the history.
    expect(await page.locator("section[aria-labelledby=rapport-2-1] .byline").textContent()).toContain("Skrevet av Rita Rapport");
    expect(await page.locator("section[aria-labelledby=teksthistorikk] summary").textContent()).toMatch(/^1 versjon, sist .* av Rita Rapport$/);
    expect(await axeViolations(page)).toEqual([]);
  }, SLOW);
});
