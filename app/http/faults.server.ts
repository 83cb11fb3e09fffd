/**
 * Database faults as the user meets them: a read-only or full disk, a database locked by another
 * process, a missing or unreadable file. Each becomes a 503 page in Norwegian and one log line,
 * instead of Remix's generic 500, and the connection is reopened on the next request so the app
 * recovers by itself once the fault is gone.
 *
 * The mechanism (see docs/reliability.md): `withDatabaseFaultHandling(build)` wraps every route
 * loader and action of the Remix build once, in the HTTP layer. A thrown error that
 * `classifyDatabaseError` recognises is logged and rethrown as a `Response` with status 503,
 * which Remix renders with the root ErrorBoundary; every other error passes through untouched
 * (except a POST body that is no form at all, which becomes a 400 instead of a 500). Writes are
 * single transactions, so a fault mid-write rolls back and nothing partial remains.
 */
import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { getDatabase, resetDatabaseConnection } from "../db/connection.server";
import { migrationsAreCurrent } from "../db/migrate.server";

export type DatabaseFaultKind = "readonly" | "full" | "locked" | "unavailable";

export interface DatabaseFault {
  kind: DatabaseFaultKind;
  /** SQLite's error code (or a short name for errors without one). */
  code: string;
  /** The original message, for the log. */
  detail: string;
}

const UNAVAILABLE_MESSAGES = [
  /no such table/i,
  /database connection is not open/i,
  /driver has already been destroyed/i,
  /unable to open database/i,
  /file is not a database/i,
  /disk I\/O error/i,
];

/** Recognises errors that come from the database being unusable (not from a bug or bad input). */
export function classifyDatabaseError(error: unknown): DatabaseFault | null {
  if (!error || typeof error !== "object" || error instanceof Response) return null;
  const code = typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : "";
  const detail = error instanceof Error ? error.message : String(error);
  if (code.startsWith("SQLITE_READONLY")) return { kind: "readonly", code, detail };
  if (code === "SQLITE_FULL" || (error as { code?: unknown }).code === "ENOSPC") return { kind: "full", code: code || "ENOSPC", detail };
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return { kind: "locked", code, detail };
  if (
    code.startsWith("SQLITE_CANTOPEN") ||
    code.startsWith("SQLITE_IOERR") ||
    code === "SQLITE_NOTADB" ||
    code.startsWith("SQLITE_CORRUPT") ||
    code === "SQLITE_PROTOCOL"
  ) {
    return { kind: "unavailable", code, detail };
  }
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(detail)) && (code.startsWith("SQLITE") || error instanceof Error)) {
    return { kind: "unavailable", code: code || "SQLITE_UNAVAILABLE", detail };
  }
  return null;
}

const REASONS: Record<DatabaseFaultKind, string> = {
  readonly: "databasen er skrivebeskyttet",
  full: "lagringsplassen til databasen er full",
  locked: "databasen er låst av en annen prosess",
  unavailable: "databasen er ikke tilgjengelig",
};

/** The Norwegian text on the 503 page. A write request is told that nothing was saved. */
export function faultMessage(fault: DatabaseFault, method: string): string {
  const reason = REASONS[fault.kind];
  const write = method.toUpperCase() !== "GET" && method.toUpperCase() !== "HEAD";
  const first = write
    ? `Endringen ble ikke lagret fordi ${reason}. Ingenting av den er lagret, så du kan prøve igjen.`
    : `Siden kan ikke vises akkurat nå fordi ${reason}.`;
  return `${first} Prøv igjen om litt. Vedvarer feilen, kontakt driftsansvarlig (feilkode ${fault.code}).`;
}

export const FAULT_HEADER = "X-Database-Fault";

