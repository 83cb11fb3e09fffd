/**
 * The built production server in a child process, exactly as `npm start` runs it (plain `node`
 * on build/start.js: Express + the Remix build in build/), against the benchmark database. A
 * separate process so its memory can be read and the load generator does not share its event loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { REPO_ROOT, serverArgs, serverBuildExists } from "../lib/server-command";

export { REPO_ROOT };

export interface BenchServer {
  url: string;
  pid: number;
  /** Resident set size and its peak (VmRSS, VmHWM) in bytes; null where /proc is missing. */
  memory: () => { rssBytes: number; peakRssBytes: number } | null;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function buildExists(): boolean {
  return serverBuildExists();
}

export async function startServer(options: { databasePath: string; nodeEnv?: "production" | "development" | "test" }): Promise<BenchServer> {
  if (!buildExists()) throw new Error("build/index.js eller build/start.js mangler: kjør `npm run build` først.");
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, serverArgs(), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: options.databasePath,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: options.nodeEnv ?? "production",
      SEED_DEMO_HISTORY: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Serveren stoppet (kode ${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Serveren svarte ikke på /healthz innen 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const pid = child.pid!;
  return {
    url,
    pid,
    memory: () => {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
        return { rssBytes: kb("VmRSS"), peakRssBytes: kb("VmHWM") };
      } catch {
        return null;
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
