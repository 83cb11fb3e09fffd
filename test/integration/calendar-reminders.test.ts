/**
 * Calendar feeds parsed back with ical.js and compared with the database (a moved deadline gets a
 * new SEQUENCE, a revoked token gets 403 and nothing else), and the reminder job against a real
 * SMTP server on localhost, run twice at once (two real `npm run` processes) and once more (in
 * process, test/helpers/cli.ts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import ICAL from "ical.js";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase, importLetterText } from "~/use-cases/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { createCalendarToken, revokeCalendarTokens } from "~/models/calendar-token.server";
import { agreeDeadline, deadlinesFor } from "~/models/deadline.server";
import { recordStatusUpdate } from "~/models/status-event.server";
import { loader as feedLoader } from "~/routes/kalender.$token.$feed";
import { readLetter2023, REPO_ROOT, tempDir } from "../helpers/db";
import { makeUser } from "../helpers/users";
import { runInProcess } from "../helpers/cli";
import { cli as remindersSend } from "../../scripts/reminders-send";

const dir = tempDir("oppdrag-cal-");
const dbFile = path.join(dir, "cal.sqlite");
const context = { cspNonce: "x", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext;
let fha: { id: number; email: string };
let handler: { id: number; email: string };

async function feed(token: string, name: string) {
  const res = (await feedLoader({ request: new Request(`http://localhost/kalender/${token}/${name}`), params: { token, feed: name }, context })) as Response;
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

function events(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  return comp.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    summary: String(v.getFirstPropertyValue("summary")),
    start: v.getFirstPropertyValue("dtstart")!.toString(),
    isDate: (v.getFirstPropertyValue("dtstart") as ICAL.Time).isDate,
    sequence: Number(v.getFirstPropertyValue("sequence")),
    status: String(v.getFirstPropertyValue("status")),
    description: String(v.getFirstPropertyValue("description")),
  }));
}

beforeAll(async () => {
  process.env.DATABASE_PATH = dbFile;
  const { db } = getDatabase();
  await bootstrapDatabase(db);
  fha = await makeUser(db, "departement", { departments: ["FHA"], name: "Frida FHA" });
  handler = await makeUser(db, "saksbehandler", { name: "Sara Saksbehandler" });
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("calendar feeds", () => {
  it("lists every dated deadline of the department as an all-day event matching the database", async () => {
    const app = getDatabase();
    const token = await createCalendarToken(app.db, fha.id, { userId: fha.id, name: "Frida" });
    const res = await feed(token, "avdeling-FHA.ics");
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/calendar");
    const evs = events(res.body);
    const expected = (await deadlinesFor(app.db, { kind: "department", code: "FHA" })).filter((d) => d.state === "dated" && d.date);
    expect(evs).toHaveLength(expected.length);
    for (const d of expected) {
      const e = evs.find((x) => x.uid === `frist-${d.deadlineId}@oppdragsoversikt`)!;
      expect(e, d.key).toBeDefined();
      expect(e.start).toBe(d.date);
      expect(e.isDate).toBe(true);
      expect(e.summary).toContain(d.key);
      expect(e.description).toContain("Eieravdeling: FHA");
    }
    const tb05 = evs.find((e) => e.summary.includes("TB2023-05"))!;
    expect(tb05.start).toBe("2023-07-01");
    expect(tb05.description).toContain("lørdag"); // 1 July 2023 is a Saturday: noted, not moved
    expect(res.body).toContain("X-WR-TIMEZONE:Europe/Oslo");
    // "mine" for the department user holds the same FHA deadlines.
    expect(events((await feed(token, "mine.ics")).body).map((e) => e.uid).sort()).toEqual(evs.map((e) => e.uid).sort());
  });

  it("bumps SEQUENCE when a deadline moves (agreed date, new letter text) and cancels finished work", async () => {
    const app = getDatabase();
    const token = await createCalendarToken(app.db, fha.id, { userId: fha.id, name: "Frida" });
    const before = events((await feed(token, "avdeling-FHA.ics")).body);
    // TB2023-03 "avklares i dialog med departementet": not in the feed until agreed.
    const open = await app.db
      .selectFrom("deadlines as d")
      .innerJoin("assignments as a", "a.id", "d.assignment_id")
      .select(["d.id", "a.key", "d.label"])
      .where("a.key", "=", "TB2023-03")
      .executeTakeFirstOrThrow();
    expect(before.some((e) => e.uid === `frist-${open.id}@oppdragsoversikt`)).toBe(false);
    await agreeDeadline(app.db, open, "2023-10-02", "E-post fra FHA 1.9.2023", { userId: fha.id, name: "Frida" });
    const agreed = events((await feed(token, "avdeling-FHA.ics")).body).find((e) => e.uid === `frist-${open.id}@oppdragsoversikt`)!;
    expect(agreed.start).toBe("2023-10-02");
    await agreeDeadline(app.db, open, "2023-11-01", "Ny avtale", { userId: fha.id, name: "Frida" });
    const moved = events((await feed(token, "avdeling-FHA.ics")).body).find((e) => e.uid === `frist-${open.id}@oppdragsoversikt`)!;
    expect(moved.start).toBe("2023-11-01");
    expect(moved.sequence).toBeGreaterThan(agreed.sequence);

    // The letter itself moves TB2023-05's deadline: same UID, higher SEQUENCE.
    const tb05 = before.find((e) => e.summary.includes("TB2023-05"))!;
    await importLetterText(app.db, readLetter2023().replace("innen 1. juli 2023 ha besørget", "innen 1. september 2023 ha besørget"), "rettet.txt");
    const after05 = events((await feed(token, "avdeling-FHA.ics")).body).find((e) => e.uid === tb05.uid)!;
    expect(after05.start).toBe("2023-09-01");
    expect(after05.sequence).toBeGreaterThan(tb05.sequence);

    // Finished: the event is cancelled, with a higher SEQUENCE.
    const a = await app.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", "TB2023-05").executeTakeFirstOrThrow();
    await recordStatusUpdate(app, { assignmentId: a.id, baseVersion: a.version, status: "fullfort", comment: null, actor: { userId: handler.id, name: `Sara <${handler.email}>`, person: "Sara", ip: null, userAgent: null } });
    const done = events((await feed(token, "avdeling-FHA.ics")).body).find((e) => e.uid === tb05.uid)!;
    expect(done.status).toBe("CANCELLED");
    expect(done.sequence).toBeGreaterThan(after05.sequence);
  });

  it("refuses a revoked or unknown token with 403 and no data", async () => {
    const app = getDatabase();
    const token = await createCalendarToken(app.db, fha.id, { userId: fha.id, name: "Frida" });
    expect((await feed(token, "mine.ics")).status).toBe(200);
    await revokeCalendarTokens(app.db, fha.id, { userId: fha.id, name: "Frida" });
    const revoked = await feed(token, "mine.ics");
    expect(revoked.status).toBe(403);
    expect(revoked.body).not.toContain("BEGIN:VCALENDAR");
    expect(revoked.body).not.toMatch(/TB2023/);
    expect((await feed("x".repeat(43), "mine.ics")).status).toBe(403);
    // A new token replaces the old one.
    const fresh = await createCalendarToken(app.db, fha.id, { userId: fha.id, name: "Frida" });
    const other = await createCalendarToken(app.db, fha.id, { userId: fha.id, name: "Frida" });
    expect((await feed(fresh, "mine.ics")).status).toBe(403);
    expect((await feed(other, "mine.ics")).status).toBe(200);
  });
});

describe("reminders over SMTP", () => {
  it("sends each recipient one digest, and never the same reminder twice, even when run twice at once", async () => {
    const app = getDatabase();
    // Sara works on TB2023-81 (owned by SHA): it is hers through her status update.
    const a = await app.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", "TB2023-81").executeTakeFirstOrThrow();
    await recordStatusUpdate(app, { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment: "I gang", actor: { userId: handler.id, name: `Sara <${handler.email}>`, person: "Sara", ip: null, userAgent: null } });

    const received: Array<{ to: string; body: string }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let body = "";
        stream.on("data", (c: Buffer) => (body += c.toString("utf8")));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.server.address() as { port: number }).port;
    const env = { DATABASE_PATH: dbFile, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Oppdragsoversikt <noreply@example.no>", PUBLIC_URL: "https://oppdrag.example.no" };
    const run = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn("npm", ["run", "--silent", "reminders:send", "--", "--today", "2023-06-20"], {
          cwd: REPO_ROOT,
          env: { ...process.env, ...env },
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (c) => (out += c));
        child.stderr.on("data", (c) => (err += c));
        child.on("close", (code) => resolve({ code, out, err }));
      });
    try {
      const dry = await runInProcess(remindersSend, ["--today", "2023-06-20", "--dry-run"], { env: { DATABASE_PATH: dbFile, SMTP_URL: undefined } });
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain("Prøvekjøring 2023-06-20");
      expect(received).toHaveLength(0);
      expect(await app.db.selectFrom("reminder_log").selectAll().execute()).toHaveLength(0);

      const [first, second] = await Promise.all([run(), run()]);
      expect(first.code, first.err).toBe(0);
      expect(second.code, second.err).toBe(0);
      const third = await runInProcess(remindersSend, ["--today", "2023-06-20"], { env });
      expect(third.code, third.stderr).toBe(0);
      expect(third.stdout).toContain("Varsler 2023-06-20: 0 e-poster sendt");
      expect(first.out + second.out).toMatch(/Varsler 2023-06-20: [12] e-poster sendt/);

      const log = await app.db.selectFrom("reminder_log").selectAll().execute();
      const recipients = [...new Set(log.map((l) => l.recipient))].sort();
      expect(recipients).toEqual([fha.email, handler.email].sort());
      // Exactly one message per recipient, however many runs, and every logged reminder in one of them.
      expect(received.map((m) => m.to).sort()).toEqual(recipients);
      const fhaMail = received.find((m) => m.to === fha.email)!.body.replace(/=\r?\n/g, "");
      expect(fhaMail).not.toContain("TB2023-05"); // finished in the test above: no reminder
      expect(fhaMail).toContain("TB2023-01"); // 1 May: overdue
      expect(fhaMail).toMatch(/^Subject: /m);
      expect(fhaMail).toContain("Forfalte frister:");
      expect(fhaMail).toContain("https://oppdrag.example.no/oppdrag/TB2023-01");
      const saraMail = received.find((m) => m.to === handler.email)!.body;
      expect(saraMail).toContain("TB2023-81");
      expect(new Set(log.map((l) => `${l.deadline_id}|${l.recipient}|${l.kind}`)).size).toBe(log.length);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 90_000);
});
