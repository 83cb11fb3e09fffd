/**
 * Every route × role over real HTTP against the built server: allowed, denied, redirected;
 * cross-site POSTs; session rotation and sign-out; headers on pages and errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/auth/permissions";
import { getDatabase } from "~/db/connection.server";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie, TEST_PASSWORD } from "../helpers/users";

let server: RunningServer;
const cookies: Partial<Record<Role, string>> = {};
const users: Partial<Record<Role, { id: number; email: string }>> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ["admin", "saksbehandler", "departement", "leser"] as const) {
    users[role] = await makeUser(getDatabase().db, role);
    cookies[role] = await sessionCookie(getDatabase().db, users[role]!.id);
  }
});
afterAll(async () => {
  await server?.stop();
});

function get(path: string, cookie?: string) {
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, body: Record<string, string | string[]>, options: { cookie?: string; origin?: string | null } = {}) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const item of [v].flat()) form.append(k, item);
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.origin !== null) headers.Origin = options.origin ?? server.url;
  return fetch(`${server.url}${path}`, { method: "POST", body: form, redirect: "manual", headers });
}

const PAGES: Array<{ path: string; allowed: Role[] }> = [
  { path: "/", allowed: ["admin", "saksbehandler", "departement", "leser"] },
  { path: "/oppdrag/TB2023-05", allowed: ["admin", "saksbehandler", "departement", "leser"] },
  { path: "/oppdrag?aar=2023&status=ikke_startet", allowed: ["admin", "saksbehandler", "departement", "leser"] },
  { path: "/avdeling/FHA", allowed: ["admin", "saksbehandler", "departement", "leser"] },
  { path: "/endringer", allowed: ["admin", "saksbehandler", "departement", "leser"] },
  { path: "/konto", allowed: ["admin", "saksbehandler", "departement", "leser"] },
  { path: "/admin/brukere", allowed: ["admin"] },
  { path: "/admin/brukere/1", allowed: ["admin"] },
  { path: "/admin/logg", allowed: ["admin"] },
];

describe("who may see which page", () => {
  for (const { path, allowed } of PAGES) {
    it(`${path}: signed out is sent to sign-in`, async () => {
      const res = await get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/logg-inn?neste=${encodeURIComponent(path)}`);
    });
    for (const role of ["admin", "saksbehandler", "departement", "leser"] as const) {
      const expected = allowed.includes(role) ? 200 : 403;
      it(`${path} as ${role}: ${expected}`, async () => {
        const res = await get(path, cookies[role]);
        expect(res.status).toBe(expected);
        const html = await res.text();
        if (expected === 403) expect(html).toContain("Ingen tilgang");
      });
    }
  }

  it("the setup page is gone once a user exists", async () => {
    expect((await get("/oppsett")).status).toBe(404);
  });
});

describe("actions the UI hides are refused on direct POST", () => {
  const statusEvents = () =>
    getDatabase().db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .select("e.id")
      .where("a.key", "=", "TB2023-09")
      .execute();

  for (const role of ["departement", "leser"] as const) {
    it(`updating a status as ${role} is 403 and writes nothing`, async () => {
      const before = await statusEvents();
      const res = await post("/oppdrag/TB2023-09", { intent: "status", status: "fullfort", comment: "", version: "0" }, { cookie: cookies[role] });
      expect(res.status).toBe(403);
      expect(await statusEvents()).toEqual(before);
    });
    it(`marking a deliverable as ${role} is 403`, async () => {
      const res = await post("/oppdrag/TB2023-62", { intent: "leveranse", deadlineId: "1", delivered: "ja", deliveredOn: "2023-01-01" }, { cookie: cookies[role] });
      expect(res.status).toBe(403);
    });
  }

  it("a case handler's status update is saved and redirects; bad input is 400 and writes nothing", async () => {
    const bad = await post("/oppdrag/TB2023-09", { intent: "status", status: "forsinket", comment: "", version: "0" }, { cookie: cookies.saksbehandler });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Skriv en kommentar");
    expect(await statusEvents()).toEqual([]);
    const ok = await post("/oppdrag/TB2023-09", { intent: "status", status: "i_rute", comment: "ok", version: "0" }, { cookie: cookies.saksbehandler });
    expect(ok.status).toBe(302);
    expect(await statusEvents()).toHaveLength(1);
    const stale = await post("/oppdrag/TB2023-09", { intent: "status", status: "fullfort", comment: "", version: "0" }, { cookie: cookies.saksbehandler });
    expect(stale.status).toBe(409);
    expect(await statusEvents()).toHaveLength(1);
  });

  for (const role of ["saksbehandler", "departement", "leser"] as const) {
    it(`creating a user as ${role} is 403 and creates nothing`, async () => {
      const before = await getDatabase().db.selectFrom("users").select("id").execute();
      const res = await post(
        "/admin/brukere",
        { email: `inntrenger-${role}@example.no`, name: "Inntrenger", role: "admin", password: TEST_PASSWORD, password2: TEST_PASSWORD },
        { cookie: cookies[role] },
      );
      expect(res.status).toBe(403);
      expect(await getDatabase().db.selectFrom("users").select("id").execute()).toEqual(before);
    });
    it(`disabling a user as ${role} is 403`, async () => {
      const res = await post(`/admin/brukere/${users.leser!.id}`, { intent: "deaktiver" }, { cookie: cookies[role] });
      expect(res.status).toBe(403);
      const row = await getDatabase().db.selectFrom("users").select("disabled_at").where("id", "=", users.leser!.id).executeTakeFirstOrThrow();
      expect(row.disabled_at).toBeNull();
    });
  }

  it("an admin can create a user; bad input gives 400 with messages and keeps the input", async () => {
    const bad = await post("/admin/brukere", { email: "ny@example.no", name: "Ny Bruker", role: "leser", password: "kort", password2: "kort" }, { cookie: cookies.admin });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Passordet må ha minst 12 tegn.");
    expect(html).toContain('value="ny@example.no"');
    expect(html).not.toContain("kort\"");
    const ok = await post(
      "/admin/brukere",
      { email: "ny@example.no", name: "Ny Bruker", role: "departement", departments: ["FHA", "KTA"], password: TEST_PASSWORD, password2: TEST_PASSWORD },
      { cookie: cookies.admin },
    );
    expect(ok.status).toBe(302);
    const created = await getDatabase().db.selectFrom("users").selectAll().where("email", "=", "ny@example.no").executeTakeFirstOrThrow();
    expect(created.role).toBe("departement");
    const audit = await getDatabase().db.selectFrom("audit_log").selectAll().where("action", "=", "bruker:opprettet").where("target", "=", `bruker:${created.id}`).executeTakeFirstOrThrow();
    expect(audit.user_id).toBe(users.admin!.id);
    expect(audit.details).not.toContain(TEST_PASSWORD);
  });
});

describe("cross-site requests", () => {
  it("a cross-site sign-in POST gets 403 and writes nothing", async () => {
    const before = await getDatabase().db.selectFrom("audit_log").select("id").execute();
    const sessions = await getDatabase().db.selectFrom("sessions").select("id_hash").execute();
    const res = await post("/logg-inn", { email: users.leser!.email, password: TEST_PASSWORD }, { origin: "https://angriper.example" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("annet nettsted");
    expect(await getDatabase().db.selectFrom("audit_log").select("id").execute()).toEqual(before);
    expect(await getDatabase().db.selectFrom("sessions").select("id_hash").execute()).toEqual(sessions);
  });

  it("a cross-site admin POST with a valid session cookie gets 403", async () => {
    const res = await post(
      "/admin/brukere",
      { email: "csrf@example.no", name: "CSRF", role: "admin", password: TEST_PASSWORD, password2: TEST_PASSWORD },
      { cookie: cookies.admin, origin: "https://angriper.example" },
    );
    expect(res.status).toBe(403);
    expect(await getDatabase().db.selectFrom("users").select("id").where("email", "=", "csrf@example.no").executeTakeFirst()).toBeUndefined();
  });
});

describe("sessions over HTTP", () => {
  it("sign-in sets a new HttpOnly SameSite cookie, replaces an old session, and sign-out deletes it", async () => {
    const { email } = await makeUser(getDatabase().db, "leser");
    const first = await post("/logg-inn", { email, password: TEST_PASSWORD, neste: "/oppdrag/TB2023-05" });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/oppdrag/TB2023-05");
    const setCookie = first.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^oppdrag_sesjon=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie1 = setCookie.split(";")[0];

    const second = await post("/logg-inn", { email, password: TEST_PASSWORD }, { cookie: cookie1 });
    const cookie2 = (second.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie2).not.toBe(cookie1);
    expect((await get("/", cookie1)).status).toBe(302); // the old session is gone
    expect((await get("/", cookie2)).status).toBe(200);

    const out = await post("/logg-ut", {}, { cookie: cookie2 });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await get("/", cookie2)).status).toBe(302);
  });

  it("a wrong password gives 401 with a Norwegian message and no cookie", async () => {
    const res = await post("/logg-inn", { email: users.leser!.email, password: "helt feil passord" });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain("Feil e-postadresse eller passord.");
    expect(html).not.toContain("helt feil passord");
  });

  it("sign-in ignores redirects to other sites", async () => {
    const { email } = await makeUser(getDatabase().db, "leser");
    const res = await post("/logg-inn", { email, password: TEST_PASSWORD, neste: "//angriper.example/" });
    expect(res.headers.get("location")).toBe("/");
  });
});

describe("security headers", () => {
  for (const [name, path, cookie] of [
    ["sign-in page", "/logg-inn", undefined],
    ["overview", "/", "admin"],
    ["404 page", "/oppdrag/FINNES-IKKE", "admin"],
    ["403 page", "/admin/logg", "leser"],
  ] as const) {
    it(`are on the ${name}`, async () => {
      const res = await get(path, cookie ? cookies[cookie] : undefined);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull(); // plain HTTP here
    });
  }

  it("static files carry nosniff too", async () => {
    const res = await get("/favicon.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
