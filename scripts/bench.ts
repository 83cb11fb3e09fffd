/**
 * `npm run bench`: generates the benchmark database (20,000 assignments over 8 agencies × 10
 * years, 200,000 status events), measures every performance target and writes bench/results.json plus a table.
 * Builds the app first (`npm run build`) unless `--no-build`.
 *
 * Smaller runs: flags or environment variables, e.g.
 *   npm run bench -- --assignments 2000 --events 20000 --samples 30 --seconds 5
 *   BENCH_ASSIGNMENTS=2000 BENCH_EVENTS=20000 npm run bench
 * Options: --seed, --assignments, --years, --events, --agencies (1–8), --warmup, --samples, --http-samples, --seconds, --clients,
 * --out FILE (default bench/results.json), --no-build, --keep DIR (keep the database in DIR).
 * A benchmark, not a test: missed targets are reported, the exit code is 0 unless it crashed.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatTable, FULL_SIZE, runBench, type BenchOptions } from "./bench/run";
import { REPO_ROOT } from "./lib/server-command";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    assignments: { type: "string" },
    years: { type: "string" },
    events: { type: "string" },
    agencies: { type: "string" },
    warmup: { type: "string" },
    samples: { type: "string" },
    "http-samples": { type: "string" },
    seconds: { type: "string" },
    clients: { type: "string" },
    out: { type: "string" },
    keep: { type: "string" },
    "no-build": { type: "boolean" },
  },
});

function option(flag: keyof typeof values, env: string, fallback: number): number {
  const raw = (values[flag] as string | undefined) ?? process.env[env];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`Ugyldig verdi for --${flag}: «${raw}»`);
    process.exit(1);
  }
  return n;
}

const options: BenchOptions = {
  seed: option("seed", "BENCH_SEED", FULL_SIZE.seed),
  assignments: option("assignments", "BENCH_ASSIGNMENTS", FULL_SIZE.assignments),
  years: option("years", "BENCH_YEARS", FULL_SIZE.years),
  events: option("events", "BENCH_EVENTS", FULL_SIZE.events),
  agencies: option("agencies", "BENCH_AGENCIES", FULL_SIZE.agencies ?? 1),
  warmup: option("warmup", "BENCH_WARMUP", FULL_SIZE.warmup),
  samples: option("samples", "BENCH_SAMPLES", FULL_SIZE.samples),
  // A run that asks for fewer (or more) samples gets as many HTTP rounds, unless it says otherwise.
  httpSamples: option("http-samples", "BENCH_HTTP_SAMPLES", option("samples", "BENCH_SAMPLES", FULL_SIZE.httpSamples ?? FULL_SIZE.samples)),
  httpSeconds: option("seconds", "BENCH_SECONDS", FULL_SIZE.httpSeconds),
  clients: option("clients", "BENCH_CLIENTS", FULL_SIZE.clients),
  workDir: values.keep ? path.resolve(values.keep) : undefined,
  log: (message) => console.log(message),
};
const out = path.resolve(values.out ?? path.join(REPO_ROOT, "bench/results.json"));

if (!values["no-build"]) {
  console.log("Bygger appen (npm run build) …");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

const results = await runBench(options);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log("");
console.log(formatTable(results));
const missed = results.figures.filter((f) => !f.pass).length;
console.log("");
console.log(`${results.figures.length - missed} av ${results.figures.length} mål nådd. Tid: ${results.durationS} s. Resultater: ${path.relative(process.cwd(), out)}`);
