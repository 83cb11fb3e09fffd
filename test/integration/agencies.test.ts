/**
 * Two agencies in one register: letters to Helsedirektoratet and Folkehelseinstituttet that both
 * use TB2026-1 and area 2.1 never merge, and every view filters by agency.
 */
import type { AppLoadContext } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { deadlinesFor, deadlinesToAgree } from "~/models/deadline.server";
import { queryAssignments } from "~/models/assignment-list.server";
import { queryChanges } from "~/models/changes.server";
import { readChangeFilter } from "~/domain/change-filter";
import { getAssignmentDetail, listAreas, listYears } from "~/models/assignment.server";
import { loadReport, loadReportPreview } from "~/models/report.server";
import { recordStatusUpdate } from "~/models/status-event.server";
import { AgencyError, findAgencyByName, listAgencies, setUserAgencies } from "~/models/agency.server";
import { buildFeed } from "~/calendar/feed.server";
import { digestText, planReminders } from "~/reminders/reminders.server";
import { loader as overviewLoader } from "~/routes/_index";
import { loader as listLoader } from "~/routes/oppdrag._index";
import { loader as departmentLoader } from "~/routes/avdeling.$kode";
import { loader as detailLoader } from "~/routes/oppdrag.$id";
import { loader as reportLoader } from "~/routes/rapport._index";
import { loader as deadlinesLoader } from "~/routes/frister";
import { REPO_ROOT, tempDir } from "../helpers/db";
import { makeUser, sessionCookie } from "../helpers/users";

