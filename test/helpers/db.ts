import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type AppDatabase } from "~/db/connection.server";
import { migrateToLatest } from "~/db/migrate.server";
import { afterAll, beforeAll } from "vitest";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const LETTER_2023 = path.join(REPO_ROOT, "db/seed/tildelingsbrev-2023.txt");

export function readLetter2023(): string {
  return fs.readFileSync(LETTER_2023, "utf8");
}

export function tempDir(prefix = "oppdrag-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh, migrated SQLite file in a temp folder. */
export async function createTestDatabase(): Promise<AppDatabase & { cleanup: () => Promise<void> }> {
  const dir = tempDir();
  const app = openDatabase(path.join(dir, "test.sqlite"));
  await migrateToLatest(app.db);
  return {
    ...app,
    cleanup: async () => {
      await app.db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * A fresh, migrated database for the tests of one file: made before them (then `setup` runs on
 * it), removed after them. The handle reads the database of the moment, so tests use it as they
 * would the database itself (`t.db`, `t.sqlite`).
 */
export function useTestDatabase(setup?: (t: TestDb) => Promise<void>): TestDb {
  let current: TestDb | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
    await setup?.(current);
  }, 60_000);
  afterAll(async () => {
    await current?.cleanup();
  });
  return new Proxy({} as TestDb, {
    get: (_, key) => {
      if (!current) throw new Error("useTestDatabase: the database is made in beforeAll; use it inside a test");
      return Reflect.get(current, key);
    },
  });
}

/** Row counts of every table, to prove that something changed nothing. */
export function tableCounts(app: AppDatabase): Record<string, number> {
  const tables = app.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map(({ name }) => [name, (app.sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]),
  );
}