/** Logs the fault, drops the connection (reopened on the next request) and builds the 503. */
export function databaseFaultResponse(fault: DatabaseFault, request: Request): Response {
  const url = new URL(request.url);
  console.error(
    `[${new Date().toISOString()}] Databasefeil (${fault.kind}, ${fault.code}) ved ${request.method} ${url.pathname}: ${fault.detail}`,
  );
  // Reopen on the next request: picks up a file that is writable again, or back in place.
  resetDatabaseConnection();
  return new Response(faultMessage(fault, request.method), {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30", [FAULT_HEADER]: fault.kind },
  });
}

/**
 * A POST body that is no form at all (JSON, a broken multipart body) makes `request.formData()`
 * throw a TypeError in every action; that is bad input (400), not a server error (500).
 */
export function isUnreadableForm(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /Failed to parse body as FormData|Content-Type was not one of|body used already|unexpected end of form/i.test(error.message)
  );
}

type Handler = (args: { request: Request }) => unknown;

/** Wraps one loader or action: database faults become 503, unreadable forms 400. */
export function guardRouteHandler<T extends Handler>(handler: T): T {
  const wrapped = async (args: { request: Request }) => {
    try {
      return await handler(args);
    } catch (error) {
      const fault = classifyDatabaseError(error);
      if (fault) throw databaseFaultResponse(fault, args.request);
      if (isUnreadableForm(error)) {
        throw new Response("Skjemaet kunne ikke leses. Ingenting er lagret. Last siden på nytt og prøv igjen.", {
          status: 400,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        });
      }
      throw error;
    }
  };
  return wrapped as unknown as T;
}

/** The same build with every loader and action guarded by `guardRouteHandler`. */
export function withDatabaseFaultHandling(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = { ...route.module };
    if (module.loader) module.loader = guardRouteHandler(module.loader as Handler) as typeof module.loader;
    if (module.action) module.action = guardRouteHandler(module.action as Handler) as typeof module.action;
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}

export interface HealthReport {
  ok: boolean;
  database: "ok" | DatabaseFaultKind;
  migrations?: "current" | "pending";
  detail?: string;
}

/** Room below which the database counts as full: free disk space, or pages before max_page_count. */
const MIN_FREE_BYTES = 8 * 1024 * 1024;
const MIN_FREE_PAGES = 64;

/**
 * What /healthz reports: the file is there and readable, migrations are current, a write lock can
 * be taken (BEGIN IMMEDIATE, rolled back: nothing is written) and there is room to write.
 */
export async function databaseHealth(): Promise<HealthReport> {
  try {
    const app = getDatabase();
    const { db, sqlite } = app;
    sqlite.prepare("select count(*) from sqlite_master").get();
    const current = await migrationsAreCurrent(db);
    if (!current) return { ok: false, database: "ok", migrations: "pending" };
    const problem = await db.connection().execute(async () => {
      if (sqlite.readonly) return { kind: "readonly" as const, detail: "opened read-only" };
      sqlite.exec("BEGIN IMMEDIATE");
      sqlite.exec("ROLLBACK");
      const pageSize = Number(sqlite.pragma("page_size", { simple: true }));
      const pages = Number(sqlite.pragma("page_count", { simple: true }));
      const maxPages = Number(sqlite.pragma("max_page_count", { simple: true }));
      const freePages = Number(sqlite.pragma("freelist_count", { simple: true }));
      if (maxPages - pages + freePages < MIN_FREE_PAGES) return { kind: "full" as const, detail: "max_page_count nådd" };
      const disk = fs.statfsSync(path.dirname(app.path));
      if (disk.bavail * disk.bsize < Math.max(MIN_FREE_BYTES, pageSize * MIN_FREE_PAGES)) return { kind: "full" as const, detail: "disken er full" };
      return null;
    });
    if (problem) return { ok: false, database: problem.kind, migrations: "current", detail: problem.detail };
    return { ok: true, database: "ok", migrations: "current" };
  } catch (error) {
    const fault = classifyDatabaseError(error);
    if (fault && fault.kind !== "locked") resetDatabaseConnection();
    return { ok: false, database: fault?.kind ?? "unavailable", detail: fault?.code ?? (error instanceof Error ? error.message : String(error)) };
  }
}
