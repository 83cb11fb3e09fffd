/**
 * The benchmark (`npm run bench`) at toy size, so it cannot rot: the generator, every measurement
 * and the results object, with the data checks and the rows-equal-successes invariant. No timing
 * assertions: figures on a loaded CI machine mean nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connection.server";
import { checkConsistency } from "~/db/consistency.server";
import { generateDatabase } from "../../scripts/bench/generate";
import { PAGE_NAMES } from "../../scripts/bench/pages";
import { formatTable, runBench } from "../../scripts/bench/run";
import { tempDir } from "../helpers/db";

const dir = tempDir("oppdrag-bench-smoke-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SMALL = { assignments: 200, years: 2, events: 1000, agencies: 2 };

describe("benchmark data generator", () => {
  it("generates the asked-for data through the importer, deterministically, and it passes the consistency check", async () => {
    const a = await generateDatabase({ path: path.join(dir, "a.sqlite"), seed: 7, ...SMALL });
    const b = await generateDatabase({ path: path.join(dir, "b.sqlite"), seed: 7, ...SMALL });
    expect(a.counts).toMatchObject({ assignments: 200, statusEvents: 1000 });
    expect(a.counts.deliverables).toBeGreaterThan(0);
    expect(a.years).toEqual([2025, 2026]);
    expect(a.agencies).toEqual(["helsedirektoratet", "folkehelseinstituttet"]);
    expect(b.keysByYear).toEqual(a.keysByYear);

    const history = (file: string) => {
      const app = openDatabase(file);
      try {
        const departments = app.sqlite.prepare("select count(distinct department_code) as n from assignment_departments").get() as { n: number };
        const withoutId = app.sqlite.prepare("select count(*) as n from assignments where has_id = 0").get() as { n: number };
        expect(departments.n).toBe(15);
        // Both agencies' letters use the same keys, and nothing merged: each key once per agency.
        const perAgency = app.sqlite.prepare("select agency_id, count(*) as n from assignments group by agency_id order by agency_id").all();
        expect(perAgency).toEqual([{ agency_id: 1, n: 100 }, { agency_id: 2, n: 100 }]);
        const shared = app.sqlite.prepare("select count(*) as n from (select key from assignments group by year, key having count(*) = 2)").get() as { n: number };
        expect(shared.n).toBeGreaterThan(50);
        expect(withoutId.n).toBeGreaterThan(0);
        expect(checkConsistency(app)).toMatchObject({ ok: true, problems: [] });
        return app.sqlite
          .prepare("select a.key, e.version, e.status, e.comment, e.effective_at from status_events e join assignments a on a.id = e.assignment_id order by e.id")
          .all();
      } finally {
        app.sqlite.close();
      }
    };
    expect(history(b.path)).toEqual(history(a.path));
  });

  it("the consistency check finds a version that disagrees with the history", async () => {
    const app = openDatabase(path.join(dir, "a.sqlite"));
    try {
      app.sqlite.prepare("update assignments set version = version + 1 where id = (select min(id) from assignments)").run();
      const report = checkConsistency(app, { quick: true });
      expect(report.ok).toBe(false);
      expect(report.problems.join("\n")).toMatch(/versjon/);
    } finally {
      app.sqlite.close();
    }
  });
});

describe("benchmark run (toy size)", () => {
  it("measures every figure and returns the results object", async () => {
    const results = await runBench({ seed: 1, ...SMALL, warmup: 1, samples: 3, httpSeconds: 1, clients: 4, workDir: path.join(dir, "run") });

    expect(results.data.counts).toMatchObject({ assignments: 200, statusEvents: 1000 });
    expect(results.data.consistencyBefore.ok).toBe(true);
    expect(results.data.consistencyAfter.ok).toBe(true);
    expect(Object.keys(results.pages).sort()).toEqual([...PAGE_NAMES].sort());
    for (const name of PAGE_NAMES) {
      const page = results.pages[name];
      for (const timing of [page.loader, page.http, page.sql]) {
        expect(timing.samples, name).toBe(3);
        expect(Number.isFinite(timing.p50) && Number.isFinite(timing.p95), name).toBe(true);
      }
      expect(page.statements, name).toBeGreaterThan(0);
      expect(page.ratio.p95, name).toBeGreaterThan(0);
      expect(page.httpTargetMs, name).toBeCloseTo(results.minimalPage.http.p95 + 2 * page.sql.p95, 1);
      expect(page.htmlBytes, name).toBeGreaterThan(1000);
    }

    const u = results.updates;
    expect(u.successes).toBeGreaterThan(0);
    expect(u.conflicts).toBe(0);
    expect(u.errors).toBe(0);
    expect(u.newHistoryRows).toBe(u.successes + u.writtenWithoutAnswer);
    expect(u.rowsEqualSuccesses).toBe(true);

    expect(results.letter.assignments).toBeGreaterThan(50);
    for (const t of [results.letter.parse, results.letter.import, results.letter.docx]) expect(t.samples).toBe(3);
    expect(results.letter.docxBytes).toBeGreaterThan(1000);
    expect(results.firstLoadJs.files.length).toBeGreaterThan(0);
    expect(results.firstLoadJs.gzipBytes).toBeGreaterThan(0);
    if (process.platform === "linux") expect(results.server.rssBytes).toBeGreaterThan(0);

    expect(results.minimalPage.http.samples).toBe(3);
    expect(results.data.measuredAgency).toBe("helsedirektoratet");
    // The agency's pages name it; the "all agencies" ones do not.
    expect(results.pages.list.path).toContain("virksomhet=helsedirektoratet");
    expect(results.pages.detail.path).toContain("?virksomhet=helsedirektoratet");
    expect(results.pages.listAll.path).not.toContain("virksomhet=");
    // Per page: loader p95, HTTP p95 against minimal + 2 × SQL, HTML size; then 9 other figures.
    expect(results.figures.length).toBe(PAGE_NAMES.length * 3 + 9);
    expect(results.figures.filter((f) => f.name.startsWith("HTML-størrelse")).map((f) => f.target)).toEqual(PAGE_NAMES.map(() => "≤ 300 kB"));
    for (const f of results.figures) expect(typeof f.pass, f.name).toBe("boolean");
    expect(JSON.parse(JSON.stringify(results))).toMatchObject({ version: 1 });
    const table = formatTable(results);
    expect(table.split("\n")).toHaveLength(results.figures.length + 2);
    expect(table).toMatch(/Loader p95: Oversikt/);
  }, 180_000);
});
