/**
 * Checks that a database file is intact, from this version of the app, and that the status
 * history adds up. Used by backup and restore (a backup is only put in place if it passes) and by
 * the reliability tests.
 */
import type SQLite from "better-sqlite3";
import { migrations } from "./migrations";

/**
 * The consistency check (integrity_check, foreign keys, version == number of status events
 * numbered 1..n, deadlines, the search index) lives in ./consistency.server (shared with the
 * benchmark); re-exported here for backup, restore and the reliability tests.
 */
export { checkConsistency, type ConsistencyReport } from "./consistency.server";

/** Just SQLite's own structural check: "ok" or the first problems it reports. */
export function integrityProblems(sqlite: SQLite.Database): string[] {
  const result = sqlite.prepare("pragma integrity_check").pluck().all() as string[];
  return result.length === 1 && result[0] === "ok" ? [] : result.slice(0, 5).map((r) => `integrity_check: ${r}`);
}

export interface MigrationState {
  applied: string[];
  /** Known to this version of the app but not applied in the file. */
  pending: string[];
  /** Applied in the file but unknown to this version of the app (the file is from a newer version). */
  unknown: string[];
}

/** Which of the app's migrations a database file has applied (read only). */
export function migrationState(sqlite: SQLite.Database): MigrationState {
  const known = Object.keys(migrations);
  const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  const applied = hasTable ? (sqlite.prepare("select name from kysely_migration order by name").pluck().all() as string[]) : [];
  return {
    applied,
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}
