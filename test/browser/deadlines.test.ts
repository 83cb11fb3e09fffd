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
  const user = await makeUser(getDatabase().db, "departement", { departments: ["FHA"], name: "Frida FHA" });
  page = await signedInPage(browser, server.url, user.id, { timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("deadlines to be agreed", () => {
  it("shows the department's queue and records an agreed date with the keyboard", async () => {
    await page.goto(`${server.url}/frister`);
    const count = async () => Number((await page.getByRole("status").filter({ hasText: /venter/ }).textContent())?.match(/(\d+) frist/)?.[1]);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    expect(await page.locator("main tbody").textContent()).toContain("TB2023-03");
    expect(await axeViolations(page)).toEqual([]);

    const row = page.locator("tr", { hasText: "TB2023-03" });
    // (Chromium's date field takes Tab between its own day/month/year parts, so the date is filled.)
    await row.locator("input[type=date]").fill("2023-10-02");
    await row.getByLabel("Referanse (e-post eller brev)").focus();
    await page.keyboard.type("E-post fra FHA 1.9.2023");
    await page.keyboard.press("Enter");
    await page.waitForURL(/lagret=1/);
    await page.getByRole("status").filter({ hasText: "Den avtalte fristen er lagret." }).waitFor();
    await expect.poll(count).toBe(before - 1);
    const agreed = await getDatabase().db.selectFrom("deadline_agreements").selectAll().execute();
    expect(agreed).toHaveLength(1);
    expect(agreed[0]).toMatchObject({ agreed_date: "2023-10-02", reference: "E-post fra FHA 1.9.2023", actor_name: "Frida FHA" });

    // The detail page shows the agreed date, and validation errors are shown on the queue.
    await page.goto(`${server.url}/oppdrag/TB2023-03`);
    expect(await page.locator("section[aria-labelledby=frister]").textContent()).toContain("Avtalt 02.10.2023 av Frida FHA");
    await page.goto(`${server.url}/frister`);
    await page.locator("tr", { hasText: "TB2023-07" }).getByRole("button").click();
    await page.getByText("Skriv inn en gyldig dato").first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("calendar link and reminder choices", () => {
  it("makes a calendar link once, serves the feed, and revokes it", async () => {
    await page.goto(`${server.url}/konto`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Lag kalenderlenke" }).click();
    await page.locator("code.feed-url").first().waitFor();
    const urls = await page.locator("code.feed-url").allTextContents();
    expect(urls).toHaveLength(2); // mine + FHA
    expect(await axeViolations(page)).toEqual([]);
    const feed = await page.request.get(urls[1]);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");

    await page.goto(`${server.url}/konto`);
    await page.getByRole("button", { name: "Trekk tilbake lenken" }).click();
    await page.getByText("Kalenderlenken er trukket tilbake.").waitFor();
    expect((await page.request.get(urls[1])).status()).toBe(403);
  });

  it("saves reminder opt-outs", async () => {
    await page.goto(`${server.url}/konto`);
    await page.uncheck("#varsel-14d");
    await page.getByRole("button", { name: "Lagre varslingsvalg" }).click();
    await page.getByText("Varslingsvalgene er lagret.").waitFor();
    expect(await page.isChecked("#varsel-14d")).toBe(false);
    expect(await page.isChecked("#varsel-forfalt")).toBe(true);
    expect(await getDatabase().db.selectFrom("reminder_opt_outs").select("kind").execute()).toEqual([{ kind: "14d" }]);
    expect(await axeViolations(page)).toEqual([]);
  });
});
