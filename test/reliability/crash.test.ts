/**
 * SIGKILL of the real server under write load, a few cycles (the full run does 100), and the
 * start-up refusal when the database settings the app relies on cannot be had.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseSetupError, openDatabase, verifySettings } from "~/db/connection.server";
import { serverArgs } from "../../scripts/lib/server-command";
import { prepareDatabase, REPO_ROOT, tempDir } from "../../scripts/reliability/common";
import { runCrashCycles } from "../../scripts/reliability/crash";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("crash safety", () => {
  it("keeps every acknowledged write and an intact file through repeated SIGKILLs", { timeout: 90_000 }, async () => {
    const file = path.join(dir, "krasj.sqlite");
    const { cookie } = await prepareDatabase(file);
    const result = await runCrashCycles({ databasePath: file, cookie, cycles: 3, clients: 6, assignments: 6, killAfterMs: [300, 800] });
    expect(result.integrityFailures).toEqual([]);
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
  });
});

describe("start-up settings", () => {
  it("opens with WAL, synchronous=FULL and foreign keys on", () => {
    const app = openDatabase(path.join(dir, "ok.sqlite"));
    expect(app.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(app.sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(app.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    app.sqlite.close();
  });

  it("refuses a connection where a setting did not take, naming each one", () => {
    const sqlite = new SQLite(path.join(dir, "feil.sqlite"));
    sqlite.pragma("journal_mode = DELETE");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = OFF");
    expect(() => verifySettings(sqlite, false)).toThrow(DatabaseSetupError);
    expect(() => verifySettings(sqlite, false)).toThrow(/journal_mode er delete, ikke wal.*synchronous er 1.*foreign_keys/);
    sqlite.close();
  });

  it("the server refuses to start when the database cannot be put in WAL mode", { timeout: 30_000 }, () => {
    // Another process keeps the file open in rollback-journal mode with a read transaction:
    // switching to WAL is impossible, so start-up must stop instead of running without it.
    const file = path.join(dir, "laast.sqlite");
    const holder = new SQLite(file);
    holder.pragma("journal_mode = DELETE");
    holder.exec("create table t(x); insert into t values (1)");
    holder.exec("BEGIN");
    holder.prepare("select * from t").all();
    try {
      const run = spawnSync(process.execPath, serverArgs(), {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_PATH: file, PORT: "0", HOST: "127.0.0.1", DATABASE_BUSY_TIMEOUT_MS: "100" },
        encoding: "utf8",
        timeout: 25_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Kunne ikke starte/);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });
});
