/**
 * Status updates under load: `clients` concurrent connections (autocannon) POST status updates
 * over HTTP for `seconds`, as the status form does (intent=status, status, comment, version;
 * session cookie; Origin header for the cross-site check).
 *
 * Requests never collide: the assignments form a pool, and a request takes an assignment out of
 * the pool (with the version it knows) and puts it back when the answer comes: a 302 (saved)
 * raises the known version, anything else re-reads it from the database. So no two requests in
 * flight name the same assignment, and every answer should be a 302; a 409 (conflict) would mean
 * a bug in the version handling and is counted separately from errors.
 *
 * Invariant: new history rows = successful answers + writes whose answer was cut off when the
 * time ran out (autocannon drops in-flight requests at the end; for those, the database says
 * whether the server wrote them, since each was the only request for its assignment).
 */
import autocannon from "autocannon";
import { openDatabase } from "../../app/db/connection.server";

export interface UpdateLoadResult {
  clients: number;
  seconds: number;
  durationS: number;
  requests: number;
  /** 302 answers: saved. */
  successes: number;
  /** 409 answers: version conflicts (expected 0 by design, see above). */
  conflicts: number;
  /** Connection errors, timeouts and any answer other than 302/409. */
  errors: number;
  otherStatuses: Record<string, number>;
  updatesPerSecond: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
  newHistoryRows: number;
  /** Requests in flight when the time ran out whose update the server nevertheless wrote. */
  writtenWithoutAnswer: number;
  inFlightAtStop: number;
  /** newHistoryRows === successes + writtenWithoutAnswer, and every new row is accounted for per assignment. */
  rowsEqualSuccesses: boolean;
}

interface PoolItem {
  id: number;
  key: string;
  version: number;
  startVersion: number;
}

export async function measureStatusUpdates(options: {
  baseUrl: string;
  cookie: string;
  databasePath: string;
  /** Candidate assignments (keys); the pool takes up to clients × 10 of them. */
  keys: string[];
  /** The keys' agency (slug): keys are unique per agency. */
  agency: string;
  clients: number;
  seconds: number;
}): Promise<UpdateLoadResult> {
  const reader = openDatabase(options.databasePath);
  try {
    const byKey = reader.sqlite.prepare<[string, string], { id: number; version: number }>(
      "select a.id, a.version from assignments a join agencies ag on ag.id = a.agency_id where a.key = ? and ag.slug = ?",
    );
    const versionOf = reader.sqlite.prepare<[number], { version: number }>("select version from assignments where id = ?");
    const poolSize = Math.min(options.keys.length, options.clients * 10);
    if (poolSize < options.clients) throw new Error(`For få oppdrag (${options.keys.length}) til ${options.clients} klienter`);
    const all: PoolItem[] = options.keys.slice(0, poolSize).map((key) => {
      const row = byKey.get(key, options.agency);
      if (!row) throw new Error(`Fant ikke ${key}`);
      return { id: row.id, key, version: row.version, startVersion: row.version };
    });
    const pool = [...all];
    const inFlight = new Set<PoolItem>();
    const rowsBefore = (reader.sqlite.prepare("select count(*) as n from status_events").get() as { n: number }).n;

    let successes = 0;
    let conflicts = 0;
    let sent = 0;
    const otherStatuses: Record<string, number> = {};
    const origin = new URL(options.baseUrl).origin;

    type Ctx = { item?: PoolItem };
    const result = await autocannon({
      url: options.baseUrl,
      connections: options.clients,
      pipelining: 1,
      duration: options.seconds,
      timeout: 10,
      headers: {
        cookie: options.cookie,
        origin,
        "content-type": "application/x-www-form-urlencoded",
      },
      requests: [
        {
          method: "POST",
          setupRequest: (req, context) => {
            const item = pool.shift();
            if (!item) throw new Error("Tomt for oppdrag i utvalget");
            (context as Ctx).item = item;
            inFlight.add(item);
            sent += 1;
            return {
              ...req,
              method: "POST",
              path: `/oppdrag/${encodeURIComponent(item.key)}?virksomhet=${encodeURIComponent(options.agency)}`,
              body: `intent=status&status=i_rute&comment=${encodeURIComponent(`Belastningstest ${sent}: arbeidet går etter planen.`)}&version=${item.version}`,
            };
          },
          onResponse: (status, _body, context) => {
            const item = (context as Ctx).item;
            if (!item) return;
            inFlight.delete(item);
            if (status === 302) {
              successes += 1;
              item.version += 1;
            } else {
              if (status === 409) conflicts += 1;
              else otherStatuses[String(status)] = (otherStatuses[String(status)] ?? 0) + 1;
              item.version = versionOf.get(item.id)!.version;
            }
            pool.push(item);
          },
        },
      ],
    });

    // Let the server finish whatever was in flight when autocannon stopped.
    await new Promise((r) => setTimeout(r, 500));
    const rowsAfter = (reader.sqlite.prepare("select count(*) as n from status_events").get() as { n: number }).n;
    const newHistoryRows = rowsAfter - rowsBefore;
    let writtenWithoutAnswer = 0;
    for (const item of inFlight) writtenWithoutAnswer += versionOf.get(item.id)!.version - item.version;
    const perAssignment = all.reduce((s, item) => s + (versionOf.get(item.id)!.version - item.startVersion), 0);
    const otherCount = Object.values(otherStatuses).reduce((s, n) => s + n, 0);
    return {
      clients: options.clients,
      seconds: options.seconds,
      durationS: result.duration,
      requests: sent,
      successes,
      conflicts,
      errors: result.errors + otherCount,
      otherStatuses,
      updatesPerSecond: Math.round((successes / result.duration) * 10) / 10,
      latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
      newHistoryRows,
      writtenWithoutAnswer,
      inFlightAtStop: inFlight.size,
      rowsEqualSuccesses: newHistoryRows === successes + writtenWithoutAnswer && perAssignment === newHistoryRows,
    };
  } finally {
    await reader.db.destroy();
  }
}
