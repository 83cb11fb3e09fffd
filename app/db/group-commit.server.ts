/**
 * Group commit for the short synchronous writes (status updates, deliveries).
 *
 * With `synchronous=FULL` every COMMIT waits for an fsync of the WAL (0.3–2 ms on the machines we
 * have measured), and better-sqlite3 waits for it on the one JavaScript thread. Under load that
 * fsync, not the SQL, bounds the number of writes per second. So writes that arrive in the same
 * turn of the event loop share one `BEGIN IMMEDIATE … COMMIT`, and one fsync makes all of them
 * durable.
 *
 * The rules that keep this safe:
 * - A write's promise settles only after the COMMIT that contains it has returned, i.e. after its
 *   data is durable. No answer is ever sent for a write that could still be lost.
 * - Each write runs in its own SAVEPOINT. If one throws, only its own changes are undone and only
 *   its promise rejects; the others in the group are committed as usual.
 * - If the group as a whole fails (BEGIN or COMMIT fails, or SQLite abandons the transaction after
 *   an I/O or disk-full error), nothing of the group is written and every promise in it rejects
 *   with that error.
 * - Writes run one after the other in arrival order, each seeing the ones before it (the version
 *   check of two updates on the same assignment in one group works as with separate commits).
 * - The group holds Kysely's connection lock, so no Kysely query or transaction interleaves.
 * - Before it begins, the group checks that the database file is still the one the connection
 *   opened (as `getDatabase()` does), so nothing is acknowledged into a removed or replaced file.
 */
import type SQLite from "better-sqlite3";
import { assertDatabaseFileCurrent, type AppDatabase } from "./connection.server";

/** At most this many writes share a commit (bounds how long one group holds the thread). */
export const MAX_GROUP_SIZE = 100;

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  app: AppDatabase;
  jobs: Job[];
  scheduled: boolean;
  statements: {
    begin: SQLite.Statement;
    commit: SQLite.Statement;
    rollback: SQLite.Statement;
    savepoint: SQLite.Statement;
    release: SQLite.Statement;
    rollbackTo: SQLite.Statement;
  } | null;
  /** Counters for tests and measurements: commits made and writes committed or refused in them. */
  groups: number;
  writes: number;
}

const queues = new WeakMap<SQLite.Database, Queue>();

function queueFor(app: AppDatabase): Queue {
  let queue = queues.get(app.sqlite);
  if (!queue) {
    queue = { app, jobs: [], scheduled: false, statements: null, groups: 0, writes: 0 };
    queues.set(app.sqlite, queue);
  }
  return queue;
}

/**
 * Runs `work` (synchronous, no awaiting inside) in the next group commit on this connection and
 * resolves with its result once the group is durable; rejects with what it threw, or with the
 * group's error if the group could not be committed.
 */
export function writeInGroup<T>(app: AppDatabase, work: () => T): Promise<T> {
  const queue = queueFor(app);
  return new Promise<T>((resolve, reject) => {
    queue.jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
    schedule(queue);
  });
}

/** Commits and writes so far on this connection (for tests and measurements). */
export function groupCommitStats(app: AppDatabase): { groups: number; writes: number } {
  const queue = queues.get(app.sqlite);
  return { groups: queue?.groups ?? 0, writes: queue?.writes ?? 0 };
}

function schedule(queue: Queue): void {
  if (queue.scheduled) return;
  queue.scheduled = true;
  // setImmediate runs after the I/O phase: every request read in this turn of the event loop has
  // reached its write by then and joins the group.
  setImmediate(() => void flush(queue));
}

async function flush(queue: Queue): Promise<void> {
  queue.scheduled = false;
  const jobs = queue.jobs.splice(0, MAX_GROUP_SIZE);
  if (queue.jobs.length > 0) schedule(queue);
  if (jobs.length === 0) return;
  try {
    await queue.app.db.connection().execute(async () => commitGroup(queue, jobs));
  } catch (error) {
    // The connection lock could not be taken (the connection was closed after a fault).
    for (const job of jobs) job.reject(error);
  }
}

function commitGroup(queue: Queue, jobs: Job[]): void {
  const { sqlite } = queue.app;
  const q = (queue.statements ??= {
    begin: sqlite.prepare("BEGIN IMMEDIATE"),
    commit: sqlite.prepare("COMMIT"),
    rollback: sqlite.prepare("ROLLBACK"),
    savepoint: sqlite.prepare("SAVEPOINT group_write"),
    release: sqlite.prepare("RELEASE group_write"),
    rollbackTo: sqlite.prepare("ROLLBACK TO group_write"),
  });
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    assertDatabaseFileCurrent(queue.app);
    q.begin.run();
    for (const job of jobs) {
      q.savepoint.run();
      try {
        const value = job.work();
        q.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        // SQLite may give up the whole transaction after some errors (I/O, disk full): then
        // nothing of the group is written and the group fails as a whole.
        if (!sqlite.inTransaction) throw error;
        q.rollbackTo.run();
        q.release.run();
        outcomes.push({ ok: false, error });
      }
    }
    q.commit.run();
  } catch (error) {
    if (sqlite.inTransaction) {
      try {
        q.rollback.run();
      } catch {
        // The connection is unusable; the fault handling drops it.
      }
    }
    for (const job of jobs) job.reject(error);
    return;
  }
  queue.groups += 1;
  queue.writes += jobs.length;
  // Only now, after COMMIT (and with synchronous=FULL its fsync) has returned, are the answers given.
  jobs.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}
