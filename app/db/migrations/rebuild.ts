import { sql, type Kysely } from "kysely";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A table rebuild inside a migration (docs/decisions/031-migrations-with-foreign-keys-off.md):
 * foreign keys off (with them on, dropping a parent table deletes its children through the
 * cascade), one transaction of its own (Kysely runs SQLite migrations without one), and
 * `foreign_key_check` before the commit; on any error nothing of it stays. `what` names the
 * rebuild in the error ("ombygging av deadlines").
 */
export async function rebuildWithForeignKeysOff(db: Kysely<any>, what: string, body: () => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      await body();
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`Fremmednøkler brutt etter ${what}: ${JSON.stringify(broken.rows.slice(0, 3))}`);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
