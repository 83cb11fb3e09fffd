/**
 * Starts the production server exactly as `npm start` runs it (plain `node` on build/start.js,
 * serving build/index.js; scripts/lib/server-command.ts) in a child process on a free port,
 * against a fresh SQLite file with the bundled 2023 letter loaded (no demo history). The test
 * reads and writes the same file through its own connection (`getDatabase().db`).
 */
import fs from "node:fs";
import path from "node:path";
import { closeDatabase } from "~/db/connection.server";
import { startServerProcess } from "../../scripts/lib/server-command";
import { tempDir } from "./db";

export interface RunningServer {
  url: string;
  databasePath: string;
  stop: () => Promise<void>;
}

/**
 * Starts the server; `seed: false` gives an empty database (no letter, no users); `env` adds
 * settings such as PUBLIC_URL or TRUST_PROXY. The test's own `getDatabase().db` opens the newest one.
 */
export async function startTestServer(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dir = tempDir("oppdrag-server-");
  const databasePath = path.join(dir, "app.sqlite");
  process.env.DATABASE_PATH = databasePath; // for the test's own getDatabase().db
  // The server's warnings and errors show in the test output, as when it ran in-process.
  const server = await startServerProcess({ databasePath, env: { SEED_LETTER: options.seed === false ? "0" : "1", ...options.env }, echoErrors: true });
  return {
    url: server.url,
    databasePath,
    stop: async () => {
      await server.stop();
      await closeDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
