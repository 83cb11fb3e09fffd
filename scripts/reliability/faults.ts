/**
 * The fault matrix, against a server running in this process (the faults are injected into its
 * connection): read-only storage, full disk, a lock held by another process, the file gone.
 * For each: a status update is answered 503 with a Norwegian page, a log line is written,
 * /healthz says 503, nothing at all is written, and once the fault is gone the next update is
 * saved and /healthz says 200 again, without a restart.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import SQLite from "better-sqlite3";
import { getDatabase, resetDatabaseConnection, setConnectionHook } from "../../app/db/connection.server";
import { checkConsistency } from "../../app/db/integrity.server";
import { createApp, listen, loadBuild } from "../../app/http/server.server";
import { fingerprint, postStatus, REPO_ROOT } from "./common";

export type FaultName = "skrivebeskyttet" | "disk full" | "låst av annen prosess" | "fil mangler";
export const FAULTS: FaultName[] = ["skrivebeskyttet", "disk full", "låst av annen prosess", "fil mangler"];

export interface FaultOutcome {
  fault: FaultName;
  writeStatus: number;
  norwegianPage: boolean;
  readStatus: number;
  healthDuring: number;
  logged: boolean;
  /** Everything logged to stderr during the fault. */
  logLines: string[];
  unchanged: boolean;
  recoveredStatus: number;
  healthAfter: number;
  savedOnce: boolean;
  ok: boolean;
}

/** The built server in this process, on 127.0.0.1 (DATABASE_PATH must point at a prepared file). */
export async function startInProcessServer(databasePath: string): Promise<{ url: string; stop: () => Promise<void> }> {
  process.env.DATABASE_PATH = databasePath;
  getDatabase();
  const build = await loadBuild(path.join(REPO_ROOT, "build/index.js"));
  const server: Server = await listen(createApp(build), 0, "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Another process holding the write lock (BEGIN EXCLUSIVE) until released. */
async function holdLock(file: string): Promise<() => Promise<void>> {
  const code = `const S=require('better-sqlite3');const d=new S(${JSON.stringify(file)});d.pragma('busy_timeout=5000');d.exec('BEGIN EXCLUSIVE');process.stdout.write('locked\\n');process.stdin.on('data',()=>{d.exec('ROLLBACK');d.close();process.exit(0)});`;
  const child = spawn(process.execPath, ["-e", code], { cwd: REPO_ROOT, stdio: ["pipe", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    child.once("exit", (c) => reject(new Error(`låseprosessen avsluttet (${c})`)));
  });
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.stdin.write("slipp\n");
    await exited;
  };
}

function inject(fault: FaultName, file: string): Promise<() => Promise<void>> | (() => Promise<void>) {
  switch (fault) {
    case "skrivebeskyttet": {
      // As if the file system were read-only: every connection the app opens refuses writes.
      const apply = (s: SQLite.Database, on: boolean) => s.pragma(`query_only = ${on ? "ON" : "OFF"}`);
      setConnectionHook((s) => apply(s, true));
      resetDatabaseConnection();
      return async () => {
        setConnectionHook(null);
        const current = globalThis.__oppdragDb;
        if (current?.sqlite.open) apply(current.sqlite, false);
      };
    }
    case "disk full": {
      // As if the disk were full: not one more page may be allocated.
      const full = (s: SQLite.Database) => s.pragma(`max_page_count = ${Number(s.pragma("page_count", { simple: true }))}`);
      setConnectionHook(full);
      resetDatabaseConnection();
      return async () => {
        setConnectionHook(null);
        const current = globalThis.__oppdragDb;
        if (current?.sqlite.open) current.sqlite.pragma("max_page_count = 4294967294");
      };
    }
    case "låst av annen prosess": {
      const previous = process.env.DATABASE_BUSY_TIMEOUT_MS;
      process.env.DATABASE_BUSY_TIMEOUT_MS = "250";
      resetDatabaseConnection();
      return holdLock(file).then((release) => async () => {
        await release();
        if (previous === undefined) delete process.env.DATABASE_BUSY_TIMEOUT_MS;
        else process.env.DATABASE_BUSY_TIMEOUT_MS = previous;
      });
    }
    case "fil mangler": {
      fs.renameSync(file, `${file}.flyttet`);
      return async () => fs.renameSync(`${file}.flyttet`, file);
    }
  }
}

function snapshot(file: string): { print: string; problems: string[]; events: number } {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    return {
      print: fingerprint(db),
      problems: checkConsistency(db).problems,
      events: db.prepare("select count(*) from status_events").pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

function currentVersion(file: string, key: string): number {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("select version from assignments where key = ?").pluck().get(key) as number;
  } finally {
    db.close();
  }
}

export async function runFaultMatrix(options: { url: string; databasePath: string; cookie: string; key?: string; faults?: FaultName[] }) {
  const key = options.key ?? "TB2023-05";
  const outcomes: FaultOutcome[] = [];
  const logged: string[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  };
  try {
    for (const fault of options.faults ?? FAULTS) {
      const before = snapshot(options.databasePath);
      const version = currentVersion(options.databasePath, key);
      logged.length = 0;
      const clear = await inject(fault, options.databasePath);
      let write, read, health;
      try {
        write = await postStatus(options.url, options.cookie, key, version, `Under feil (${fault}): ${"æøå".repeat(1300)}`, { status: "forsinket" });
        read = await fetch(`${options.url}/oppdrag/${key}`, { headers: { Cookie: options.cookie } });
        await read.text();
        health = await fetch(`${options.url}/healthz`);
        await health.text();
      } finally {
        await clear();
      }
      const during = snapshot(options.databasePath);
      const recovered = await postStatus(options.url, options.cookie, key, version, `Etter feil (${fault})`, { status: "i_rute" });
      const healthAfter = await fetch(`${options.url}/healthz`);
      await healthAfter.text();
      const after = snapshot(options.databasePath);
      const outcome: FaultOutcome = {
        fault,
        writeStatus: write.status,
        norwegianPage: /ble ikke lagret/.test(write.body ?? "") && /midlertidig utilgjengelig/.test(write.body ?? ""),
        readStatus: read.status,
        healthDuring: health.status,
        logged: logged.some((l) => l.includes("Databasefeil")),
        logLines: [...logged],
        unchanged: during.print === before.print && during.problems.length === 0,
        recoveredStatus: recovered.status,
        healthAfter: healthAfter.status,
        savedOnce: after.events === before.events + 1 && after.problems.length === 0,
        ok: false,
      };
      outcome.ok =
        outcome.writeStatus === 503 &&
        outcome.norwegianPage &&
        [200, 503].includes(outcome.readStatus) &&
        outcome.healthDuring === 503 &&
        outcome.logged &&
        outcome.unchanged &&
        outcome.recoveredStatus === 302 &&
        outcome.healthAfter === 200 &&
        outcome.savedOnce;
      outcomes.push(outcome);
    }
  } finally {
    console.error = originalError;
  }
  return outcomes;
}
