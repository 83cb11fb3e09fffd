import axe from "axe-core";
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

/** The axe-core rules the browser tests hold every page to: WCAG 2.1 A and AA. */
export const WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core, set up as @axe-core/playwright set it up: frames of the same origin only. 4.14 or
 * later: it holds buttons and links to WCAG 2.5.3 (label-content-name-mismatch, in wcag21a).
 */
const AXE_SCRIPT = `${axe.source}\n;axe.configure({ allowedOrigins: ["<same_origin>"] });`;

/**
 * WCAG 2.1 A/AA violations reported by axe-core (`axe.run` on the whole document), as short
 * strings for readable failures. axe is put into the document only if it is not there yet (a
 * document keeps it across Remix's client-side navigations), and the results are shortened in the
 * page. This is what @axe-core/playwright's `AxeBuilder.withTags(…).analyze()` did, without its
 * costs per call: it evaluated axe's 650 kB source twice and opened and closed an extra page in
 * the context (≈ 2–4 s per call on a loaded 2-core machine against ≈ 0.3–1.5 s here).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // The app has no frames; axe in a frame would need its own copy (AxeBuilder injected one).
  if (page.frames().length > 1) throw new Error("axeViolations: siden har rammer (iframe); axe må da settes inn i hver ramme.");
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: typeof axe }).axe?.run === "function");
  if (!hasAxe) await page.evaluate(AXE_SCRIPT);
  return page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`,
    );
  }, WCAG_21_AA_TAGS);
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
