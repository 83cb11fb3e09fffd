/**
 * "As of" is the truth: a year of events recorded out of order (a delivery recorded seven months
 * after the day delivered, a status back-dated, deadlines agreed in October and again years later)
 * against a real SQLite file, stepped through every month's end of 2023 and compared, for the
 * list/overview facts, the assignment page, the report (and so its Word, PDF, Excel and CSV files)
 * and the calendar's delivery state, with what an independent reading of the events says.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase } from "~/use-cases/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { agreeDeadline } from "~/models/deadline.server";
import { queryAssignments } from "~/models/assignment-list.server";
import { getAssignmentDetail } from "~/models/assignment.server";
import { loadReport } from "~/models/report.server";
import { recordDelivery } from "~/models/status-event.server";
import { endOfDayInOslo, formatDateShort } from "~/domain/format";
import type { StatusCode } from "~/domain/status";
import type { AppLoadContext } from "@remix-run/node";
import { loader as detailLoader } from "~/routes/oppdrag.$id";
import { loader as listLoader } from "~/routes/oppdrag._index";
import { tempDir } from "../helpers/db";
import { makeUser, sessionCookie } from "../helpers/users";

const dir = tempDir("oppdrag-as-of-");

/** A = deadline left open by the letter, agreed twice; B = dated deadline delivered early, recorded late; C = statuses back-dated. */
const A = "TB2023-03";
const B = "TB2023-05";
const C = "TB2023-09";

const AGREED = [
  { recorded: "2023-10-02T09:00:00Z", date: "2023-11-30", reference: "23/4100-2" },
  { recorded: "2026-12-01T09:00:00Z", date: "2027-01-15", reference: "26/900-1" },
];
const DELIVERED = { on: "2023-05-10", recorded: "2023-12-20T14:00:00Z" };
/** Status events in the order they were recorded (ids), each with when it takes effect. */
const STATUS: Array<{ key: string; status: StatusCode; effective: string; recorded: string; comment: string }> = [
  { key: B, status: "i_rute", effective: "2023-02-01T10:00:00Z", recorded: "2023-02-01T10:00:00Z", comment: "Startet." },
  { key: C, status: "forsinket", effective: "2023-08-15T10:00:00Z", recorded: "2023-09-01T10:00:00Z", comment: "Forsinket av ressurshensyn." },
  // Recorded after the one above, but in effect long before it.
  { key: C, status: "i_rute", effective: "2023-03-01T10:00:00Z", recorded: "2023-09-02T10:00:00Z", comment: "Var i rute i vår." },
];

/** What the events say about a day: an independent reading, not the app's SQL. */
function expected(day: string) {
  const instant = endOfDayInOslo(day);
  const agreement = AGREED.filter((a) => a.recorded <= instant).at(-1) ?? null;
  const delivered = DELIVERED.on <= day;
  const statusOf = (key: string) =>
    STATUS.filter((s) => s.key === key && s.effective <= instant).sort((x, y) => (x.effective < y.effective ? -1 : 1)).at(-1)?.status ?? "ikke_startet";
  return {
    a: {
      deadline: agreement ? formatDateShort(agreement.date) : "avklares med departementet",
      openEnded: agreement === null,
      overdue: agreement !== null && agreement.date < day,
      next: agreement && agreement.date >= day ? agreement.date : null,
    },
    b: { delivered, overdue: !delivered && "2023-07-01" < day, status: statusOf(B) },
    c: { status: statusOf(C), comment: STATUS.filter((s) => s.key === C && s.effective <= instant).sort((x, y) => (x.effective < y.effective ? -1 : 1)).at(-1)?.comment ?? "" },
  };
}

let cookie = "";
const context = { cspNonce: "test", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext;
const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }),
  params,
  context,
});

