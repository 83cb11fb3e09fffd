import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase } from "~/use-cases/bootstrap.server";
import { deadlinesFor } from "~/models/deadline.server";
import { countAssignments, queryAssignments, queryOpenByDeadline, queryOverview, sortRows } from "~/models/assignment-list.server";
import { loadReport, loadReportPreview } from "~/models/report.server";
import { recordDelivery, recordStatusUpdate } from "~/models/status-event.server";
import type { Actor } from "~/models/audit.server";
import { overviewFigures } from "~/domain/progress";
import { isOverdue, nextDeadline, passedDeadlines } from "~/domain/deadlines";
import { endOfDayInOslo } from "~/domain/format";
import { recordStatements } from "../../scripts/bench/loaders";
import { createTestDatabase, type TestDb } from "../helpers/db";
import { makeUser } from "../helpers/users";

let t: TestDb;
let actor: Actor;
const idOf = async (key: string) =>
  (await t.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", key).executeTakeFirstOrThrow());

beforeAll(async () => {
  t = await createTestDatabase();
  await bootstrapDatabase(t.db);
  const u = await makeUser(t.db, "saksbehandler", { name: "Kari Saksbehandler" });
  actor = { userId: u.id, name: `Kari Saksbehandler <${u.email}>`, person: "Kari Saksbehandler", ip: "127.0.0.1", userAgent: "vitest" };
});
afterAll(async () => {
  await t.cleanup();
});

describe("status updates", () => {
  it("appends an event with the author, bumps the version and audits it", async () => {
    const a = await idOf("TB2023-05");
    const result = await recordStatusUpdate(t, { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment: "Anbud er ute", actor });
    expect(result).toEqual({ ok: true, version: a.version + 1 });
    const events = await t.db.selectFrom("status_events").selectAll().where("assignment_id", "=", a.id).execute();
    expect(events.at(-1)).toMatchObject({ status: "i_rute", comment: "Anbud er ute", user_id: actor.userId, actor_name: "Kari Saksbehandler", version: a.version + 1 });
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "status:oppdatert").execute();
    expect(audit.at(-1)).toMatchObject({ user_id: actor.userId, target: "oppdrag:TB2023-05" });
  });

  it("refuses an update based on an old version and returns the newer change", async () => {
    const a = await idOf("TB2023-06");
    const first = await recordStatusUpdate(t, { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment: "Først", actor });
    expect(first.ok).toBe(true);
    const second = await recordStatusUpdate(t, { assignmentId: a.id, baseVersion: a.version, status: "forsinket", comment: "Sist", actor });
    expect(second).toMatchObject({ ok: false, reason: "conflict", version: a.version + 1, current: { status: "i_rute", comment: "Først" } });
    const events = await t.db.selectFrom("status_events").select("comment").where("assignment_id", "=", a.id).execute();
    expect(events.map((e) => e.comment)).toEqual(["Først"]);
  });

  it("lets exactly one of many simultaneous updates on the same version through", async () => {
    const a = await idOf("TB2023-07");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordStatusUpdate(t, { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment: `forsøk ${i}`, actor }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "conflict")).toHaveLength(19);
    expect((await idOf("TB2023-07")).version).toBe(a.version + 1);
  });

  it("records deliveries append-only and ignores a repeat", async () => {
    const a = await idOf("TB2023-62");
    const d = await t.db.selectFrom("deadlines").select("id").where("assignment_id", "=", a.id).where("label", "=", "Deloppdrag 1").executeTakeFirstOrThrow();
    expect(await recordDelivery(t, { assignmentId: a.id, deadlineId: d.id, deliveredOn: "2023-01-14", actor })).toEqual({ ok: true });
    expect(await recordDelivery(t, { assignmentId: a.id, deadlineId: d.id, deliveredOn: "2023-01-14", actor })).toEqual({ ok: false, reason: "unchanged" });
    expect(await recordDelivery(t, { assignmentId: a.id + 1, deadlineId: d.id, deliveredOn: "2023-01-14", actor })).toEqual({ ok: false, reason: "not_found" });
    await expect(t.db.deleteFrom("deadline_events").execute()).rejects.toThrow(/append-only/);
  });
});

