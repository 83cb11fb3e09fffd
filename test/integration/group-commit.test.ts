/**
 * Group commit (app/db/group-commit.server.ts): writes that arrive together share one
 * BEGIN IMMEDIATE … COMMIT, and none is answered before that commit has returned.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, DatabaseUnavailableError, getDatabase } from "~/db/connection.server";
import { groupCommitStats, MAX_GROUP_SIZE, writeInGroup } from "~/db/group-commit.server";
import { createTestDatabase, tempDir, type TestDb } from "../helpers/db";

let t: TestDb;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function insert(value: string) {
  return () => Number(t.sqlite.prepare("insert into scratch (v) values (?)").run(value).lastInsertRowid);
}

function values(): string[] {
  return (t.sqlite.prepare("select v from scratch order by id").all() as Array<{ v: string }>).map((r) => r.v);
}

beforeAll(async () => {
  t = await createTestDatabase();
  t.sqlite.exec("create table scratch (id integer primary key, v text not null)");
});
afterAll(async () => {
  await t.cleanup();
});
afterEach(() => {
  t.sqlite.exec("delete from scratch");
});

describe("group commit", () => {
  it("gives writes that arrive together one commit, and answers each only after it", async () => {
    const before = groupCommitStats(t);
    // A second connection sees only committed data: when the first answer comes, all are there.
    const other = new SQLite(t.path, { readonly: true });
    let seenAtFirstAnswer = -1;
    const writes = Array.from({ length: 30 }, (_, i) => writeInGroup(t, insert(`w${i}`)));
    void writes[0].then(() => {
      seenAtFirstAnswer = (other.prepare("select count(*) as n from scratch").get() as { n: number }).n;
    });
    const ids = await Promise.all(writes);
    other.close();
    expect(seenAtFirstAnswer).toBe(30);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(values()).toEqual(Array.from({ length: 30 }, (_, i) => `w${i}`));
    expect(groupCommitStats(t)).toEqual({ groups: before.groups + 1, writes: before.writes + 30 });
  });

  it(`splits more than ${MAX_GROUP_SIZE} writes into several commits`, async () => {
    const before = groupCommitStats(t);
    await Promise.all(Array.from({ length: 2 * MAX_GROUP_SIZE + 1 }, (_, i) => writeInGroup(t, insert(`w${i}`))));
    expect(groupCommitStats(t).groups - before.groups).toBe(3);
    expect(values()).toHaveLength(2 * MAX_GROUP_SIZE + 1);
  });

  it("undoes a write that throws, and only that one", async () => {
    const results = await Promise.allSettled([
      writeInGroup(t, insert("first")),
      writeInGroup(t, () => {
        insert("half")();
        throw new Error("feil midt i");
      }),
      writeInGroup(t, insert("last")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toHaveProperty("message", "feil midt i");
    expect(values()).toEqual(["first", "last"]);
  });

  it("refuses the whole group and writes nothing when SQLite gives the transaction up", async () => {
    const results = await Promise.allSettled([
      writeInGroup(t, insert("first")),
      writeInGroup(t, () => {
        // As after an I/O error: SQLite has rolled the whole transaction back.
        t.sqlite.exec("ROLLBACK");
        throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
      }),
      writeInGroup(t, insert("last")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toHaveProperty("code", "SQLITE_IOERR");
    expect(values()).toEqual([]);
    expect(t.sqlite.inTransaction).toBe(false);
    await writeInGroup(t, insert("after"));
    expect(values()).toEqual(["after"]);
  });

  it("refuses every write of a group that cannot get the write lock, and writes nothing", async () => {
    const holder = new SQLite(t.path);
    holder.exec("BEGIN IMMEDIATE");
    t.sqlite.pragma("busy_timeout = 50");
    try {
      const results = await Promise.allSettled([writeInGroup(t, insert("a")), writeInGroup(t, insert("b"))]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      expect((results[0] as PromiseRejectedResult).reason).toHaveProperty("code", "SQLITE_BUSY");
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
      t.sqlite.pragma("busy_timeout = 5000");
    }
    expect(values()).toEqual([]);
    await writeInGroup(t, insert("c"));
    expect(values()).toEqual(["c"]);
  });

  it("waits for a Kysely transaction that is open across awaits, never writing into it", async () => {
    const trx = t.db.transaction().execute(async (tx) => {
      await tx.insertInto("scratch" as never).values({ v: "tx 1" } as never).execute();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await tx.insertInto("scratch" as never).values({ v: "tx 2" } as never).execute();
    });
    await nextTurn();
    const write = writeInGroup(t, insert("group"));
    await Promise.all([trx, write]);
    expect(values()).toEqual(["tx 1", "tx 2", "group"]);
  });
});

describe("the process-wide connection", () => {
  const previous = process.env.DATABASE_PATH;
  afterAll(async () => {
    await closeDatabase();
    if (previous === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = previous;
  });

  it("notices a removed file on the next turn, and a group commit never writes into it", async () => {
    const dir = tempDir();
    const file = path.join(dir, "app.sqlite");
    process.env.DATABASE_PATH = file;
    const app = getDatabase();
    app.sqlite.exec("create table scratch (id integer primary key, v text not null)");
    expect(getDatabase()).toBe(app);
    const write = writeInGroup(app, () => app.sqlite.prepare("insert into scratch (v) values ('x')").run());
    fs.renameSync(file, `${file}.flyttet`);
    await expect(write).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(() => getDatabase()).toThrow(DatabaseUnavailableError);
    // Put the file back (its WAL stayed in place): the table is there, the write is not.
    fs.renameSync(`${file}.flyttet`, file);
    const back = new SQLite(file, { readonly: true });
    expect((back.prepare("select count(*) as n from scratch").get() as { n: number }).n).toBe(0);
    back.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
