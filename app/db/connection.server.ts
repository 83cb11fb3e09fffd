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
 * The database file the running app had open is gone (deleted or moved away). Carries SQLite's
 * code so fault handling treats it like any other "cannot open" error.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = "SQLITE_CANTOPEN";
}

/** How long a write waits for another connection's lock before giving up (DATABASE_BUSY_TIMEOUT_MS, default 5 s). */
export function busyTimeoutMs(): number {
  const value = Number(process.env.DATABASE_BUSY_TIMEOUT_MS);
  return Number.isInteger(value) && value >= 0 ? value : 5000;
}

/**
 * Fault injection for tests only: runs on every connection `getDatabase()` opens, after the
 * settings are applied (e.g. `PRAGMA query_only` to act like a read-only file system, or a low
 * `max_page_count` to act like a full disk). Production code never sets it.
 */
export type ConnectionHook = (sqlite: SQLite.Database) => void;

export function setConnectionHook(hook: ConnectionHook | null): void {
  globalThis.__oppdragDbHook = hook ?? undefined;
}

/**
 * Opens (creating if needed) a database file with the settings the app relies on: WAL,
 * synchronous=FULL (an acknowledged write survives power loss), foreign keys, busy timeout.
 * Refuses to hand out a connection where one of them did not take.
 */
export function openDatabase(file: string, options: { readonly?: boolean; mustExist?: boolean } = {}): AppDatabase {
  const resolved = path.resolve(file);
  if (!options.readonly && !options.mustExist) fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const sqlite = new SQLite(resolved, {
    readonly: options.readonly ?? false,
    fileMustExist: (options.readonly ?? false) || (options.mustExist ?? false),
  });
  try {
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    if (!options.readonly) sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    verifySettings(sqlite, options.readonly ?? false);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { path: resolved, sqlite, db };
}

/** Distinct SQL texts kept prepared per connection (the app has far fewer; filters vary a little). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, with its statements kept prepared: Kysely's SQLite driver
 * calls `prepare` for every query, and SQLite parses and plans the SQL each time (≈ 5 µs, a page
 * runs up to a dozen queries). The same SQL text gets the same prepared statement; a statement
 * still being iterated (a streamed query) is never handed out twice. Kysely runs one query at a
 * time on its connection, and never changes a statement's modes (`raw`, `pluck`, `expand`).
 */
function withStatementCache(sqlite: SQLite.Database): { prepare: (sql: string) => SQLite.Statement; close: () => void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

/**
 * `make`, run once per connection and remembered with it: for statements prepared once on the
 * hot paths (session lookup, status writes, audit rows) that run on the raw connection.
 */
export function perConnection<T>(make: (sqlite: SQLite.Database) => T): (sqlite: SQLite.Database) => T {
  const made = new WeakMap<SQLite.Database, T>();
  return (sqlite) => {
    let value = made.get(sqlite);
    if (value === undefined) {
      value = make(sqlite);
      made.set(sqlite, value);
    }
    return value;
  };
}

/** Reads the settings back; throws DatabaseSetupError naming every one that did not take. */
export function verifySettings(sqlite: SQLite.Database, readonly: boolean): void {
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

interface OpenDatabase extends AppDatabase {
  /** Identity of the file when it was opened, to notice it being removed or replaced. */
  dev: number;
  ino: number;
}

declare global {
  // Survives module reloads in development (and is shared with the Remix server bundle).
  var __oppdragDb: OpenDatabase | undefined;
  var __oppdragDbOpened: Set<string> | undefined;
  var __oppdragDbHook: ConnectionHook | undefined;
}

function fileIdentity(file: string): { dev: number; ino: number } | null {
  try {
    const stat = fs.statSync(file);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return null;
  }
}

/**
 * Set while the current turn of the event loop has already found the open file in place: a
 * request calls `getDatabase()` several times (session, loaders, action) within one turn, and one
 * `stat` per turn is enough to notice a file replaced or removed by another process.
 */
let checkedThisTurn: OpenDatabase | null = null;

function rememberCheck(current: OpenDatabase): void {
  if (checkedThisTurn === null) setImmediate(() => (checkedThisTurn = null));
  checkedThisTurn = current;
}

/**
 * The process-wide connection to DATABASE_PATH. It checks (once per turn of the event loop) that
 * the file is still the one that was opened: if it was replaced (a restore) the new file is
 * opened; if it is gone the connection is closed and DatabaseUnavailableError thrown, so no write
 * is acknowledged into a deleted file. Once a path has been opened it is never silently
 * re-created empty.
 */
export function getDatabase(): AppDatabase {
  const wanted = databasePath();
  const current = globalThis.__oppdragDb;
  if (current && current === checkedThisTurn && current.path === wanted) return current;
  const identity = fileIdentity(wanted);
  if (current && current.path === wanted && identity && identity.dev === current.dev && identity.ino === current.ino) {
    rememberCheck(current);
    return current;
  }
  if (current) resetDatabaseConnection();
  const opened = (globalThis.__oppdragDbOpened ??= new Set());
  if (!identity && opened.has(wanted)) {
    throw new DatabaseUnavailableError(`Databasefilen ${wanted} finnes ikke (lenger).`);
  }
  const app = openDatabase(wanted, { mustExist: opened.has(wanted) });
  try {
    globalThis.__oppdragDbHook?.(app.sqlite);
  } catch (error) {
    app.sqlite.close();
    throw error;
  }
  const now = fileIdentity(wanted) ?? { dev: -1, ino: -1 };
  opened.add(wanted);
  globalThis.__oppdragDb = { ...app, ...now };
  return globalThis.__oppdragDb;
}

/**
 * For a write about to start on `app`: if it is the process-wide connection, checks (as
 * `getDatabase()` does) that its file is still in place, and throws DatabaseUnavailableError if
 * the file was removed or replaced since, so no write is acknowledged into a file that is gone.
 * Connections opened with `openDatabase()` directly are not checked.
 */
export function assertDatabaseFileCurrent(app: AppDatabase): void {
  const current = globalThis.__oppdragDb;
  if (!current || current.sqlite !== app.sqlite) return;
  if (getDatabase().sqlite !== app.sqlite) throw new DatabaseUnavailableError(`Databasefilen ${app.path} er byttet ut.`);
}

/**
 * Drops the process-wide connection; the next `getDatabase()` opens the file afresh. Used after
 * a database fault, so that a file made writable again, or put back, is picked up without a
 * restart.
 */
export function resetDatabaseConnection(): void {
  const current = globalThis.__oppdragDb;
  globalThis.__oppdragDb = undefined;
  if (!current) return;
  try {
    current.sqlite.close();
  } catch {
    // Already closed or unusable: nothing more to release.
  }
}

/** The process-wide connection if one is open (without opening one), e.g. to close only what a CLI call opened. */
export function currentDatabase(): AppDatabase | undefined {
  return globalThis.__oppdragDb;
}

export async function closeDatabase(): Promise<void> {
  const current = globalThis.__oppdragDb;
  globalThis.__oppdragDb = undefined;
  if (current) await current.db.destroy();
}
