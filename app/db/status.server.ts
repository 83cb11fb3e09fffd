/**
 * Writes of status, comments and deliveries. Each is one short `BEGIN IMMEDIATE` transaction
 * with no awaiting inside, holding Kysely's connection lock so no other query interleaves.
 * Optimistic locking: an update names the version it was based on; if the assignment has moved
 * on since, nothing is written and the newer change is returned.
 */
import type { AppDatabase } from "./connection.server";
import type { StatusCode } from "./schema";

export interface Author {
  userId: number;
  name: string;
  email: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LatestEvent {
  version: number;
  status: StatusCode;
  comment: string | null;
  actor_name: string;
  created_at: string;
}

export type StatusUpdateResult =
  | { ok: true; version: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: LatestEvent | null; version: number };

function withWriteLock<T>(app: AppDatabase, work: () => T): Promise<T> {
  return app.db.connection().execute(async () => work());
}

export function recordStatusUpdate(
  app: AppDatabase,
  input: { assignmentId: number; baseVersion: number; status: StatusCode; comment: string | null; author: Author },
  now: Date = new Date(),
): Promise<StatusUpdateResult> {
  const { sqlite } = app;
  const selectVersion = sqlite.prepare<[number], { version: number; key: string }>("select version, key from assignments where id = ?");
  const latest = sqlite.prepare<[number], LatestEvent>(
    "select version, status, comment, actor_name, created_at from status_events where assignment_id = ? order by version desc limit 1",
  );
  const insertEvent = sqlite.prepare(
    `insert into status_events (assignment_id, version, status, comment, actor, actor_name, letter_id, effective_at, created_at, user_id)
     values (?, ?, ?, ?, ?, ?, null, ?, ?, ?)`,
  );
  const bump = sqlite.prepare("update assignments set version = ?, updated_at = ? where id = ?");
  const auditInsert = sqlite.prepare(
    `insert into audit_log (created_at, user_id, actor, action, target, details, ip, user_agent)
     values (?, ?, ?, 'status:oppdatert', ?, ?, ?, ?)`,
  );
  const tx = sqlite.transaction((): StatusUpdateResult => {
    const row = selectVersion.get(input.assignmentId);
    if (!row) return { ok: false, reason: "not_found" };
    if (row.version !== input.baseVersion) {
      return { ok: false, reason: "conflict", current: latest.get(input.assignmentId) ?? null, version: row.version };
    }
    const version = row.version + 1;
    const at = now.toISOString();
    const actorName = input.author.name;
    insertEvent.run(input.assignmentId, version, input.status, input.comment, `bruker:${input.author.userId}`, actorName, at, at, input.author.userId);
    bump.run(version, at, input.assignmentId);
    auditInsert.run(
      at,
      input.author.userId,
      `${input.author.name} <${input.author.email}>`,
      `oppdrag:${row.key}`,
      JSON.stringify({ version, status: input.status, comment: input.comment }),
      input.author.ip,
      input.author.userAgent?.slice(0, 300) ?? null,
    );
    return { ok: true, version };
  });
  return withWriteLock(app, () => tx.immediate());
}

export type DeliverableResult = { ok: true } | { ok: false; reason: "not_found" | "unchanged" };

export function recordDelivery(
  app: AppDatabase,
  input: { assignmentId: number; deadlineId: number; deliveredOn: string | null; author: Author },
  now: Date = new Date(),
): Promise<DeliverableResult> {
  const { sqlite } = app;
  const deadline = sqlite.prepare<[number, number], { id: number; key: string; label: string | null }>(
    "select d.id, a.key, d.label from deadlines d join assignments a on a.id = d.assignment_id where d.id = ? and d.assignment_id = ?",
  );
  const current = sqlite.prepare<[number], { delivered_on: string | null }>(
    "select delivered_on from deadline_events where deadline_id = ? order by id desc limit 1",
  );
  const insert = sqlite.prepare(
    "insert into deadline_events (deadline_id, assignment_id, delivered_on, user_id, actor_name, created_at) values (?, ?, ?, ?, ?, ?)",
  );
  const auditInsert = sqlite.prepare(
    `insert into audit_log (created_at, user_id, actor, action, target, details, ip, user_agent)
     values (?, ?, ?, 'leveranse:oppdatert', ?, ?, ?, ?)`,
  );
  const tx = sqlite.transaction((): DeliverableResult => {
    const row = deadline.get(input.deadlineId, input.assignmentId);
    if (!row) return { ok: false, reason: "not_found" };
    const before = current.get(input.deadlineId)?.delivered_on ?? null;
    if (before === input.deliveredOn) return { ok: false, reason: "unchanged" };
    const at = now.toISOString();
    insert.run(input.deadlineId, input.assignmentId, input.deliveredOn, input.author.userId, input.author.name, at);
    auditInsert.run(
      at,
      input.author.userId,
      `${input.author.name} <${input.author.email}>`,
      `oppdrag:${row.key}`,
      JSON.stringify({ deliverable: row.label, deliveredOn: input.deliveredOn }),
      input.author.ip,
      input.author.userAgent?.slice(0, 300) ?? null,
    );
    return { ok: true };
  });
  return withWriteLock(app, () => tx.immediate());
}
