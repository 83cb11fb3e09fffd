/**
 * The whole benchmark as one function with options, so the CLI (scripts/bench.ts) runs it at full
 * size and the test suite (test/bench/bench-smoke.test.ts) runs it tiny. Returns the results
 * object that bench/results.json holds; `formatTable` renders its figures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createSession, sessionCookieHeader } from "../../app/auth/session.server";
import { closeDatabase, getDatabase } from "../../app/db/connection.server";
import { checkConsistency, type ConsistencyReport } from "../../app/db/consistency.server";
import { generateDatabase, type GenerateResult } from "./generate";
import { htmlBytes, measureFirstLoadJs, measureHttpPages, type FirstLoadJs } from "./http";
import { measureLetter, type LetterMeasurement } from "./letter";
import { measureLoader } from "./loaders";
import { benchPages, MINIMAL_PAGE, PAGE_NAMES, type PageName } from "./pages";
import { startServer } from "./server";
import type { Timing } from "./stats";
import { measureStatusUpdates, type UpdateLoadResult } from "./updates";

export interface BenchOptions {
  seed: number;
  assignments: number;
  years: number;
  events: number;
  /** Agencies the generated letters go to (the pages measure the first one's, and all). */
  agencies?: number;
  /** Unmeasured runs before each measurement. */
  warmup: number;
  /** Measured runs per figure (≥ 30 for the real benchmark). */
  samples: number;
  /**
   * Measured rounds of the HTTP pages (default: `samples`). The HTTP targets compare p95s, and a
   * p95 of 40 samples rests on two of them: the real benchmark takes 100.
   */
  httpSamples?: number;
  /** Length of the status-update load test. */
  httpSeconds: number;
  /** Concurrent clients in the status-update load test. */
  clients: number;
  /** Folder for the generated database (default: a temporary folder, removed afterwards). */
  workDir?: string;
  /** Progress messages (default: none). */
  log?: (message: string) => void;
}

export const FULL_SIZE: BenchOptions = {
  seed: 20_231_231,
  assignments: 20_000,
  years: 10,
  events: 200_000,
  agencies: 8,
  warmup: 5,
  samples: 40,
  httpSamples: 100,
  httpSeconds: 20,
  clients: 50,
};

export interface PageResult {
  label: string;
  path: string;
  loader: Timing;
  http: Timing;
  sql: Timing;
  /** Read statements one loader call runs (replayed for the bare-SQL time). */
  statements: number;
  /** HTTP time / bare SQL time of the same page (for information; the target is `httpTargetMs`). */
  ratio: { p50: number; p95: number };
  /** The HTTP p95 target: the minimal page's HTTP p95 + 2 × this page's SQL p95. */
  httpTargetMs: number;
  /** The page's HTML document, bytes. */
  htmlBytes: number;
}

export interface Figure {
  name: string;
  value: number | boolean;
  unit: string;
  target: string;
  pass: boolean;
}

