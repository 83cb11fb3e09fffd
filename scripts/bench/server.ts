/**
 * The built production server in a child process, exactly as `npm start` runs it (plain `node`
 * on build/start.js: Express + the Remix build in build/), against the benchmark database. A
 * separate process so its memory can be read and the load generator does not share its event loop.
 */
import fs from "node:fs";
import { startServerProcess } from "../lib/server-command";

export interface BenchServer {
  url: string;
  pid: number;
  /** Resident set size and its peak (VmRSS, VmHWM) in bytes; null where /proc is missing. */
  memory: () => { rssBytes: number; peakRssBytes: number } | null;
  stop: () => Promise<void>;
}

export async function startServer(options: { databasePath: string; nodeEnv?: "production" | "development" | "test" }): Promise<BenchServer> {
  const server = await startServerProcess({ databasePath: options.databasePath, env: { NODE_ENV: options.nodeEnv ?? "production" } });
  const pid = server.process.pid!;
  return {
    url: server.url,
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
      await server.stop();
    },
  };
}
