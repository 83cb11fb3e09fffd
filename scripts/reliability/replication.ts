/**
 * The Litestream restore drill: the built server runs with replication to a file replica
 * (LITESTREAM_REPLICA_URL=file://…), clients keep saving status updates, then the server and
 * Litestream are killed (SIGKILL) and the machine's copy (the database and its -wal/-shm) is
 * deleted. `npm run db:restore -- --replica URL` restores the latest state, and the same command
 * with `--timestamp` an earlier one. Every update acknowledged (302) longer ago than the
 * replication lag bound must be in the restored file exactly once; the updates lost inside the
 * window are counted, and the lag observed is reported.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { startChildServer } from "./child-server";
import { pickAssignments, postStatus, prepareDatabase, REPO_ROOT, sleep } from "./common";

export interface ReplicationDrillResult {
  acknowledged: number;
  /** Acknowledged longer than `lagBoundMs` before the kill, and missing after the restore. */
  lostBeyondLag: number;
  /** Acknowledged within the last `lagBoundMs` before the kill, and missing (the replication lag at work). */
  lostWithinLag: number;
  duplicated: number;
  /** From the kill back to the oldest acknowledged update that is missing (0 when none is). */
  observedLagMs: number;
  restoreOk: boolean;
  pointInTime: { ok: boolean; events: number; latestEvents: number; missingBefore: number };
  failures: string[];
}

function restoreCli(databasePath: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts/db-restore.ts"), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: "utf8",
    timeout: 120_000,
  });
}

export async function runReplicationDrill(options: {
  dir: string;
  clients: number;
  loadMs: number;
  syncInterval: string;
  /** The loss window allowed: writes acknowledged longer ago than this must survive. */
  lagBoundMs: number;
}): Promise<ReplicationDrillResult> {
  const failures: string[] = [];
  const file = path.join(options.dir, "app.sqlite");
  const replicaUrl = `file://${path.join(options.dir, "replika")}`;
  const { cookie } = await prepareDatabase(file);
  const baseline = (() => {
    const sqlite = new SQLite(file, { readonly: true });
    try {
      return pickAssignments(sqlite, options.clients);
    } finally {
      sqlite.close();
    }
  })();
  const server = await startChildServer(file, { LITESTREAM_REPLICA_URL: replicaUrl, LITESTREAM_SYNC_INTERVAL: options.syncInterval });
  const litestreamPid = Number(/Litestream: replikerer .* pid (\d+)\)/.exec(server.output())?.[1]);
  if (!litestreamPid) failures.push(`Litestream startet ikke med serveren:\n${server.output()}`);

  // Load: each client updates its own assignment, so every answer is a 302 until the kill.
  const acks: Array<{ comment: string; at: number }> = [];
  const controller = new AbortController();
  let stopAt = Date.now() + options.loadMs;
  let midAt = 0;
  const clients = baseline.map(async (a, c) => {
    let version = a.version;
    for (let i = 0; Date.now() < stopAt; i++) {
      const comment = `replikering k${c} n${i}`;
      try {
        const res = await postStatus(server.url, cookie, a.key, version, comment, { signal: controller.signal });
        if (res.status === 302) {
          acks.push({ comment, at: Date.now() });
          version += 1;
        } else if (res.status === 409 && res.version) version = res.version;
      } catch {
        return; // killed mid-request: may or may not be saved, never acknowledged
      }
    }
  });
  await sleep(options.loadMs / 2);
  midAt = Date.now();
  await sleep(options.loadMs / 2);
  // The machine is lost: server and Litestream die at once, and the local copy is gone.
  const killedAt = Date.now();
  stopAt = killedAt;
  server.process.kill("SIGKILL");
  if (litestreamPid) {
    try {
      process.kill(litestreamPid, "SIGKILL");
    } catch {
      failures.push("Litestream kjørte ikke lenger da maskinen ble «mistet».");
    }
  }
  controller.abort();
  await Promise.all(clients);
  await server.exited;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });

  const restore = restoreCli(file, ["--replica", replicaUrl]);
  const restoreOk = restore.status === 0 && fs.existsSync(file);
  if (!restoreOk) failures.push(`db:restore --replica: ${restore.status} ${restore.stderr}${restore.stdout}`);
  const saved = new Map<string, number>();
  let latestEvents = 0;
  if (restoreOk) {
    const sqlite = new SQLite(file, { readonly: true });
    for (const row of sqlite.prepare("select comment, count(*) as n from status_events where comment like 'replikering %' group by comment").all() as Array<{ comment: string; n: number }>) {
      saved.set(row.comment, row.n);
    }
    latestEvents = sqlite.prepare("select count(*) from status_events").pluck().get() as number;
    sqlite.close();
  }
  let lostBeyondLag = 0;
  let lostWithinLag = 0;
  let oldestMissing = killedAt;
  for (const ack of acks) {
    if (saved.has(ack.comment)) continue;
    oldestMissing = Math.min(oldestMissing, ack.at);
    if (ack.at < killedAt - options.lagBoundMs) lostBeyondLag += 1;
    else lostWithinLag += 1;
  }
  const duplicated = [...saved.values()].filter((n) => n > 1).length;
  if (lostBeyondLag) failures.push(`${lostBeyondLag} bekreftede skrivinger eldre enn ${options.lagBoundMs} ms manglet etter gjenoppretting`);
  if (duplicated) failures.push(`${duplicated} skrivinger finnes mer enn én gang`);

  // Point in time: the middle of the load.
  const pitFile = path.join(options.dir, "tidspunkt.sqlite");
  const pit = restoreCli(pitFile, ["--replica", replicaUrl, "--timestamp", new Date(midAt).toISOString()]);
  const pointInTime = { ok: pit.status === 0, events: 0, latestEvents, missingBefore: 0 };
  if (pit.status !== 0) failures.push(`db:restore --timestamp: ${pit.status} ${pit.stderr}${pit.stdout}`);
  else {
    const sqlite = new SQLite(pitFile, { readonly: true });
    const comments = new Set(sqlite.prepare("select comment from status_events where comment like 'replikering %'").pluck().all() as string[]);
    pointInTime.events = sqlite.prepare("select count(*) from status_events").pluck().get() as number;
    sqlite.close();
    pointInTime.missingBefore = acks.filter((a) => a.at < midAt - options.lagBoundMs && !comments.has(a.comment)).length;
    if (pointInTime.missingBefore) failures.push(`tidspunkt-gjenoppretting manglet ${pointInTime.missingBefore} skrivinger fra før tidspunktet`);
    if (!(pointInTime.events < latestEvents)) failures.push(`tidspunkt-gjenoppretting (${pointInTime.events}) er ikke eldre enn den siste (${latestEvents})`);
  }

  return {
    acknowledged: acks.length,
    lostBeyondLag,
    lostWithinLag,
    duplicated,
    observedLagMs: oldestMissing === killedAt ? 0 : killedAt - oldestMissing,
    restoreOk,
    pointInTime,
    failures,
  };
}
