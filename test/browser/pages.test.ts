import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchBrowser } from "../helpers/browser";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, SESSION_COOKIE_NAME, sessionToken } from "../helpers/users";
import { getDb } from "~/db/connection.server";

describe("first pages in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: "nb-NO" });
    const reader = await makeUser(getDb(), "leser");
    await context.addCookies([{ name: SESSION_COOKIE_NAME, value: await sessionToken(getDb(), reader.id), url: server.url }]);
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the overview lists the 2023 assignments grouped by goal area", async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toContain("Oversikt 2023");
    const areaHeadings = await page.locator("section[aria-labelledby=alle-oppdrag] h3").allTextContents();
    expect(areaHeadings.slice(0, 5)).toEqual([
      expect.stringMatching(/^2\.1 /),
      expect.stringMatching(/^2\.2 /),
      expect.stringMatching(/^2\.3 /),
      expect.stringMatching(/^2\.4 /),
      expect.stringMatching(/^2\.5 /),
    ]);
    const ids = await page.locator("main tbody tr td:first-child").allTextContents();
    expect(ids.filter((id) => /^TB2023-\d+$/.test(id))).toHaveLength(82);
    expect(ids.filter((id) => /^TTB2023-\d+$/.test(id))).toHaveLength(14);
    const row = page.locator("tr", { has: page.locator("td", { hasText: /^TB2023-31$/ }) });
    await expect(row.locator("td").nth(4).textContent()).resolves.toBe("Utsatt");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
  });

  it("the overview has no axe violations and is keyboard-usable", async () => {
    await page.goto(`${server.url}/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe("Hopp til hovedinnhold");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => location.hash)).resolves.toBe("#hovedinnhold");
    // Follow a link with the keyboard to a detail page.
    const link = page.getByRole("link", { name: /Ulovlig handel tobakk/ });
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/oppdrag\/TB2023-05$/);
    await page.getByRole("heading", { level: 1, name: "TB2023-05 Ulovlig handel tobakk" }).waitFor();
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
