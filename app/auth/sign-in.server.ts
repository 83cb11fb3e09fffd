/**
 * The sign-in use case: throttling, password check, audit, a new session. Kept out of the route
 * so that the rules are in one tested place.
 */
import type { Kysely } from "kysely";
import { audit, type Actor } from "~/models/audit.server";
import type { Database } from "~/db/schema";
import { findUserByEmail, normaliseEmail } from "~/models/user.server";
import { PasswordCheckBusyError, verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession, purgeExpiredSessions } from "./session.server";
import { markAttemptSucceeded, reserveAttempt } from "./throttle.server";

export type SignInResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; reason: "invalid" | "throttled" | "busy"; message: string };

export const INVALID_MESSAGE = "Feil e-postadresse eller passord.";
export const THROTTLED_MESSAGE =
  "For mange mislykkede innloggingsforsøk. Vent 15 minutter før du prøver igjen, eller kontakt en administrator.";
export const BUSY_MESSAGE = "Tjenesten er opptatt med mange innlogginger akkurat nå. Vent litt og prøv igjen.";

/**
 * A password check guarded by the throttle: the attempt is reserved (recorded as a failure)
 * before the hash runs, and marked as a success only when `check` says so. Shared by sign-in
 * and the own-password change, so both count against the same limits.
 */
export async function throttledPasswordCheck(
  db: Kysely<Database>,
  key: { email: string; ip: string },
  check: () => Promise<boolean>,
  now: Date = new Date(),
): Promise<"ok" | "invalid" | "throttled" | "busy"> {
  const attempt = await reserveAttempt(db, key.email, key.ip, now);
  if (attempt === null) return "throttled";
  let valid: boolean;
  try {
    valid = await check();
  } catch (error) {
    // Refused before hashing: the reservation stays as a failure (a flood counts against itself).
    if (error instanceof PasswordCheckBusyError) return "busy";
    throw error;
  }
  if (!valid) return "invalid";
  await markAttemptSucceeded(db, attempt);
  return "ok";
}

export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; userAgent: string | null },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const actorBase: Actor = { userId: null, name: email ? `ukjent (${email.slice(0, 120)})` : "ukjent", ip: input.ip, userAgent: input.userAgent };
  const target = email ? `e-post:${email.slice(0, 120)}` : null;
  const user = email ? await findUserByEmail(db, email) : undefined;
  const outcome = await throttledPasswordCheck(
    db,
    { email, ip: input.ip },
    async () => (user ? (await verifyPassword(input.password, user.password_hash)) && !user.disabled_at : verifyAgainstDummy(input.password)),
    now,
  );
  const userActor = user ? { ...actorBase, userId: user.id, name: `${user.name} <${user.email}>` } : actorBase;
  if (outcome === "throttled") {
    await audit(db, actorBase, "innlogging:sperret", target, null, now);
    return { ok: false, reason: "throttled", message: THROTTLED_MESSAGE };
  }
  if (outcome === "busy") {
    await audit(db, userActor, "innlogging:feilet", target, { opptatt: true }, now);
    return { ok: false, reason: "busy", message: BUSY_MESSAGE };
  }
  if (outcome === "invalid" || !user) {
    await audit(db, userActor, "innlogging:feilet", target, null, now);
    return { ok: false, reason: "invalid", message: INVALID_MESSAGE };
  }
  await purgeExpiredSessions(db, now);
  const token = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent }, now);
  await audit(db, userActor, "innlogging:ok", `bruker:${user.id}`, null, now);
  return { ok: true, token, userId: user.id };
}
