/**
 * The sign-in use case: throttling, password check, audit, a new session. Kept out of the route
 * so that the rules are in one tested place.
 */
import type { Kysely } from "kysely";
import { audit } from "~/models/audit.server";
import type { Database } from "~/db/schema";
import { findUserByEmail, normaliseEmail } from "~/models/user.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession, purgeExpiredSessions } from "./session.server";
import { isThrottled, recordAttempt } from "./throttle.server";

export type SignInResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; reason: "invalid" | "throttled"; message: string };

export const INVALID_MESSAGE = "Feil e-postadresse eller passord.";
export const THROTTLED_MESSAGE =
  "For mange mislykkede innloggingsforsøk. Vent 15 minutter før du prøver igjen, eller kontakt en administrator.";

export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; userAgent: string | null },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const actorBase = { userId: null, name: email ? `ukjent (${email.slice(0, 120)})` : "ukjent", ip: input.ip, userAgent: input.userAgent };
  if (await isThrottled(db, email, input.ip, now)) {
    await audit(db, actorBase, "innlogging:sperret", email ? `e-post:${email.slice(0, 120)}` : null, null, now);
    return { ok: false, reason: "throttled", message: THROTTLED_MESSAGE };
  }
  const user = email ? await findUserByEmail(db, email) : undefined;
  const valid = user ? await verifyPassword(input.password, user.password_hash) : await verifyAgainstDummy(input.password);
  if (!user || !valid || user.disabled_at) {
    await recordAttempt(db, email, input.ip, false, now);
    await audit(
      db,
      user ? { ...actorBase, userId: user.id, name: `${user.name} <${user.email}>` } : actorBase,
      "innlogging:feilet",
      email ? `e-post:${email.slice(0, 120)}` : null,
      null,
      now,
    );
    return { ok: false, reason: "invalid", message: INVALID_MESSAGE };
  }
  await recordAttempt(db, email, input.ip, true, now);
  await purgeExpiredSessions(db, now);
  const token = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent }, now);
  await audit(db, { ...actorBase, userId: user.id, name: `${user.name} <${user.email}>` }, "innlogging:ok", `bruker:${user.id}`, null, now);
  return { ok: true, token, userId: user.id };
}
