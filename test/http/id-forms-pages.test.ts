/**
 * An ID with a slash ("13/2024", Kommunal- og distriktsdepartementet's form) as served pages: the
 * list links to its page with the slash encoded, and the page opens (production build).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { getDatabase } from "~/db/connection.server";
import { readFormLetter } from "../helpers/letter-series";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
let reader: string;

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  for (const file of ["husbanken-2024-nr2.txt", "husbanken-2024-nr3.txt"]) await importLetterText(getDatabase().db, readFormLetter(file), file);
  reader = await sessionCookie(getDatabase().db, (await makeUser(getDatabase().db, "leser")).id);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const get = (p: string) => fetch(`${server.url}${p}`, { headers: { Cookie: reader }, redirect: "manual" });

describe("an ID with a slash", () => {
  it("is linked from the list with the slash encoded, and its page shows it", async () => {
    const list = await get("/oppdrag?aar=2024");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('href="/oppdrag/13%2F2024"');
    const res = await get("/oppdrag/13%2F2024");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Mer treffsikre boutgiftstak");
    expect(page).toContain("13/2024");
  });
});
