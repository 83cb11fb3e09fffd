/**
 * The agency filter in Chromium, with axe: the list filters by agency and the choice stays in
 * the (shareable) URL; the overview shows one agency at a time; the department page groups by
 * agency; and a register with one agency shows no filter at all.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { getDatabase } from "~/db/connection.server";
import { axeViolations, launchBrowser, signedInPage } from "../helpers/browser";
import { REPO_ROOT } from "../helpers/db";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser } from "../helpers/users";

const letter = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/letters", name), "utf8");

describe("agency filter in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer(); // Helsedirektoratet 2023, one agency
    browser = await launchBrowser();
    const reader = await makeUser(getDatabase().db, "departement", { departments: ["FHA"] });
    page = await signedInPage(browser, server.url, reader.id);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("with one agency shows no agency filter", async () => {
    await page.goto(`${server.url}/oppdrag`);
    await expect(page.locator("#f-virksomhet").count()).resolves.toBe(0);
    await page.goto(`${server.url}/`);
    await expect(page.getByLabel("Virksomhet").count()).resolves.toBe(0);
  });

  it("filters the list by agency, keeps the choice in the URL, and passes axe", async () => {
    await importLetterText(getDatabase().db, letter("agency-hdir-2026.txt"), "hdir-2026.txt", { agency: "Helsedirektoratet" });
    await importLetterText(getDatabase().db, letter("agency-fhi-2026.txt"), "fhi-2026.txt", { agency: "Folkehelseinstituttet" });
    await page.goto(`${server.url}/oppdrag?aar=2026`);
    await expect(page.locator("#treff").textContent()).resolves.toContain("4 treff");
    await expect(page.locator("thead th").allTextContents()).resolves.toContain("Virksomhet");
    // The agency sits beside year and search, above the folded filters.
    await page.selectOption("#f-virksomhet", { label: "Folkehelseinstituttet" });
    await page.getByRole("button", { name: "Søk", exact: true }).click();
    await page.waitForURL(/virksomhet=folkehelseinstituttet/);
    // React renders the new data just after the URL changes: wait for it.
    await page.locator("#treff", { hasText: "2 treff" }).waitFor();
    const titles = await page.locator("tbody td a").allTextContents();
    expect(titles.sort()).toEqual(["Beredskapslager for vaksiner", "Overvåking av luftveisinfeksjoner"]);
    await expect(page.locator("h1").textContent()).resolves.toContain("Folkehelseinstituttet");
    expect(await axeViolations(page)).toEqual([]);

    // The shared URL opens the same view; its links name the agency.
    const shared = await browser.newPage();
    await shared.context().addCookies(await page.context().cookies());
    await shared.goto(page.url());
    await expect(shared.locator("#f-virksomhet").inputValue()).resolves.toBe("folkehelseinstituttet");
    await shared.close();
    await page.getByRole("link", { name: "Overvåking av luftveisinfeksjoner" }).click();
    await page.waitForURL(/\/oppdrag\/TB2026-1\?virksomhet=folkehelseinstituttet$/);
    await page.locator("h1", { hasText: "Overvåking av luftveisinfeksjoner" }).waitFor();
  });

  it("shows one agency at a time on the overview, and the department's assignments grouped by agency", async () => {
    await page.goto(`${server.url}/?aar=2026`);
    await page.selectOption("#virksomhet", { label: "Folkehelseinstituttet" });
    await page.locator("form[aria-label='Velg virksomhet'] button").click();
    await page.waitForURL(/virksomhet=folkehelseinstituttet/);
    await page.locator("h1", { hasText: "Folkehelseinstituttet" }).waitFor();
    await expect(page.locator("h1").textContent()).resolves.toBe("Oversikt 2026 – Folkehelseinstituttet");
    await expect(page.locator("section[aria-labelledby=per-omrade] tbody th[scope=row]").allTextContents()).resolves.toEqual(["2.1 Smittevern og beredskap"]);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/avdeling/FHA?aar=2026`);
    await expect(page.locator("h2").allTextContents()).resolves.toEqual(expect.arrayContaining(["Folkehelseinstituttet", "Helsedirektoratet"]));
    expect(await axeViolations(page)).toEqual([]);
  });

  it("lets an admin add an agency on /admin/virksomheter (axe clean), and refuses a duplicate name", async () => {
    const admin = await makeUser(getDatabase().db, "admin");
    const adminPage = await signedInPage(browser, server.url, admin.id);
    await adminPage.goto(`${server.url}/admin/virksomheter`);
    await expect(adminPage.locator("h1").textContent()).resolves.toBe("Virksomheter");
    expect(await axeViolations(adminPage)).toEqual([]);
    await adminPage.fill("#ny-navn", "Statens helsetilsyn");
    await adminPage.fill("#ny-kortnavn", "Helsetilsynet");
    await adminPage.getByRole("button", { name: "Opprett virksomhet" }).click();
    await adminPage.locator("code", { hasText: "?virksomhet=statens-helsetilsyn" }).waitFor();
    await adminPage.fill("#ny-navn", "folkehelseinstituttet");
    await adminPage.getByRole("button", { name: "Opprett virksomhet" }).click();
    await adminPage.getByText("Virksomheten «folkehelseinstituttet» finnes allerede.").first().waitFor();
    expect(await getDatabase().db.selectFrom("agencies").select("name").orderBy("name").execute()).toEqual([
      { name: "Folkehelseinstituttet" },
      { name: "Helsedirektoratet" },
      { name: "Statens helsetilsyn" },
    ]);
    await adminPage.context().close();
  }, 90_000);
});
