/**
 * A user changes their own password. The current password is checked through the sign-in
 * throttle (same limits, same counters: a wrong current password is a password guess), and
 * every refusal is audited, so a stolen session cannot guess the password without limit or
 * without trace (issue 17, hole 8).
 */
import type { Kysely } from "kysely";
import { audit } from "~/models/audit.server";
import type { Database } from "~/db/schema";
import { setOwnPassword } from "~/models/user.server";
import type { CurrentUser } from "./guards.server";
import { verifyPassword } from "./password.server";
import { BUSY_MESSAGE, THROTTLED_MESSAGE, throttledPasswordCheck } from "./sign-in.server";

export type PasswordChangeResult = { ok: true } | { ok: false; status: 400 | 429 | 503; message: string };

export const WRONG_CURRENT_MESSAGE = "Passordet du har nå er feil.";

export async function changeOwnPassword(
  db: Kysely<Database>,
  user: CurrentUser,
  current: string,
  next: string,
  now: Date = new Date(),
): Promise<PasswordChangeResult> {
  const stored = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirst();
  const outcome = await throttledPasswordCheck(
    db,
    { email: user.email, ip: user.actor.ip ?? "ukjent" },
    async () => !!stored && (await verifyPassword(current, stored.password_hash)),
    now,
  );
  const target = `bruker:${user.id}`;
  if (outcome === "throttled") {
    await audit(db, user.actor, "bruker:passord-sperret", target, { email: user.email }, now);
    return { ok: false, status: 429, message: THROTTLED_MESSAGE };
  }
  if (outcome === "busy") return { ok: false, status: 503, message: BUSY_MESSAGE };
  if (outcome === "invalid") {
    await audit(db, user.actor, "bruker:passord-feil", target, { email: user.email }, now);
    return { ok: false, status: 400, message: WRONG_CURRENT_MESSAGE };
  }
  await setOwnPassword(db, user.id, next, user.actor, user.sessionHash);
  return { ok: true };
}
