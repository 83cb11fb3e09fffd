/**
 * The small ones of #18 item 9, over HTTP against the built server: /frister asks for no date on
 * a closed or finished assignment; the report-text page does not call an empty field "the latest
 * comment"; an empty uploaded file gets a message that says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await makeUser(getDatabase().db, "admin");
  cookie = await sessionCookie(getDatabase().db, admin.id);
});
afterAll(async () => {
  await server?.stop();
});

const get = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })).text();
const post = (path: string, body: FormData | URLSearchParams) =>
  fetch(`${server.url}${path}`, { method: "POST", body, headers: { Cookie: cookie, Origin: server.url }, redirect: "manual" });

async function setStatus(key: string, status: string, comment: string) {
  const { version } = await getDatabase().db.selectFrom("assignments").select("version").where("key", "=", key).executeTakeFirstOrThrow();
  const res = await post(`/oppdrag/${key}`, new URLSearchParams({ intent: "status", status, comment, version: String(version) }));
  expect(res.status).toBe(302);
}

describe("small fixes", () => {
  it("/frister leaves out assignments that are Avsluttet or Fullført", async () => {
    const open = await getDatabase().db
      .selectFrom("effective_deadlines as d")
      .innerJoin("assignments as a", "a.id", "d.assignment_id")
      .select("a.key")
      .where("d.state", "<>", "dated")
      .where("a.has_id", "=", 1)
      .orderBy("a.key")
      .execute();
    const keys = [...new Set(open.map((r) => r.key))];
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const [closed, done, still] = keys;
    let page = await get("/frister");
    for (const k of [closed, done, still]) expect(page).toContain(`${k} `);
    await setStatus(closed, "avsluttet", "Trukket av departementet");
    await setStatus(done, "fullfort", "");
    page = await get("/frister");
    expect(page).not.toContain(`>${closed} `);
    expect(page).not.toContain(`>${done} `);
    expect(page).toContain(`>${still} `);
  });

  it("the report-text page does not offer an empty field as the latest comment", async () => {
    const empty = await get("/rapport/tekst/TB2023-40?aar=2023&per=2023-12-31");
    expect(empty).not.toContain("Forslaget er den siste kommentaren");
    expect(empty).toContain("Oppdraget har ingen kommentar å foreslå");
    await setStatus("TB2023-41", "forsinket", "Venter på avklaring om finansiering");
    const suggested = await get("/rapport/tekst/TB2023-41?aar=2023&per=2026-12-31");
    expect(suggested).toContain("Forslaget er den siste kommentaren");
    expect(suggested).toContain("Venter på avklaring om finansiering");
  });

  it("an empty uploaded file is named as empty; no file at all asks for one", async () => {
    const form = new FormData();
    form.append("fil", new Blob([]), "brev.pdf");
    const res = await post("/admin/brev", form);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Filen «brev.pdf» er tom (0 byte)");
    const none = new FormData();
    none.append("fil", new Blob([]), "");
    const res2 = await post("/admin/brev", none);
    expect(res2.status).toBe(400);
    expect(await res2.text()).toContain("Velg en fil, eller lim inn teksten i brevet.");
  });
});
