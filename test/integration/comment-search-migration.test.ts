/**
 * Migration 0017 (status comments searched per event, decision 100) on a database that
 * migrations up to 0016 made and filled with the 2023 letter and comments: every comment written
 * before is found afterwards, so is every comment written after, and nothing else changes.
 */
import path from "node:path";
import fs from "node:fs";
import { Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connection.server";
import { checkConsistency } from "~/db/consistency.server";
import { migrateToLatest } from "~/db/migrate.server";
import { migrations } from "~/db/migrations";
import { queryAssignments } from "~/models/assignment-list.server";
import { searchSnippets } from "~/models/search.server";
import { recordStatusUpdate } from "~/models/status-event.server";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { HIT_START } from "~/domain/snippet";
import { readLetter2023, tableCounts, tempDir } from "../helpers/db";

const dir = tempDir("oppdrag-comment-search-migration-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const actor = { userId: null, name: "Testskript", person: "Testskript", ip: "127.0.0.1", userAgent: "vitest" };

describe("migration 0017 on an existing database", () => {
  it("keeps every earlier comment searchable and indexes each new one", async () => {
    const app = openDatabase(path.join(dir, "old.sqlite"));
    const migrator = new Migrator({ db: app.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0016_assignment_sort_key")).error).toBeUndefined();
    await importLetterText(app.db, readLetter2023(), "tildelingsbrev-2023.txt", { agency: "Helsedirektoratet" });
    const idOf = async (key: string) => app.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", key).executeTakeFirstOrThrow();
    const update = async (key: string, comment: string) => {
      const a = await idOf(key);
      expect(await recordStatusUpdate(app, { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment, actor })).toMatchObject({ ok: true });
    };
    await update("TB2023-05", "Anbudet er lyst ut på Doffin");
    await update("TB2023-05", "Kontrakt med leverandør signert");
    await update("TB2023-10", "Venter på høringssvar fra kommunene");
    const countsBefore = tableCounts(app);

    expect((await migrateToLatest(app.db)).applied).toEqual(["0017_comment_search_per_event"]);

    const keysFor = async (query: string) =>
      (await queryAssignments(app.db, { year: 2023, asOfInstant: null, today: "2023-06-01", filter: { query } })).map((r) => r.key);
    expect(await keysFor("Doffin")).toEqual(["TB2023-05"]);
    expect(await keysFor("leverandør signert")).toEqual(["TB2023-05"]);
    expect(await keysFor("høringssvar")).toEqual(["TB2023-10"]);
    // One word from the letter's text and one from a comment: all words must match, anywhere in the assignment.
    expect(await keysFor("tobakk Doffin")).toEqual(["TB2023-05"]);
    expect(await keysFor("tobakk høringssvar")).toEqual([]);

    await update("TB2023-10", "Rapporten er oversendt departementet");
    expect(await keysFor("oversendt")).toContain("TB2023-10");
    const snippets = await searchSnippets(app.db, "Doffin", [(await idOf("TB2023-05")).id]);
    expect([...snippets.values()][0]).toContain(`${HIT_START}Doffin`);

    const countsAfter = tableCounts(app);
    for (const table of ["assignments", "status_events", "letters", "deadlines", "audit_log"]) {
      expect(countsAfter[table], table).toBe(table === "status_events" || table === "audit_log" ? countsBefore[table] + 1 : countsBefore[table]);
    }
    expect(checkConsistency(app).problems).toEqual([]);
    app.sqlite.close();
  });

  it("is checked: the consistency check names a comment the index lacks", async () => {
    const app = openDatabase(path.join(dir, "unindexed.sqlite"));
    await migrateToLatest(app.db);
    await importLetterText(app.db, readLetter2023(), "tildelingsbrev-2023.txt", { agency: "Helsedirektoratet" });
    expect(checkConsistency(app).problems).toEqual([]);
    app.sqlite.exec("drop trigger status_comment_fts_insert");
    const a = await app.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", "TB2023-05").executeTakeFirstOrThrow();
    await recordStatusUpdate(app, { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment: "Uten indeks", actor });
    expect(checkConsistency(app).problems).toEqual([expect.stringMatching(/^Søkeindeksen for kommentarer stemmer ikke med historikken/)]);
    app.sqlite.close();
  });
});
