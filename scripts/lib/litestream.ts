/**
 * Litestream (https://litestream.io, v0.3.13): continuous replication of the SQLite file (WAL
 * shipping) to a replica off the machine, and restore from it to a point in time. The binary
 * comes from the npm package `@flydotio/litestream-linux-x64` (an optional dependency; docs/decisions/043).
 *
 * Replica URLs as Litestream reads them: `file:///srv/replika/oppdrag` (tests, a mounted disk),
 * `s3://bucket/path` (AWS S3, or any S3-compatible store with LITESTREAM_S3_ENDPOINT),
 * `abs://account@container/path` (Azure Blob Storage). Credentials come from Litestream's own
 * environment variables (LITESTREAM_ACCESS_KEY_ID / LITESTREAM_SECRET_ACCESS_KEY,
 * LITESTREAM_AZURE_ACCOUNT_KEY), never from our configuration file.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export class LitestreamError extends Error {}

/** The Litestream executable shipped by the @flydotio/litestream-<platform>-<arch> package. */
export function litestreamBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = `@flydotio/litestream-${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "litestream");
  } catch {
    throw new LitestreamError(`Fant ikke Litestream for ${process.platform}-${process.arch} (${pkg}). Kjør «npm ci».`);
  }
}

export interface ReplicationSettings {
  databasePath: string;
  replicaUrl: string;
  /** How often new WAL frames are shipped to the replica (Litestream's sync-interval), e.g. "1s". */
  syncInterval?: string;
  /** How often a full snapshot is taken (default 24h); restores start from the latest one before the target time. */
  snapshotInterval?: string;
  /** How long snapshots and WAL are kept, i.e. how far back a point-in-time restore can go (default 72h). */
  retention?: string;
}

const DURATION = /^\d+(ms|s|m|h)$/;

/** Settings from the environment: LITESTREAM_REPLICA_URL (required to replicate) and the optional intervals. */
export function replicationFromEnv(databasePath: string, env: NodeJS.ProcessEnv = process.env): ReplicationSettings | null {
  const replicaUrl = env.LITESTREAM_REPLICA_URL?.trim();
  if (!replicaUrl) return null;
  return {
    databasePath,
    replicaUrl,
    syncInterval: env.LITESTREAM_SYNC_INTERVAL || "1s",
    snapshotInterval: env.LITESTREAM_SNAPSHOT_INTERVAL || "24h",
    retention: env.LITESTREAM_RETENTION || "72h",
  };
}

function yamlString(value: string): string {
  return JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}

/** The Litestream configuration file for one database and one replica. */
export function litestreamConfig(s: ReplicationSettings, env: NodeJS.ProcessEnv = process.env): string {
  for (const [name, value] of [
    ["LITESTREAM_SYNC_INTERVAL", s.syncInterval],
    ["LITESTREAM_SNAPSHOT_INTERVAL", s.snapshotInterval],
    ["LITESTREAM_RETENTION", s.retention],
  ] as const) {
    if (value && !DURATION.test(value)) throw new LitestreamError(`${name}=«${value}» er ikke en varighet (f.eks. 1s, 10m, 24h).`);
  }
  if (!/^(file|s3|abs|gcs|sftp):\/\//.test(s.replicaUrl)) {
    throw new LitestreamError(`LITESTREAM_REPLICA_URL=«${s.replicaUrl}» støttes ikke. Bruk file://, s3://, abs://, gcs:// eller sftp://.`);
  }
  const lines = [
    "dbs:",
    `  - path: ${yamlString(path.resolve(s.databasePath))}`,
    "    replicas:",
    `      - url: ${yamlString(s.replicaUrl)}`,
    `        sync-interval: ${s.syncInterval ?? "1s"}`,
    `        snapshot-interval: ${s.snapshotInterval ?? "24h"}`,
    `        retention: ${s.retention ?? "72h"}`,
  ];
  if (env.LITESTREAM_S3_ENDPOINT) lines.push(`        endpoint: ${yamlString(env.LITESTREAM_S3_ENDPOINT)}`, "        force-path-style: true");
  return `${lines.join("\n")}\n`;
}

function writeConfig(s: ReplicationSettings): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oppdrag-litestream-"));
  const file = path.join(dir, "litestream.yml");
  fs.writeFileSync(file, litestreamConfig(s), { mode: 0o600 });
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface Replication {
  process: ChildProcess;
  /** Stops replication (SIGTERM: Litestream ships what it has, then exits). */
  stop: () => Promise<void>;
}

/**
 * Starts `litestream replicate` for the database as a child process. Its output goes to ours,
 * prefixed. `onExit` is called if it stops on its own (replication is then no longer running).
 */
export function startReplication(s: ReplicationSettings, onExit?: (code: number | null, signal: NodeJS.Signals | null) => void): Replication {
  const config = writeConfig(s);
  const child = spawn(litestreamBinary(), ["replicate", "-config", config.file], { stdio: ["ignore", "pipe", "pipe"] });
  let stopping = false;
  const prefix = (d: Buffer) =>
    d
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `[litestream] ${l}\n`)
      .join("");
  child.stdout?.on("data", (d: Buffer) => process.stdout.write(prefix(d)));
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(prefix(d)));
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      config.cleanup();
      if (!stopping) onExit?.(code, signal);
      resolve();
    }),
  );
  return {
    process: child,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Restores the replica into `output` (which must not exist), as it stood at `timestamp` (an ISO
 * time; the latest when omitted). Throws a LitestreamError with Litestream's own message when it fails.
 */
export function restoreFromReplica(options: { replicaUrl: string; output: string; timestamp?: string }): void {
  if (fs.existsSync(options.output)) throw new LitestreamError(`${options.output} finnes allerede.`);
  if (options.timestamp && Number.isNaN(Date.parse(options.timestamp))) {
    throw new LitestreamError(`«${options.timestamp}» er ikke et tidspunkt. Skriv f.eks. 2026-12-04T14:30:00Z.`);
  }
  const args = ["restore", "-o", options.output];
  if (options.timestamp) args.push("-timestamp", new Date(options.timestamp).toISOString().replace(/\.\d{3}Z$/, "Z"));
  args.push(options.replicaUrl);
  const result = spawnSync(litestreamBinary(), args, { encoding: "utf8", timeout: 10 * 60_000 });
  if (result.status !== 0 || !fs.existsSync(options.output)) {
    const detail = `${result.stderr ?? ""}${result.stdout ?? ""}`.trim().split("\n").slice(-3).join(" ");
    throw new LitestreamError(`Litestream kunne ikke gjenopprette fra ${options.replicaUrl}: ${detail || `avslutningskode ${String(result.status)}`}`);
  }
}
