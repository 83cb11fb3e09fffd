import { Migrator, sql, type Kysely } from "kysely";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

export interface MigrationOutcome {
  applied: string[];
}

/**
 * Brings the schema up to date. Throws (with the failing migration's name) on error.
 *
 * Migrations run with foreign keys off (the pragma cannot change inside the migrations'
 * transaction), so a migration may rebuild a table others refer to, as SQLite's documented
 * procedure for schema changes requires; `foreign_key_check` then proves nothing dangles, and
 * foreign keys are on again before anything else runs.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  await sql`pragma foreign_keys = off`.execute(db);
  let outcome: Awaited<ReturnType<typeof migrator.migrateToLatest>>;
  try {
    outcome = await migrator.migrateToLatest();
    const dangling = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
    if (dangling.rows.length > 0) {
      throw new Error(`Migrering av databasen etterlot ugyldige referanser (${dangling.rows.map((r) => r.table).join(", ")})`);
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
  const { error, results } = outcome;
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : "";
    const reason = error instanceof Error ? error.message : String(error ?? "ukjent feil");
    throw new Error(`Migrering av databasen feilet${name}: ${reason}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

/** True when every known migration has been applied (for health checks). */
export async function migrationsAreCurrent(db: Kysely<Database>): Promise<boolean> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
