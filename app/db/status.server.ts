/**
 * Writes of status, comments and deliveries. Each is a short synchronous piece of work with no
 * awaiting inside, run in a `BEGIN IMMEDIATE` transaction that holds Kysely's connection lock so
 * no other query interleaves; writes arriving together share that transaction and its fsync
 * (group commit, `group-commit.server.ts`), and each is answered only once it is durable.
 * Optimistic locking: an update names the version it was based on; if the assignment has moved
 * on since, nothing is written and the newer change is returned.
 */
import type SQLite from "better-sqlite3";
import { auditSync, type Actor } from "./audit.server";
import { perConnection, type AppDatabase } from "./connection.server";
import { writeInGroup } from "./group-commit.server";
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

function auditActor(author: Author): Actor {
  return { userId: author.userId, name: `${author.name} <${author.email}>`, ip: author.ip, userAgent: author.userAgent };
}

function prepareStatements(sqlite: SQLite.Database) {
  return {
    // What a write needs to know before it is allowed: the id and the owning departments.
    forWrite: sqlite.prepare<[string, string | null, string | null], { id: number; agency_id: number; owners: string }>(
      `select a.id, a.agency_id, (select json_group_array(ad.department_code order by ad.position)
                     from assignment_departments ad where ad.assignment_id = a.id) as owners
       from assignments a where a.key = ?
         and (? is null or a.agency_id = (select ag.id from agencies ag where ag.slug = ?))
       limit 2`,
    ),
    selectVersion: sqlite.prepare<[number], { version: number; key: string }>("select version, key from assignments where id = ?"),
    latest: sqlite.prepare<[number], LatestEvent>(
      "select version, status, comment, actor_name, created_at from status_events where assignment_id = ? order by version desc limit 1",
    ),
    insertEvent: sqlite.prepare(
      `insert into status_events (assignment_id, version, status, comment, actor, actor_name, letter_id, effective_at, created_at, user_id)
       values (?, ?, ?, ?, ?, ?, null, ?, ?, ?)`,
    ),
    bump: sqlite.prepare("update assignments set version = ?, updated_at = ? where id = ?"),
    deadline: sqlite.prepare<[number, number], { id: number; key: string; label: string | null }>(
      "select d.id, a.key, d.label from deadlines d join assignments a on a.id = d.assignment_id where d.id = ? and d.assignment_id = ?",
    ),
    delivered: sqlite.prepare<[number], { delivered_on: string | null }>(
      "select delivered_on from deadline_events where deadline_id = ? order by id desc limit 1",
    ),
    insertDelivery: sqlite.prepare(
      "insert into deadline_events (deadline_id, assignment_id, delivered_on, user_id, actor_name, created_at) values (?, ?, ?, ?, ?, ?)",
    ),
  };
}

/** Statements prepared once per connection: updates are the hot write path. */
const statementsFor = perConnection(prepareStatements);

/**
 * The assignment a write names (by key, and the agency's slug: keys are unique per agency), with
 * its owning departments and agency for the permission check; null if there is none, or if the
 * key without an agency names more than one. One prepared statement: the write actions need
 * nothing else.
 */
export function findAssignmentForWrite(app: AppDatabase, key: string, agency: string | null = null): { id: number; agency: number; owners: string[] } | null {
  const rows = statementsFor(app.sqlite).forWrite.all(key, agency, agency);
  const row = rows.length === 1 ? rows[0] : undefined;
  return row ? { id: row.id, agency: row.agency_id, owners: JSON.parse(row.owners) as string[] } : null;
}

export function recordStatusUpdate(
  app: AppDatabase,
  input: { assignmentId: number; baseVersion: number; status: StatusCode; comment: string | null; author: Author },
  now: Date = new Date(),
): Promise<StatusUpdateResult> {
  const { sqlite } = app;
  const q = statementsFor(sqlite);
  return writeInGroup(app, (): StatusUpdateResult => {
    const row = q.selectVersion.get(input.assignmentId);
    if (!row) return { ok: false, reason: "not_found" };
    if (row.version !== input.baseVersion) {
      return { ok: false, reason: "conflict", current: q.latest.get(input.assignmentId) ?? null, version: row.version };
    }
    const version = row.version + 1;
    const at = now.toISOString();
    const { author } = input;
    q.insertEvent.run(input.assignmentId, version, input.status, input.comment, `bruker:${author.userId}`, author.name, at, at, author.userId);
    q.bump.run(version, at, input.assignmentId);
    auditSync(sqlite, auditActor(author), "status:oppdatert", `oppdrag:${row.key}`, { version, status: input.status, comment: input.comment }, at);
    return { ok: true, version };
  });
}

export type DeliverableResult = { ok: true } | { ok: false; reason: "not_found" | "unchanged" };

export function recordDelivery(
  app: AppDatabase,
  input: { assignmentId: number; deadlineId: number; deliveredOn: string | null; author: Author },
  now: Date = new Date(),
): Promise<DeliverableResult> {
  const { sqlite } = app;
  const q = statementsFor(sqlite);
  return writeInGroup(app, (): DeliverableResult => {
    const row = q.deadline.get(input.deadlineId, input.assignmentId);
    if (!row) return { ok: false, reason: "not_found" };
    const before = q.delivered.get(input.deadlineId)?.delivered_on ?? null;
    if (before === input.deliveredOn) return { ok: false, reason: "unchanged" };
    const at = now.toISOString();
    q.insertDelivery.run(input.deadlineId, input.assignmentId, input.deliveredOn, input.author.userId, input.author.name, at);
    auditSync(sqlite, auditActor(input.author), "leveranse:oppdatert", `oppdrag:${row.key}`, { deliverable: row.label, deliveredOn: input.deliveredOn }, at);
    return { ok: true };
  });
}
