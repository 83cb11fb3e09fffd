/**
 * The one module that owns SQLite connections. Everything that touches the database gets its
 * Kysely instance from here, so the pragmas below hold everywhere.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export interface AppDatabase {
  path: string;
  sqlite: SQLite.Database;
  db: Kysely<Database>;
}

export const DEFAULT_DATABASE_PATH = "db/data/oppdragsoversikt.sqlite";

/** The SQLite file chosen by DATABASE_PATH (default under db/data/, git-ignored). */
export function databasePath(): string {
  return path.resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

export class DatabaseSetupError extends Error {}

/**
 * Opens (creating if needed) a database file with the settings the app relies on: WAL,
 * synchronous=FULL (an acknowledged write survives power loss), foreign keys, busy timeout.
 * Refuses to hand out a connection where one of them did not take.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): AppDatabase {
  const resolved = path.resolve(file);
  if (!options.readonly) fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const sqlite = new SQLite(resolved, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    sqlite.pragma("busy_timeout = 5000");
    if (!options.readonly) sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    verifySettings(sqlite, options.readonly ?? false);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { path: resolved, sqlite, db };
}

function verifySettings(sqlite: SQLite.Database, readonly: boolean): void {
  const journal = String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase();
  const synchronous = Number(sqlite.pragma("synchronous", { simple: true }));
  const foreignKeys = Number(sqlite.pragma("foreign_keys", { simple: true }));
  const problems: string[] = [];
  if (!readonly && journal !== "wal") problems.push(`journal_mode er ${journal}, ikke wal`);
  if (synchronous !== 2) problems.push(`synchronous er ${synchronous}, ikke FULL (2)`);
  if (foreignKeys !== 1) problems.push("foreign_keys er ikke slått på");
  if (problems.length > 0) {
    throw new DatabaseSetupError(`Databasen har feil innstillinger: ${problems.join(", ")}`);
  }
}

declare global {
  // Survives module reloads in development.
  var __oppdragDb: AppDatabase | undefined;
}

/** The process-wide connection to DATABASE_PATH. */
export function getDatabase(): AppDatabase {
  const wanted = databasePath();
  if (!globalThis.__oppdragDb || globalThis.__oppdragDb.path !== wanted) {
    globalThis.__oppdragDb?.sqlite.close();
    globalThis.__oppdragDb = openDatabase(wanted);
  }
  return globalThis.__oppdragDb;
}

export function getDb(): Kysely<Database> {
  return getDatabase().db;
}

export async function closeDatabase(): Promise<void> {
  const current = globalThis.__oppdragDb;
  globalThis.__oppdragDb = undefined;
  if (current) await current.db.destroy();
}
