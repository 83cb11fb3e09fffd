/**
 * Migration 0014 (agencies) on a database that main's migrations 0001–0013 made and filled: every
 * letter, assignment, area, goal and area assessment lands on Helsedirektoratet, every user joins
 * it, nothing else changes (ids, history, FTS, append-only triggers, foreign keys), and keys are
 * unique per agency afterwards. (The same was checked by hand on a file made with main's code.)
 */
import path from "node:path";
import fs from "node:fs";
import { Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connection.server";
import { migrateToLatest } from "~/db/migrate.server";
import { migrations } from "~/db/migrations";
import { tableCounts, tempDir } from "../helpers/db";

const dir = tempDir("oppdrag-agency-migration-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = "2023-09-01T08:00:00.000Z";

describe("migration 0014 on an existing database", () => {
  it("moves everything onto Helsedirektoratet and keeps every row, trigger and reference", async () => {
    const app = openDatabase(path.join(dir, "old.sqlite"));
    const before0014 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0014"));
    expect(Object.keys(before0014)).toContain("0013_saved_filters");
    const old = await new Migrator({ db: app.db, provider: { getMigrations: async () => before0014 } }).migrateToLatest();
    expect(old.error).toBeUndefined();

    // What main's importer, users and report pages write, as plain rows.
    const s = app.sqlite;
    s.prepare(`insert into letters (letter_key, kind, year, date, reference, title, source_hash, source_name, start_line, end_line, created_at, updated_at)
      values ('main|2023', 'main', 2023, null, null, 'Tildelingsbrev 2023', 'h', 'brev.txt', 1, 100, ?, ?)`).run(NOW, NOW);
    s.prepare(`insert into goal_areas (year, code, name, sort_order) values (2023, '2.1', 'Helse', 1)`).run();
    s.prepare(`insert into goals (year, code, number, area_code, title) values (2023, 'Mål 1', 1, '2.1', 'Bedre helse')`).run();
    s.prepare(`insert into departments (code, name) values ('FHA', 'Folkehelseavdelingen')`).run();
    for (const [key, title] of [["TB2023-05", "Handlingsplan for fysisk aktivitet"], ["TB2023-06", "Overvåking av luftveier"]]) {
      s.prepare(`insert into assignments (key, has_id, year, letter_id, area_code, goal_code, title, body, source_line, source_end_line, version, content_hash, created_at, updated_at)
        values (?, 1, 2023, 1, '2.1', 'Mål 1', ?, 'Tekst om skolemat', 10, 12, 1, 'c', ?, ?)`).run(key, title, NOW, NOW);
    }
    s.prepare(`insert into assignment_departments (assignment_id, department_code, position) values (1, 'FHA', 0)`).run();
    s.prepare(`insert into deadlines (assignment_id, position, label, date, precision, phrase, is_default, state) values (1, 0, null, '2023-12-31', 'day', 'innen 31.12.2023', 0, 'dated')`).run();
    s.prepare(`insert into relations (assignment_id, type, target_key, letter_id, source_line) values (2, 'clarifies', 'TB2023-05', 1, 11)`).run();
    s.prepare(`insert into users (email, name, role, password_hash, created_at, updated_at, password_changed_at) values ('sb@example.no', 'Saks', 'saksbehandler', 'x', ?, ?, ?)`).run(NOW, NOW, NOW);
    s.prepare(`insert into status_events (assignment_id, version, status, comment, actor, actor_name, effective_at, created_at, user_id) values (1, 1, 'i_rute', 'Godt i gang', 'user:1', 'Saks', ?, ?, 1)`).run(NOW, NOW);
    s.prepare(`insert into report_texts (assignment_id, text, user_id, actor_name, report_date, created_at) values (1, 'Forklaring', 1, 'Saks', '2023-12-31', ?)`).run(NOW);
    s.prepare(`insert into area_assessments (year, area_code, text, user_id, actor_name, report_date, created_at) values (2023, '2.1', 'Samlet vurdering', 1, 'Saks', '2023-12-31', ?)`).run(NOW);
    s.prepare(`insert into saved_filters (user_id, name, query, created_at) values (1, 'Mine', '?aar=2023&status=i_rute', ?)`).run(NOW);
    const countsBefore = tableCounts(app);

    const { applied } = await migrateToLatest(app.db);
    // 0014 and whatever came after it.
    expect(applied).toEqual(Object.keys(migrations).filter((name) => name >= "0014"));
    expect(applied[0]).toBe("0014_agencies");

    expect(s.prepare("select id, name, short_name, slug from agencies").all()).toEqual([{ id: 1, name: "Helsedirektoratet", short_name: "Hdir", slug: "helsedirektoratet" }]);
    for (const table of ["letters", "assignments", "goal_areas", "goals", "area_assessments"]) {
      expect(s.prepare(`select distinct agency_id from ${table}`).all(), table).toEqual([{ agency_id: 1 }]);
    }
    expect(s.prepare("select user_id, agency_id from user_agencies").all()).toEqual([{ user_id: 1, agency_id: 1 }]);
    // Every other table holds exactly what it held; ids and references are kept. (The search
    // indexes' own tables are rebuilt by 0017; the search itself is checked below.)
    const countsAfter = tableCounts(app);
    for (const [table, n] of Object.entries(countsBefore)) {
      if (/_fts_/.test(table)) continue;
      expect(countsAfter[table], table).toBe(table === "kysely_migration" ? n + applied.length : n);
    }
    expect(s.prepare("select a.key, se.comment from status_events se join assignments a on a.id = se.assignment_id").all()).toEqual([{ key: "TB2023-05", comment: "Godt i gang" }]);
    expect(s.prepare("pragma foreign_key_check").all()).toEqual([]);
    expect(s.prepare("pragma foreign_keys").get()).toEqual({ foreign_keys: 1 });
    expect(s.prepare("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });

    // Search still finds by title, body and comment; new rows reach the index through the recreated triggers.
    const hits = (q: string) => (s.prepare("select rowid from assignment_fts where assignment_fts match ? order by rowid").all(q) as Array<{ rowid: number }>).map((r) => r.rowid);
    expect(hits("skolemat")).toEqual([1, 2]);
    expect(hits("luftveier")).toEqual([2]);
    // Comments have their own index since 0017 (decision 100).
    expect(s.prepare("select e.assignment_id from status_comment_fts c join status_events e on e.id = c.rowid where status_comment_fts match 'godt'").all()).toEqual([{ assignment_id: 1 }]);
    // Append-only tables stay append-only.
    expect(() => s.prepare("update area_assessments set text = 'x'").run()).toThrow(/append-only/);
    expect(() => s.prepare("update status_events set comment = 'x'").run()).toThrow(/append-only/);

    // Keys are unique per agency (and year) now, no longer across the register.
    s.prepare(`insert into agencies (name, short_name, slug, created_at) values ('Folkehelseinstituttet', 'FHI', 'folkehelseinstituttet', ?)`).run(NOW);
    s.prepare(`insert into letters (agency_id, letter_key, kind, year, title, source_hash, start_line, end_line, created_at, updated_at)
      values (2, 'main|2023', 'main', 2023, 'Tildelingsbrev 2023', 'h', 1, 10, ?, ?)`).run(NOW, NOW);
    s.prepare(`insert into assignments (agency_id, key, has_id, year, letter_id, title, body, source_line, source_end_line, content_hash, created_at, updated_at)
      values (2, 'TB2023-05', 1, 2023, 2, 'Annet oppdrag', '', 1, 1, 'c', ?, ?)`).run(NOW, NOW);
    expect(hits("annet")).toEqual([3]);
    expect(() =>
      s.prepare(`insert into assignments (agency_id, key, has_id, year, letter_id, title, body, source_line, source_end_line, content_hash, created_at, updated_at)
        values (1, 'TB2023-05', 1, 2023, 1, 'Dobbel', '', 1, 1, 'c', ?, ?)`).run(NOW, NOW),
    ).toThrow(/UNIQUE/);
    expect(() => s.prepare(`insert into letters (letter_key, kind, year, title, source_hash, start_line, end_line, created_at, updated_at) values ('x', 'main', 2023, 'T', 'h', 1, 2, ?, ?)`).run(NOW, NOW)).toThrow(/NOT NULL/);
    await app.db.destroy();
  });
});
