/**
 * Issue 17 over real HTTP against the built server (no proxy): redirects after sign-in and after
 * an agreed deadline, TRACE and malformed URLs, NUL in the search, the body cap before sign-in,
 * invalid UTF-8 in a form, the anonymous POST that must not reveal whether an ID exists, a
 * department user moving a fixed deadline, a stray X-Forwarded-Host, and the setup page's
 * loopback and Host rules.
 */
import http from "node:http";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { startServerProcess, type ServerProcess } from "../../scripts/lib/server-command";
import { tempDir } from "../helpers/db";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie, TEST_PASSWORD } from "../helpers/users";

let server: RunningServer;
let admin: { id: number; email: string };
let adminCookie: string;
let handlerCookie: string;
let fhaCookie: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await makeUser(getDatabase().db, "admin");
  adminCookie = await sessionCookie(getDatabase().db, admin.id);
  handlerCookie = await sessionCookie(getDatabase().db, (await makeUser(getDatabase().db, "saksbehandler")).id);
  fhaCookie = await sessionCookie(getDatabase().db, (await makeUser(getDatabase().db, "departement", { departments: ["FHA"] })).id);
});
afterAll(async () => {
  await server?.stop();
});

function post(urlPath: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${urlPath}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, ...headers },
  });
}

const form = (values: Record<string, string>) => new URLSearchParams(values).toString();

/** A raw request, for what fetch will not send (TRACE, a Content-Length it does not match). */
function raw(options: http.RequestOptions & { url: string; send?: Buffer }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(options.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: options.path ?? url.pathname, method: options.method, headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    if (options.send) req.write(options.send);
    // The body is left unfinished on purpose when it is shorter than Content-Length.
    if (!(options.headers as Record<string, string> | undefined)?.["Content-Length"]) req.end();
  });
}

async function signInWith(neste: string) {
  return post("/logg-inn", form({ email: admin.email, password: TEST_PASSWORD, neste }));
}

describe("redirect after sign-in (holes 3 and 9)", () => {
  it("a tab that a browser drops cannot lead to another site", async () => {
    const res = await signInWith("/\t/evil.example");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    const page = await fetch(`${server.url}/logg-inn?neste=/%09/evil.example`);
    expect(await page.text()).toContain('name="neste" value="/"');
  });

  it("CR/LF in neste: no 500, a session and its cookie, and the overview", async () => {
    const sessionsBefore = await getDatabase().db.selectFrom("sessions").selectAll().execute();
    const res = await signInWith("/oppdrag\r\nSet-Cookie: x=1");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.get("set-cookie")).toMatch(/^oppdrag_sesjon=/);
    expect((await getDatabase().db.selectFrom("sessions").selectAll().execute()).length).toBe(sessionsBefore.length + 1);
  });

  it("non-Latin-1 characters in neste are sent percent-encoded", async () => {
    const res = await signInWith("/oppdrag?q=helse€😀");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/oppdrag?q=helse%E2%82%AC%F0%9F%98%80");
    expect(res.headers.get("set-cookie")).toMatch(/^oppdrag_sesjon=/);
  });
});

