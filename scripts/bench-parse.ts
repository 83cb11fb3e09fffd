/**
 * `npm run bench:parse`: time to parse and to import the bundled 2023 letter, and to build the
 * 2023 report as .docx (median of several runs). Targets: parse ≤ 50 ms, import ≤ 200 ms,
 * .docx ≤ 300 ms on a 2-core machine. A benchmark, not a test: nothing here fails the build.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BUNDLED_LETTER_PATH, importLetterText, normaliseText } from "../app/use-cases/bootstrap.server";
import { openDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { parseLetter } from "../app/domain/letter/parse";
import { seedDemoHistory } from "../app/use-cases/demo-history.server";
import { loadReport } from "../app/models/report.server";
import { renderReportFile } from "../app/export/report-files.server";

const RUNS = Number(process.env.BENCH_RUNS || 15);
const file = process.argv[2] ?? BUNDLED_LETTER_PATH;
const text = normaliseText(fs.readFileSync(file, "utf8"));

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const parseTimes: number[] = [];
for (let i = 0; i < RUNS + 3; i++) {
  const t0 = performance.now();
  parseLetter(text);
  const dt = performance.now() - t0;
  if (i >= 3) parseTimes.push(dt); // first runs warm up the JIT
}

const importTimes: number[] = [];
const docxTimes: number[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
const runs = Math.max(5, Math.ceil(RUNS / 2)) + 1;
for (let i = 0; i < runs; i++) {
  const app = openDatabase(path.join(dir, `run-${i}.sqlite`));
  await migrateToLatest(app.db);
  const t0 = performance.now();
  await importLetterText(app.db, text, path.basename(file));
  const dt = performance.now() - t0;
  if (i >= 1) importTimes.push(dt);
  if (i === runs - 1) {
    const year = parseLetter(text).letters[0]?.year ?? 2023;
    seedDemoHistory(app, year);
    for (let j = 0; j < RUNS + 2; j++) {
      const t1 = performance.now();
      const report = await loadReport(app.db, { year, asOfDate: `${year}-12-31`, draft: true });
      await renderReportFile(report, "docx");
      if (j >= 2) docxTimes.push(performance.now() - t1);
    }
  }
  await app.db.destroy();
}
fs.rmSync(dir, { recursive: true, force: true });

const rows = [
  { figure: "parse (median)", ms: median(parseTimes), target: 50 },
  { figure: "import into empty database (median, incl. parse)", ms: median(importTimes), target: 200 },
  { figure: "report .docx for the year (median, incl. query)", ms: median(docxTimes), target: 300 },
];
console.log(`Fil: ${file}  (${text.split("\n").length} linjer, ${RUNS} målinger)`);
for (const r of rows) {
  console.log(`${r.figure.padEnd(52)} ${r.ms.toFixed(1).padStart(8)} ms   mål ≤ ${r.target} ms   ${r.ms <= r.target ? "OK" : "FOR TREG"}`);
}
