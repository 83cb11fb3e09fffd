import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchBrowser, signedInPage } from "../helpers/browser";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser } from "../helpers/users";
import { getDatabase } from "~/db/connection.server";

describe("first pages in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const reader = await makeUser(getDatabase().db, "leser");
    page = await signedInPage(browser, server.url, reader.id);
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const count = (text: string | null) => Number(text?.match(/\d+/)?.[0] ?? NaN);
  const hits = async () => count(await page.locator("#treff").textContent());

  it("the overview gives progress per goal area and department, each number linking to the list", async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toContain("Oversikt 2023");
    const areaTable = page.locator("section[aria-labelledby=per-omrade] table");
    await expect(areaTable.locator("caption").textContent()).resolves.toContain("Antall oppdrag per område og status");
    const areaRows = await areaTable.locator("tbody th[scope=row]").allTextContents();
    expect(areaRows.slice(0, 5)).toEqual([
      expect.stringMatching(/^2\.1 /),
      expect.stringMatching(/^2\.2 /),
      expect.stringMatching(/^2\.3 /),
      expect.stringMatching(/^2\.4 /),
      expect.stringMatching(/^2\.5 /),
    ]);
    // No longer every assignment on the page: the list has them.
    expect(await page.locator("main a[href^='/oppdrag/']").count()).toBeLessThanOrEqual(20);
    const footer = areaTable.locator("tfoot tr");
    const total = count(await footer.locator("td").first().textContent());
    expect(total).toBeGreaterThanOrEqual(96);
    const departmentRows = page.locator("section[aria-labelledby=per-avdeling] tbody tr");
    expect(await departmentRows.count()).toBeGreaterThanOrEqual(5);

    // "Utsatt" for the whole year: the link's name says what it counts, and the list shows as many.
    const postponed = footer.getByRole("link", { name: /oppdrag i 2023 med status Utsatt$/ });
    const postponedCount = count(await postponed.textContent());
    await postponed.click();
    await page.waitForURL(/\/oppdrag\?aar=2023&status=utsatt$/);
    expect(await hits()).toBe(postponedCount);
    expect(await page.locator("main tbody tr td:first-child").allTextContents()).toContain("TB2023-31");

    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: `Alle ${total} oppdrag` }).click();
    await page.waitForURL(/\/oppdrag\?aar=2023$/);
    expect(await hits()).toBe(total);
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
  });

  it("the overview lists what needs attention, a few rows each, with a link to all of them", async () => {
    // On 31 August 2023 some deadlines had passed and others were a month away.
    await page.goto(`${server.url}/?aar=2023&per=2023-08-31`);
    for (const [id, filter] of [
      ["forfalt", "forfalt=1"],
      ["snart", "snart=1&sorter=frist"],
    ] as const) {
      const section = page.locator(`section[aria-labelledby=${id}]`);
      const n = Number((await section.locator("h3").textContent())?.match(/\((\d+)\)$/)?.[1]);
      expect(n, id).toBeGreaterThan(0);
      const rows = section.locator("tbody tr");
      expect(await rows.count()).toBe(Math.min(n, 10));
      const all = section.getByRole("link", { name: /i listen$/ });
      expect(await all.getAttribute("href")).toBe(`/oppdrag?aar=2023&${filter}&per=2023-08-31`);
      const keys = await rows.locator("td:first-child").allTextContents();
      await all.click();
      await page.waitForURL((url) => url.search === `?aar=2023&${filter}&per=2023-08-31`);
      expect(await hits(), id).toBe(n);
      if (n <= 50) expect(await page.locator("main tbody tr td:first-child").allTextContents()).toEqual(expect.arrayContaining(keys.filter((k) => k !== "Uten ID")));
      await page.goBack();
    }
  });

  it("the overview has no axe violations and is keyboard-usable", async () => {
    await page.goto(`${server.url}/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe("Hopp til hovedinnhold");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => location.hash)).resolves.toBe("#hovedinnhold");
    // Follow the first overdue assignment with the keyboard to its page.
    const row = page.locator("section[aria-labelledby=forfalt] tbody tr").first();
    const key = (await row.locator("td").first().textContent())!;
    const title = (await row.locator("td").nth(1).textContent())!;
    await row.getByRole("link").focus();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/oppdrag/${key}$`));
    await page.getByRole("heading", { level: 1, name: `${key} ${title}` }).waitFor();
    // The link is followed in the app (app/components/app-link.tsx), not by loading a new document.
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // Focus moves to the main content after navigation, for screen-reader users.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("hovedinnhold");
  });

  it("the detail page shows text, deliverables and relations, with no axe violations", async () => {
    const response = await page.goto(`${server.url}/oppdrag/TB2023-62`);
    expect(response?.status()).toBe(200);
    const rows = page.locator("section[aria-labelledby=frister] tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/oppdrag/TB2023-18`);
    await expect(page.locator("section[aria-labelledby=relasjoner]").textContent()).resolves.toMatch(/Presisert av\s*TTB2023-04/);
    await page.goto(`${server.url}/oppdrag/TTB2023-04`);
    await expect(page.locator("section[aria-labelledby=relasjoner]").textContent()).resolves.toMatch(/Presiserer\s*TB2023-18/);
    await expect(page.locator("main").textContent()).resolves.toContain("Tekst fra brevet");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("an unknown ID gives a Norwegian 404 page without a stack trace", async () => {
    const response = await page.goto(`${server.url}/oppdrag/TB1999-99`);
    expect(response?.status()).toBe(404);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("Fant ikke siden");
    expect(text).toContain("TB1999-99");
    expect(text).not.toMatch(/at .*\(.*:\d+:\d+\)|Error:/);
    expect(await axeViolations(page)).toEqual([]);
    const other = await page.goto(`${server.url}/finnes/ikke`);
    expect(other?.status()).toBe(404);
  });

  it("renders without client-side errors", () => {
    expect(consoleErrors.filter((e) => !e.includes("404"))).toEqual([]);
  });
});
