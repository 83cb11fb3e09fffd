/**
 * Migration 0016 (`assignments.sort_key`) on a database that migrations 0001–0015 made and
 * filled: existing assignments get the key they would get from the import, so lists order
 * TB2026-2 before TB2026-10 and a letter's items without ID in the letter's order.
 */
import path from "node:path";
import fs from "node:fs";
import { Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connection.server";
import { migrations } from "~/db/migrations";
import { assignmentSortKey } from "~/domain/letter/ids";
import { tableCounts, tempDir } from "../helpers/db";

const dir = tempDir("oppdrag-sort-key-migration-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = "2026-02-01T08:00:00.000Z";

describe("migration 0016 on an existing database", () => {
  it("fills the sort key of every assignment from its ID, letter and line", async () => {
    const app = openDatabase(path.join(dir, "old.sqlite"));
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0016"));
    expect(Object.keys(before)).toContain("0015_known_only_index");
    expect((await new Migrator({ db: app.db, provider: { getMigrations: async () => before } }).migrateToLatest()).error).toBeUndefined();

    const s = app.sqlite;
    s.prepare(`insert into agencies (name, short_name, slug, created_at) values ('Direktoratet for medisinske produkter', 'DMP', 'dmp', ?)`).run(NOW);
    for (const kind of ["main", "supplementary"]) {
      s.prepare(`insert into letters (agency_id, letter_key, kind, year, title, source_hash, start_line, end_line, created_at, updated_at)
        values (1, ?, ?, 2026, 'Oppdragsbrev 2026', 'h', 1, 100, ?, ?)`).run(`${kind}|2026`, kind, NOW, NOW);
    }
    const rows: Array<[string, number, number]> = [
      ["uten-id-2026-ffffffff", 1, 30],
      ["TB2026-10", 1, 50],
      ["uten-id-2026-00000000", 2, 5],
      ["uten-id-2026-0000aaaa", 1, 20],
      ["TB2026-2", 1, 40],
    ];
    for (const [key, letterId, line] of rows) {
      s.prepare(`insert into assignments (agency_id, key, has_id, year, letter_id, title, body, source_line, source_end_line, version, content_hash, created_at, updated_at)
        values (1, ?, ?, 2026, ?, ?, '', ?, ?, 0, 'c', ?, ?)`).run(key, key.startsWith("TB") ? 1 : 0, letterId, `Oppdrag ${key}`, line, line + 2, NOW, NOW);
    }
    const countsBefore = tableCounts(app);

    const result = await new Migrator({ db: app.db, provider: { getMigrations: async () => migrations } }).migrateTo("0016_assignment_sort_key");
    expect(result.error).toBeUndefined();
    expect(result.results?.map((r) => r.migrationName)).toEqual(["0016_assignment_sort_key"]);

    const ordered = s.prepare("select key, sort_key from assignments order by sort_key").all() as Array<{ key: string; sort_key: string }>;
    expect(ordered.map((r) => r.key)).toEqual(["TB2026-2", "TB2026-10", "uten-id-2026-0000aaaa", "uten-id-2026-ffffffff", "uten-id-2026-00000000"]);
    for (const [key, letterId, line] of rows) {
      expect(ordered.find((r) => r.key === key)?.sort_key).toBe(assignmentSortKey(key, { letterId, line }));
    }
    const countsAfter = tableCounts(app);
    for (const [table, n] of Object.entries(countsBefore)) expect(countsAfter[table], table).toBe(table === "kysely_migration" ? n + 1 : n);
    expect(s.prepare("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
    app.sqlite.close();
  });
});