describe("the list query", () => {
  const today = "2023-06-01";
  const list = (filter: Parameters<typeof queryAssignments>[1]["filter"] = {}, asOf: string | null = null) =>
    queryAssignments(t.db, { year: 2023, asOfInstant: asOf, today: asOf ? asOf.slice(0, 10) : today, filter });

  it("agrees with the overview's counts per area, department, status, overdue and due soon", async () => {
    const all = await list();
    expect(all.length).toBeGreaterThanOrEqual(96);
    const facts = await queryOverview(t.db, { year: 2023, asOfInstant: null, today, pick: 5 });
    const figures = overviewFigures(facts.counts, [], []);
    expect(figures.total.total).toBe(all.length);
    expect(figures.total.overdue).toBe(all.filter((r) => r.overdue).length);
    expect(figures.total.dueSoon).toBe(all.filter((r) => r.dueSoon).length);
    for (const area of figures.areas.filter((g) => g.code)) {
      const p = area.progress;
      expect((await list({ area: area.code! })).length).toBe(p.total);
      expect((await list({ area: area.code!, overdue: true })).length).toBe(p.overdue);
      expect((await list({ area: area.code!, dueSoon: true })).length).toBe(p.dueSoon);
      for (const [status, n] of Object.entries(p.byStatus)) {
        expect((await list({ area: area.code!, statuses: [status as never] })).length).toBe(n);
      }
    }
    for (const dep of figures.departments) {
      expect((await list({ department: dep.code })).length).toBe(dep.progress.total);
      expect(all.filter((r) => r.departments.includes(dep.code)).length).toBe(dep.progress.total);
    }
    // The rows picked for "needs attention" are full list rows, overdue longest first, due soonest first.
    expect(facts.overdue.map((r) => r.key)).toEqual(
      all
        .filter((r) => r.overdue)
        .sort((a, b) => (a.firstPassed! < b.firstPassed! ? -1 : a.firstPassed! > b.firstPassed! ? 1 : a.id - b.id))
        .slice(0, 5)
        .map((r) => r.key),
    );
    expect(facts.overdue[0]).toEqual(all.find((r) => r.key === facts.overdue[0].key));
    expect(facts.dueSoon.every((r) => r.dueSoon && r.nextDeadline! >= today && r.nextDeadline! <= "2023-07-01")).toBe(true);
  });

  it("counts and picks in SQL exactly what the list would give (saved-filter counts, own open assignments by deadline)", async () => {
    const filters: Array<Parameters<typeof queryAssignments>[1]["filter"]> = [
      {},
      { area: "2.2" },
      { department: "FHA", overdue: true },
      { statuses: ["i_rute", "forsinket"] },
      { dueSoon: true },
      { query: "tobakk" },
    ];
    for (const asOf of [null, endOfDayInOslo("2023-03-31"), endOfDayInOslo("2023-10-15")]) {
      const day = asOf ? asOf.slice(0, 10) : today;
      for (const filter of filters) {
        const options = { year: 2023, asOfInstant: asOf, today: day, filter };
        expect(await countAssignments(t.db, options), JSON.stringify([asOf, filter])).toBe((await queryAssignments(t.db, options)).length);
      }
      const all = await queryAssignments(t.db, { year: 2023, asOfInstant: asOf, today: day });
      const ids = all.filter((_, i) => i % 3 === 0).map((r) => r.id);
      const open = sortRows(all.filter((r) => ids.includes(r.id) && !["fullfort", "utsatt", "avsluttet"].includes(r.status)), "frist", false);
      for (const pick of [1, 7, 10, 500]) {
        const got = await queryOpenByDeadline(t.db, { year: 2023, asOfInstant: asOf, today: day, ids, pick });
        expect(got.total).toBe(open.length);
        expect(got.rows.map((r) => r.key), `${asOf} ${pick}`).toEqual(open.slice(0, pick).map((r) => r.key));
      }
    }
    expect(await queryOpenByDeadline(t.db, { year: 2023, asOfInstant: null, today, ids: [], pick: 10 })).toEqual({ total: 0, rows: [] });
  });

  it("defines overdue and due soon once: closed assignments are neither, delivered deadlines do not count", async () => {
    const rows = await list();
    for (const r of rows) {
      const closed = ["fullfort", "utsatt", "avsluttet"].includes(r.status);
      expect(r.overdue, r.key).toBe(r.firstPassed !== null && r.firstPassed < today && !closed);
      expect(r.dueSoon, r.key).toBe(!r.overdue && !closed && r.nextDeadline !== null && r.nextDeadline <= "2023-07-01");
      if (r.nextDeadline) expect(r.nextDeadline >= today).toBe(true);
    }
    // The SQL agrees with the rules in app/domain/deadlines.ts, deliveries included (TB2023-62 has one).
    const deadlines = await t.db
      .selectFrom("effective_deadlines as d")
      .innerJoin("assignments as a", "a.id", "d.assignment_id")
      .select(["d.assignment_id", "d.date", "d.state", "d.label"])
      .select((eb) =>
        eb
          .selectFrom("deadline_events as de")
          .select("de.delivered_on")
          .whereRef("de.deadline_id", "=", "d.id")
          .orderBy("de.id", "desc")
          .limit(1)
          .as("delivered_on"),
      )
      .where("a.year", "=", 2023)
      .execute();
    for (const r of rows) {
      const own = deadlines.filter((d) => d.assignment_id === r.id).map((d) => ({ ...d, delivered: Boolean(d.delivered_on) }));
      expect(r.overdue, r.key).toBe(isOverdue(r.status, own, today));
      expect(r.firstPassed, r.key).toBe(passedDeadlines(own, today).map((d) => d.date as string).sort()[0] ?? null);
      expect(r.nextDeadline, r.key).toBe(nextDeadline(own, today)?.date ?? null);
    }
    expect(deadlines.some((d) => d.delivered_on)).toBe(true);
  });

  it("searches ID, title, body and comments, with Norwegian letters", async () => {
    const byKey = async (q: string) => (await list({ query: q })).map((r) => r.key);
    expect(await byKey("TB2023-05")).toContain("TB2023-05");
    expect(await byKey("tobakk")).toEqual(expect.arrayContaining(["TB2023-04", "TB2023-05"]));
    expect(await byKey("Skolemåltid")).toContain("TB2023-14");
    expect(await byKey("skolemål")).toContain("TB2023-14"); // prefix
    expect(await byKey("Anbud er ute")).toEqual(["TB2023-05"]); // a comment
    expect(await byKey('"; drop table assignments; --')).toEqual([]);
  });

  it("filters by deadline range, deliverables, without ID and overdue", async () => {
    const ranged = await list({ deadlineFrom: "2023-07-01", deadlineTo: "2023-07-01" });
    expect(ranged.map((r) => r.key)).toContain("TB2023-05");
    const deliverables = await list({ hasDeliverables: true });
    expect(deliverables.map((r) => r.key)).toEqual(expect.arrayContaining(["TB2023-43", "TB2023-62", "TB2023-81"]));
    const noId = await list({ withoutId: true });
    expect(noId.every((r) => !r.hasId)).toBe(true);
    expect(noId.length).toBeGreaterThan(0);
    const overdue = await list({ overdue: true });
    expect(overdue.every((r) => r.overdue)).toBe(true);
    expect(overdue.map((r) => r.key)).toContain("TB2023-01"); // innen 1. mai 2023, not started
  });

  it("shows status as of a date from the event log", async () => {
    const a = await idOf("TB2023-08");
    await recordStatusUpdate(t, { assignmentId: a.id, baseVersion: a.version, status: "fullfort", comment: null, actor }, new Date("2023-09-01T10:00:00Z"));
    const before = (await list({}, endOfDayInOslo("2023-08-31"))).find((r) => r.key === "TB2023-08");
    const after = (await list({}, endOfDayInOslo("2023-09-01"))).find((r) => r.key === "TB2023-08");
    expect(before?.status).toBe("ikke_startet");
    expect(after?.status).toBe("fullfort");
  });
});

