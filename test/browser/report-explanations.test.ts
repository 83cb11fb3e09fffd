/**
 * Writing every explanation on one page (/rapport/forklaringer), in Chromium against the built
 * server, without and with JavaScript: a writer fills in all that is missing for a report date and
 * the final export is then allowed; the latest comment is taken over with one action; a text saved
 * by someone else meanwhile is a conflict that keeps what was typed; empty texts are refused.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { saveReportText } from "~/models/report.server";
import { recordStatusUpdate } from "~/models/status-event.server";
import { axeViolations, axeViolationsOfHtml, launchBrowser, signedInPage } from "../helpers/browser";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser } from "../helpers/users";

let server: RunningServer;
let browser: Browser;
let userId: number;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const user = await makeUser(getDatabase().db, "saksbehandler", { name: "Frida Forklaring" });
  userId = user.id;
  // Two assignments with a status comment in March 2023: the comment can be taken over.
  for (const [key, comment] of [
    ["TB2023-02", "Arbeidet er i gang etter planen; utkast til departementet i juni."],
    ["TB2023-12", "Oppstartsmøte holdt; arbeidsplan er laget."],
  ]) {
    const a = await getDatabase().db.selectFrom("assignments").select(["id", "version"]).where("key", "=", key).executeTakeFirstOrThrow();
    const actor = { userId: user.id, name: `Frida Forklaring <${user.email}>`, person: "Frida Forklaring", ip: null, userAgent: null };
    const result = await recordStatusUpdate(getDatabase(), { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment, actor }, new Date("2023-03-01T10:00:00Z"));
    expect(result.ok).toBe(true);
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const missingOnPage = async (page: Page) => Number((await page.locator("#mangler-antall").textContent())?.match(/^(\d+) oppdrag mangler/)?.[1] ?? 0);
const finalExportStatus = async (page: Page, date: string) =>
  (await page.request.get(`${server.url}/rapport/eksport?aar=2023&per=${date}&format=docx`)).status();

/**
 * Fills every field of an assignment that lacks an explanation; returns how many. The first is
 * typed into as a user would (Playwright's fill); the other ≈ 95 get their text in one step, as
 * the page's plain, uncontrolled textareas allow (the value set and an input event sent), instead
 * of ≈ 95 round trips of ≈ 70 ms each.
 */