export interface BenchResults {
  version: 1;
  startedAt: string;
  durationS: number;
  machine: { cpus: number; cpuModel: string; memoryMb: number; node: string; platform: string };
  options: Omit<BenchOptions, "log" | "workDir">;
  data: {
    years: number[];
    counts: GenerateResult["counts"];
    generationMs: GenerateResult["timingsMs"];
    measuredYear: number;
    /** The agency (slug) whose pages are measured; the "all" pages span every agency. */
    measuredAgency: string;
    detailKey: string;
    consistencyBefore: ConsistencyReport;
    consistencyAfter: ConsistencyReport;
  };
  pages: Record<PageName, PageResult>;
  /** The layout with next to no data, measured in the same run: the base of the HTTP targets. */
  minimalPage: { label: string; path: string; http: Timing };
  updates: UpdateLoadResult;
  letter: LetterMeasurement;
  firstLoadJs: FirstLoadJs;
  server: { rssBytes: number | null; peakRssBytes: number | null };
  figures: Figure[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const started = new Date();
  const t0 = performance.now();
  const ownDir = !options.workDir;
  const dir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "oppdrag-bench-"));
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, "bench.sqlite");
  const previousDatabasePath = process.env.DATABASE_PATH;

  try {
    log(`Lager database: ${options.assignments} oppdrag over ${options.years} år, ${options.events} statushendelser …`);
    const generated = await generateDatabase({
      path: databasePath,
      seed: options.seed,
      assignments: options.assignments,
      years: options.years,
      events: options.events,
      agencies: options.agencies,
    });
    const agency = generated.agencies[0]!;
    const multi = generated.agencies.length > 1;
    log(`  ferdig på ${(generated.timingsMs.total / 1000).toFixed(1)} s (brev ${(generated.timingsMs.letters / 1000).toFixed(1)} s, hendelser ${(generated.timingsMs.events / 1000).toFixed(1)} s)`);

    process.env.DATABASE_PATH = databasePath;
    const app = getDatabase();
    const consistencyBefore = checkConsistency(app);
    if (!consistencyBefore.ok) throw new Error(`Den genererte databasen er ikke konsistent:\n${consistencyBefore.problems.join("\n")}`);

    const year = generated.years[generated.years.length - 1];
    const detail = app.sqlite
      .prepare("select a.key from assignments a join agencies ag on ag.id = a.agency_id where a.year = ? and ag.slug = ? order by a.version desc, a.id limit 1")
      .get(year, agency) as { key: string };
    const pages = benchPages({ year, detailKey: detail.key, agency: multi ? agency : null });
    const token = await createSession(app.db, generated.user.id, { ip: "127.0.0.1", userAgent: "benchmark" });
    const cookie = sessionCookieHeader(new Request("http://localhost/"), token).split(";")[0];
    const sampling = { warmup: options.warmup, samples: options.samples };

    log("Måler loadere og ren SQL …");
    const loaderResults = new Map<PageName, Awaited<ReturnType<typeof measureLoader>>>();
    for (const page of pages) loaderResults.set(page.name, await measureLoader(page, { sqlite: app.sqlite, cookie, ...sampling }));

    log("Starter produksjonsserveren …");
    const server = await startServer({ databasePath });
    let httpResults: Map<PageName, Timing>;
    let minimal: Timing;
    const sizes = new Map<PageName, number>();
    let firstLoadJs: FirstLoadJs;
    let updates: UpdateLoadResult;
    let memory: ReturnType<typeof server.memory>;
    try {
      log("Måler sidene over HTTP …");
      const [minimalTiming, ...pageTimings] = await measureHttpPages([MINIMAL_PAGE, ...pages], {
        baseUrl: server.url,
        cookie,
        warmup: options.warmup,
        samples: options.httpSamples ?? options.samples,
      });
      minimal = minimalTiming;
      httpResults = new Map(pages.map((page, i) => [page.name, pageTimings[i]]));
      for (const page of pages) sizes.set(page.name, await htmlBytes(page, { baseUrl: server.url, cookie }));
      firstLoadJs = await measureFirstLoadJs({ baseUrl: server.url, cookie, path: pages[0].path });
      log(`Statusoppdateringer: ${options.clients} klienter i ${options.httpSeconds} s …`);
      updates = await measureStatusUpdates({
        baseUrl: server.url,
        cookie,
        databasePath,
        keys: generated.keysByYear[year].filter((k) => k !== detail.key),
        agency,
        clients: options.clients,
        seconds: options.httpSeconds,
      });
      memory = server.memory();
    } finally {
      await server.stop();
    }
    const consistencyAfter = checkConsistency(app);

    log("Måler tolking, import og .docx for 2023-brevet …");
    const letter = await measureLetter(sampling);

    const pageResults = Object.fromEntries(
      pages.map((page) => {
        const l = loaderResults.get(page.name)!;
        const http = httpResults.get(page.name)!;
        return [
          page.name,
          {
            label: page.label,
            path: page.path,
            loader: l.loader,
            http,
            sql: l.sql,
            statements: l.statements,
            ratio: { p50: round2(http.p50 / l.sql.p50), p95: round2(http.p95 / l.sql.p95) },
            httpTargetMs: round2(minimal.p95 + 2 * l.sql.p95),
            htmlBytes: sizes.get(page.name) ?? 0,
          } satisfies PageResult,
        ];
      }),
    ) as Record<PageName, PageResult>;

    const results: Omit<BenchResults, "figures"> = {
      version: 1,
      startedAt: started.toISOString(),
      durationS: 0,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "ukjent",
        memoryMb: Math.round(os.totalmem() / 1024 / 1024),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      options: {
        seed: options.seed,
        assignments: options.assignments,
        years: options.years,
        events: options.events,
        agencies: generated.agencies.length,
        warmup: options.warmup,
        samples: options.samples,
        httpSeconds: options.httpSeconds,
        clients: options.clients,
      },
      data: {
        years: generated.years,
        counts: generated.counts,
        generationMs: generated.timingsMs,
        measuredYear: year,
        measuredAgency: agency,
        detailKey: detail.key,
        consistencyBefore,
        consistencyAfter,
      },
      pages: pageResults,
      minimalPage: { label: MINIMAL_PAGE.label, path: MINIMAL_PAGE.path, http: minimal! },
      updates,
      letter,
      firstLoadJs,
      server: { rssBytes: memory?.rssBytes ?? null, peakRssBytes: memory?.peakRssBytes ?? null },
    };
    results.durationS = Math.round((performance.now() - t0) / 100) / 10;
    return { ...results, figures: figures(results) };
  } finally {
    await closeDatabase();
    if (previousDatabasePath === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = previousDatabasePath;
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const TARGETS = {
  loaderP95Ms: 25,
  /** Each page's HTML at full scale. */
  htmlBytes: 300_000,
  updatesPerSecond: 1000,
  parseMs: 50,
  importMs: 200,
  docxMs: 300,
  firstLoadJsGzipBytes: 120_000,
  rssBytes: 200_000_000,
};

function figures(r: Omit<BenchResults, "figures">): Figure[] {
  const out: Figure[] = [];
  for (const name of PAGE_NAMES) {
    const p = r.pages[name];
    out.push({ name: `Loader p95: ${p.label}`, value: p.loader.p95, unit: "ms", target: `≤ ${TARGETS.loaderP95Ms} ms`, pass: p.loader.p95 <= TARGETS.loaderP95Ms });
  }
  // HTTP p95 ≤ the minimal page's HTTP p95 (the same layout, measured in the same run) + 2 × the
  // page's own SQL p95: the fixed cost of any document, plus room for the page's data.
  for (const name of PAGE_NAMES) {
    const p = r.pages[name];
    out.push({
      name: `HTTP p95: ${p.label} (minimal ${r.minimalPage.http.p95.toFixed(1)} + 2 × SQL ${p.sql.p95.toFixed(2)} ms)`,
      value: p.http.p95,
      unit: "ms",
      target: `≤ ${p.httpTargetMs.toFixed(1)} ms`,
      pass: p.http.p95 <= p.httpTargetMs,
    });
  }
  for (const name of PAGE_NAMES) {
    const p = r.pages[name];
    out.push({
      name: `HTML-størrelse: ${p.label}`,
      value: Math.round(p.htmlBytes / 100) / 10,
      unit: "kB",
      target: `≤ ${TARGETS.htmlBytes / 1000} kB`,
      pass: p.htmlBytes <= TARGETS.htmlBytes,
    });
  }
  const u = r.updates;
  out.push({ name: `Statusoppdateringer per sekund (${u.clients} klienter, ${u.seconds} s)`, value: u.updatesPerSecond, unit: "/s", target: `≥ ${TARGETS.updatesPerSecond}`, pass: u.updatesPerSecond >= TARGETS.updatesPerSecond });
  out.push({ name: "Feil under oppdateringene (409 telles for seg)", value: u.errors, unit: "", target: "0", pass: u.errors === 0 && u.conflicts === 0 });
  out.push({ name: "Nye historikkrader = vellykkede svar", value: u.rowsEqualSuccesses, unit: "", target: "ja", pass: u.rowsEqualSuccesses });
  out.push({ name: "Tolking av 2023-brevet (median)", value: r.letter.parse.p50, unit: "ms", target: `≤ ${TARGETS.parseMs} ms`, pass: r.letter.parse.p50 <= TARGETS.parseMs });
  out.push({ name: "Import av 2023-brevet (median, inkl. tolking)", value: r.letter.import.p50, unit: "ms", target: `≤ ${TARGETS.importMs} ms`, pass: r.letter.import.p50 <= TARGETS.importMs });
  out.push({ name: "Rapport 2023 som .docx (median, inkl. spørring)", value: r.letter.docx.p50, unit: "ms", target: `≤ ${TARGETS.docxMs} ms`, pass: r.letter.docx.p50 <= TARGETS.docxMs });
  out.push({
    name: "JavaScript ved første lasting av oversikten (gzip)",
    value: Math.round(r.firstLoadJs.gzipBytes / 100) / 10,
    unit: "kB",
    target: `≤ ${TARGETS.firstLoadJsGzipBytes / 1000} kB`,
    pass: r.firstLoadJs.gzipBytes <= TARGETS.firstLoadJsGzipBytes,
  });
  const rss = r.server.rssBytes;
  out.push({
    name: "Serverens minne (RSS) til slutt",
    value: rss === null ? NaN : Math.round(rss / 100_000) / 10,
    unit: "MB",
    target: `≤ ${TARGETS.rssBytes / 1_000_000} MB`,
    pass: rss !== null && rss <= TARGETS.rssBytes,
  });
  out.push({
    name: "Konsistenssjekk før og etter belastning",
    value: r.data.consistencyBefore.ok && r.data.consistencyAfter.ok,
    unit: "",
    target: "ja",
    pass: r.data.consistencyBefore.ok && r.data.consistencyAfter.ok,
  });
  return out;
}

export function formatTable(results: BenchResults): string {
  const fmt = (f: Figure) =>
    typeof f.value === "boolean" ? (f.value ? "ja" : "nei") : `${Number.isInteger(f.value) ? f.value : f.value.toFixed(f.unit === "ms" || f.unit === "×" ? 2 : 1)}${f.unit && f.unit !== "" ? ` ${f.unit}` : ""}`;
  const rows = results.figures.map((f) => [f.name, fmt(f), f.target, f.pass ? "OK" : "IKKE NÅDD"]);
  const head = ["Måltall", "Verdi", "Mål", "Resultat"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (i === 1 ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(head), sep, ...rows.map(line)].join("\n");
}