describe("query plans", () => {
  it("never scans the event tables in full for the list, overview, department, calendar and report queries", async () => {
    const plans: string[] = [];
    // Capture every statement the list query runs (also those already prepared), then explain each.
    const { statements: recorded } = await recordStatements(t.sqlite, async () => {
      await queryAssignments(t.db, { year: 2023, asOfInstant: null, today: "2023-06-01", filter: { department: "FHA", query: "tobakk" } });
      await queryAssignments(t.db, { year: 2023, asOfInstant: endOfDayInOslo("2023-08-31"), today: "2023-08-31", filter: { overdue: true, deadlineFrom: "2023-01-01" } });
      await deadlinesFor(t.db, { kind: "department", code: "FHA" });
      await deadlinesFor(t.db, { kind: "user", userId: actor.userId!, departments: ["KTA"] });
      await loadReport(t.db, { year: 2023, asOfDate: "2023-12-31", draft: false });
      await queryOverview(t.db, { year: 2023, asOfInstant: null, today: "2023-06-01", pick: 10 });
      await queryOverview(t.db, { year: 2023, asOfInstant: endOfDayInOslo("2023-08-31"), today: "2023-08-31", pick: 10 });
      await loadReportPreview(t.db, { year: 2023, asOfDate: "2023-08-31", area: "2.1" });
    });
    const statements = [...new Set(recorded.map((r) => r.sql))];
    expect(statements.length).toBeGreaterThan(0);
    for (const source of statements.filter((s) => /^\s*select/i.test(s))) {
      const params = (source.match(/\?/g) ?? []).map(() => null);
      const rows = t.sqlite.prepare(`explain query plan ${source}`).all(...params) as Array<{ detail: string }>;
      plans.push(...rows.map((r) => r.detail));
    }
    // Event and deadline tables are only ever searched through an index, never scanned.
    const fullScans = plans.filter((d) =>
      /^SCAN (se|de|d|n|ad|ag|rt|x|status_events|deadline_events|deadlines|deadline_agreements|report_texts|assignment_departments)\b/.test(d),
    );
    expect(plans.some((d) => /status_events/.test(d) && /USING (COVERING )?INDEX/.test(d))).toBe(true);
    expect(fullScans).toEqual([]);
  });
});
