import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connection.server";
import { migrateToLatest, migrationsAreCurrent } from "~/db/migrate.server";
import { createTestDatabase, tempDir } from "../helpers/db";
import path from "node:path";

describe("database connection", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it("opens with WAL, synchronous=FULL, foreign keys and a busy timeout", async () => {
    const t = await createTestDatabase();
    cleanups.push(t.cleanup);
    expect(t.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(t.sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(t.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(Number(t.sqlite.pragma("busy_timeout", { simple: true }))).toBeGreaterThanOrEqual(1000);
  });

  it("runs migrations once and reports them current", async () => {
    const dir = tempDir();
    const app = openDatabase(path.join(dir, "m.sqlite"));
    cleanups.push(() => app.db.destroy());
    expect(await migrationsAreCurrent(app.db)).toBe(false);
    const first = await migrateToLatest(app.db);
    expect(first.applied).toContain("0001_initial");
    const second = await migrateToLatest(app.db);
    expect(second.applied).toEqual([]);
    expect(await migrationsAreCurrent(app.db)).toBe(true);
  });

  it("refuses to rewrite or delete status history", async () => {
    const t = await createTestDatabase();
    cleanups.push(t.cleanup);
    const now = new Date().toISOString();
    const agency = await t.db.insertInto("agencies").values({ name: "Helsedirektoratet", short_name: null, slug: "helsedirektoratet", created_at: now }).returning("id").executeTakeFirstOrThrow();
    const letter = await t.db
      .insertInto("letters")
      .values({ agency_id: agency.id, letter_key: "k", kind: "main", year: 2023, date: null, reference: null, title: "T", source_hash: "h", source_name: null, start_line: 1, end_line: 2, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const a = await t.db
      .insertInto("assignments")
      .values({ agency_id: agency.id, key: "TB2023-01", has_id: 1, year: 2023, letter_id: letter.id, area_code: null, goal_code: null, title: "x", body: "", source_line: 1, source_end_line: 1, content_hash: "c", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("status_events")
      .values({ assignment_id: a.id, version: 1, status: "i_rute", comment: null, actor: "u", actor_name: "U", letter_id: null, effective_at: now, created_at: now })
      .execute();
    await expect(t.db.updateTable("status_events").set({ status: "fullfort" }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("status_events").execute()).rejects.toThrow(/append-only/);
    await expect(
      t.db
        .insertInto("status_events")
        .values({ assignment_id: a.id, version: 1, status: "i_rute", comment: null, actor: "u", actor_name: "U", letter_id: null, effective_at: now, created_at: now })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    await expect(t.db.deleteFrom("assignments").where("id", "=", a.id).execute()).rejects.toThrow(/FOREIGN KEY/);
  });
});
