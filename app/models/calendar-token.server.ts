/**
 * Calendar tokens: a random 256-bit token in the feed URL (`/kalender/<token>/…`); the database
 * keeps only its SHA-256. A new token revokes the old ones; reset and disable revoke them too.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { audit, type Actor } from "./audit.server";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Revokes every live token of the user, inside the caller's transaction (also on password reset and disable). */
export async function revokeCalendarTokensIn(trx: Kysely<Database>, userId: number, now: string): Promise<void> {
  await trx.updateTable("calendar_tokens").set({ revoked_at: now }).where("user_id", "=", userId).where("revoked_at", "is", null).execute();
}

export async function createCalendarToken(db: Kysely<Database>, userId: number, actor: Actor): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await revokeCalendarTokensIn(trx, userId, now);
    await trx.insertInto("calendar_tokens").values({ user_id: userId, token_hash: hash(token), created_at: now, revoked_at: null }).execute();
    await audit(trx, actor, "kalender:ny-lenke", `bruker:${userId}`);
  });
  return token;
}

export async function revokeCalendarTokens(db: Kysely<Database>, userId: number, actor: Actor): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await revokeCalendarTokensIn(trx, userId, now);
    await audit(trx, actor, "kalender:lenke-trukket", `bruker:${userId}`);
  });
}

export async function activeCalendarToken(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("calendar_tokens")
    .select(["id", "created_at"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

/** The (enabled) user behind a feed token, or null for unknown or revoked tokens. */
export async function userForCalendarToken(db: Kysely<Database>, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db
    .selectFrom("calendar_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["u.id", "u.name", "u.email", "u.role", "u.disabled_at", "t.revoked_at"])
    .where("t.token_hash", "=", hash(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return null;
  const deps = await db.selectFrom("user_departments").select("department_code").where("user_id", "=", row.id).execute();
  return { id: row.id, name: row.name, email: row.email, role: row.role, departments: deps.map((d) => d.department_code) };
}
