/**
 * The upload preview of a later letter to an agency without IDs: the item that names an
 * assignment by its title is shown as an addition to it, by its title (an assignment without ID
 * has no ID to show), and the new one as new.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { readFormLetter } from "../helpers/letter-series";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  const db = getDatabase().db;
  await importLetterText(db, readFormLetter("kystdirektoratet-2026-uten-id.txt"), "main.txt");
  cookie = await sessionCookie(db, (await makeUser(db, "admin")).id);
});
afterAll(async () => {
  await server?.stop();
});

describe("preview of a later letter without IDs", () => {
  it("shows the mention by title as an addition, named by its title", async () => {
    const form = new FormData();
    form.append("tekst", readFormLetter("kystdirektoratet-2026-nr1-uten-id.txt"));
    const res = await fetch(`${server.url}/admin/brev`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: server.url }, redirect: "manual" });
    expect(res.status).toBe(302);
    const html = await (await fetch(`${server.url}${res.headers.get("location")}`, { headers: { Cookie: cookie } })).text();
    expect(html).toMatch(/Nye oppdrag \(<!-- -->1<!-- -->\)|Nye oppdrag \(1\)/);
    expect(html).toMatch(/Lagt til i eksisterende oppdrag \(<!-- -->1<!-- -->\)|Lagt til i eksisterende oppdrag \(1\)/);
    expect(html).toMatch(/<h3[^>]*><a[^>]*>Beredskapsplan for akutt forurensning<\/a><\/h3>/);
    expect(html).toContain('aria-label="Rett eller utelat Beredskapsplan for akutt forurensning"');
    expect(html).not.toMatch(/>uten-id-/);
  });
});
