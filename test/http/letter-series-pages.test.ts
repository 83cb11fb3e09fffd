/**
 * The 2026 letter series as served pages (production build): the detail page shows the original
 * and each later part in order with its letter, warnings for an impossible date and an
 * assignment known only from a later letter; the list offers the register download; the upload
 * preview lists items per kind and lets the admin leave one out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { getDatabase } from "~/db/connection.server";
import { SERIES_2026, readSeriesLetter } from "../helpers/letter-series";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";


let server: RunningServer;
let reader: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({ seed: false });
  for (const file of SERIES_2026.slice(0, 4)) {
    await importLetterText(getDatabase().db, readSeriesLetter(file), file);
  }
  reader = await sessionCookie(getDatabase().db, (await makeUser(getDatabase().db, "leser")).id);
  admin = await sessionCookie(getDatabase().db, (await makeUser(getDatabase().db, "admin")).id);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const page = async (p: string, cookie = reader) => {
  const res = await fetch(`${server.url}${p}`, { headers: { Cookie: cookie } });
  expect(res.status, p).toBe(200);
  return res.text();
};
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&nbsp;|\s+/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

describe("the detail page", () => {
  it("shows the original and each later part in order, each with its letter's title, date and reference", async () => {
    const html = await page("/oppdrag/TB2026-17");
    // The letter's text reads as paragraphs: the line the PDF wrapped after "fritt" is joined.
    expect(html).toMatch(/<div class="body-text"><p>Helsedirektoratet skal vurdere hvordan pasienter bruker retten til innsyn og fritt behandlingsvalg digitalt, [^<]*<\/p>/);
    const body = text(html);
    const original = body.indexOf("Opprinnelig oppdrag: Statsbudsjettet 2026 – tildelingsbrev til Helsedirektoratet, ref. 25/5120-2, 18. desember 2025");
    const addition = body.indexOf("Tillegg: ");
    const clarification = body.indexOf("Presisering: ");
    expect(original).toBeGreaterThan(0);
    expect(addition).toBeGreaterThan(original);
    expect(clarification).toBeGreaterThan(addition);
    expect(body).toContain("ref. 25/5120-11, 6. februar 2026");
    expect(body).toContain("ref. 25/5120-19, 9. mars 2026");
    expect(body).toContain("Brukerundersøkelse om digitale pasientrettigheter");
    expect(body).toContain("Kunnskap om bruk av digitale pasientrettigheter");
  });

  it("warns about an impossible date in the letter instead of hiding it", async () => {
    const body = text(await page("/oppdrag/TB2026-20"));
    expect(body).toContain("Brevet gir en ugyldig dato:");
    expect(body).toContain("31.6.2026");
    expect(body).toContain("Ugyldig dato i brevet");
  });
});

describe("the list", () => {
  it("offers the register of the listed assignments as Excel and CSV", async () => {
    const html = await page("/oppdrag?aar=2026&avdeling=KTA");
    expect(html).toContain('href="/oppdrag/eksport?aar=2026&amp;avdeling=KTA&amp;format=xlsx"');
    expect(html).toContain('href="/oppdrag/eksport?aar=2026&amp;avdeling=KTA&amp;format=csv"');
    const csv = await (await fetch(`${server.url}/oppdrag/eksport?aar=2026&avdeling=KTA&format=csv`, { headers: { Cookie: reader } })).text();
    expect(csv.split("\r\n")[1]).toMatch(/^TB2026-2;2026;Helsedirektoratet;Evaluering av ordningen med frukt og grønt i skolen;FHA\/KTA;3\.1;/);
  });
});

describe("the upload preview", () => {
  it("lists the items of a supplementary letter per kind, warns about an earlier-year ID, and leaves out an item on request", async () => {
    const form = new FormData();
    form.append("tekst", readSeriesLetter("04-supplerende-tildelingsbrev-nr-4.txt"));
    const posted = await fetch(`${server.url}/admin/brev`, { method: "POST", body: form, headers: { Cookie: admin, Origin: server.url }, redirect: "manual" });
    expect(posted.status).toBe(302);
    const location = posted.headers.get("location")!;
    let body = text(await page(location, admin));
    expect(body).toContain("Nye oppdrag (1)");
    expect(body).toContain("TB2025-115 er bare kjent fra dette brevet");
    expect(body).toContain("Utgår eller utsettes (2)");
    expect(body).toContain("Endrede oppdrag (1)");
    expect(body).toMatch(/avdelinger Før: LMA Etter: SHA/);

    const html = await page(location, admin);
    const ref = /aria-label="Rett eller utelat TB2026-48"[^>]*href="[^"]*\?punkt=(e\d+)#rett-punkt"/.exec(html)?.[1];
    expect(ref).toBeDefined();
    const edit = new FormData();
    edit.append("intent", "punkt");
    edit.append("ref", ref!);
    edit.append("utelat", "ja");
    const saved = await fetch(`${server.url}${location}`, { method: "POST", body: edit, headers: { Cookie: admin, Origin: server.url }, redirect: "manual" });
    expect(saved.status).toBe(302);
    body = text(await page(location, admin));
    expect(body).toContain("Utgår eller utsettes (1)");
    expect(body).toContain("Utelatt fra importen (1)");
  });
});
