/**
 * Consistency checks over a whole database: what must hold whoever wrote the data (importer,
 * status writes, bulk generators, a restore). Read-only; returns the problems found rather than
 * throwing, so callers decide (the benchmark refuses to measure on bad data, reliability checks
 * report it).
 */
import type SQLite from "better-sqlite3";
import type { AppDatabase } from "./connection.server";

export interface ConsistencyReport {
  ok: boolean;
  /** One Norwegian sentence per problem (at most a few examples per check). */
  problems: string[];
  /** What was checked, with counts. */
  counts: { assignments: number; statusEvents: number; deadlines: number; ftsRows: number };
}

const EXAMPLES = 5;

/**
 * - `PRAGMA integrity_check` (or `quick_check` with `quick: true`) and `PRAGMA foreign_key_check`;
 * - every assignment's `version` equals its number of status events, and those events have
 *   versions 1..n without gaps or duplicates;
 * - every assignment has at least one deadline;
 * - the FTS index has exactly one row per assignment, with the same key, title and body, and the
 *   comment index holds exactly the terms of the status comments (FTS5's own integrity check).
 */
export function checkConsistency(target: SQLite.Database | AppDatabase, options: { quick?: boolean } = {}): ConsistencyReport {
  const sqlite = "sqlite" in target ? target.sqlite : target;
  const problems: string[] = [];
  const all = <T>(sql: string): T[] => sqlite.prepare(sql).all() as T[];
  const count = (sql: string): number => (sqlite.prepare(sql).get() as { n: number }).n;
  const examples = (items: string[]) => items.slice(0, EXAMPLES).join(", ") + (items.length > EXAMPLES ? ` (og ${items.length - EXAMPLES} til)` : "");

  // Read each FTS index first: FTS5 caches its index structure per connection and refreshes it
  // on a normal read, but not in the integrity check, so on a connection that has not read since
  // another process wrote, `integrity_check` reports "fts5: corruption found" that is not there.
  for (const table of ["assignment_fts", "status_comment_fts"]) all(`select rowid from ${table} where ${table} match 'oppdrag' limit 1`);
  const integrity = all<Record<string, string>>(options.quick ? "pragma quick_check" : "pragma integrity_check").map((r) => Object.values(r)[0]);
  if (!(integrity.length === 1 && integrity[0] === "ok")) problems.push(`Integritetssjekken feilet: ${examples(integrity)}`);

  const foreign = all<{ table: string; rowid: number; parent: string }>("pragma foreign_key_check");
  if (foreign.length > 0) {
    problems.push(`${foreign.length} rader peker på rader som ikke finnes: ${examples(foreign.map((f) => `${f.table} rad ${f.rowid} → ${f.parent}`))}`);
  }

  const versions = all<{ key: string; version: number; n: number; lo: number | null; hi: number | null; distinct_versions: number }>(`
    select a.key, a.version, count(e.id) as n, min(e.version) as lo, max(e.version) as hi, count(distinct e.version) as distinct_versions
    from assignments a left join status_events e on e.assignment_id = a.id
    group by a.id
    having a.version <> count(e.id) or (count(e.id) > 0 and (min(e.version) <> 1 or max(e.version) <> count(e.id) or count(distinct e.version) <> count(e.id)))
  `);
  if (versions.length > 0) {
    problems.push(
      `${versions.length} oppdrag har versjon som ikke stemmer med historikken (versjon = antall hendelser, 1..n uten hull): ${examples(
        versions.map((v) => `${v.key} (versjon ${v.version}, ${v.n} hendelser, ${v.lo ?? "-"}..${v.hi ?? "-"})`),
      )}`,
    );
  }

  const orphanEvents = count("select count(*) as n from status_events e where not exists (select 1 from assignments a where a.id = e.assignment_id)");
  if (orphanEvents > 0) problems.push(`${orphanEvents} statushendelser hører ikke til noe oppdrag.`);

  const noDeadline = all<{ key: string }>("select a.key from assignments a where not exists (select 1 from deadlines d where d.assignment_id = a.id)");
  if (noDeadline.length > 0) problems.push(`${noDeadline.length} oppdrag har ingen frist: ${examples(noDeadline.map((r) => r.key))}`);

  const ftsRows = count("select count(*) as n from assignment_fts");
  const assignments = count("select count(*) as n from assignments");
  if (ftsRows !== assignments) problems.push(`Søkeindeksen har ${ftsRows} rader, men det finnes ${assignments} oppdrag.`);
  const badFts = all<{ key: string }>(`
    select a.key from assignments a left join assignment_fts f on f.rowid = a.id
    where f.rowid is null or f.key is not a.key or f.title is not a.title or f.body is not a.body
  `).map((r) => r.key);
  if (badFts.length > 0) problems.push(`${badFts.length} oppdrag stemmer ikke med søkeindeksen: ${examples(badFts)}`);
  // The comment index holds its own terms (the text is status_events'): FTS5 checks them against
  // it. The check is a command written as an insert, so a read-only connection cannot run it (a
  // restore checks its copy again on a writable one).
  if (!sqlite.readonly) {
    try {
      sqlite.prepare("insert into status_comment_fts(status_comment_fts, rank) values ('integrity-check', 1)").run();
    } catch (error) {
      problems.push(`Søkeindeksen for kommentarer stemmer ikke med historikken (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  return {
    ok: problems.length === 0,
    problems,
    counts: {
      assignments,
      statusEvents: count("select count(*) as n from status_events"),
      deadlines: count("select count(*) as n from deadlines"),
      ftsRows,
    },
  };
}
