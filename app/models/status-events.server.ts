/**
 * THE writer of `status_events` (append-only; the table's triggers refuse UPDATE and DELETE).
 * Every caller goes through `appendStatusEvent`: status updates (synchronously, on the raw
 * connection inside their group commit), postponements and withdrawals from letters (in the
 * importer's Kysely transaction), and the demo history.
 *
 * The caller chooses the version (optimistic locking) and bumps `assignments.version` itself, in
 * the same transaction.
 */
import type SQLite from "better-sqlite3";
import type { Kysely, Transaction } from "kysely";
import { perConnection } from "~/db/connection.server";
import type { Database } from "~/db/schema";
import type { StatusCode } from "~/domain/status";

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
