/**
 * Database faults: read-only storage, full disk, a lock held by another process, the file gone.
 * Each gives a Norwegian 503 page and a log line, writes nothing, makes /healthz say 503, and
 * the app recovers without a restart. Runs the same matrix as `npm run test:reliability`.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "~/db/backup.server";
import { closeDatabase, DatabaseUnavailableError } from "~/db/connection.server";
import { classifyDatabaseError } from "~/http/faults.server";
import { checkConsistency } from "~/db/integrity.server";
import { postStatus, prepareDatabase, tempDir } from "../../scripts/reliability/common";
import { FAULTS, runFaultMatrix, startInProcessServer } from "../../scripts/reliability/faults";

function sqliteError(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

describe("classifyDatabaseError", () => {
  it("recognises the faults and nothing else", () => {
    expect(classifyDatabaseError(sqliteError("SQLITE_READONLY", "attempt to write a readonly database"))?.kind).toBe("readonly");
    expect(classifyDatabaseError(sqliteError("SQLITE_READONLY_DBMOVED", "x"))?.kind).toBe("readonly");
    expect(classifyDatabaseError(sqliteError("SQLITE_FULL", "database or disk is full"))?.kind).toBe("full");
    expect(classifyDatabaseError(sqliteError("SQLITE_BUSY", "database is locked"))?.kind).toBe("locked");
    expect(classifyDatabaseError(sqliteError("SQLITE_CANTOPEN", "unable to open database file"))?.kind).toBe("unavailable");
    expect(classifyDatabaseError(sqliteError("SQLITE_IOERR_WRITE", "disk I/O error"))?.kind).toBe("unavailable");
    expect(classifyDatabaseError(sqliteError("SQLITE_ERROR", "no such table: assignments"))?.kind).toBe("unavailable");
    expect(classifyDatabaseError(new TypeError("The database connection is not open"))?.kind).toBe("unavailable");
    expect(classifyDatabaseError(new DatabaseUnavailableError("borte"))?.kind).toBe("unavailable");
    expect(classifyDatabaseError(sqliteError("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed"))).toBeNull();
    expect(classifyDatabaseError(new Error("noe annet"))).toBeNull();
    expect(classifyDatabaseError(new Response("x", { status: 404 }))).toBeNull();
    expect(classifyDatabaseError(null)).toBeNull();
  });
});

describe("fault matrix over HTTP", () => {
  const dir = tempDir();
  const file = path.join(dir, "app.sqlite");
  let url = "";
  let cookie = "";
  let stop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ({ cookie } = await prepareDatabase(file));
    ({ url, stop } = await startInProcessServer(file));
  });
  afterAll(async () => {
    await stop();
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("/healthz reports a healthy database", async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: "ok", migrations: "current" });
  });

  it.each(FAULTS)("%s: 503 in Norwegian, logged, nothing written, recovers without restart", { timeout: 30_000 }, async (fault) => {
    const [outcome] = await runFaultMatrix({ url, databasePath: file, cookie, faults: [fault] });
    expect(outcome).toMatchObject({
      writeStatus: 503,
      norwegianPage: true,
      healthDuring: 503,
      logged: true,
      unchanged: true,
      recoveredStatus: 302,
      healthAfter: 200,
      savedOnce: true,
    });
    expect(outcome.logLines.join("\n")).toMatch(/Databasefeil \((readonly|full|locked|unavailable), SQLITE_/);
    if (fault === "fil mangler") expect(outcome.readStatus).toBe(503);
  });

  it("picks up a restored database file without a restart", { timeout: 30_000 }, async () => {
    const backup = path.join(dir, "kopi.sqlite");
    await backupDatabase(file, backup);
    const version = () => {
      const db = new SQLite(file, { readonly: true });
      const v = db.prepare("select version from assignments where key = 'TB2023-07'").pluck().get() as number;
      db.close();
      return v;
    };
    const before = version();
    expect((await postStatus(url, cookie, "TB2023-07", before, "Etter kopien")).status).toBe(302);
    expect(version()).toBe(before + 1);
    await restoreDatabase(backup, file);
    // The server notices the new file and works on it: the old version is current again.
    expect((await postStatus(url, cookie, "TB2023-07", before, "På den gjenopprettede")).status).toBe(302);
    expect(version()).toBe(before + 1);
    const db = new SQLite(file, { readonly: true });
    expect(db.prepare("select count(*) from status_events where comment = 'Etter kopien'").pluck().get()).toBe(0);
    expect(checkConsistency(db).problems).toEqual([]);
    db.close();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
