/**
 * Writes of status, comments and deliveries. Each is a short synchronous piece of work with no
 * awaiting inside, run in a `BEGIN IMMEDIATE` transaction that holds Kysely's connection lock so
 * no other query interleaves; writes arriving together share that transaction and its fsync
 * (group commit, `group-commit.server.ts`), and each is answered only once it is durable.
 * Optimistic locking: an update names the version it was based on; if the assignment has moved
 * on since, nothing is written and the newer change is returned.
 */
import type SQLite from "better-sqlite3";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema";
import { actorDisplayName, audit, type Actor } from "./audit.server";
import { perConnection, type AppDatabase } from "../db/connection.server";
import { writeInGroup } from "../db/group-commit.server";
import type { StatusCode } from "../domain/status";

export interface LatestEvent {
  version: number;
  status: StatusCode;
  comment: string | null;
  actor_name: string;
  created_at: string;
}

/** The `actor` column of a status event: `bruker:<id>` for a signed-in user, else the actor's name. */
function actorCode(actor: Actor): string {
  return actor.userId === null ? actor.name : `bruker:${actor.userId}`;
}

export type StatusUpdateResult =
  | { ok: true; version: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "conflict"; current: LatestEvent | null; version: number };

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
  input: { assignmentId: number; baseVersion: number; status: StatusCode; comment: string | null; actor: Actor },
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
    const { actor } = input;
    appendStatusEvent(sqlite, {
      assignmentId: input.assignmentId,
      version,
      status: input.status,
      comment: input.comment,
      actor: actorCode(actor),
      actorName: actorDisplayName(actor),
      letterId: null,
      effectiveAt: at,
      createdAt: at,
      userId: actor.userId,
    });
    q.bump.run(version, at, input.assignmentId);
    audit(sqlite, actor, "status:oppdatert", `oppdrag:${row.key}`, { version, status: input.status, comment: input.comment }, now);
    return { ok: true, version };
  });
}

export type DeliverableResult = { ok: true } | { ok: false; reason: "not_found" | "unchanged" };

export function recordDelivery(
  app: AppDatabase,
  input: { assignmentId: number; deadlineId: number; deliveredOn: string | null; actor: Actor },
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
    q.insertDelivery.run(input.deadlineId, input.assignmentId, input.deliveredOn, input.actor.userId, actorDisplayName(input.actor), at);
    audit(sqlite, input.actor, "leveranse:oppdatert", `oppdrag:${row.key}`, { deliverable: row.label, deliveredOn: input.deliveredOn }, now);
    return { ok: true };
  });
}

// The writer of status_events.
/**
 * THE writer of `status_events` (append-only; the table's triggers refuse UPDATE and DELETE).
 * Every caller goes through `appendStatusEvent`: status updates (synchronously, on the raw
 * connection inside their group commit), postponements and withdrawals from letters (in the
 * importer's Kysely transaction), and the demo history.
 *
 * The caller chooses the version (optimistic locking) and bumps `assignments.version` itself, in
 * the same transaction.
 */

export interface NewStatusEvent {
  assignmentId: number;
  version: number;
  status: StatusCode;
  comment: string | null;
  /** "bruker:<id>", "brev:<letter id>", "demo", "system". */
  actor: string;
  actorName: string;
  /** The letter the event comes from (postponement, withdrawal), else null. */
  letterId: number | null;
  effectiveAt: string;
  createdAt: string;
  userId: number | null;
}

const insertStatement = perConnection((sqlite) =>
  sqlite.prepare(
    `insert into status_events (assignment_id, version, status, comment, actor, actor_name, letter_id, effective_at, created_at, user_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
);

type Executor = Kysely<Database> | Transaction<Database>;

/** On a raw connection the row is written synchronously; on a Kysely executor it returns a promise. */
export function appendStatusEvent(on: SQLite.Database, event: NewStatusEvent): void;
export function appendStatusEvent(on: Executor, event: NewStatusEvent): Promise<void>;
export function appendStatusEvent(on: SQLite.Database | Executor, e: NewStatusEvent): void | Promise<void> {
  if (!isKysely(on)) {
    insertStatement(on).run(e.assignmentId, e.version, e.status, e.comment, e.actor, e.actorName, e.letterId, e.effectiveAt, e.createdAt, e.userId);
    return;
  }
  return on
    .insertInto("status_events")
    .values({
      assignment_id: e.assignmentId,
      version: e.version,
      status: e.status,
      comment: e.comment,
      actor: e.actor,
      actor_name: e.actorName,
      letter_id: e.letterId,
      effective_at: e.effectiveAt,
      created_at: e.createdAt,
      user_id: e.userId,
    })
    .execute()
    .then(() => undefined);
}

export function isKysely(on: SQLite.Database | Executor): on is Executor {
  return typeof (on as Executor).insertInto === "function";
}