describe("answers that were a 500 (hole 9)", () => {
  it("TRACE gets a Norwegian 405", async () => {
    const res = await raw({ url: `${server.url}/`, method: "TRACE" });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD, POST");
    expect(res.body).toBe("Denne metoden støttes ikke. Bruk GET eller POST.");
  });

  it("a malformed URL gets a Norwegian 400, not Express's Bad Request", async () => {
    const res = await raw({ url: `${server.url}/`, path: "/oppdrag/%E0%A4%A", method: "GET" });
    expect(res.status).toBe(400);
    expect(res.body).toBe("Forespørselen var ugyldig og ble ikke behandlet.");
  });

  it("a NUL in the search gives the list, not a 500", async () => {
    const res = await fetch(`${server.url}/oppdrag?q=%00helse`, { headers: { Cookie: handlerCookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Søk i ID, tittel, tekst og kommentarer");
  });
});

describe("the body cap comes before sign-in (hole 4)", () => {
  it("a 150 MB sign-in POST without a session is refused from its Content-Length, unread", async () => {
    const attempts = await getDatabase().db.selectFrom("login_attempts").selectAll().execute();
    const res = await raw({
      url: `${server.url}/logg-inn`,
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(150 * 1024 * 1024), Origin: server.url },
      send: Buffer.from("email=a%40b.no&password="),
    });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe("close");
    expect(res.body).toBe("Forespørselen er for stor. Største tillatte størrelse er 1 MB. Ingenting er lagret.");
    expect(await getDatabase().db.selectFrom("login_attempts").selectAll().execute()).toEqual(attempts);
  });

  it("a body streamed without Content-Length is cut off at the cap", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode("email=a%40b.no&password="));
        if (sent > 3 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${server.url}/logg-inn`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Forespørselen er for stor. Største tillatte størrelse er 1 MB.");
  });
});

describe("form input (hole 10)", () => {
  it("invalid UTF-8 in a comment is refused, not stored as U+FFFD", async () => {
    const events = () => getDatabase().db.selectFrom("status_events").select("id").execute();
    const before = await events();
    const res = await post("/oppdrag/TB2023-09", "intent=status&status=forsinket&version=1&comment=Forsinket%20fordi%20%FF%FE", { Cookie: handlerCookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Skjemaet inneholdt tegn som ikke er gyldig UTF-8");
    expect(await events()).toEqual(before);
  });

  it("a control character in a new user's name is refused", async () => {
    const res = await post(
      "/admin/brukere",
      form({ email: "ny.bruker@example.no", name: "Ny\u0000Bruker", role: "leser", departments: "", password: "et helt nytt passord her", password2: "et helt nytt passord her" }),
      { Cookie: adminCookie },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Navnet kan ikke inneholde kontrolltegn eller linjeskift.");
    expect(await getDatabase().db.selectFrom("users").select("id").where("email", "=", "ny.bruker@example.no").execute()).toEqual([]);
  });
});

describe("no existence oracle (hole 10)", () => {
  it("an anonymous POST gets the sign-in answer whether the assignment exists or not", async () => {
    const existing = await post("/oppdrag/TB2023-05", form({ intent: "status" }));
    const missing = await post("/oppdrag/FINNES-IKKE-99", form({ intent: "status" }));
    for (const res of [existing, missing]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/logg-inn?neste=%2F");
    }
  });
});

describe("agreed deadlines (holes 2 and 3)", () => {
  const deadline = (state: "dated" | "to_be_agreed") =>
    getDatabase().db
      .selectFrom("deadlines as d")
      .innerJoin("assignment_departments as ad", "ad.assignment_id", "d.assignment_id")
      .select(["d.id"])
      .where("ad.department_code", "=", "FHA")
      .where("d.state", "=", state)
      .orderBy("d.id")
      .executeTakeFirstOrThrow();

  it("a department user cannot move a fixed letter deadline of its own department", async () => {
    const fixed = await deadline("dated");
    const res = await post("/frister", form({ deadlineId: String(fixed.id), date: "2030-01-01", reference: "E-post fra FHA", tilbake: "/frister" }), { Cookie: fhaCookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Denne fristen står fast i tildelingsbrevet");
    expect(await getDatabase().db.selectFrom("deadline_agreements").select("id").where("deadline_id", "=", fixed.id).execute()).toEqual([]);
  });

  it("an open one is agreed, and tilbake cannot lead to another site", async () => {
    const open = await deadline("to_be_agreed");
    const res = await post("/frister", form({ deadlineId: String(open.id), date: "2023-10-02", reference: "E-post fra FHA", tilbake: "/\t/evil.example" }), { Cookie: fhaCookie });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/frister?lagret=1");
  });
});

describe("the origin handed to Remix (hole 7, without a proxy)", () => {
  it("a stray X-Forwarded-Host does not turn a same-origin POST into an empty 500", async () => {
    const res = await post("/logg-inn", form({ email: admin.email, password: TEST_PASSWORD }), { "X-Forwarded-Host": "evil.example" });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/^oppdrag_sesjon=/);
  });
});

describe("the first-time setup page (hole 10)", () => {
  let empty: ServerProcess;
  beforeAll(async () => {
    empty = await startServerProcess({ databasePath: path.join(tempDir("oppdrag-oppsett-"), "app.sqlite"), env: { SEED_LETTER: "0" }, echoErrors: true });
  });
  afterAll(async () => {
    await empty?.stop();
  });

  it("answers a loopback request naming this machine", async () => {
    const res = await fetch(`${empty.url}/oppsett`);
    expect(res.status).toBe(200);
  });

  it("refuses a rebinding Host or Origin, and anything through a proxy", async () => {
    const port = new URL(empty.url).port;
    const rebound = await raw({ url: `${empty.url}/oppsett`, method: "GET", headers: { Host: `evil.example:${port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain("Oppsettsiden kan bare åpnes fra serveren selv");
    const post = await raw({
      url: `${empty.url}/oppsett`,
      method: "POST",
      headers: { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
      send: Buffer.from(form({ email: "x@evil.example", name: "X", password: "et helt nytt passord her", password2: "et helt nytt passord her" })),
    });
    expect(post.status).toBe(403);
    const proxied = await raw({ url: `${empty.url}/oppsett`, method: "GET", headers: { "X-Forwarded-For": "203.0.113.1" } });
    expect(proxied.status).toBe(403);
  });
});

describe("TRUST_PROXY (hole 6)", () => {
  const databasePath = path.join(tempDir("oppdrag-trust-"), "app.sqlite");
  const start = (value: string) => startServerProcess({ databasePath, env: { SEED_LETTER: "0", TRUST_PROXY: value } });

  it("`true` starts, and the client address is taken from X-Forwarded-For", async () => {
    const s = await start("true");
    try {
      const res = await raw({ url: `${s.url}/logg-inn`, method: "POST", headers: { "X-Forwarded-For": "203.0.113.9", "Content-Type": "application/x-www-form-urlencoded" }, send: Buffer.from("email=x%40example.no&password=feil") });
      expect(res.status).toBe(401);
      const sqlite = new SQLite(databasePath, { readonly: true });
      expect(sqlite.prepare("select ip from login_attempts").pluck().all()).toEqual(["203.0.113.9"]);
      sqlite.close();
    } finally {
      await s.stop();
    }
  });

  it("an invalid value stops the start with a Norwegian message", async () => {
    await expect(start("hopp")).rejects.toThrow(/Kunne ikke starte: TRUST_PROXY=«hopp» er ugyldig/);
  });
});
