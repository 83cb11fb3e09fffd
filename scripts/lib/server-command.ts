/**
 * How the production server runs: plain `node` on build/start.js (scripts/start.ts compiled by
 * `npm run build`, node_modules external), no tsx loader at runtime. `npm start`, the benchmark,
 * the test helper and the reliability runs all start it from here, so what is measured and
 * tested is what runs in production. Keep the "start" script in package.json in step with
 * SERVER_NODE_FLAGS (test/http/server-build.test.ts checks it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The compiled entry; it loads build/index.js and serves public/ relative to the working directory (REPO_ROOT). */
export const SERVER_ENTRY = "build/start.js";

/**
 * V8 flags for the server process (docs/performance.md §8): young-generation semi-spaces of at
 * most 8 MB instead of 16 MB, and the old generation may grow to 1.5 × the live heap after a full
 * GC instead of up to 4 ×. After the benchmark's load this keeps RSS near 170 MB instead of
 * 320–360 MB. (4 MB semi-spaces gave ≈ 155 MB but ≈ 20 % fewer updates per second.) No hard heap limit: with --max-old-space-size=160 one Word export of 2,000 assignments ran
 * out of memory and crashed the server, with 256 three Word and three Excel exports at once did.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=8", "--heap-growing-percent=50"];

/** Arguments for `spawn(process.execPath, serverArgs(), { cwd: REPO_ROOT })`. */
export function serverArgs(): string[] {
  return [...SERVER_NODE_FLAGS, path.join(REPO_ROOT, SERVER_ENTRY)];
}

/** Whether `npm run build` has made both the Remix server build and the compiled entry. */
export function serverBuildExists(): boolean {
  return fs.existsSync(path.join(REPO_ROOT, "build/index.js")) && fs.existsSync(path.join(REPO_ROOT, SERVER_ENTRY));
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  process: ChildProcess;
  /** The server's recent stdout and stderr (the last 20,000 characters). */
  output: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGTERM by default; escalated to SIGKILL after 5 s) and waits for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the production server as `npm start` runs it, in a child process on a free port of
 * 127.0.0.1 against `databasePath`, and resolves once it listens (start.ts logs the real port).
 * Used by the test helper, the benchmark and the reliability runs. `env` adds to or overrides the
 * defaults (production, no demo history); `echoErrors` copies the server's stderr to ours.
 */
export async function startServerProcess(options: {
  databasePath: string;
  env?: Record<string, string>;
  echoErrors?: boolean;
}): Promise<ServerProcess> {
  if (!serverBuildExists()) throw new Error("build/index.js eller build/start.js mangler: kjør `npm run build` først.");
  // Profiling aid (docs/performance.md): e.g. BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extraFlags = (process.env.BENCH_SERVER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...extraFlags, ...serverArgs()], {
    cwd: REPO_ROOT, // static files are served relative to the working directory
    env: {
      ...process.env,
      DATABASE_PATH: options.databasePath,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SEED_DEMO_HISTORY: "0",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", (d: Buffer) => {
    keep(d);
    if (options.echoErrors) process.stderr.write(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;

  const started = Date.now();
  let port: string | undefined;
  while (!(port = /kjører på http:\/\/localhost:(\d+)/.exec(output)?.[1])) {
    if (!running()) throw new Error(`Serveren stoppet under oppstart:\n${output}`);
    if (Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`Serveren startet ikke innen 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (running()) {
        child.kill(signal);
        const timer = signal === "SIGTERM" ? setTimeout(() => child.kill("SIGKILL"), 5000) : undefined;
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
}
