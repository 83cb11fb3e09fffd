/**
 * Starts the production server exactly as `npm start` runs it (plain `node` on build/start.js,
 * serving build/index.js; scripts/lib/server-command.ts) in a child process on a free port,
 * against a fresh SQLite file with the bundled 2023 letter loaded (no demo history). The test
 * reads and writes the same file through its own connection (`getDb()`).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { closeDatabase } from "~/db/connection.server";
import { serverArgs, serverBuildExists } from "../../scripts/lib/server-command";
import { REPO_ROOT, tempDir } from "./db";

export interface RunningServer {
  url: string;
  databasePath: string;
  stop: () => Promise<void>;
}

/** Starts the server; `seed: false` gives an empty database (no letter, no users). */
export async function startTestServer(options: { seed?: boolean } = {}): Promise<RunningServer> {
  if (!serverBuildExists()) throw new Error("build/index.js eller build/start.js mangler: kjør `npm run build` først (npm test gjør det).");
  const dir = tempDir("oppdrag-server-");
  const databasePath = path.join(dir, "app.sqlite");
  process.env.DATABASE_PATH = databasePath; // for the test's own getDb()
  const child = spawn(process.execPath, serverArgs(), {
    cwd: REPO_ROOT, // static files are served relative to the working directory
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SEED_LETTER: options.seed === false ? "0" : "1",
      SEED_DEMO_HISTORY: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-8000)));
  child.stderr.on("data", (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
    process.stderr.write(d); // the server's warnings and errors, as when it ran in-process
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const started = Date.now();
  let port: string | undefined;
  while (!(port = /kjører på http:\/\/localhost:(\d+)/.exec(output)?.[1])) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Serveren stoppet under oppstart:\n${output}`);
    if (Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`Serveren startet ikke innen 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    databasePath,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      await closeDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
