/**
 * Roles per agency over real HTTP: a case handler of Helsedirektoratet cannot change
 * Folkehelseinstituttet's assignments (status, deliveries, report texts), even where both have
 * a TB2026-1; a ministry department agrees its own open deadlines in either agency.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { getDatabase } from "~/db/connection.server";
import { findAgencyByName, setUserAgencies } from "~/models/agency.server";
import { startTestServer, type RunningServer } from "../helpers/server";
import { REPO_ROOT } from "../helpers/db";
import { makeUser, sessionCookie } from "../helpers/users";

let server: RunningServer;
const cookies = { hdir: "", fhi: "", department: "" };
const ids = { hdirTb1: 0, fhiTb1: 0 };
const letter = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/letters", name), "utf8");

beforeAll(async () => {
  server = await startTestServer(); // the bundled 2023 letter: Helsedirektoratet
  const db = getDatabase().db;
  await importLetterText(db, letter("agency-hdir-2026.txt"), "hdir-2026.txt", { agency: "Helsedirektoratet" });
  await importLetterText(db, letter("agency-fhi-2026.txt"), "fhi-2026.txt", { agency: "Folkehelseinstituttet" });
  const hdir = (await findAgencyByName(db, "Helsedirektoratet"))!.id;
  const fhi = (await findAgencyByName(db, "Folkehelseinstituttet"))!.id;
  const hdirHandler = await makeUser(db, "saksbehandler");
  const fhiHandler = await makeUser(db, "saksbehandler");
  const department = await makeUser(db, "departement", { departments: ["FHA"] });
  await setUserAgencies(db, hdirHandler.id, [hdir]);
  await setUserAgencies(db, fhiHandler.id, [fhi]);
  cookies.hdir = await sessionCookie(db, hdirHandler.id);
  cookies.fhi = await sessionCookie(db, fhiHandler.id);
  cookies.department = await sessionCookie(db, department.id);
  const tb1 = await db.selectFrom("assignments").select(["id", "agency_id"]).where("key", "=", "TB2026-1").execute();
  ids.hdirTb1 = tb1.find((a) => a.agency_id === hdir)!.id;
  ids.fhiTb1 = tb1.find((a) => a.agency_id === fhi)!.id;
});
afterAll(async () => {
  await server?.stop();
});

function post(pathname: string, body: Record<string, string>, cookie: string) {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(body),
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: server.url },
  });
}

const events = async (assignmentId: number) =>
  (await getDatabase().db.selectFrom("status_events").select("status").where("assignment_id", "=", assignmentId).execute()).map((e) => e.status);

describe("case handlers act only on their own agency's assignments", () => {
  it("refuses Helsedirektoratet's case handler a status update on Folkehelseinstituttet's TB2026-1, and writes nothing", async () => {
    const res = await post("/oppdrag/TB2026-1?virksomhet=folkehelseinstituttet", { intent: "status", status: "i_rute", comment: "", version: "0" }, cookies.hdir);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Du har ikke tilgang");
    expect(await events(ids.fhiTb1)).toEqual([]);
    const denied = await getDatabase().db.selectFrom("audit_log").select(["action", "target"]).where("action", "=", "tilgang:nektet").orderBy("id", "desc").executeTakeFirst();
    expect(denied).toEqual({ action: "tilgang:nektet", target: "/oppdrag/TB2026-1" });
  });

  it("lets each case handler update their own agency's TB2026-1, only that one", async () => {
    const own = await post("/oppdrag/TB2026-1?virksomhet=helsedirektoratet", { intent: "status", status: "i_rute", comment: "", version: "0" }, cookies.hdir);
    expect(own.status).toBe(302);
    expect(own.headers.get("location")).toBe("/oppdrag/TB2026-1?virksomhet=helsedirektoratet&lagret=status#lagret");
    expect(await events(ids.hdirTb1)).toEqual(["i_rute"]);
    expect(await events(ids.fhiTb1)).toEqual([]);
    const fhi = await post("/oppdrag/TB2026-1?virksomhet=folkehelseinstituttet", { intent: "status", status: "forsinket", comment: "Venter på data", version: "0" }, cookies.fhi);
    expect(fhi.status).toBe(302);
    expect(await events(ids.fhiTb1)).toEqual(["forsinket"]);
    expect(await events(ids.hdirTb1)).toEqual(["i_rute"]);
  });

  it("refuses the other agency's deliveries and report texts too", async () => {
    const deadline = await getDatabase().db.selectFrom("deadlines").select("id").where("assignment_id", "=", ids.fhiTb1).executeTakeFirstOrThrow();
    const delivery = await post("/oppdrag/TB2026-1?virksomhet=folkehelseinstituttet", { intent: "leveranse", deadlineId: String(deadline.id), delivered: "ja", deliveredOn: "2026-02-01" }, cookies.hdir);
    expect(delivery.status).toBe(403);
    const text = await post("/rapport/tekst/TB2026-1?virksomhet=folkehelseinstituttet&aar=2026&per=2026-12-31", { text: "Ferdig." }, cookies.hdir);
    expect(text.status).toBe(403);
    expect(await getDatabase().db.selectFrom("deadline_events").select("id").where("assignment_id", "=", ids.fhiTb1).execute()).toEqual([]);
    expect(await getDatabase().db.selectFrom("report_texts").select("id").where("assignment_id", "=", ids.fhiTb1).execute()).toEqual([]);
    const ownText = await post("/rapport/tekst/TB2026-1?virksomhet=folkehelseinstituttet&aar=2026&per=2026-12-31", { text: "Ferdig." }, cookies.fhi);
    expect(ownText.status).toBe(302);
  });

  it("shows the other agency's assignment without the status form, and a key two agencies use needs the agency", async () => {
    const page = await fetch(`${server.url}/oppdrag/TB2026-1?virksomhet=folkehelseinstituttet`, { headers: { Cookie: cookies.hdir } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Overvåking av luftveisinfeksjoner");
    expect(html).toContain("Folkehelseinstituttet");
    expect(html).not.toContain('name="intent" value="status"');
    const ownPage = await (await fetch(`${server.url}/oppdrag/TB2026-1?virksomhet=helsedirektoratet`, { headers: { Cookie: cookies.hdir } })).text();
    expect(ownPage).toContain('name="intent" value="status"');
    const ambiguous = await post("/oppdrag/TB2026-1", { intent: "status", status: "fullfort", comment: "", version: "1" }, cookies.hdir);
    expect(ambiguous.status).toBe(404);
    const list = await fetch(`${server.url}/oppdrag/TB2026-1`, { redirect: "manual", headers: { Cookie: cookies.hdir } });
    expect(list.status).toBe(302);
    expect(list.headers.get("location")).toBe("/oppdrag?q=TB2026-1");
  });

  it("lets a ministry department agree its own open deadline in either agency", async () => {
    const open = await getDatabase().db
      .selectFrom("deadlines as d")
      .innerJoin("assignments as a", "a.id", "d.assignment_id")
      .select("d.id")
      .where("a.key", "=", "TB2026-3")
      .where("d.state", "=", "to_be_agreed")
      .executeTakeFirstOrThrow();
    const res = await post("/frister", { deadlineId: String(open.id), date: "2026-10-01", reference: "E-post 3. mars" }, cookies.department);
    expect(res.status).toBe(302);
    const agreed = await getDatabase().db.selectFrom("deadline_agreements").select(["agreed_date"]).where("deadline_id", "=", open.id).execute();
    expect(agreed).toEqual([{ agreed_date: "2026-10-01" }]);
    const caseHandler = await post("/frister", { deadlineId: String(open.id), date: "2026-11-01", reference: "x" }, cookies.fhi);
    expect(caseHandler.status).toBe(403);
  });

  it("the explanations page and area assessments are per agency: another agency's case handler is refused, and keys of another agency are never written", async () => {
    const q = "aar=2026&per=2026-12-31";
    const fhiPage = await fetch(`${server.url}/rapport/forklaringer?virksomhet=folkehelseinstituttet&${q}`, { headers: { Cookie: cookies.hdir } });
    expect(fhiPage.status).toBe(403);
    const texts = async () =>
      (await getDatabase().db.selectFrom("report_texts as rt").innerJoin("assignments as a", "a.id", "rt.assignment_id").select(["a.id", "rt.text"]).where("a.year", "=", 2026).orderBy("rt.id").execute()).map(
        (r) => `${r.id === ids.hdirTb1 ? "hdir" : r.id === ids.fhiTb1 ? "fhi" : r.id}:${r.text}`,
      );
    const before = await texts();
    const refused = await post(`/rapport/forklaringer?virksomhet=folkehelseinstituttet&${q}`, { key: "TB2026-1", versjon: "0", tekst: "Ikke min." }, cookies.hdir);
    expect(refused.status).toBe(403);
    expect(await texts()).toEqual(before);

    // Helsedirektoratet's own page: its TB2026-1 is written; FHI's TB2026-3 (a key Helsedirektoratet does not have) is not.
    const body = new URLSearchParams();
    for (const [key, text] of [["TB2026-1", "Planen er på høring."], ["TB2026-3", "Skal ikke lagres."]]) {
      body.append("key", key);
      body.append("versjon", "0");
      body.append("tekst", text);
    }
    const own = await fetch(`${server.url}/rapport/forklaringer?virksomhet=helsedirektoratet&${q}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.hdir, Origin: server.url },
    });
    expect(own.status).toBe(302);
    expect(own.headers.get("location")).toBe(`/rapport/forklaringer?virksomhet=helsedirektoratet&${q}&lagret=1#bekreftelse`);
    expect(await texts()).toEqual([...before, "hdir:Planen er på høring."]);
    const ownPage = await (await fetch(`${server.url}/rapport/forklaringer?virksomhet=helsedirektoratet&${q}`, { headers: { Cookie: cookies.hdir } })).text();
    expect(ownPage.replace(/<!-- -->/g, "")).toContain("Forklaringer til rapporten 2026 – Helsedirektoratet");
    expect(ownPage).toContain("Nasjonal plan for fysisk aktivitet");
    expect(ownPage).not.toContain("Overvåking av luftveisinfeksjoner");

    const assessment = await post(`/rapport/vurdering/2.1?virksomhet=folkehelseinstituttet&${q}`, { text: "Ikke min vurdering." }, cookies.hdir);
    expect(assessment.status).toBe(403);
    const ownAssessment = await post(`/rapport/vurdering/2.1?virksomhet=helsedirektoratet&${q}`, { text: "God fremdrift." }, cookies.hdir);
    expect(ownAssessment.status).toBe(302);
    const assessments = await getDatabase().db.selectFrom("area_assessments as aa").innerJoin("agencies as ag", "ag.id", "aa.agency_id").select(["ag.slug", "aa.area_code", "aa.text"]).where("aa.year", "=", 2026).execute();
    expect(assessments).toEqual([{ slug: "helsedirektoratet", area_code: "2.1", text: "God fremdrift." }]);
  });

  it("changes, the register download and saved filters keep the agency", async () => {
    const changes = await (await fetch(`${server.url}/endringer?siden=2000-01-01&etter=registrert&type=status&virksomhet=folkehelseinstituttet`, { headers: { Cookie: cookies.department } })).text();
    expect(changes).toContain("Overvåking av luftveisinfeksjoner");
    expect(changes).not.toContain("Nasjonal plan for fysisk aktivitet");
    expect(changes).toContain('href="/oppdrag/TB2026-1?virksomhet=folkehelseinstituttet"');
    const all = await (await fetch(`${server.url}/endringer?siden=2000-01-01&etter=registrert&type=status&aar=2026`, { headers: { Cookie: cookies.department } })).text();
    expect(all).toContain("<th scope=\"col\">Virksomhet</th>");
    expect(all).toContain("Nasjonal plan for fysisk aktivitet");

    const csv = await (await fetch(`${server.url}/oppdrag/eksport?aar=2026&virksomhet=folkehelseinstituttet&format=csv`, { headers: { Cookie: cookies.department } })).text();
    const rows = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(rows[0]!.startsWith("ID;År;Virksomhet;Tittel;")).toBe(true);
    expect(rows.slice(1).map((r) => r.split(";").slice(0, 4).join(";"))).toEqual([
      "TB2026-1;2026;Folkehelseinstituttet;Overvåking av luftveisinfeksjoner",
      "TB2026-3;2026;Folkehelseinstituttet;Beredskapslager for vaksiner",
    ]);

    const saved = await post("/oppdrag", { sok: "?aar=2026&virksomhet=folkehelseinstituttet&avdeling=FHA", navn: "FHI i FHA" }, cookies.department);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/oppdrag?virksomhet=folkehelseinstituttet&aar=2026&avdeling=FHA&lagret=filter");
    const start = await (await fetch(`${server.url}/?virksomhet=helsedirektoratet`, { headers: { Cookie: cookies.department } })).text();
    // Counted in its own agency (2 of FHA's in FHI), whichever agency the overview shows.
    expect(start).toContain('href="/oppdrag?virksomhet=folkehelseinstituttet&amp;aar=2026&amp;avdeling=FHA"');
    expect(start).toContain("FHI i FHA<!-- --> (<!-- -->2<!-- -->)");
  });
});
