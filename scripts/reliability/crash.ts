/**
 * Crash loop: the real server under write load is killed with SIGKILL, then started again, over
 * and over. After every kill the file must pass integrity_check and the consistency check, and
 * every update the server acknowledged (302) must be in the history exactly once.
 */
import SQLite from "better-sqlite3";
import { checkConsistency } from "../../app/db/integrity.server";
import { pickAssignments, postStatus, sleep } from "./common";
import { startChildServer } from "./child-server";

export interface CrashOptions {
  databasePath: string;
  cookie: string;
  cycles: number;
  clients: number;
  assignments: number;
  /** Kill after a random delay in this range (ms) of write load. */
  killAfterMs: [number, number];
  onCycle?: (cycle: number, acknowledged: number) => void;
}

export interface CrashResult {
  cycles: number;
  acknowledged: number;
  /** Requests cut off by the kill: they may or may not be saved, but at most once. */
  inFlight: number;
  inFlightSaved: number;
  lost: number;
  duplicated: number;
  integrityFailures: string[];
  ms: number;
}

export async function runCrashCycles(options: CrashOptions): Promise<CrashResult> {
  const started = Date.now();
  const acknowledged = new Set<string>();
  const unknown = new Set<string>();
  const integrityFailures: string[] = [];
  let lost = 0;
  let duplicated = 0;

  for (let cycle = 1; cycle <= options.cycles; cycle++) {
    const server = await startChildServer(options.databasePath);
    const probe = new SQLite(options.databasePath, { readonly: true, fileMustExist: true });
    const targets = pickAssignments(probe, options.assignments);
    probe.close();
    let stop = false;
    const clients = Array.from({ length: options.clients }, async (_, n) => {
      const known = new Map(targets.map((t) => [t.key, t.version]));
      for (let i = 0; !stop; i++) {
        const target = targets[(n + i) % targets.length];
        const comment = `krasj ${cycle} klient ${n} nr ${i}`;
        try {
          const answer = await postStatus(server.url, options.cookie, target.key, known.get(target.key)!, comment);
          if (answer.status === 302) {
            acknowledged.add(comment);
            known.set(target.key, known.get(target.key)! + 1);
          } else if (answer.status === 409 && answer.version !== undefined) {
            known.set(target.key, answer.version);
          } else {
            unknown.add(comment);
          }
        } catch {
          // Connection reset by the kill: the outcome is unknown.
          unknown.add(comment);
          return;
        }
      }
    });
    const [lo, hi] = options.killAfterMs;
    await sleep(lo + Math.random() * (hi - lo));
    server.process.kill("SIGKILL");
    await server.exited;
    stop = true;
    await Promise.all(clients);

    // What a restarted server would find: recovery of the WAL happens on open.
    const db = new SQLite(options.databasePath, { fileMustExist: true });
    try {
      const report = checkConsistency(db);
      if (!report.ok) integrityFailures.push(`syklus ${cycle}: ${report.problems.join("; ")}`);
      const counts = new Map<string, number>();
      for (const c of db.prepare("select comment from status_events where comment like 'krasj %'").pluck().all() as string[]) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      lost = [...acknowledged].filter((c) => !counts.has(c)).length;
      duplicated = [...counts.values()].filter((n) => n > 1).length;
      if (lost || duplicated) integrityFailures.push(`syklus ${cycle}: ${lost} tapt, ${duplicated} dobbelt`);
    } finally {
      db.close();
    }
    options.onCycle?.(cycle, acknowledged.size);
    if (integrityFailures.length > 0) break;
  }

  const db = new SQLite(options.databasePath, { readonly: true, fileMustExist: true });
  const saved = new Set(db.prepare("select comment from status_events where comment like 'krasj %'").pluck().all() as string[]);
  db.close();
  return {
    cycles: options.cycles,
    acknowledged: acknowledged.size,
    inFlight: unknown.size,
    inFlightSaved: [...unknown].filter((c) => saved.has(c)).length,
    lost,
    duplicated,
    integrityFailures,
    ms: Date.now() - started,
  };
}