const dir = tempDir("oppdrag-agencies-");
const letter = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/letters", name), "utf8");
const HDIR = letter("agency-hdir-2026.txt");
const FHI = letter("agency-fhi-2026.txt");
const context = { cspNonce: "test", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext;
let cookie = "";
const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }),
  params,
  context,
});
let hdir = 0;
let userId = 0;
let fhi = 0;

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "agencies.sqlite");
  const { db } = getDatabase();
  const { migrateToLatest } = await import("~/db/migrate.server");
  await migrateToLatest(db);
  const first = await importLetterText(db, HDIR, "hdir.txt", { agency: "Helsedirektoratet" });
  const second = await importLetterText(db, FHI, "fhi.txt", { agency: "Folkehelseinstituttet" });
  expect(first.agency).toEqual({ name: "Helsedirektoratet", slug: "helsedirektoratet", created: true });
  expect(second.agency).toEqual({ name: "Folkehelseinstituttet", slug: "folkehelseinstituttet", created: true });
  expect(second.assignments.created).toEqual(["TB2026-1", "TB2026-3"]); // not "updated": nothing merged
  hdir = (await findAgencyByName(db, "Helsedirektoratet"))!.id;
  fhi = (await findAgencyByName(db, "folkehelseinstituttet"))!.id;
  const user = await makeUser(db, "departement", { departments: ["FHA"] });
  cookie = await sessionCookie(db, user.id);
  userId = user.id;
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("two agencies in one register", () => {
  it("keeps equal IDs and area codes apart, and re-imports each letter onto its own agency", async () => {
    const db = getDatabase().db;
    const rows = await db.selectFrom("assignments").select(["key", "agency_id", "title"]).where("key", "=", "TB2026-1").orderBy("agency_id").execute();
    expect(rows).toEqual([
      { key: "TB2026-1", agency_id: hdir, title: "Nasjonal plan for fysisk aktivitet" },
      { key: "TB2026-1", agency_id: fhi, title: "Overvåking av luftveisinfeksjoner" },
    ]);
    expect((await listAreas(db, 2026, hdir)).map((a) => a.name)).toEqual(["Folkehelse"]);
    expect((await listAreas(db, 2026, fhi)).map((a) => a.name)).toEqual(["Smittevern og beredskap"]);
    // The same texts again change nothing, on either agency.
    expect((await importLetterText(db, HDIR, "hdir.txt", { agency: "Helsedirektoratet" })).changed).toBe(false);
    expect((await importLetterText(db, FHI, "fhi.txt", { agency: "Folkehelseinstituttet" })).changed).toBe(false);
    expect(await db.selectFrom("assignments").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual({ n: 4 });
  });

  it("refuses a letter that names no agency when the register holds several", async () => {
    const before = await getDatabase().db.selectFrom("letters").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const text = HDIR.replace("tildelingsbrev til Helsedirektoratet", "tildelingsbrev")
      .replace("25/5001-1", "25/5003-1")
      .replaceAll("Helsedirektoratet skal", "Virksomheten skal");
    await expect(importLetterText(getDatabase().db, text, "uten-mottaker.txt")).rejects.toThrow(AgencyError);
    await expect(importLetterText(getDatabase().db, text, "uten-mottaker.txt")).rejects.toThrow(/flere.*Oppgi virksomheten/);
    const after = await getDatabase().db.selectFrom("letters").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("filters the list, detail, report, deadlines, changes and calendar data by agency", async () => {
    const db = getDatabase().db;
    const app = getDatabase();
    const keys = async (agencyId: number | null) =>
      (await queryAssignments(db, { year: 2026, asOfInstant: null, today: "2026-01-15", agencyId })).map((r) => `${r.agency}:${r.key}`).sort();
    expect(await keys(hdir)).toEqual(["helsedirektoratet:TB2026-1", "helsedirektoratet:TB2026-2"]);
    expect(await keys(fhi)).toEqual(["folkehelseinstituttet:TB2026-1", "folkehelseinstituttet:TB2026-3"]);
    expect(await keys(null)).toHaveLength(4);
    expect(await listYears(db, fhi)).toEqual([2026]);

    const detail = await getAssignmentDetail(db, "TB2026-1", { agencyId: fhi });
    expect(detail?.assignment.title).toBe("Overvåking av luftveisinfeksjoner");
    expect(detail?.assignment.area_name).toBe("Smittevern og beredskap");

    const fhiReport = await loadReport(db, { year: 2026, asOfDate: "2026-12-31", draft: true, agencyId: fhi });
    expect(fhiReport.rowCount).toBe(2);
    expect(fhiReport.areas.map((a) => a.name)).toEqual(["Smittevern og beredskap"]);
    const preview = await loadReportPreview(db, { year: 2026, asOfDate: "2026-12-31", area: null, agencyId: hdir });
    expect(preview.areas.map((a) => a.name)).toEqual(["Folkehelse"]);

    expect((await deadlinesToAgree(db, null, fhi)).map((d) => d.key)).toEqual(["TB2026-3"]);
    expect((await deadlinesToAgree(db, null)).map((d) => `${d.agency}:${d.key}`).sort()).toEqual([
      "folkehelseinstituttet:TB2026-3",
      "helsedirektoratet:TB2026-2",
    ]);

    // A status change on FHI's TB2026-1 shows under FHI only.
    const fhiTb1 = await db.selectFrom("assignments").select("id").where("key", "=", "TB2026-1").where("agency_id", "=", fhi).executeTakeFirstOrThrow();
    const saved = await recordStatusUpdate(app, {
      assignmentId: fhiTb1.id,
      baseVersion: 0,
      status: "i_rute",
      comment: "I gang",
      actor: { userId, name: "Test" },
    });
    expect(saved.ok).toBe(true);
    const changes = async (agency: string | null) =>
      (
        await queryChanges(db, readChangeFilter(new URLSearchParams({ siden: "2000-01-01", etter: "registrert", aar: "2026", type: "status", virksomhet: agency ?? "" }), "2000-01-01"), {
          limit: 500,
          offset: 0,
        })
      ).rows;
    expect((await changes("folkehelseinstituttet")).map((c) => `${c.agency}:${c.key}`)).toEqual(["folkehelseinstituttet:TB2026-1"]);
    expect(await changes("helsedirektoratet")).toEqual([]);
    expect((await changes(null)).map((c) => `${c.agencyName}:${c.key}`)).toEqual(["Folkehelseinstituttet:TB2026-1"]);
    const hdirDetail = await getAssignmentDetail(db, "TB2026-1", { agencyId: hdir });
    expect(hdirDetail?.assignment.status).toBe("ikke_startet");

    // A department's feed spans its agencies; one agency's feed only that one.
    const all = await deadlinesFor(db, { kind: "department", code: "FHA" });
    expect(new Set(all.map((d) => d.agency))).toEqual(new Set(["helsedirektoratet", "folkehelseinstituttet"]));
    const onlyFhi = await deadlinesFor(db, { kind: "department", code: "FHA", agencyId: fhi });
    expect(onlyFhi.map((d) => d.key).sort()).toEqual(["TB2026-1", "TB2026-3"]);
    expect(onlyFhi.every((d) => d.agencyName === "Folkehelseinstituttet")).toBe(true);
    // Unfolded (iCalendar folds lines at 75 octets).
    const feed = buildFeed({ name: "FHA", deadlines: all, baseUrl: "https://oppdrag.example.no", multiAgency: true }).replace(/\r\n /g, "");
    expect(feed).toContain("SUMMARY:Frist TB2026-1: Overvåking av luftveisinfeksjoner (Folkehelseinstituttet)");
    expect(feed).toContain("SUMMARY:Frist TB2026-1: Nasjonal plan for fysisk aktivitet (Helsedirektoratet)");
    expect(feed).toContain("https://oppdrag.example.no/oppdrag/TB2026-1?virksomhet=folkehelseinstituttet");

    // Reminders: the department user hears about FHA's deadlines in both agencies; a case handler
    // of Helsedirektoratet who worked on FHI's assignment hears nothing about it.
    const handler = await makeUser(db, "saksbehandler", { departments: [] });
    await setUserAgencies(db, handler.id, [hdir]);
    await recordStatusUpdate(app, {
      assignmentId: fhiTb1.id,
      baseVersion: 1,
      status: "i_rute",
      comment: null,
      actor: { userId: handler.id, name: "Saks" },
    });
    const plans = await planReminders(app, "2026-02-20");
    const forDepartment = plans.find((p) => p.userId === userId);
    expect(forDepartment?.items.map((i) => `${i.deadline.agency}:${i.deadline.key}`)).toEqual(["folkehelseinstituttet:TB2026-1"]);
    expect(digestText(forDepartment!, "https://oppdrag.example.no").text).toContain("TB2026-1 Overvåking av luftveisinfeksjoner (Folkehelseinstituttet)");
    expect(plans.find((p) => p.userId === handler.id)).toBeUndefined();
    expect(await listAgencies(db)).toHaveLength(2);
  });

  it("route loaders: the overview and report show one agency, the list and department page all or one", async () => {
    const overview = await overviewLoader(args("/?virksomhet=folkehelseinstituttet"));
    expect(overview.agency.current).toBe("folkehelseinstituttet");
    expect(overview.figures?.total.total).toBe(2);
    expect(overview.figures?.areas.map((a) => a.name)).toEqual(["Smittevern og beredskap"]);
    // Without a choice, the first agency by name (this user belongs to both, as the only agency users
    // made before the second existed); never the two mixed.
    const defaultOverview = await overviewLoader(args("/"));
    expect(defaultOverview.figures?.total.total).toBe(2);

    const list = await listLoader(args("/oppdrag?aar=2026"));
    expect(list.total).toBe(4);
    expect(list.rows.map((r) => r.agency).sort()).toEqual(["folkehelseinstituttet", "folkehelseinstituttet", "helsedirektoratet", "helsedirektoratet"]);
    const fhiList = await listLoader(args("/oppdrag?aar=2026&virksomhet=folkehelseinstituttet"));
    expect(fhiList.rows.map((r) => r.title).sort()).toEqual(["Beredskapslager for vaksiner", "Overvåking av luftveisinfeksjoner"]);
    expect(fhiList.filter.agency).toBe("folkehelseinstituttet");

    const department = await departmentLoader(args("/avdeling/FHA?aar=2026", { kode: "FHA" }));
    expect(department.groups?.map((g) => g.agency?.name)).toEqual(["Folkehelseinstituttet", "Helsedirektoratet"]);
    expect(department.groups?.[0]?.buckets.rest.length ?? 0).toBeGreaterThan(0);
    const onlyHdir = await departmentLoader(args("/avdeling/FHA?aar=2026&virksomhet=helsedirektoratet", { kode: "FHA" }));
    expect(onlyHdir.groups?.map((g) => g.agency?.name)).toEqual(["Helsedirektoratet"]);

    const report = await reportLoader(args("/rapport?aar=2026&virksomhet=helsedirektoratet"));
    expect(report.report?.rowCount).toBe(2);
    expect(report.report?.areas.flatMap((a) => a.rows.map((r) => r.title)).sort()).toEqual(["Nasjonal plan for fysisk aktivitet", "Tilskudd til frivillige organisasjoner"]);
    expect(report.agency.name).toBe("Helsedirektoratet");

    const deadlines = await deadlinesLoader(args("/frister?virksomhet=folkehelseinstituttet"));
    expect(deadlines.rows.map((r) => r.key)).toEqual(["TB2026-3"]);

    // The same key without the agency goes to the list of both; with it, to the one.
    await expect(detailLoader(args("/oppdrag/TB2026-1", { id: "TB2026-1" }))).rejects.toMatchObject({ status: 302 });
    const one = await detailLoader(args("/oppdrag/TB2026-1?virksomhet=helsedirektoratet", { id: "TB2026-1" }));
    expect(one.assignment.title).toBe("Nasjonal plan for fysisk aktivitet");
    expect(one.agency).toBe("helsedirektoratet");
  });

  it("department page across agencies: finished work is counted per agency and linked, one agency's page lists it", async () => {
    const app = getDatabase();
    const target = await app.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", "TB2026-3").where("agency_id", "=", fhi).executeTakeFirstOrThrow();
    expect((await recordStatusUpdate(app, { assignmentId: target.id, baseVersion: target.version, status: "fullfort", comment: null, actor: { userId, name: "Test" } })).ok).toBe(true);
    const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

    const all = await departmentLoader(args("/avdeling/FHA?aar=2026", { kode: "FHA" }));
    expect(all.foldDone).toBe(true);
    const fhiGroup = all.groups?.find((g) => g.agency?.slug === "folkehelseinstituttet");
    expect(fhiGroup?.buckets.done).toBe(1);
    const listed = [...fhiGroup!.buckets.overdue, ...fhiGroup!.buckets.soon, ...fhiGroup!.buckets.rest];
    expect(keys(listed)).toEqual(["TB2026-1"]);
    expect(all.groups?.find((g) => g.agency?.slug === "helsedirektoratet")?.buckets.done).toBe(0);
    // The link under the group lists exactly the counted ones.
    const done = await listLoader(args("/oppdrag?virksomhet=folkehelseinstituttet&aar=2026&avdeling=FHA&status=fullfort&status=avsluttet"));
    expect(keys(done.rows)).toEqual(["TB2026-3"]);

    const one = await departmentLoader(args("/avdeling/FHA?aar=2026&virksomhet=folkehelseinstituttet", { kode: "FHA" }));
    expect(one.foldDone).toBe(false);
    const oneGroup = one.groups?.[0]?.buckets;
    expect(oneGroup?.done).toBe(0);
    expect(keys([...oneGroup!.overdue, ...oneGroup!.soon, ...oneGroup!.rest]).sort()).toEqual(["TB2026-1", "TB2026-3"]);
  });

  it("reads the recipient from an oppdragsdokument in the `ID: 2026-01` form, and keeps its IDs apart", async () => {
    const db = getDatabase().db;
    const text = fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/letters/2026/oppdragsdokument-nhn-2026.txt"), "utf8");
    const summary = await importLetterText(db, text, "nhn-2026.txt"); // no agency given: the letter names it
    expect(summary.agency).toEqual({ name: "Norsk helsenett SF", slug: "norsk-helsenett-sf", created: true });
    expect(summary.assignments.created).toEqual(["2026-01", "2026-02", "2026-03"]);
    const nhn = (await findAgencyByName(db, "Norsk helsenett SF"))!.id;
    const keys = (await queryAssignments(db, { year: 2026, asOfInstant: null, today: "2026-01-15", agencyId: nhn })).map((r) => r.key).sort();
    expect(keys).toEqual(["2026-01", "2026-02", "2026-03"]);
    // The other agencies' views do not show them.
    expect((await queryAssignments(db, { year: 2026, asOfInstant: null, today: "2026-01-15", agencyId: fhi })).map((r) => r.key)).not.toContain("2026-01");
    // Re-importing with the recipient read from the text again changes nothing.
    expect((await importLetterText(db, text, "nhn-2026.txt")).changed).toBe(false);
    expect((await importLetterText(db, HDIR, "hdir.txt")).changed).toBe(false);
  });
});
