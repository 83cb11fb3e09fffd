/**
 * Phone and small-laptop widths (#18 item 6): at 390 × 844 no page scrolls sideways (only a
 * table's own wrapper may), the main navigation folds into a menu that opens without JavaScript,
 * and every page is free of axe violations at that width.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchBrowser, signedInPage } from "../helpers/browser";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser } from "../helpers/users";
import { getDatabase } from "~/db/connection.server";

const PHONE = { width: 390, height: 844 };

/** Pages (as admin, who sees every menu entry); each must fit the phone's width. */
const PAGES = [
  "/",
  "/?aar=2023&per=2023-08-31",
  "/oppdrag",
  "/oppdrag?aar=2023&forfalt=1&per=2023-08-31",
  "/oppdrag?aar=2023&q=legemidler",
  "/oppdrag/TB2023-62",
  "/oppdrag/TB2023-18",
  "/oppdrag/TTB2023-04?per=2023-08-31",
  "/avdeling/FHA",
  "/avdeling/SHA?per=2023-08-31",
  "/endringer",
  "/endringer?siden=2023-01-01",
  "/frister",
  "/rapport?aar=2023&per=2023-12-31",
  "/konto",
  "/admin/brev",
  "/admin/oppdrag/ny",
  "/admin/oppdrag/TB2023-62",
  "/admin/videreforing",
  "/admin/brukere",
  "/admin/logg",
];

/** How far the document is wider than the viewport (0 when it fits), and what sticks out. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const over = document.documentElement.scrollWidth - width;
    const culprits: string[] = [];
    if (over > 0) {
      for (const el of Array.from(document.querySelectorAll("body *"))) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && !el.closest(".table-wrap")) {
          culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${(el.className || "").toString().split(" ")[0]} → ${Math.round(r.right)}`);
        }
        if (culprits.length >= 5) break;
      }
    }
    return { over, culprits };
  });
}

describe("phone width (390 × 844)", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const admin = await makeUser(getDatabase().db, "admin", { departments: ["FHA"] });
    page = await signedInPage(browser, server.url, admin.id, { context: { viewport: PHONE } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // One test per page, each with its own time limit: 21 pages with axe in one test outran the limit.
  it.each(PAGES)("%s does not scroll sideways and has no axe violations", async (path) => {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(200);
    const { over, culprits } = await overflow(page);
    expect(over, `${path}: ${over}px too wide (${culprits.join("; ")})`).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it("a wide table scrolls inside its own frame, not the page", async () => {
    await page.goto(`${server.url}/oppdrag?aar=2023`);
    const wrap = page.locator(".table-wrap").first();
    const { scroll, client } = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(client).toBeLessThanOrEqual(PHONE.width);
    expect(scroll).toBeGreaterThanOrEqual(client);
    // The frame can be scrolled with the keyboard: it is focusable itself or holds links.
    expect(await wrap.evaluate((el) => el.tabIndex === 0 || el.querySelector("a[href], button, input") !== null)).toBe(true);
  });

  it("the main menu is folded behind a button and opens to every entry, with the keyboard", async () => {
    await page.goto(`${server.url}/`);
    const menu = page.locator("nav[aria-label=Hovedmeny]");
    const report = menu.getByRole("link", { name: "Rapport" });
    await expect(report.isVisible()).resolves.toBe(false);
    const toggle = page.locator(".app-menu > summary");
    await expect(toggle.textContent()).resolves.toContain("Meny");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => report.isVisible()).toBe(true);
    const box = await report.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await report.click();
    await page.waitForURL(/\/rapport/);
    // The URL changes before React has shown the report: measure that page, not the one before.
    await page.getByRole("heading", { level: 1, name: /^Status for oppdrag i / }).waitFor();
    expect((await overflow(page)).over).toBe(0);
  });

  it("the menu opens without JavaScript too", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: "nb-NO" });
    try {
      await context.addCookies(await page.context().cookies());
      const plain = await context.newPage();
      await plain.goto(`${server.url}/oppdrag/TB2023-62`);
      expect((await overflow(plain)).over).toBe(0);
      const frister = plain.locator("nav[aria-label=Hovedmeny]").getByRole("link", { name: "Frister" });
      await expect(frister.isVisible()).resolves.toBe(false);
      await plain.locator(".app-menu > summary").click();
      await expect(frister.isVisible()).resolves.toBe(true);
      await frister.click();
      await plain.waitForURL(/\/frister/);
      await plain.getByRole("heading", { level: 1, name: "Frister som skal avklares" }).waitFor();
      expect((await overflow(plain)).over).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("on a wide screen the menu is a plain row of links, no button", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nb-NO" });
    try {
      await context.addCookies(await page.context().cookies());
      const wide = await context.newPage();
      await wide.goto(`${server.url}/`);
      await expect(wide.locator("nav[aria-label=Hovedmeny]").getByRole("link", { name: "Rapport" }).isVisible()).resolves.toBe(true);
      await expect(wide.locator(".app-menu > summary").isVisible()).resolves.toBe(false);
      expect((await overflow(wide)).over).toBe(0);
    } finally {
      await context.close();
    }
  });
});
