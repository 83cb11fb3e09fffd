/**
 * Server-side sessions in SQLite. The cookie holds a random 256-bit token; the database holds
 * only its SHA-256. Idle timeout 30 minutes and absolute lifetime 12 hours by default
 * (SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS).
 */
import { createHash, randomBytes } from "node:crypto";
import { parse, serialize } from "cookie";
import type { Kysely } from "kysely";
import { perConnection, type AppDatabase } from "~/db/connection.server";
import type { Database } from "~/db/schema";
import type { Role } from "~/domain/roles";

export interface SessionConfig {
  idleMs: number;
  absoluteMs: number;
}

export function sessionConfig(): SessionConfig {
  const idle = Number(process.env.SESSION_IDLE_MINUTES);
  const absolute = Number(process.env.SESSION_ABSOLUTE_HOURS);
  return {
    idleMs: (Number.isFinite(idle) && idle > 0 ? idle : 30) * 60_000,
    absoluteMs: (Number.isFinite(absolute) && absolute > 0 ? absolute : 12) * 3_600_000,
  };
}

/** Writing last_seen_at on every request is wasteful: once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether cookies must be Secure: the request came over HTTPS, or PUBLIC_URL is https. */
export function isSecureRequest(request: Request): boolean {
  if (process.env.PUBLIC_URL?.startsWith("https:")) return true;
  return new URL(request.url).protocol === "https:";
}

function cookieName(secure: boolean): string {
  // The __Host- prefix makes the browser refuse the cookie unless Secure, host-only, Path=/.
  return secure ? "__Host-oppdrag_sesjon" : "oppdrag_sesjon";
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const cookies = parse(header);
  const token = cookies[cookieName(isSecureRequest(request))];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export function sessionCookieHeader(request: Request, token: string): string {
  const secure = isSecureRequest(request);
  return serialize(cookieName(secure), token, { httpOnly: true, sameSite: "lax", secure, path: "/" });
}

export function clearSessionCookieHeader(request: Request): string {
  const secure = isSecureRequest(request);
  return serialize(cookieName(secure), "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
}

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  meta: { ip: string | null; userAgent: string | null },
  now: Date = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const { absoluteMs } = sessionConfig();
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + absoluteMs).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export interface SessionUser {
  /** SHA-256 of the session token in use. */
  sessionHash: string;
  mustChangePassword: boolean;
  id: number;
  email: string;
  name: string;
  role: Role;
  departments: string[];
  /** Ids of the agencies the user belongs to (permissions: case handlers act only on these). */
  agencies: number[];
}

interface SessionRow {
  last_seen_at: string;
  expires_at: string;
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled_at: string | null;
  must_change_password: number;
  /** JSON array of department codes, sorted. */
  departments: string;
  /** JSON array of agency ids, sorted. */
  agencies: string;
}

/**
 * Every request looks its session up, so this is one statement, prepared once per connection,
 * with the user's departments as a JSON array.
 */
const sessionLookup = perConnection((sqlite) =>
  sqlite.prepare<[string], SessionRow>(
    `select s.last_seen_at, s.expires_at, u.id, u.email, u.name, u.role, u.disabled_at, u.must_change_password,
            (select json_group_array(ud.department_code order by ud.department_code)
             from user_departments ud where ud.user_id = u.id) as departments,
            (select json_group_array(ua.agency_id order by ua.agency_id)
             from user_agencies ua where ua.user_id = u.id) as agencies
     from sessions s join users u on u.id = s.user_id
     where s.id_hash = ?`,
  ),
);

/** The signed-in user for a token, or null if the session is unknown, expired or the user disabled. */
export async function resolveSession(app: AppDatabase, token: string, now: Date = new Date()): Promise<SessionUser | null> {
  const { db } = app;
  const idHash = hashToken(token);
  const row = sessionLookup(app.sqlite).get(idHash);
  if (!row) return null;
  const { idleMs } = sessionConfig();
  const lastSeen = Date.parse(row.last_seen_at);
  const expired = Date.parse(row.expires_at) <= now.getTime() || lastSeen + idleMs <= now.getTime();
  if (expired || row.disabled_at) {
    await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    return null;
  }
  if (now.getTime() - lastSeen >= TOUCH_INTERVAL_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
  }
  return {
    sessionHash: idHash,
    mustChangePassword: row.must_change_password === 1,
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    departments: JSON.parse(row.departments) as string[],
    agencies: JSON.parse(row.agencies) as number[],
  };
}

export async function destroySession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", hashToken(token)).execute();
}

/** Removes sessions past their lifetime (housekeeping; expired ones are refused anyway). */
export async function purgeExpiredSessions(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const { idleMs } = sessionConfig();
  await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<=", now.toISOString()),
        eb("last_seen_at", "<=", new Date(now.getTime() - idleMs).toISOString()),
      ]),
    )
    .execute();
}
