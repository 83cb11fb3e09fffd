/**
 * Everyday use (#18): after a 409 the page shows the newer state and keeps the typed text, with
 * and without JavaScript; after a save, focus is on the visible confirmation.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { axeViolations, axeViolationsOfHtml, useSignedInBrowser } from "../helpers/browser";

const bed = useSignedInBrowser();
const pageAs = bed.pageAs;

const statusShown = (page: Page) => page.locator("dl.facts dt:has-text('Status') + dd").textContent();
const formVersion = (page: Page) => page.locator("form:has(#kommentar) input[name=version]").inputValue();

describe("a stale status form (409)", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`shows the newer status, history and version and keeps the typed text (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const key = javaScriptEnabled ? "TB2023-20" : "TB2023-21";
      const first = await pageAs("saksbehandler", { name: "Frida Først" });
      const second = await pageAs("saksbehandler", { name: "Sondre Sist", javaScriptEnabled });
      await first.goto(`${bed.url}/oppdrag/${key}`);
      await second.goto(`${bed.url}/oppdrag/${key}`);
      expect(await statusShown(second)).toBe("Ikke startet");
      const staleVersion = await formVersion(second);

      await first.check("#status-forsinket");
      await first.fill("#kommentar", "Venter på data fra FHI");
      await first.click("form:has(#kommentar) button[type=submit]");
      await first.getByText("Statusen er lagret.").waitFor();

      await second.check("#status-i_rute");
      await second.fill("#kommentar", "Sondres tekst som må bli stående");
      await second.click("form:has(#kommentar) button[type=submit]");
      await second.getByRole("alert").filter({ hasText: "Noen andre har oppdatert" }).waitFor();

      // The page agrees with the alert: the newer status, the newer history, the newer version.
      await expect.poll(() => statusShown(second)).toBe("Forsinket");
      const history = (await second.locator("section[aria-labelledby=historikk]").textContent()) ?? "";
      expect(history).toContain("Frida Først");
      expect(history).toContain("Venter på data fra FHI");
      expect(Number(await formVersion(second))).toBeGreaterThan(Number(staleVersion));
      // What Sondre typed and chose is kept.
      expect(await second.inputValue("#kommentar")).toBe("Sondres tekst som må bli stående");
      expect(await second.isChecked("#status-i_rute")).toBe(true);
      if (javaScriptEnabled) expect(await axeViolations(second)).toEqual([]);
      else expect(await axeViolationsOfHtml(bed.browser, await second.content(), bed.url)).toEqual([]);

      // Saving again now is a deliberate choice, and goes through.
      await second.click("form:has(#kommentar) button[type=submit]");
      await second.getByText("Statusen er lagret.").waitFor();
      expect(await statusShown(second)).toBe("I rute");
    });
  }
});

describe("after a save", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`focus is on the visible confirmation (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const key = javaScriptEnabled ? "TB2023-22" : "TB2023-23";
      const page = await pageAs("saksbehandler", { javaScriptEnabled });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${bed.url}/oppdrag/${key}`);
      await page.check("#status-i_rute");
      await page.fill("#kommentar", "I gang");
      await page.locator("form:has(#kommentar) button[type=submit]").click();
      const message = page.getByText("Statusen er lagret.");
      await message.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Statusen er lagret.");
      const box = await message.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(800);
      // A second save on the same page (client-side redirect to the same address) focuses it again.
      await page.check("#status-fullfort");
      await page.locator("form:has(#kommentar) button[type=submit]").click();
      await expect.poll(() => statusShown(page)).toBe("Fullført");
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Statusen er lagret.");
    });
  }
});

describe("dates that tell", () => {
  const rowOf = (page: Page, key: string) => page.locator("main tbody tr").filter({ has: page.locator(`td:first-child:text-is("${key}")`) });

  it("the list shows the missed deadline, the days late and the deliverable, sorted by it", async () => {
    const page = await pageAs("leser");
    await page.goto(`${bed.url}/oppdrag?aar=2023&forfalt=1&per=2023-08-31&sorter=frist`);
    expect(await page.locator("main").textContent()).not.toContain("(forfalt)");
    // TB2023-62's earliest missed deadline is Deloppdrag 5, "Frist 1. mars 2022" as written: 548 days before 31 August 2023.
    const cell = rowOf(page, "TB2023-62").locator("td").nth(4);
    await expect(cell.textContent()).resolves.toMatch(/1\. mars 2022\s*Forfalt: 548 dager over fristen\s*Deloppdrag 5/);
    // Sorted by the deadline shown: the longest overdue first.
    const dates = await page.locator("main tbody tr td:nth-child(5) time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")));
    expect(dates.length).toBeGreaterThan(3);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]).toBe("2022-03-01");
    expect(await axeViolations(page)).toEqual([]);

    // Open assignments show the next deadline and the days left.
    await page.goto(`${bed.url}/oppdrag?aar=2023&snart=1&per=2023-08-31`);
    const next = await page.locator("main tbody tr td:nth-child(5)").first().textContent();
    expect(next).toMatch(/(om \d+ dager|i dag|i morgen)/);
  });

  it("the overview and the department page tell the same", async () => {
    const page = await pageAs("departement", { departments: ["FHA"] });
    await page.goto(`${bed.url}/?aar=2023&per=2023-08-31`);
    const overdue = page.locator("section[aria-labelledby=forfalt] tbody tr").first().locator("td").nth(3);
    await expect(overdue.textContent()).resolves.toMatch(/\d+ dager over fristen/);
    const soon = page.locator("section[aria-labelledby=snart] tbody tr").first().locator("td").nth(3);
    await expect(soon.textContent()).resolves.toMatch(/om \d+ dager|i dag|i morgen/);
    await page.goto(`${bed.url}/avdeling/FHA?aar=2023&per=2023-08-31`);
    const cells = await page.locator("section[aria-labelledby=avd-forfalt] tbody tr td:nth-child(3)").allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c).toMatch(/Forfalt: \d+ dag(er)? over fristen/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("an assignment whose other sub-tasks have no date stays overdue after sub-task a is delivered", async () => {
    // TB2023-52: "a" is due by the end of January 2023; "b" and "c" have no date, so the year's end.
    const worker = await pageAs("saksbehandler");
    await worker.goto(`${bed.url}/oppdrag/TB2023-52`);
    const deadlines = (await worker.locator("section[aria-labelledby=frister] tbody").textContent()) ?? "";
    expect(deadlines).toContain("Deloppdrag a");
    expect(deadlines).toContain("innen utgangen av 2023");
    const form = worker.locator("section[aria-labelledby=frister] tbody tr").filter({ hasText: "Deloppdrag a" }).locator("form");
    await form.locator("input[type=date]").fill("2023-05-10");
    await form.getByRole("button", { name: /Marker som levert/ }).click();
    await worker.getByText("Leveransen er lagret.").waitFor();

    const reader = await pageAs("leser");
    // Today (long after 2023) the unstarted assignment is still overdue, for the year's end.
    await reader.goto(`${bed.url}/oppdrag?aar=2023&forfalt=1&q=TB2023-52`);
    const row = rowOf(reader, "TB2023-52");
    await expect(row.locator("td").nth(4).textContent()).resolves.toMatch(/innen utgangen av 2023\s*Forfalt: \d+ dager over fristen/);
  });
});

describe("a denser list", () => {
  it("folds the set filters into one summary line, and the first results are visible at 1280 × 800", async () => {
    const page = await pageAs("leser");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${bed.url}/oppdrag?aar=2023&omrade=2.2&status=ikke_startet&forfalt=1`);
    const summary = page.locator("details.filter-more > summary");
    await expect(summary.textContent()).resolves.toBe("Flere filtre: Område 2.2 · Status: Ikke startet · Forfalte");
    await expect(page.locator("#f-omrade").isVisible()).resolves.toBe(false);
    const first = await page.locator("main tbody tr").first().boundingBox();
    expect(first).not.toBeNull();
    expect(first!.y + first!.height).toBeLessThanOrEqual(800);
    expect(await axeViolations(page)).toEqual([]);
    // The keyboard opens the folded filters; changing one keeps the others.
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#f-omrade").isVisible()).toBe(true);
    await page.check("#f-snart");
    await page.uncheck("#f-forfalt");
    await page.getByRole("button", { name: "Bruk filter" }).click();
    await page.waitForURL(/snart=1/);
    expect(new URL(page.url()).searchParams.get("omrade")).toBe("2.2");
    await expect.poll(() => page.locator("details.filter-more > summary").textContent()).toBe("Flere filtre: Område 2.2 · Status: Ikke startet · Frist innen 30 dager");
  });

  it("shows where a search matched, highlighted, and never renders markup from the text", async () => {
    const worker = await pageAs("saksbehandler");
    await worker.goto(`${bed.url}/oppdrag/TB2023-30`);
    await worker.check("#status-i_rute");
    await worker.fill("#kommentar", "Vi starter <img src=x onerror=\"document.title='hacket'\"> pilotprosjektet i Bodø i høst.");
    await worker.click("form:has(#kommentar) button[type=submit]");
    await worker.getByText("Statusen er lagret.").waitFor();

    const page = await pageAs("leser");
    await page.goto(`${bed.url}/oppdrag?aar=2023&q=pilotprosjektet`);
    const snippet = page.locator("main tbody tr .search-snippet").first();
    await expect(snippet.locator("mark").allTextContents()).resolves.toEqual(["pilotprosjektet"]);
    await expect(snippet.textContent()).resolves.toContain("<img src=x");
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.title()).not.toBe("hacket");

    // A word from the letter's text: the snippet is from the text, with the hit marked.
    await page.goto(`${bed.url}/oppdrag?aar=2023&q=sigaretter`);
    const marks = await page.locator("main tbody .search-snippet mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.toLowerCase()).toMatch(/^sigaretter/);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("start where the user works", () => {
  it("a department user starts with their departments, with a link to the whole", async () => {
    const page = await pageAs("departement", { departments: ["FHA", "KTA"] });
    await page.goto(`${bed.url}/`);
    const start = page.locator("section[aria-labelledby=start]");
    await expect(start.locator("h2").textContent()).resolves.toBe("Dine avdelinger");
    const cards = await start.locator(".start-cards > li a").allTextContents();
    expect(cards).toEqual([expect.stringMatching(/^FHA: \d+ oppdrag$/), expect.stringMatching(/^KTA: \d+ oppdrag$/)]);
    await start.getByRole("link", { name: /^FHA:/ }).click();
    await page.waitForURL(/\/avdeling\/FHA\?aar=2023$/);
    await page.goBack();
    await expect(start.getByRole("link", { name: "Hele departementets oversikt for 2023" }).getAttribute("href")).resolves.toBe("#per-omrade");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("a case handler starts with their own and their units' open assignments; saved filters show with a count", async () => {
    const page = await pageAs("saksbehandler", { departments: ["EHE"], name: "Sara Start" });
    await page.goto(`${bed.url}/oppdrag/TB2023-05`);
    await page.check("#status-i_rute");
    await page.click("form:has(#kommentar) button[type=submit]");
    await page.getByText("Statusen er lagret.").waitFor();

    await page.goto(`${bed.url}/`);
    const start = page.locator("section[aria-labelledby=start]");
    const heading = (await start.locator("#mine").textContent()) ?? "";
    const mineCount = Number(heading.match(/\((\d+)\)/)?.[1]);
    const ehe = await getDatabase().db
      .selectFrom("assignment_departments as ad")
      .innerJoin("assignments as a", "a.id", "ad.assignment_id")
      .select("a.key")
      .where("ad.department_code", "=", "EHE")
      .where("a.year", "=", 2023)
      .execute();
    const expected = new Set([...ehe.map((r) => r.key), "TB2023-05"]);
    // No demo history in the test database: every one of them is open (TB2023-31 is postponed by a letter).
    expect(mineCount).toBe([...expected].filter((k) => k !== "TB2023-31").length);
    const shown = await start.locator("tbody tr td:first-child").allTextContents();
    expect(shown.length).toBe(Math.min(10, mineCount));

    // Save a filter on the list; the start page shows it with the list's count.
    await page.goto(`${bed.url}/oppdrag?aar=2023&avdeling=EHE&forfalt=1`);
    const hits = Number((await page.locator("#treff").textContent())?.match(/(\d+) treff/)?.[1]);
    await page.fill("#filter-navn", "EHE forfalt");
    await page.getByRole("button", { name: "Lagre filter" }).click();
    await page.getByText("Filteret er lagret.").waitFor();
    await page.goto(`${bed.url}/`);
    const saved = start.getByRole("link", { name: `EHE forfalt (${hits})` });
    await expect(saved.getAttribute("href")).resolves.toBe("/oppdrag?aar=2023&avdeling=EHE&forfalt=1");
    expect(await axeViolations(page)).toEqual([]);
    await start.getByRole("button", { name: "Slett filteret EHE forfalt" }).click();
    await expect.poll(() => start.getByRole("link", { name: /EHE forfalt/ }).count()).toBe(0);
  });
});
