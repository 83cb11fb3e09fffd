/**
 * Sign-in throttling: after 5 failures for one account or one address within 15 minutes,
 * further tries are refused until the window has passed.
 *
 * An attempt is *reserved* before its password is hashed: one INSERT … SELECT … WHERE counts the
 * failures and inserts the attempt as a failure in the same statement, so it is atomic even
 * across processes. Parallel requests therefore cannot all pass the check before any of them is
 * recorded (issue 17, hole 1). A reservation becomes a success only when the password was right
 * (`markAttemptSucceeded`); until then it counts as a failure.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "~/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

/** Failures in the window for the account (since its last success) or the address. */
function failuresSql(email: string, ip: string, since: string) {
  return sql<number>`max(
    (select count(*) from login_attempts f
      where f.email = ${email} and f.success = 0 and f.created_at > ${since}
        and f.created_at > coalesce((select max(ok.created_at) from login_attempts ok where ok.email = ${email} and ok.success = 1), '')),
    (select count(*) from login_attempts f where f.ip = ${ip} and f.success = 0 and f.created_at > ${since}))`;
}

export async function isThrottled(db: Kysely<Database>, email: string, ip: string, now: Date = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const row = await sql<{ n: number }>`select ${failuresSql(email, ip, since)} as n`.execute(db);
  return Number(row.rows[0]?.n ?? 0) >= MAX_FAILURES;
}

/**
 * Reserves one attempt for (email, ip), recorded as a failure, unless the limit is already
 * reached. Returns the attempt's id, or null when throttled (nothing is recorded then).
 */
export async function reserveAttempt(db: Kysely<Database>, email: string, ip: string, now: Date = new Date()): Promise<number | null> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const result = await sql<{ id: number }>`
    insert into login_attempts (email, ip, success, created_at)
    select ${email}, ${ip}, 0, ${now.toISOString()}
    where ${failuresSql(email, ip, since)} < ${MAX_FAILURES}
    returning id`.execute(db);
  return result.rows[0]?.id ?? null;
}

/** The reserved attempt turned out right: it no longer counts as a failure. */
export async function markAttemptSucceeded(db: Kysely<Database>, attemptId: number): Promise<void> {
  await db.updateTable("login_attempts").set({ success: 1 }).where("id", "=", attemptId).execute();
}
