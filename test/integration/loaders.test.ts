/**
 * The route loaders themselves against a real SQLite file: every number on the overview equals
 * the hit count of the list it links to.
 */
import type { AppLoadContext } from "@remix-run/node";
import path from "node:path";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapDatabase } from "~/db/bootstrap.server";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { loader as overviewLoader } from "~/routes/_index";
import { loader as listLoader } from "~/routes/oppdrag._index";
import { loader as departmentLoader } from "~/routes/avdeling.$kode";
import { STATUS_CODES } from "~/domain/status";
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
  it("every count per area and per department matches the filtered list", async () => {
    const overview = await overviewLoader(args("/?aar=2023&per=2023-08-31"));
    expect(overview.year).toBe(2023);
    const total = await listLoader(args("/oppdrag?aar=2023&per=2023-08-31"));
    expect(total.total).toBe(overview.total);
    expect(overview.areas.map((a) => a.code)).toEqual(expect.arrayContaining(["2.1", "2.2", "2.3", "2.4", "2.5"]));

    for (const area of overview.areas.filter((a) => a.code)) {
      const base = `/oppdrag?aar=2023&per=2023-08-31&omrade=${area.code}`;
      expect((await listLoader(args(base))).total, `område ${area.code}`).toBe(area.progress.total);
      expect((await listLoader(args(`${base}&forfalt=1`))).total, `forfalt ${area.code}`).toBe(area.progress.overdue);
      for (const status of STATUS_CODES) {
        expect((await listLoader(args(`${base}&status=${status}`))).total, `${area.code} ${status}`).toBe(area.progress.byStatus[status]);
      }
    }
    for (const dep of overview.departments) {
      const list = await listLoader(args(`/oppdrag?aar=2023&per=2023-08-31&avdeling=${dep.code}`));
      expect(list.total, `avdeling ${dep.code}`).toBe(dep.progress.total);
      const page = await departmentLoader(args(`/avdeling/${dep.code}?aar=2023&per=2023-08-31`, { kode: dep.code }));
      const shown = page.buckets!.overdue.length + page.buckets!.soon.length + page.buckets!.rest.length;
      expect(shown, `avdelingsside ${dep.code}`).toBe(dep.progress.total);
      expect(page.buckets!.overdue.length).toBe(dep.progress.overdue);
    }
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
