/**
 * The daily work in Chromium, keyboard first: filtering, status updates, the comment rule, two
 * people updating the same assignment (409), the form without JavaScript, as-of views and the
 * department page, with axe on every page and error state.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { axeViolations, axeViolationsOfHtml, useSignedInBrowser } from "../helpers/browser";

async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Nådde aldri ${selector} med Tab`);
}

const bed = useSignedInBrowser();
const pageAs = bed.pageAs;

describe("the assignment list", () => {
  it("filters by URL, shows the count, and searches with the keyboard", async () => {
    const page = await pageAs("leser");
    await page.goto(`${bed.url}/oppdrag?aar=2023&omrade=2.1`);
    const count = Number((await page.locator("#treff").textContent())?.match(/(\d+) treff/)?.[1]);
    expect(count).toBe(await page.locator("main tbody tr").count());
    expect(count).toBeGreaterThan(10);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, "#f-q");
    await page.keyboard.type("tobakk");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=tobakk/);
    await expect.poll(async () => page.locator("main tbody tr td:first-child").allTextContents()).toEqual(
      expect.arrayContaining(["TB2023-04", "TB2023-05"]),
    );
    expect(new URL(page.url()).searchParams.get("omrade")).toBe("2.1");

    // Sorting by a column keeps the filter in the URL.
    await page.getByRole("link", { name: "Frist", exact: true }).click();
    await page.waitForURL(/sorter=frist/);
    expect(new URL(page.url()).searchParams.get("q")).toBe("tobakk");
  });

  it("gives a clear Norwegian 400 for a malformed date, with no axe violations", async () => {
    const page = await pageAs("leser");
    const res = await page.goto(`${bed.url}/oppdrag?per=2023-02-30`);
    expect(res?.status()).toBe(400);
    expect(await page.locator("main").textContent()).toContain("er ikke en gyldig dato");
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("updating status", () => {
  it("updates status and comment with the keyboard, and shows it in the history", async () => {
    const page = await pageAs("saksbehandler", { name: "Siri Saksbehandler" });
    await page.goto(`${bed.url}/oppdrag/TB2023-10`);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, "#status-ikke_startet");
    await page.keyboard.press("ArrowDown"); // I rute
    expect(await page.isChecked("#status-i_rute")).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Arbeidet er i gang, første utkast i juni.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText("Statusen er lagret.").waitFor();
    const history = await page.locator("section[aria-labelledby=historikk]").textContent();
    expect(history).toContain("I rute");
    expect(history).toContain("Siri Saksbehandler");
    expect(history).toContain("Arbeidet er i gang, første utkast i juni.");
  });

  it("requires a comment for Forsinket, shows the error next to the field and in a focused summary", async () => {
    const page = await pageAs("saksbehandler");
    await page.goto(`${bed.url}/oppdrag/TB2023-11`);
    await page.check("#status-forsinket");
    await page.click("form:has(#kommentar) button[type=submit]");
    await page.locator("#kommentar-feil").waitFor();
    expect(await page.locator("#kommentar-feil").textContent()).toContain("Skriv en kommentar");
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest(".ds-error-summary"))).toBe(true);
    expect(await page.isChecked("#status-forsinket")).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const events = await getDatabase().db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .select("e.id")
      .where("a.key", "=", "TB2023-11")
      .execute();
    expect(events).toEqual([]);
  });

  it("refuses the second of two concurrent updates with 409, shows the newer change and keeps the text", async () => {
    const anne = await pageAs("saksbehandler", { name: "Anne Først" });
    const bjorn = await pageAs("saksbehandler", { name: "Bjørn Sist" });
    await anne.goto(`${bed.url}/oppdrag/TB2023-12`);
    await bjorn.goto(`${bed.url}/oppdrag/TB2023-12`);

    await anne.check("#status-i_rute");
    await anne.fill("#kommentar", "Anne sin vurdering");
    await anne.click("form:has(#kommentar) button[type=submit]");
    await anne.getByText("Statusen er lagret.").waitFor();

    await bjorn.check("#status-forsinket");
    await bjorn.fill("#kommentar", "Bjørn sin lange tekst som ikke må gå tapt");
    const [response] = await Promise.all([
      bjorn.waitForResponse((r) => r.request().method() === "POST"),
      bjorn.click("form:has(#kommentar) button[type=submit]"),
    ]);
    expect(response.status()).toBe(409);
    const alert = bjorn.getByRole("alert").filter({ hasText: "Noen andre har oppdatert" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Anne Først");
    expect(await alert.textContent()).toContain("Anne sin vurdering");
    expect(await bjorn.inputValue("#kommentar")).toBe("Bjørn sin lange tekst som ikke må gå tapt");
    expect(await axeViolations(bjorn)).toEqual([]);

    // Saving again after seeing the newer change is a deliberate decision, and goes through.
    await bjorn.click("form:has(#kommentar) button[type=submit]");
    await bjorn.getByText("Statusen er lagret.").waitFor();
    const comments = await getDatabase().db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .select(["e.comment", "e.version"])
      .where("a.key", "=", "TB2023-12")
      .orderBy("e.version")
      .execute();
    expect(comments.map((c) => c.comment)).toEqual(["Anne sin vurdering", "Bjørn sin lange tekst som ikke må gå tapt"]);
  });

  it("works with JavaScript turned off", async () => {
    const page = await pageAs("saksbehandler", { javaScriptEnabled: false, name: "Uten Skript" });
    await page.goto(`${bed.url}/oppdrag/TB2023-13`);
    await page.check("#status-fullfort");
    await page.fill("#kommentar", "Levert uten JavaScript");
    await page.click("form:has(#kommentar) button[type=submit]");
    await page.getByText("Statusen er lagret.").waitFor();
    expect(await page.locator("section[aria-labelledby=historikk]").textContent()).toContain("Levert uten JavaScript");
    // The comment rule holds without JavaScript too.
    await page.check("#status-avsluttet");
    await page.fill("#kommentar", "");
    await page.click("form:has(#kommentar) button[type=submit]");
    await page.locator("#kommentar-feil").waitFor();
    // axe needs script: check the exact server-rendered (no-JS) HTML in a scripting page.
    expect(await axeViolationsOfHtml(bed.browser, await page.content(), bed.url)).toEqual([]);
  });

  it("marks a deliverable as delivered", async () => {
    const page = await pageAs("saksbehandler");
    await page.goto(`${bed.url}/oppdrag/TB2023-81`);
    const form = page.locator("form:has(input[name=deadlineId])").first();
    await form.locator("input[type=date]").fill("2023-04-20");
    await form.getByRole("button", { name: /Marker som levert/ }).click();
    await page.getByText("Leveransen er lagret.").waitFor();
    expect(await page.locator("section[aria-labelledby=frister]").textContent()).toContain("Levert 20.04.2023");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("hides the update form from readers, and refuses their direct POST", async () => {
    const page = await pageAs("leser");
    await page.goto(`${bed.url}/oppdrag/TB2023-14`);
    expect(await page.locator("#kommentar").count()).toBe(0);
    const status = await page.evaluate(async () => {
      const body = new URLSearchParams({ intent: "status", status: "fullfort", comment: "", version: "0" });
      const r = await fetch(location.pathname, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
      return r.status;
    });
    expect(status).toBe(403);
  });
});

describe("views over time and per department", () => {
  it("shows status as of a date on the overview, the list and the detail page", async () => {
    const page = await pageAs("leser");
    await page.goto(`${bed.url}/?per=2023-08-31`);
    expect(await page.locator("main").textContent()).toContain("Tallene viser status per 31. august 2023");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${bed.url}/oppdrag/TB2023-10?per=2023-08-31`);
    // TB2023-10 was set to I rute today, so on 31 August 2023 it had not started.
    expect(await page.locator("dl.facts").textContent()).toContain("Ikke startet");
    expect(await page.locator("#kommentar").count()).toBe(0);
    await page.goto(`${bed.url}/oppdrag/TB2023-10`);
    expect(await page.locator("dl.facts").textContent()).toContain("I rute");
  });

  it("lists a department's assignments, overdue first, with open deadlines apart", async () => {
    const page = await pageAs("departement");
    await page.goto(`${bed.url}/`);
    await page.getByRole("link", { name: "Min avdeling FHA" }).click();
    await page.waitForURL(/\/avdeling\/FHA/);
    await page.getByRole("heading", { level: 2, name: /^Forfalt/ }).waitFor();
    const headings = await page.locator("main h2").allTextContents();
    expect(headings[0]).toMatch(/^Forfalt \(\d+\)$/);
    expect(headings[1]).toMatch(/^Frist innen 30 dager/);
    expect(headings.at(-1)).toMatch(/^Frister som skal avklares/);
    expect(await page.locator("section[aria-labelledby=avd-avklares]").textContent()).toContain("TB2023-03");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("lists what changed since a date", async () => {
    const page = await pageAs("leser");
    await page.goto(`${bed.url}/endringer?siden=2020-01-01`);
    expect(await page.locator("main").textContent()).toContain("Arbeidet er i gang, første utkast i juni.");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${bed.url}/konto`);
    expect(await axeViolations(page)).toEqual([]);
  });
});
