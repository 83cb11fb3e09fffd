/**
 * The route loaders themselves against a real SQLite file: every number on the overview equals
 * the hit count of the list it links to.
 */
import type { AppLoadContext } from "@remix-run/node";
import path from "node:path";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase } from "~/use-cases/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { loader as overviewLoader } from "~/routes/_index";
import { loader as listLoader } from "~/routes/oppdrag._index";
import { loader as departmentLoader } from "~/routes/avdeling.$kode";
import { STATUS_CODES } from "~/domain/status";
import { ATTENTION_ROWS } from "~/domain/attention";
import { tempDir } from "../helpers/db";
import { makeUser, sessionCookie } from "../helpers/users";

const dir = tempDir("oppdrag-loaders-");
let cookie = "";
const context = { cspNonce: "test", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext;
const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }),
  params,
  context,
});

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "loaders.sqlite");
  const { db } = getDatabase();
  await bootstrapDatabase(db);
  const user = await makeUser(db, "leser");
  cookie = await sessionCookie(db, user.id);
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("overview against list", () => {
  const overviewAt = async (url: string) => {
    const overview = await overviewLoader(args(url));
    if (!overview.figures) throw new Error("ingen tall");
    return { ...overview, figures: overview.figures };
  };

  it("every count per area, department, status, overdue and due soon matches the filtered list", async () => {
    const overview = await overviewAt("/?aar=2023&per=2023-08-31");
    expect(overview.year).toBe(2023);
    expect(overview.asOf).toBe("2023-08-31");
    const { figures } = overview;
    const hits = async (query: string) => (await listLoader(args(`/oppdrag?aar=2023&per=2023-08-31${query}`))).total;
    expect(await hits("")).toBe(figures.total.total);
    expect(await hits("&forfalt=1")).toBe(figures.total.overdue);
    expect(await hits("&snart=1")).toBe(figures.total.dueSoon);
    expect(figures.total.overdue).toBeGreaterThan(0);
    expect(figures.total.dueSoon).toBeGreaterThan(0);
    expect(figures.areas.map((a) => a.code)).toEqual(expect.arrayContaining(["2.1", "2.2", "2.3", "2.4", "2.5"]));
    expect(figures.areas.reduce((n, a) => n + a.progress.total, 0)).toBe(figures.total.total);

    for (const area of figures.areas.filter((a) => a.code)) {
      const base = `&omrade=${area.code}`;
      expect(await hits(base), `område ${area.code}`).toBe(area.progress.total);
      expect(await hits(`${base}&forfalt=1`), `forfalt ${area.code}`).toBe(area.progress.overdue);
      expect(await hits(`${base}&snart=1`), `snart ${area.code}`).toBe(area.progress.dueSoon);
      for (const status of STATUS_CODES) {
        expect(await hits(`${base}&status=${status}`), `${area.code} ${status}`).toBe(area.progress.byStatus[status]);
      }
    }
    expect(figures.departments.length).toBeGreaterThan(3);
    for (const dep of figures.departments) {
      expect(await hits(`&avdeling=${dep.code}`), `avdeling ${dep.code}`).toBe(dep.progress.total);
      expect(await hits(`&avdeling=${dep.code}&forfalt=1`), `forfalt ${dep.code}`).toBe(dep.progress.overdue);
      for (const status of STATUS_CODES) {
        expect(await hits(`&avdeling=${dep.code}&status=${status}`), `${dep.code} ${status}`).toBe(dep.progress.byStatus[status]);
      }
      const page = await departmentLoader(args(`/avdeling/${dep.code}?aar=2023&per=2023-08-31`, { kode: dep.code }));
      expect(page.groups).toHaveLength(1); // one agency: not grouped
      const buckets = page.groups![0]!.buckets;
      const shown = buckets.overdue.length + buckets.soon.length + buckets.rest.length;
      expect(shown, `avdelingsside ${dep.code}`).toBe(dep.progress.total);
      expect(buckets.overdue.length).toBe(dep.progress.overdue);
      expect(buckets.soon.length).toBe(dep.progress.dueSoon);
    }
  });

  it("shows a bounded number of overdue and due-soon rows, the same ones the list filters on", async () => {
    const { figures, overdue, dueSoon, soonUntil } = await overviewAt("/?aar=2023&per=2023-08-31");
    expect(soonUntil).toBe("2023-09-30");
    expect(overdue.length).toBe(Math.min(ATTENTION_ROWS, figures.total.overdue));
    expect(dueSoon.length).toBe(Math.min(ATTENTION_ROWS, figures.total.dueSoon));
    const overdueList = await listLoader(args(`/oppdrag?aar=2023&per=2023-08-31&forfalt=1&side=1`));
    const allOverdue = await Promise.all(
      Array.from({ length: overdueList.pages }, (_, i) => listLoader(args(`/oppdrag?aar=2023&per=2023-08-31&forfalt=1&side=${i + 1}`))),
    );
    const overdueKeys = new Set(allOverdue.flatMap((p) => p.rows.map((r) => r.key)));
    for (const r of overdue) {
      expect(overdueKeys.has(r.key), r.key).toBe(true);
      expect(r.firstPassed! < "2023-08-31").toBe(true);
      expect(["fullfort", "utsatt", "avsluttet"]).not.toContain(r.status);
    }
    // Longest overdue first.
    expect(overdue.map((r) => r.firstPassed)).toEqual([...overdue.map((r) => r.firstPassed)].sort());
    const soonList = await listLoader(args(`/oppdrag?aar=2023&per=2023-08-31&snart=1&sorter=frist`));
    expect(soonList.total).toBe(figures.total.dueSoon);
    for (const r of dueSoon) {
      expect(r.nextDeadline! >= "2023-08-31" && r.nextDeadline! <= "2023-09-30", r.key).toBe(true);
      expect(soonList.rows.map((x) => x.key)).toContain(r.key);
    }
    expect(dueSoon.map((r) => r.nextDeadline)).toEqual([...dueSoon.map((r) => r.nextDeadline)].sort());
  });

  it("sends figures, not every assignment of the year", async () => {
    const overview = await overviewAt("/?aar=2023");
    expect(overview.asOf).toBeNull();
    expect(JSON.stringify(overview).length).toBeLessThan(15_000);
    expect(overview.overdue.length).toBeLessThanOrEqual(ATTENTION_ROWS);
    expect(overview.dueSoon.length).toBeLessThanOrEqual(ATTENTION_ROWS);
    expect(overview.figures.total.total).toBeGreaterThan(2 * ATTENTION_ROWS);
  });

  it("gives a Norwegian 400 for a malformed as-of date", async () => {
    const error = await overviewLoader(args("/?per=2023-02-30")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(400);
  });

  it("pages the list 50 at a time and keeps the filter", async () => {
    const first = await listLoader(args("/oppdrag?aar=2023"));
    expect(first.rows).toHaveLength(50);
    expect(first.pages).toBe(Math.ceil(first.total / 50));
    const second = await listLoader(args("/oppdrag?aar=2023&side=2"));
    expect(second.rows.length).toBe(first.total - 50);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.key)).size).toBe(first.total);
  });
});
