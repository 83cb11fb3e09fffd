/**
 * Parse and import time of a real letter (the bundled 2023 letter) and the time to build that
 * year's report as .docx: the approach of scripts/bench-parse.ts (fresh migrated database per
 * import; demo history so the report has statuses and comments), with warm-up and percentiles.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BUNDLED_LETTER_PATH, importLetterText, normaliseText } from "../../app/use-cases/bootstrap.server";
import { openDatabase } from "../../app/db/connection.server";
import { seedDemoHistory } from "../../app/use-cases/demo-history.server";
import { migrateToLatest } from "../../app/db/migrate.server";
import { loadReport } from "../../app/models/report.server";
import { parseLetter } from "../../app/domain/letter/parse";
import { renderReportFile } from "../../app/export/report-files.server";
import { measure, summarise, type Timing } from "./stats";

export interface LetterMeasurement {
  file: string;
  lines: number;
  assignments: number;
  parse: Timing;
  /** Parse + import into an empty, migrated database (one transaction). */
  import: Timing;
  /** loadReport + renderReportFile("docx") for the letter's year as of 31 December. */
  docx: Timing;
  docxBytes: number;
}

export async function measureLetter(options: { warmup: number; samples: number; file?: string }): Promise<LetterMeasurement> {
  const file = options.file ?? BUNDLED_LETTER_PATH;
  const text = normaliseText(fs.readFileSync(file, "utf8"));
  const parsed = parseLetter(text);
  const parse = await measure(() => parseLetter(text), options);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oppdrag-bench-letter-"));
  try {
    const importTimes: number[] = [];
    const runs = options.warmup + options.samples;
    let docx: Timing | null = null;
    let docxBytes = 0;
    for (let i = 0; i < runs; i++) {
      const app = openDatabase(path.join(dir, `run-${i}.sqlite`));
      try {
        await migrateToLatest(app.db);
        const t0 = performance.now();
        await importLetterText(app.db, text, path.basename(file));
        if (i >= options.warmup) importTimes.push(performance.now() - t0);
        if (i === runs - 1) {
          const year = parsed.letters[0]?.year ?? 2023;
          seedDemoHistory(app, year);
          docx = await measure(async () => {
            const report = await loadReport(app.db, { year, asOfDate: `${year}-12-31`, draft: true });
            const out = await renderReportFile(report, "docx");
            docxBytes = out.body.length;
          }, options);
        }
      } finally {
        await app.db.destroy();
      }
    }
    return {
      file: path.relative(process.cwd(), file) || file,
      lines: text.split("\n").length,
      assignments: parsed.assignments.length,
      parse,
      import: summarise(importTimes),
      docx: docx!,
      docxBytes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