async function fillMissing(page: Page, prefix: string): Promise<number> {
  const fields = page.locator("li.row-missing textarea");
  const text = (i: number) => `${prefix} ${i + 1}: arbeidet er planlagt og startes etter avtale med departementet.`;
  const n = await fields.count();
  if (n === 0) return 0;
  await fields.first().fill(text(0));
  const texts = Array.from({ length: n }, (_, i) => text(i));
  const set = await fields.evaluateAll((els, texts) => {
    els.slice(1).forEach((el, i) => {
      (el as HTMLTextAreaElement).value = texts[i + 1]!;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    return els.length;
  }, texts);
  expect(set).toBe(n);
  return n;
}

describe("all explanations on one page", () => {
  it("without JavaScript: take over a comment, fill in every missing explanation, save once, and the final export is allowed", async () => {
    const page = await signedInPage(browser, server.url, userId, { context: { javaScriptEnabled: false }, timeout: 15_000 });
    const date = "2023-04-30";
    await page.goto(`${server.url}/rapport/forklaringer?aar=2023&per=${date}`);
    const missing = await missingOnPage(page);
    expect(missing).toBeGreaterThan(5);
    expect(await page.locator("li.row-missing").count()).toBe(missing);
    expect(await finalExportStatus(page, date)).toBe(409);
    // Title, status and deadlines are at hand for each field, which is labelled by the title.
    const first = page.locator("li.explanation").first();
    expect(await first.locator("label").textContent()).toMatch(/^TB2023-\d+ \S/);
    expect(await first.textContent()).toMatch(/Status: .*Frist: /);

    // One action takes over the latest comment, and what was typed elsewhere stays.
    await page.locator("li.row-missing textarea").first().fill("Skrevet før kommentaren ble tatt over.");
    const withComment = page.locator("li.explanation", { has: page.getByRole("button", { name: /^Bruk som forklaring for .* \(siste kommentar\)$/ }) }).first();
    const comment = (await withComment.locator(".explanation__comment .history__comment").textContent()) ?? "";
    expect(comment.length).toBeGreaterThan(5);
    const commentKey = await withComment.locator("input[name=key]").getAttribute("value");
    await withComment.getByRole("button", { name: /^Bruk som forklaring for .* \(siste kommentar\)$/ }).click();
    await page.waitForLoadState("load");
    expect(await page.locator(`li.explanation:has(input[name=key][value="${commentKey}"]) textarea`).inputValue()).toBe(comment);
    expect(await page.locator("li.row-missing textarea").first().inputValue()).toBe("Skrevet før kommentaren ble tatt over.");

    const filled = await fillMissing(page, "Uten JS");
    expect(filled).toBe(missing);
    await page.getByRole("button", { name: "Lagre alle forklaringer" }).click();
    await page.waitForURL(/lagret=\d+/);
    await page.locator("#bekreftelse", { hasText: `${missing + 1} forklaringer er lagret.` }).waitFor();
    expect(await page.locator("#bekreftelse").textContent()).toContain("Alle oppdrag har forklaring; den endelige rapporten kan lastes ned.");
    expect(await missingOnPage(page)).toBe(0);
    expect(await page.locator("li.row-missing").count()).toBe(0);
    // Author and time are shown with each saved text.
    expect(await first.textContent()).toContain("Sist skrevet av Frida Forklaring");
    expect(await finalExportStatus(page, date)).toBe(200);
    expect(await axeViolationsOfHtml(browser, await page.content(), server.url)).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("with JavaScript: fill in every missing explanation, focus on the confirmation, no axe violations, final export allowed", async () => {
    const page = await signedInPage(browser, server.url, userId, { timeout: 15_000 });
    const date = "2023-12-31";
    await page.goto(`${server.url}/rapport?aar=2023&per=${date}`);
    await page.getByRole("link", { name: "Skriv alle forklaringer på én side" }).click();
    await page.waitForURL(/\/rapport\/forklaringer/);
    await page.getByRole("heading", { level: 1, name: /^Forklaringer til rapporten 2023/ }).waitFor();
    const missing = await missingOnPage(page);
    expect(missing).toBeGreaterThan(5);
    expect(await axeViolations(page)).toEqual([]);

    // With JavaScript the comment is taken over in place, without a round trip.
    const withComment = page.locator("li.explanation", { has: page.getByRole("button", { name: /^Bruk som forklaring for .* \(siste kommentar\)$/ }) }).first();
    const comment = (await withComment.locator(".explanation__comment .history__comment").textContent()) ?? "";
    await withComment.getByRole("button", { name: /^Bruk som forklaring for .* \(siste kommentar\)$/ }).click();
    expect(await withComment.locator("textarea").inputValue()).toBe(comment);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");

    expect(await fillMissing(page, "Med JS")).toBe(missing);
    await page.getByRole("button", { name: "Lagre alle forklaringer" }).click();
    await page.waitForURL(/lagret=\d+/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("bekreftelse");
    expect(await page.locator("#bekreftelse").textContent()).toContain(`${missing + 1} forklaringer er lagret.`);
    expect(await missingOnPage(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(await finalExportStatus(page, date)).toBe(200);

    // The report page agrees.
    await page.goto(`${server.url}/rapport?aar=2023&per=${date}`);
    expect(await page.locator("#mangler").textContent()).toBe("Alle oppdrag har forklaring");
    await page.context().close();
  }, 180_000);

  for (const javaScriptEnabled of [true, false]) {
    it(`a text saved by someone else meanwhile is a conflict that keeps what was typed (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const page = await signedInPage(browser, server.url, userId, { context: { javaScriptEnabled }, timeout: 15_000 });
      const date = javaScriptEnabled ? "2023-08-31" : "2023-09-30";
      await page.goto(`${server.url}/rapport/forklaringer?aar=2023&per=${date}`);
      const item = page.locator("li.explanation").first();
      const key = (await item.locator("input[name=key]").getAttribute("value")) as string;
      const db = getDatabase().db;
      const assignment = await db.selectFrom("assignments").select(["id", "key"]).where("key", "=", key).executeTakeFirstOrThrow();
      const other = await makeUser(db, "saksbehandler", { name: "Olav Annen" });
      await saveReportText(db, assignment, date, "Olavs tekst, lagret først.", { userId: other.id, name: "Olav Annen <olav@example.no>", person: "Olav Annen" });

      await item.locator("textarea").fill("Min tekst, skrevet samtidig.");
      await page.getByRole("button", { name: "Lagre alle forklaringer" }).click();
      await page.locator("#bekreftelse [role=alert]").waitFor();
      expect(await page.locator("#bekreftelse").textContent()).toContain("Noen andre har lagret en nyere tekst mens du skrev");
      const again = page.locator(`li.explanation:has(input[name=key][value="${key}"])`);
      expect(await again.locator(".explanation__conflict").textContent()).toContain("Olavs tekst, lagret først.");
      expect(await again.locator(".explanation__conflict").textContent()).toContain("Olav Annen");
      expect(await again.locator("textarea").inputValue()).toBe("Min tekst, skrevet samtidig.");
      if (javaScriptEnabled) {
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("bekreftelse");
        expect(await axeViolations(page)).toEqual([]);
      } else {
        expect(await axeViolationsOfHtml(browser, await page.content(), server.url)).toEqual([]);
      }
      const stored = await db.selectFrom("report_texts").select("text").where("assignment_id", "=", assignment.id).where("report_date", "=", date).orderBy("id", "desc").execute();
      expect(stored.map((s) => s.text)).toEqual(["Olavs tekst, lagret først."]);

      // Saving again, having seen the newer text, is a deliberate choice and goes through.
      await page.getByRole("button", { name: "Lagre alle forklaringer" }).click();
      await page.waitForURL(/lagret=1/);
      // The URL changes before React has shown the saved page; wait for the page itself.
      await page.locator("#bekreftelse", { hasText: "1 forklaring er lagret." }).waitFor();
      const after = await db.selectFrom("report_texts").select("text").where("assignment_id", "=", assignment.id).where("report_date", "=", date).orderBy("id", "desc").execute();
      expect(after.map((s) => s.text)).toEqual(["Min tekst, skrevet samtidig.", "Olavs tekst, lagret først."]);

      // Erasing a written text is refused, here and on the single-text page.
      await page.locator(`li.explanation:has(input[name=key][value="${key}"]) textarea`).fill("");
      await page.getByRole("button", { name: "Lagre alle forklaringer" }).click();
      await page.locator("#bekreftelse [role=alert]").waitFor();
      expect(await page.locator("#bekreftelse").textContent()).toContain("Forklaringen kan ikke være tom");
      await page.goto(`${server.url}/rapport/tekst/${encodeURIComponent(key)}?aar=2023&per=${date}`);
      await page.fill("#rapporttekst", "   ");
      await page.getByRole("button", { name: "Lagre" }).click();
      await page.locator("#rapporttekst-feil").waitFor();
      expect(await page.locator("#rapporttekst-feil").textContent()).toContain("Teksten kan ikke være tom");
      const last = await db.selectFrom("report_texts").select("text").where("assignment_id", "=", assignment.id).where("report_date", "=", date).orderBy("id", "desc").execute();
      expect(last).toHaveLength(2);
      await page.context().close();
    }, 120_000);
  }
});
