/**
 * The append-only audit log: every write names who, when, what and from where. The table's
 * triggers refuse UPDATE and DELETE; this module only inserts and reads.
 */
import type SQLite from "better-sqlite3";
import { perConnection } from "../db/connection.server";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema";

export interface Actor {
  userId: number | null;
  /** "Kari Nordmann <kari@example.no>", "cli", "system". */
  name: string;
  /** The person's name alone, for history lines ("Kari Nordmann"); defaults to `name`. */
  person?: string;
  ip?: string | null;
  userAgent?: string | null;
}

export function actorDisplayName(actor: Actor): string {
  return actor.person ?? actor.name;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: "system" };
export const CLI_ACTOR: Actor = { userId: null, name: `cli (${process.env.USER ?? "ukjent bruker"})` };

export type AuditAction =
  | "innlogging:ok"
  | "innlogging:feilet"
  | "innlogging:sperret"
  | "utlogging"
  | "bruker:opprettet"
  | "bruker:endret"
  | "bruker:deaktivert"
  | "bruker:aktivert"
  | "bruker:passord-tilbakestilt"
  | "bruker:passord-endret"
  | "bruker:passord-feil"
  | "bruker:passord-sperret"
  | "oppsett:første-admin"
  | "brev:importert"
  | "brev:lastet-opp"
  | "brev:avbrutt"
  | "brev:overstyrt"
  | "oppdrag:videreført"
  | "status:oppdatert"
  | "leveranse:oppdatert"
  | "frist:avtalt"
  | "rapport:endret"
  | "tilgang:nektet"
  | "kalender:ny-lenke"
  | "kalender:lenke-trukket"
  | "varsel:innstillinger"
  | "varsel:sendt"
  | "virksomhet:opprettet"
  | "virksomhet:endret";

const syncInsert = perConnection((sqlite) =>
  sqlite.prepare("insert into audit_log (created_at, user_id, actor, action, target, details, ip, user_agent) values (?, ?, ?, ?, ?, ?, ?, ?)"),
);

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * THE writer of `audit_log`. On a Kysely executor (or transaction) it returns a promise; on a raw
 * better-sqlite3 connection it writes synchronously, for writes that run as one better-sqlite3
 * transaction without awaiting (status and delivery updates). Same row either way.
 */
export function audit(
  db: SQLite.Database,
  actor: Actor,
  action: AuditAction,
  target?: string | null,
  details?: Record<string, unknown> | null,
  now?: Date,
): void;
export function audit(
  db: Executor,
  actor: Actor,
  action: AuditAction,
  target?: string | null,
  details?: Record<string, unknown> | null,
  now?: Date,
): Promise<void>;
export function audit(
  db: Executor | SQLite.Database,
  actor: Actor,
  action: AuditAction,
  target: string | null = null,
  details: Record<string, unknown> | null = null,
  now: Date = new Date(),
): void | Promise<void> {
  const row = {
    created_at: now.toISOString(),
    user_id: actor.userId,
    actor: actor.name,
    action,
    target,
    details: details ? JSON.stringify(details) : null,
    ip: actor.ip ?? null,
    user_agent: actor.userAgent ? actor.userAgent.slice(0, 300) : null,
  };
  if (typeof (db as Executor).insertInto !== "function") {
    syncInsert(db as SQLite.Database).run(row.created_at, row.user_id, row.actor, row.action, row.target, row.details, row.ip, row.user_agent);
    return;
  }
  return (db as Executor)
    .insertInto("audit_log")
    .values(row)
    .execute()
    .then(() => undefined);
}

export interface AuditFilter {
  action?: string | null;
  actor?: string | null;
  from?: string | null;
  to?: string | null;
  page?: number;
  pageSize?: number;
}

export async function listAudit(db: Kysely<Database>, filter: AuditFilter) {
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 200);
  const page = Math.max(filter.page ?? 1, 1);
  let q = db.selectFrom("audit_log");
  if (filter.action) q = q.where("action", "=", filter.action);
  if (filter.actor) q = q.where("actor", "like", `%${filter.actor.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (filter.from) q = q.where("created_at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) q = q.where("created_at", "<=", `${filter.to}T23:59:59.999Z`);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy("id", "desc").limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), page, pageSize };
}

export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}
