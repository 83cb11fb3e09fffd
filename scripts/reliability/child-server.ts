/**
 * The real production server (build/start.js serving build/index.js, as `npm start` runs it) as
 * a child process, so that SIGKILL is a real crash. Listens on 127.0.0.1 only.
 */
import { startServerProcess, type ServerProcess } from "../lib/server-command";

export interface ChildServer extends ServerProcess {
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code/signal. */
  kill: ServerProcess["stop"];
}

export async function startChildServer(databasePath: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const server = await startServerProcess({ databasePath, env });
  return { ...server, kill: server.stop };
}
