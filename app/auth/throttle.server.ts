/**
 * Sign-in throttling: after 5 failures for one account or one address within 15 minutes,
 * further tries are refused until the window has passed.
 */
import type { Kysely } from "kysely";
import type { Database } from "~/db/schema";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export async function isThrottled(db: Kysely<Database>, email: string, ip: string, now: Date = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const [byEmail, byIp] = await Promise.all([
    db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("email", "=", email)
      .where("success", "=", 0)
      .where("created_at", ">", since)
      // A successful sign-in starts the account's count afresh.
      .where((eb) =>
        eb(
          "created_at",
          ">",
          eb.fn.coalesce(
            eb
              .selectFrom("login_attempts as ok")
              .select((s) => s.fn.max("ok.created_at").as("m"))
              .where("ok.email", "=", email)
              .where("ok.success", "=", 1),
            eb.val(""),
          ),
        ),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ip", "=", ip)
      .where("success", "=", 0)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow(),
  ]);
  return Number(byEmail.n) >= MAX_FAILURES || Number(byIp.n) >= MAX_FAILURES;
}

export async function recordAttempt(
  db: Kysely<Database>,
  email: string,
  ip: string,
  success: boolean,
  now: Date = new Date(),
): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({ email, ip, success: success ? 1 : 0, created_at: now.toISOString() })
    .execute();
}
