import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { axeViolations, launchBrowser } from "../helpers/browser";
import { startTestServer, type RunningServer } from "../helpers/server";
import { TEST_PASSWORD } from "../helpers/users";

/** Presses Tab until the element matching `selector` has focus (keyboard only, no clicks). */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Nådde aldri ${selector} med Tab`);
}

describe("first setup, sign-in and sign-out with the keyboard", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("creates the first admin on the setup page, then signs out and in again with the keyboard only", async () => {
    const context = await browser.newContext({ locale: "nb-NO" });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);

    // No users: the sign-in page points to the one-time setup page.
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/logg-inn/);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/oppsett`);
    expect(await axeViolations(page)).toEqual([]);

    // A too-short password: errors shown in a summary and next to the field, input kept.
    await tabTo(page, "#felt-name");
    await page.keyboard.type("Ada Admin");
    await page.keyboard.press("Tab");
    await page.keyboard.type("ada@example.no");
    await page.keyboard.press("Tab");
    await page.keyboard.type("kort");
    await page.keyboard.press("Tab");
    await page.keyboard.type("kort");
    await page.keyboard.press("Enter");
    await page.getByText("Passordet må ha minst 12 tegn.").first().waitFor();
    expect(await page.inputValue("#felt-email")).toBe("ada@example.no");
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("ds-error-summary, .ds-error-summary") !== null)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.focus("#felt-password");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    const admin = await getDatabase().db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ email: "ada@example.no", role: "admin" });
    expect((await getDatabase().db.selectFrom("audit_log").select("action").execute()).map((r) => r.action)).toContain("oppsett:første-admin");

    // The admin pages pass axe.
    await page.goto(`${server.url}/admin/brukere`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/admin/brukere/${admin.id}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/admin/logg`);
    expect(await axeViolations(page)).toEqual([]);

    // Sign out with the keyboard.
    await tabTo(page, "form[action='/logg-ut'] button");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/logg-inn/);
    expect(await getDatabase().db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    // After a client-side navigation the app moves focus to the main content; start from there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("hovedinnhold");

    // Sign in with the keyboard.
    await tabTo(page, "#felt-email");
    await page.keyboard.type("ada@example.no");
    await page.keyboard.press("Tab");
    await page.keyboard.type(TEST_PASSWORD);
    expect(await page.inputValue("#felt-email")).toBe("ada@example.no");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    await page.getByText("Ada Admin").first().waitFor();
    expect(await getDatabase().db.selectFrom("sessions").selectAll().execute()).toHaveLength(1);

    // The setup page is gone now.
    const res = await page.goto(`${server.url}/oppsett`);
    expect(res?.status()).toBe(404);
    await context.close();
  });

  it("shows a Norwegian message for a wrong password, with no axe violations", async () => {
    const context = await browser.newContext({ locale: "nb-NO" });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/logg-inn`);
    await page.fill("#felt-email", "ada@example.no");
    await page.fill("#felt-password", "dette er feil passord");
    await page.keyboard.press("Enter");
    await page.getByText("Feil e-postadresse eller passord.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
