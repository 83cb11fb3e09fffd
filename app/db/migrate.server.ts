import { Migrator, type Kysely } from "kysely";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema up to date. Throws (with the failing migration's name) on error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
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
