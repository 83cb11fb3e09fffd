/**
 * Shared pieces of the reliability checks (scripts/reliability.ts and test/reliability/*.test.ts):
 * a prepared database, signed-in users, the status-update request and a fingerprint of the data.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { createSession } from "../../app/auth/session.server";
import type { Role } from "../../app/auth/permissions";
import { bootstrapDatabase } from "../../app/use-cases/bootstrap.server";
import { openDatabase, type AppDatabase } from "../../app/db/connection.server";
import { createUser } from "../../app/models/user.server";

export { REPO_ROOT } from "../lib/server-command";
export const SESSION_COOKIE = "oppdrag_sesjon";
export const PASSWORD = "korrekt hest batteri stift";

export function tempDir(prefix = "oppdrag-reliability-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let userCounter = 0;

/** A user with a signed-in session: the Cookie header value a browser would send. */
export async function signedInUser(app: AppDatabase, role: Role, departments: string[] = []) {
  userCounter += 1;
  const email = `${role}-${process.pid}-${userCounter}@example.no`;
  const id = await createUser(
    app.db,
    { email, name: `Pålitelighet ${role} ${userCounter}`, role, password: PASSWORD, departments: role === "departement" && !departments.length ? ["FHA"] : departments },
    { userId: null, name: "reliability" },
  );
  const token = await createSession(app.db, id, { ip: "127.0.0.1", userAgent: "reliability" });
  return { id, email, cookie: `${SESSION_COOKIE}=${token}` };
}

/**
 * A migrated database with the 2023 letter and one signed-in "saksbehandler" (closed again,
 * ready for a server to open).
 */
export async function prepareDatabase(file: string): Promise<{ cookie: string }> {
  const app = openDatabase(file);
  try {
    await bootstrapDatabase(app.db);
    const user = await signedInUser(app, "saksbehandler");
    return { cookie: user.cookie };
  } finally {
    await app.db.destroy();
  }
}

export interface AssignmentBaseline {
  key: string;
  id: number;
  version: number;
  events: number;
}

/** `count` assignments of 2023 with their current version and number of history rows (the baseline). */
export function pickAssignments(sqlite: SQLite.Database, count: number): AssignmentBaseline[] {
  const rows = sqlite
    .prepare(
      `select a.key, a.id, a.version, (select count(*) from status_events e where e.assignment_id = a.id) as events
         from assignments a where a.has_id = 1 order by a.id`,
    )
    .all() as AssignmentBaseline[];
  // Include TB2023-31 (it already has a letter event) so the baseline logic is exercised.
  const special = rows.filter((r) => r.key === "TB2023-31");
  const rest = rows.filter((r) => r.key !== "TB2023-31");
  return [...special, ...rest].slice(0, count);
}

export interface StatusAnswer {
  status: number;
  /** On 409: the version the page offers for a new attempt. */
  version?: number;
  body?: string;
}

/** POST /oppdrag/<key> intent=status as the form does it; 302 = saved, 409 = conflict. */
export async function postStatus(
  baseUrl: string,
  cookie: string,
  key: string,
  version: number,
  comment: string,
  options: { signal?: AbortSignal; status?: string } = {},
): Promise<StatusAnswer> {
  const body = new URLSearchParams({ intent: "status", status: options.status ?? "i_rute", comment, version: String(version) });
  const res = await fetch(`${baseUrl}/oppdrag/${encodeURIComponent(key)}`, {
    method: "POST",
    body,
    redirect: "manual",
    signal: options.signal,
    headers: { Cookie: cookie, Origin: new URL(baseUrl).origin, "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (res.status === 302 || res.status === 303) {
    await res.body?.cancel();
    return { status: res.status };
  }
  const text = await res.text();
  const match = /name="version" value="(\d+)"/.exec(text);
  return { status: res.status, version: match ? Number(match[1]) : undefined, body: text };
}

/** Row counts of every table plus a hash of the rows that can change in place (users, versions). */
export function fingerprint(sqlite: SQLite.Database): string {
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
  const parts = tables.map((name) => `${name}=${String(sqlite.prepare(`select count(*) from "${name}"`).pluck().get())}`);
  const users = sqlite
    .prepare("select group_concat(id || '|' || name || '|' || role || '|' || coalesce(disabled_at, '') || '|' || password_hash || '|' || must_change_password, ';') from (select * from users order by id)")
    .pluck()
    .get();
  const versions = sqlite.prepare("select group_concat(id || ':' || version || ':' || updated_at, ';') from (select * from assignments order by id)").pluck().get();
  const deps = sqlite.prepare("select group_concat(user_id || department_code, ';') from (select * from user_departments order by 1, 2)").pluck().get();
  return crypto.createHash("sha256").update([...parts, users, versions, deps].join("\n")).digest("hex");
}

/** Markdown table of label/value rows. */
export function table(rows: Array<[string, string | number]>): string {
  const width = Math.max(...rows.map(([k]) => k.length), 5);
  const valueWidth = Math.max(...rows.map(([, v]) => String(v).length), 5);
  const line = (a: string, b: string) => `| ${a.padEnd(width)} | ${b.padStart(valueWidth)} |`;
  return [line("Måling", "Verdi"), `|${"-".repeat(width + 2)}|${"-".repeat(valueWidth + 1)}:|`, ...rows.map(([k, v]) => line(k, String(v)))].join("\n");
}
