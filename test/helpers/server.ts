/**
 * Starts the built production server (build/index.js, as `npm start` serves it) on a free port
 * against a fresh SQLite file with the bundled 2023 letter loaded.
 */
import fs from "node:fs";
import path from "node:path";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { bootstrapDatabase } from "~/db/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { createApp, listen, loadBuild } from "~/http-server.server";
import { REPO_ROOT, tempDir } from "./db";

export interface RunningServer {
  url: string;
  databasePath: string;
  stop: () => Promise<void>;
}

/** Starts the server; `seed: false` gives an empty database (no letter, no users). */
export async function startTestServer(options: { seed?: boolean } = {}): Promise<RunningServer> {
  const buildFile = path.join(REPO_ROOT, "build/index.js");
  if (!fs.existsSync(buildFile)) throw new Error("build/index.js mangler: kjør `npm run build` først (npm test gjør det).");
  const dir = tempDir("oppdrag-server-");
  process.env.DATABASE_PATH = path.join(dir, "app.sqlite");
  const { db } = getDatabase();
  await bootstrapDatabase(db, { seedFile: options.seed === false ? null : undefined });
  const build = await loadBuild(buildFile);
  const previousCwd = process.cwd();
  process.chdir(REPO_ROOT); // static files are served relative to the working directory
  const server: Server = await listen(createApp(build), 0, "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    databasePath: process.env.DATABASE_PATH,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      process.chdir(previousCwd);
      await closeDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
