/** Which reminder kinds each user has turned off (Min konto → Varsler). */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { REMINDER_KINDS, type ReminderKind } from "../domain/reminders";
import { audit, type Actor } from "./audit.server";

export async function reminderOptOuts(db: Kysely<Database>, userId: number): Promise<ReminderKind[]> {
  const rows = await db.selectFrom("reminder_opt_outs").select("kind").where("user_id", "=", userId).execute();
  return rows.map((r) => r.kind);
}

export async function allReminderOptOuts(db: Kysely<Database>) {
  return db.selectFrom("reminder_opt_outs").selectAll().execute();
}

/** Keeps exactly the wanted kinds on (the rest off), audited, in one transaction. */
export async function setWantedReminders(db: Kysely<Database>, userId: number, wanted: ReadonlySet<string>, actor: Actor): Promise<void> {
  const off = REMINDER_KINDS.filter((k) => !wanted.has(k));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("reminder_opt_outs").where("user_id", "=", userId).execute();
    for (const kind of off) await trx.insertInto("reminder_opt_outs").values({ user_id: userId, kind }).execute();
    await audit(trx, actor, "varsel:innstillinger", `bruker:${userId}`, { off });
  });
}
