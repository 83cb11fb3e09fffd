/**
 * The reminder job: one digest e-mail per department user and case handler with deadlines due
 * in 14 days, in 3 days, and overdue. A reminder is claimed in `reminder_log` (unique per
 * deadline, recipient, kind and deadline date) inside a BEGIN IMMEDIATE transaction before it
 * is sent, so two runs at once can never send the same reminder; a failed send releases its
 * claims so the next run tries again.
 */
import type { Transporter } from "nodemailer";
import type { AppDatabase } from "~/db/connection.server";
import { deadlinesFor, type FeedDeadline } from "~/models/deadline.server";
import { formatDateLong } from "~/domain/format";
import { dayOffNote } from "~/domain/holidays";
import { REMINDER_KINDS, REMINDER_LABELS, reminderKind, type ReminderKind } from "~/domain/reminders";
import { STATUS_LABELS } from "~/domain/status";
import { assignmentPath } from "~/lib/urls";
import { allReminderOptOuts } from "~/models/reminder-opt-out.server";

export interface ReminderItem {
  deadline: FeedDeadline;
  kind: ReminderKind;
}

export interface PlannedDigest {
  userId: number;
  name: string;
  email: string;
  items: ReminderItem[];
  /** The register holds several agencies: each item names its agency. */
  multiAgency?: boolean;
}

export interface ReminderRunResult {
  planned: number;
  sent: Array<{ to: string; items: number }>;
  failed: Array<{ to: string; error: string }>;
}

