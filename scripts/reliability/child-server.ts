/**
 * The real production server (build/start.js serving build/index.js, as `npm start` runs it) as
 * a child process, so that SIGKILL is a real crash. Listens on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { serverArgs } from "../lib/server-command";
import { freePort, REPO_ROOT, sleep } from "./common";

export interface ChildServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code/signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startChildServer(databasePath: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, serverArgs(), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO_HISTORY: "0",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!/kjører på/.test(log)) {
    if (done) throw new Error(`Serveren stoppet under oppstart:\n${log}`);
    if (Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`Serveren startet ikke innen 60 s:\n${log}`);
    }
    await sleep(20);
  }
  return {
    url,
    process: child,
    output: () => log,
    exited,
    kill: async (signal = "SIGTERM") => {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
