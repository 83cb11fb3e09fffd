/**
 * Online backup and checked restore of the SQLite file (`npm run db:backup` / `db:restore`).
 *
 * Backup uses SQLite's backup API from a separate connection while the app keeps running: the
 * copy is taken in one step (a consistent snapshot; in WAL mode writers are not blocked), written
 * to a temporary name, checked, switched to a self-contained rollback-journal file and only then
 * renamed into place, so a backup file that exists is always complete.
 *
 * Restore only replaces DATABASE_PATH with a file that passes the same checks the app relies on,
 * and keeps the previous file next to it as `<name>.<timestamp>.bak`.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { busyTimeoutMs, openDatabase } from "./connection.server";
import { checkConsistency, integrityProblems, migrationState } from "./integrity.server";

export class BackupError extends Error {}

export interface BackupOutcome {
  file: string;
  pages: number;
  bytes: number;
  ms: number;
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

export function defaultBackupFile(databaseFile: string, now = new Date()): string {
  const name = path.basename(databaseFile).replace(/\.sqlite$/, "");
  return path.join(path.dirname(databaseFile), "..", "backups", `${name}-${timestamp(now)}.sqlite`);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported on every platform; the rename itself is still atomic.
  }
}

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/** Copies `source` (a database in use or not) to `destination`, which must not exist. */
export async function backupDatabase(source: string, destination: string): Promise<BackupOutcome> {
  const started = Date.now();
  const src = path.resolve(source);
  const dest = path.resolve(destination);
  if (!fs.existsSync(src)) throw new BackupError(`Fant ikke databasen ${src}.`);
  if (fs.existsSync(dest)) throw new BackupError(`${dest} finnes allerede. Velg et nytt filnavn; en sikkerhetskopi overskrives aldri.`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}`;
  removeWithSidecars(tmp);
  const app = openDatabase(src, { mustExist: true });
  let pages = 0;
  try {
    // The first step only starts the backup; returning a huge number makes the next step copy
    // every page at once, under one read transaction: a consistent snapshot that concurrent
    // writes cannot restart.
    const result = await app.sqlite.backup(tmp, { progress: () => 0x7fffffff });
    pages = result.totalPages;
  } catch (error) {
    removeWithSidecars(tmp);
    throw new BackupError(`Sikkerhetskopieringen feilet: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    app.sqlite.close();
  }
  const copy = new SQLite(tmp, { fileMustExist: true });
  try {
    copy.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    const report = checkConsistency(copy);
    if (!report.ok) throw new BackupError(`Sikkerhetskopien besto ikke kontrollen: ${report.problems.join("; ")}`);
    // A backup is one self-contained file: no -wal next to it is needed to read it.
    copy.pragma("journal_mode = DELETE");
  } catch (error) {
    copy.close();
    removeWithSidecars(tmp);
    throw error;
  }
  copy.close();
  fsyncFile(tmp);
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
  return { file: dest, pages, bytes: fs.statSync(dest).size, ms: Date.now() - started };
}

export interface VerifyOutcome {
  ok: boolean;
  /** Norwegian reasons the file cannot be restored. */
  problems: string[];
}

/** Whether `file` is a database this version of the app can run on (read only; changes nothing). */
export function verifyDatabaseFile(file: string): VerifyOutcome {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) return { ok: false, problems: [`Fant ikke filen ${resolved}.`] };
  const header = Buffer.alloc(16);
  const fd = fs.openSync(resolved, "r");
  const read = fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (read < 16 || header.toString("latin1") !== "SQLite format 3\u0000") {
    return { ok: false, problems: [`${resolved} er ikke en SQLite-database.`] };
  }
  let sqlite: SQLite.Database | null = null;
  try {
    sqlite = new SQLite(resolved, { readonly: true, fileMustExist: true });
    // Structure first, then whether the schema is ours and current, then the data itself.
    const integrity = integrityProblems(sqlite);
    if (integrity.length) return { ok: false, problems: [`Filen er skadet: ${integrity.join("; ")}`] };
    const state = migrationState(sqlite);
    if (state.applied.length === 0) return { ok: false, problems: ["Filen har ingen migreringer: den er ikke en database fra Oppdragsoversikt."] };
    if (state.unknown.length > 0) {
      return { ok: false, problems: [`Filen har migreringer denne versjonen av appen ikke kjenner (${state.unknown.join(", ")}): den er fra en nyere versjon.`] };
    }
    if (state.pending.length > 0) {
      return { ok: false, problems: [`Filen mangler migreringene ${state.pending.join(", ")}: den er fra en eldre versjon og må migreres først.`] };
    }
    const consistency = checkConsistency(sqlite);
    return { ok: consistency.ok, problems: consistency.problems };
  } catch (error) {
    return { ok: false, problems: [`${resolved} kan ikke leses som en database: ${error instanceof Error ? error.message : String(error)}`] };
  } finally {
    sqlite?.close();
  }
}

export interface RestoreOutcome {
  database: string;
  /** Where the replaced database was kept, or null if there was none. */
  previous: string | null;
}

/**
 * Replaces `target` with a checked copy of `file`. Refuses (BackupError, nothing touched) when
 * the file does not pass `verifyDatabaseFile`. Stop the app first: a running app notices the
 * new file on its next request, but writes in between land in the kept .bak file.
 */
export async function restoreDatabase(file: string, target: string, now = new Date()): Promise<RestoreOutcome> {
  const source = path.resolve(file);
  const dest = path.resolve(target);
  if (source === dest) throw new BackupError("Filen som skal gjenopprettes, er selve databasen. Velg en sikkerhetskopi.");
  const verdict = verifyDatabaseFile(source);
  if (!verdict.ok) throw new BackupError(`Gjenoppretting avbrutt, databasen er ikke endret. ${verdict.problems.join(" ")}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.restore-${process.pid}`;
  removeWithSidecars(tmp);
  const from = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(tmp, { progress: () => 0x7fffffff });
  } finally {
    from.close();
  }
  // The copy must open with the app's own settings (WAL and the rest) before it replaces anything.
  const check = openDatabase(tmp, { mustExist: true });
  const report = checkConsistency(check.sqlite);
  check.sqlite.close();
  if (!report.ok) {
    removeWithSidecars(tmp);
    throw new BackupError(`Gjenoppretting avbrutt, databasen er ikke endret. Kopien besto ikke kontrollen: ${report.problems.join("; ")}`);
  }
  fs.rmSync(`${tmp}-shm`, { force: true });
  fsyncFile(tmp);

  let previous: string | null = null;
  if (fs.existsSync(dest)) {
    // Fold the old WAL into the old file so the kept copy is complete on its own.
    try {
      const old = new SQLite(dest, { fileMustExist: true });
      old.pragma(`busy_timeout = ${busyTimeoutMs()}`);
      old.pragma("wal_checkpoint(TRUNCATE)");
      old.close();
    } catch {
      // A damaged old file is kept as it is.
    }
    previous = `${dest.replace(/\.sqlite$/, "")}.${timestamp(now)}.bak`;
    fs.renameSync(dest, previous);
    for (const suffix of ["-wal", "-shm"]) {
      if (fs.existsSync(`${dest}${suffix}`)) fs.renameSync(`${dest}${suffix}`, `${previous}${suffix}`);
    }
  }
  fs.renameSync(tmp, dest);
  if (fs.existsSync(`${tmp}-wal`)) fs.renameSync(`${tmp}-wal`, `${dest}-wal`);
  fsyncDir(path.dirname(dest));
  return { database: dest, previous };
}
