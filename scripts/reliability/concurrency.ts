/**
 * Many clients updating the status of the same few assignments at once over HTTP. Every answer
 * must be 302 (saved) or 409 (someone saved first); afterwards every saved update is in the
 * history exactly once, no refused one is, and each version equals its number of history rows.
 */
import SQLite from "better-sqlite3";
import { checkConsistency } from "../../app/db/integrity.server";
import { pickAssignments, postStatus, type AssignmentBaseline } from "./common";

export interface ConcurrencyOptions {
  url: string;
  databasePath: string;
  cookie: string;
  clients: number;
  updatesPerClient: number;
  assignments: number;
}

export interface ConcurrencyResult {
  updates: number;
  accepted: number;
  conflicts: number;
  /** Answers other than 302/409 (must be 0), with a sample. */
  unexpected: number;
  unexpectedSample: string[];
  /** Saved (302) but missing from the history. */
  lost: number;
  /** In the history more than once, or present although refused. */
  duplicated: number;
  phantom: number;
  /** Assignments whose version or row count does not match the accepted updates. */
  mismatched: string[];
  busyErrors: number;
  consistency: string[];
  ms: number;
  perSecond: number;
}

export async function runConcurrency(options: ConcurrencyOptions): Promise<ConcurrencyResult> {
  const inspect = new SQLite(options.databasePath, { readonly: true, fileMustExist: true });
  const baseline: AssignmentBaseline[] = pickAssignments(inspect, options.assignments);
  inspect.close();
  const accepted = new Map<string, string[]>(baseline.map((a) => [a.key, []]));
  const refused = new Set<string>();
  const unexpectedSample: string[] = [];
  let unexpected = 0;
  let conflicts = 0;
  let busyErrors = 0;
  const started = Date.now();

  async function client(n: number) {
    const known = new Map(baseline.map((a) => [a.key, a.version]));
    for (let i = 0; i < options.updatesPerClient; i++) {
      const target = baseline[(n * 7 + i * 13 + Math.floor(Math.random() * baseline.length)) % baseline.length];
      const comment = `klient ${n} oppdatering ${i} ${Math.random().toString(36).slice(2, 8)}`;
      try {
        const answer = await postStatus(options.url, options.cookie, target.key, known.get(target.key)!, comment, {
          status: i % 3 === 0 ? "forsinket" : "i_rute",
        });
        if (answer.status === 302) {
          accepted.get(target.key)!.push(comment);
          known.set(target.key, known.get(target.key)! + 1);
        } else if (answer.status === 409 && answer.version !== undefined) {
          conflicts += 1;
          refused.add(comment);
          known.set(target.key, answer.version);
        } else {
          unexpected += 1;
          refused.add(comment);
          if (/SQLITE_BUSY|database is locked/i.test(answer.body ?? "")) busyErrors += 1;
          if (unexpectedSample.length < 5) unexpectedSample.push(`${answer.status}: ${(answer.body ?? "").slice(0, 200)}`);
        }
      } catch (error) {
        unexpected += 1;
        if (unexpectedSample.length < 5) unexpectedSample.push(String(error));
      }
    }
  }
  await Promise.all(Array.from({ length: options.clients }, (_, n) => client(n)));
  const ms = Date.now() - started;

  const db = new SQLite(options.databasePath, { readonly: true, fileMustExist: true });
  try {
    let lost = 0;
    let duplicated = 0;
    let phantom = 0;
    const mismatched: string[] = [];
    for (const a of baseline) {
      const row = db.prepare("select version from assignments where id = ?").get(a.id) as { version: number };
      const comments = db.prepare("select comment from status_events where assignment_id = ?").pluck().all(a.id) as Array<string | null>;
      const seen = new Map<string, number>();
      for (const c of comments) if (c) seen.set(c, (seen.get(c) ?? 0) + 1);
      const mine = accepted.get(a.key)!;
      for (const c of mine) {
        const times = seen.get(c) ?? 0;
        if (times === 0) lost += 1;
        if (times > 1) duplicated += 1;
      }
      for (const c of refused) if (seen.has(c)) phantom += 1;
      const rows = comments.length - a.events;
      if (rows !== mine.length || row.version !== a.version + mine.length || row.version !== comments.length) {
        mismatched.push(`${a.key}: ${mine.length} lagret, ${rows} nye rader, versjon ${a.version} → ${row.version}`);
      }
    }
    const acceptedTotal = [...accepted.values()].reduce((s, l) => s + l.length, 0);
    const updates = options.clients * options.updatesPerClient;
    return {
      updates,
      accepted: acceptedTotal,
      conflicts,
      unexpected,
      unexpectedSample,
      lost,
      duplicated,
      phantom,
      mismatched,
      busyErrors,
      consistency: checkConsistency(db).problems,
      ms,
      perSecond: Math.round((updates / ms) * 1000),
    };
  } finally {
    db.close();
  }
}