const MONTH_ENDS = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2023, m + 1, 0)).toISOString().slice(0, 10));

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "as-of.sqlite");
  const app = getDatabase();
  await bootstrapDatabase(app.db);
  const u = await makeUser(app.db, "saksbehandler", { name: "Sara Saksbehandler" });
  const actor = { userId: u.id, name: "Sara Saksbehandler <s@example.no>", person: "Sara Saksbehandler" };
  cookie = await sessionCookie(app.db, u.id);
  const ids = Object.fromEntries(
    (await app.db.selectFrom("assignments").select(["id", "key"]).where("key", "in", [A, B, C]).execute()).map((r) => [r.key, r.id]),
  );
  const deadlineOf = async (key: string) =>
    app.db.selectFrom("deadlines").select(["id", "state", "date"]).where("assignment_id", "=", ids[key]).orderBy("position").executeTakeFirstOrThrow();
  const a = await deadlineOf(A);
  expect(a.state).toBe("to_be_agreed");
  const b = await deadlineOf(B);
  expect(b.date).toBe("2023-07-01");

  // Status events written with their own effective dates, in the order recorded.
  const insert = app.sqlite.prepare(
    `insert into status_events (assignment_id, version, status, comment, actor, actor_name, letter_id, effective_at, created_at, user_id)
     values (?, ?, ?, ?, ?, ?, null, ?, ?, ?)`,
  );
  const versions: Record<string, number> = {};
  for (const s of STATUS) {
    versions[s.key] = (versions[s.key] ?? 0) + 1;
    insert.run(ids[s.key], versions[s.key], s.status, s.comment, `bruker:${u.id}`, "Sara Saksbehandler", s.effective, s.recorded, u.id);
  }
  for (const ag of AGREED) await agreeDeadline(app.db, { id: a.id, key: A, label: null }, ag.date, ag.reference, actor, new Date(ag.recorded));
  const delivery = await recordDelivery(app, { assignmentId: ids[B], deadlineId: b.id, deliveredOn: DELIVERED.on, actor }, new Date(DELIVERED.recorded));
  expect(delivery.ok).toBe(true);
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("as of each month's end of 2023, with events recorded out of order", () => {
  it.each(MONTH_ENDS)("the list, the assignment page and the report agree with the events as of %s", async (day) => {
    const { db } = getDatabase();
    const want = expected(day);
    const instant = endOfDayInOslo(day);

    // The list / overview / department facts (one CTE for all of them).
    const rows = await queryAssignments(db, { year: 2023, asOfInstant: instant, today: day });
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect({ openEnded: row(A).openEnded, overdue: row(A).overdue, next: row(A).nextDeadline }).toEqual({
      openEnded: want.a.openEnded,
      overdue: want.a.overdue,
      next: want.a.next,
    });
    expect({ status: row(B).status, overdue: row(B).overdue }).toEqual({ status: want.b.status, overdue: want.b.overdue });
    expect(row(C).status).toBe(want.c.status);

    // The assignment page as of the day.
    const detailA = (await getAssignmentDetail(db, A, { asOf: instant }))!;
    expect(detailA.deadlines[0].state).toBe(want.a.openEnded ? "to_be_agreed" : "dated");
    expect(detailA.deadlines[0].agreed?.reference ?? null).toBe(want.a.openEnded ? null : "23/4100-2");
    const detailB = (await getAssignmentDetail(db, B, { asOf: instant }))!;
    expect(detailB.deadlines[0].delivery?.delivered_on ?? null).toBe(want.b.delivered ? DELIVERED.on : null);
    expect(detailB.deliveries.length).toBe(want.b.delivered ? 1 : 0);
    const detailC = (await getAssignmentDetail(db, C, { asOf: instant }))!;
    expect(detailC.assignment.status).toBe(want.c.status);
    expect(detailC.events.every((e) => e.effective_at <= instant)).toBe(true);

    // The report (every export is made from it).
    const report = await loadReport(db, { year: 2023, asOfDate: day, draft: true });
    const reportRow = (key: string) => report.areas.flatMap((a) => a.rows).find((r) => r.key === key)!;
    expect(reportRow(A).deadline).toBe(want.a.deadline);
    expect(reportRow(C).status).toBe(want.c.status);
    expect(reportRow(C).comment).toBe(want.c.comment);
  });

  it.each(["2023-04-30", "2023-08-31", "2023-12-31"])("the pages' loaders (?per=%s) show the same", async (day) => {
    const want = expected(day);
    const detailA = await detailLoader(args(`/oppdrag/${A}?per=${day}`, { id: A }));
    expect(detailA.deadlines[0].state).toBe(want.a.openEnded ? "to_be_agreed" : "dated");
    const detailB = await detailLoader(args(`/oppdrag/${B}?per=${day}`, { id: B }));
    expect(detailB.deadlines[0].delivery?.delivered_on ?? null).toBe(want.b.delivered ? DELIVERED.on : null);
    // Area 2.1 only: fewer rows than a page, so absence means "not overdue", not "on page 2".
    const list = (await listLoader(args(`/oppdrag?aar=2023&per=${day}&forfalt=1&omrade=2.1`))) as { rows: Array<{ key: string }>; total: number };
    expect(list.total).toBeLessThan(50);
    expect(list.rows).toHaveLength(list.total);
    expect(list.rows.some((r) => r.key === A)).toBe(want.a.overdue);
    expect(list.rows.some((r) => r.key === B)).toBe(want.b.overdue);
  });

  it("as of now, the later agreement applies, and the delivery counts", async () => {
    const { db } = getDatabase();
    const detailA = (await getAssignmentDetail(db, A))!;
    expect(detailA.deadlines[0].date).toBe("2027-01-15");
    const rows = await queryAssignments(db, { year: 2023, asOfInstant: null, today: "2026-12-04" });
    expect(rows.find((r) => r.key === B)!.overdue).toBe(false);
    expect(rows.find((r) => r.key === A)!.nextDeadline).toBe("2027-01-15");
    // A report as of 2023 never shows the deadline agreed in 2026.
    const report = await loadReport(db, { year: 2023, asOfDate: "2023-12-31", draft: true });
    expect(JSON.stringify(report)).not.toContain("15.01.2027");
    expect(JSON.stringify(report)).not.toContain("26/900-1");
  });

  it("the old reading would have been wrong: the steps above really differ over the year", () => {
    // Guard against a test that cannot fail: the expectations change across the months.
    const byMonth = MONTH_ENDS.map(expected);
    expect(new Set(byMonth.map((e) => e.a.deadline)).size).toBe(2);
    expect(new Set(byMonth.map((e) => e.b.delivered)).size).toBe(2);
    expect(new Set(byMonth.map((e) => e.c.status)).size).toBeGreaterThanOrEqual(2);
    expect(byMonth[7].b).toEqual({ delivered: true, overdue: false, status: "i_rute" }); // 31 August: delivered in May, recorded in December
    expect(byMonth[7].a.deadline).toBe("avklares med departementet"); // agreed in October
  });
});
