/**
 * Paging on the assignment list as served HTML: 98 assignments of 2023 at 50 per page give two
 * pages, with plain links (no JavaScript needed) and the current page marked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  cookie = await sessionCookie(getDatabase().db, (await makeUser(getDatabase().db, "leser")).id);
});
afterAll(async () => {
  await server?.stop();
});

const page = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })).text();
const nav = (html: string) => /<nav aria-label="Sider"[^>]*>(.*?)<\/nav>/s.exec(html)?.[1] ?? null;

describe("assignment list paging", () => {
  it("links the other pages and marks the current one", async () => {
    const first = nav(await page("/oppdrag?aar=2023"));
    expect(first).not.toBeNull();
    expect(first).toContain('<span aria-current="page">1</span>');
    expect(first).toContain("Neste side");
    expect(first).not.toContain("Forrige side");
    expect(first).toMatch(/<a [^>]*href="[^"]*aar=2023&amp;side=2"[^>]*>2<\/a>/);

    const second = nav(await page("/oppdrag?aar=2023&side=2"));
    expect(second).toContain('<span aria-current="page">2</span>');
    expect(second).toContain("Forrige side");
    expect(second).not.toContain("Neste side");
  });

  it("shows no paging when everything fits on one page", async () => {
    expect(nav(await page("/oppdrag?aar=2023&omrade=2.3"))).toBeNull();
  });
});
