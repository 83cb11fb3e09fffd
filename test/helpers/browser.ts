import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { getDatabase } from "~/db/connection.server";
import type { Role } from "~/domain/roles";
import { startTestServer, type RunningServer } from "./server";
import { makeUser, SESSION_COOKIE_NAME, sessionToken } from "./users";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page in a new Norwegian browser context, signed in as `userId` (a real session, its cookie set
 * directly). `timeout` sets the page's default wait; the context is `page.context()`.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  userId: number,
  options: { context?: BrowserContextOptions; timeout?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({ locale: "nb-NO", ...options.context });
  await context.addCookies([{ name: SESSION_COOKIE_NAME, value: await sessionToken(getDatabase().db, userId), url: baseUrl }]);
  const page = await context.newPage();
  if (options.timeout) page.setDefaultTimeout(options.timeout);
  return page;
}

export interface SignedInBrowser {
  /** The test server's base URL (valid inside tests and hooks). */
  readonly url: string;
  readonly browser: Browser;
  /** A page signed in as a new user of `role`; its context is closed after the file. */
  pageAs(role: Role, options?: { javaScriptEnabled?: boolean; name?: string; departments?: string[] }): Promise<Page>;
}

/**
 * A file's browser tests against one seeded test server: starts the server and Chromium before
 * the file's tests and closes every page's context, the browser and the server after them.
 */
export function useSignedInBrowser(options: { timeout?: number } = {}): SignedInBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !browser) throw new Error("useSignedInBrowser: used outside a test");
    return { server, browser };
  };
  return {
    get url() {
      return started().server.url;
    },
    get browser() {
      return started().browser;
    },
    async pageAs(role, o = {}) {
      const user = await makeUser(getDatabase().db, role, { name: o.name, departments: o.departments });
      const page = await signedInPage(started().browser, started().server.url, user.id, {
        context: { javaScriptEnabled: o.javaScriptEnabled ?? true },
        timeout: options.timeout ?? 15_000,
      });
      contexts.push(page.context());
      return page;
    },
  };
}

/** WCAG 2.1 A/AA violations reported by axe, as short strings for readable failures. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

/** axe on a given HTML document (e.g. what a no-JavaScript page shows), scripts removed. */
export async function axeViolationsOfHtml(browser: Browser, html: string, baseUrl: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const stripped = html.replace(/<script\b[\s\S]*?<\/script>/gi, "").replace("<head>", `<head><base href="${baseUrl}/">`);
    await page.setContent(stripped, { waitUntil: "load" });
    return await axeViolations(page);
  } finally {
    await context.close();
  }
}
