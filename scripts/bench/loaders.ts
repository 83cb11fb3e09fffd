/**
 * (a) The route loaders called directly, in this process, against the benchmark database; and the
 * bare SQL of the same page: every statement one loader call runs (session lookup included),
 * recorded at the better-sqlite3 level and replayed with statements prepared once, so the time is
 * SQLite's alone (no Kysely, no JS around it).
 */
import type SQLite from "better-sqlite3";
import { performance } from "node:perf_hooks";
import { measure, summarise, type Timing } from "./stats";
import { loaderArgs, type Page } from "./pages";

export interface RecordedStatement {
  sql: string;
  params: unknown[];
  reader: boolean;
}

/**
 * Runs `fn` while recording every statement executed on `sqlite`. Patches the Statement
 * prototype, not `prepare`: the app keeps its statements prepared (Kysely's statement cache, the
 * session lookup, the write path), so most of them were prepared before recording starts.
 */
export async function recordStatements<T>(sqlite: SQLite.Database, fn: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[] }> {
  const statements: RecordedStatement[] = [];
  const proto = Object.getPrototypeOf(sqlite.prepare("select 1")) as Record<string, unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const method of ["all", "get", "run", "iterate"] as const) {
    const original = proto[method] as (...args: unknown[]) => unknown;
    originals.set(method, original);
    proto[method] = function (this: SQLite.Statement, ...args: unknown[]) {
      if (this.database === sqlite) statements.push({ sql: this.source, params: args.flat(), reader: this.reader });
      return original.apply(this, args);
    };
  }
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    for (const [method, original] of originals) proto[method] = original;
  }
}

export interface LoaderMeasurement {
  loader: Timing;
  sql: Timing;
  /** Statements one loader call runs (reads; writes such as a session touch are not replayed). */
  statements: number;
}

export async function measureLoader(
  page: Page,
  options: { sqlite: SQLite.Database; cookie: string; warmup: number; samples: number },
): Promise<LoaderMeasurement> {
  const call = async () => {
    const result = await page.loader(loaderArgs(page, options.cookie));
    if (result instanceof Response) throw new Error(`${page.path}: loaderen svarte ${result.status}`);
    return result;
  };
  const loader = await measure(call, options);

  const { statements } = await recordStatements(options.sqlite, call);
  const reads = statements.filter((s) => s.reader);
  const prepared = reads.map((s) => ({ stmt: options.sqlite.prepare(s.sql), params: s.params }));
  const replay = () => {
    for (const p of prepared) p.stmt.all(...p.params);
  };
  for (let i = 0; i < options.warmup; i++) replay();
  const times: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const t0 = performance.now();
    replay();
    times.push(performance.now() - t0);
  }
  return { loader, sql: summarise(times), statements: reads.length };
}