/** Who gets which reminders today (before removing those already sent). */
export async function planReminders(app: AppDatabase, today: string): Promise<PlannedDigest[]> {
  const { db } = app;
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("disabled_at", "is", null)
    .where("role", "in", ["departement", "saksbehandler"])
    .orderBy("id")
    .execute();
  const [departments, optOuts, sent] = await Promise.all([
    db.selectFrom("user_departments").selectAll().execute(),
    allReminderOptOuts(db),
    db.selectFrom("reminder_log").select(["deadline_id", "recipient", "kind", "deadline_date"]).execute(),
  ]);
  const already = new Set(sent.map((s) => `${s.deadline_id}|${s.recipient}|${s.kind}|${s.deadline_date}`));
  const digests: PlannedDigest[] = [];
  // Department users hear about their departments' deadlines in every agency; case handlers
  // only about their own agencies' (when there are several).
  const agencies = await db.selectFrom("user_agencies").selectAll().execute();
  const multiAgency = Number((await db.selectFrom("agencies").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n) > 1;
  for (const u of users) {
    const deps = departments.filter((d) => d.user_id === u.id).map((d) => d.department_code);
    const off = new Set(optOuts.filter((o) => o.user_id === u.id).map((o) => o.kind));
    const own = u.role === "saksbehandler" && multiAgency ? agencies.filter((a) => a.user_id === u.id).map((a) => a.agency_id) : null;
    const deadlines = await deadlinesFor(db, { kind: "user", userId: u.id, departments: deps, agencies: own });
    const items: ReminderItem[] = [];
    for (const d of deadlines) {
      if (d.state !== "dated" || !d.date || d.replacedBy) continue;
      const kind = reminderKind({ date: d.date, delivered: d.delivered }, d.status, today);
      if (!kind || off.has(kind) || already.has(`${d.deadlineId}|${u.email}|${kind}|${d.date}`)) continue;
      items.push({ deadline: d, kind });
    }
    if (items.length) digests.push({ userId: u.id, name: u.name, email: u.email, items, multiAgency });
  }
  return digests;
}

export function digestText(digest: PlannedDigest, baseUrl: string): { subject: string; text: string } {
  const counts = REMINDER_KINDS.map((k) => [k, digest.items.filter((i) => i.kind === k).length] as const).filter(([, n]) => n > 0);
  const subjectParts = counts.map(([k, n]) => (k === "forfalt" ? `${n} forfalt` : k === "3d" ? `${n} innen 3 dager` : `${n} innen 14 dager`));
  const sections = (["forfalt", "3d", "14d"] as const)
    .map((kind) => {
      const items = digest.items.filter((i) => i.kind === kind);
      if (!items.length) return null;
      const lines = items.map(({ deadline: d }) => {
        const note = d.date ? dayOffNote(d.date) : null;
        return [
          `- ${d.hasId ? d.key : "Uten ID"} ${d.title}${d.label ? ` – ${d.label}` : ""}${digest.multiAgency ? ` (${d.agencyName})` : ""}`,
          `  Frist: ${d.date ? formatDateLong(d.date) : "ikke satt"}${note ? ` (${note})` : ""}. Status: ${STATUS_LABELS[d.status]}. Avdeling: ${d.departments.join(", ") || "ikke oppgitt"}.`,
          `  ${baseUrl}${assignmentPath(d.key, null, digest.multiAgency ? d.agency : null)}`,
        ].join("\n");
      });
      return `${REMINDER_LABELS[kind]}:\n${lines.join("\n")}`;
    })
    .filter(Boolean);
  return {
    subject: `Oppdragsfrister: ${subjectParts.join(", ")}`,
    text: [
      `Hei ${digest.name},`,
      "",
      "Dette er frister i Oppdragsoversikt som gjelder deg eller avdelingen din.",
      "",
      sections.join("\n\n"),
      "",
      `Du kan slå av varsler under Min konto: ${baseUrl}/konto`,
      "",
      "Hilsen Oppdragsoversikt",
    ].join("\n"),
  };
}

/** Claims the digest's reminders; returns those this run won (others were sent by someone else). */
function claim(app: AppDatabase, digest: PlannedDigest, now: string): ReminderItem[] {
  const insert = app.sqlite.prepare(
    "insert or ignore into reminder_log (deadline_id, recipient, kind, deadline_date, sent_at) values (?, ?, ?, ?, ?)",
  );
  return app.sqlite
    .transaction(() => digest.items.filter((i) => insert.run(i.deadline.deadlineId, digest.email, i.kind, i.deadline.date, now).changes === 1))
    .immediate();
}

function release(app: AppDatabase, digest: PlannedDigest, items: ReminderItem[]): void {
  const remove = app.sqlite.prepare("delete from reminder_log where deadline_id = ? and recipient = ? and kind = ? and deadline_date = ?");
  app.sqlite.transaction(() => {
    for (const i of items) remove.run(i.deadline.deadlineId, digest.email, i.kind, i.deadline.date);
  })();
}

export async function sendReminders(
  app: AppDatabase,
  options: { today: string; baseUrl: string; from: string; transport: Pick<Transporter, "sendMail"> | null; log?: (line: string) => void },
): Promise<ReminderRunResult> {
  const log = options.log ?? (() => {});
  const digests = await planReminders(app, options.today);
  const result: ReminderRunResult = { planned: digests.reduce((n, d) => n + d.items.length, 0), sent: [], failed: [] };
  for (const digest of digests) {
    if (!options.transport) {
      const { subject, text } = digestText(digest, options.baseUrl);
      log(`Til: ${digest.name} <${digest.email}>\nEmne: ${subject}\n\n${text}\n${"-".repeat(60)}`);
      continue;
    }
    const won = await app.db.connection().execute(async () => claim(app, digest, new Date().toISOString()));
    if (won.length === 0) continue;
    const { subject, text } = digestText({ ...digest, items: won }, options.baseUrl);
    try {
      await options.transport.sendMail({ from: options.from, to: `"${digest.name.replace(/"/g, "")}" <${digest.email}>`, subject, text });
      result.sent.push({ to: digest.email, items: won.length });
      log(`Sendt til ${digest.email}: ${won.length} frister.`);
    } catch (error) {
      release(app, digest, won);
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ to: digest.email, error: message });
      log(`Kunne ikke sende til ${digest.email}: ${message}`);
    }
  }
  return result;
}
