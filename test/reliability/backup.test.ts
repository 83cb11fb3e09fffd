/**
 * Online backups under write load, each restored into a fresh database that passes the app's
 * checks; the restore command refuses anything it cannot vouch for, and keeps the old file.
 * `db:backup` and `db:restore` run once each as real `npm run` processes, every other call in
 * process (test/helpers/cli.ts).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBackupsUnderLoad } from "../../scripts/reliability/backups";
import { startChildServer, type ChildServer } from "../../scripts/reliability/child-server";
import { prepareDatabase, tempDir } from "../../scripts/reliability/common";
import { cli as dbBackup } from "../../scripts/db-backup";
import { cli as dbRestore } from "../../scripts/db-restore";
import { npmRun, runInProcess } from "../helpers/cli";

const dir = tempDir();
const file = path.join(dir, "app.sqlite");
let server: ChildServer;
let cookie = "";

const CLIS = { "db:backup": dbBackup, "db:restore": dbRestore };
/** In process; `npmRun` below for the one real process per command. */
const cli = (script: keyof typeof CLIS, args: string[], databasePath: string) => runInProcess(CLIS[script], args, { env: { DATABASE_PATH: databasePath } });

const hash = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const events = (f: string) => {
  const db = new SQLite(f, { readonly: true });
  const n = db.prepare("select count(*) from status_events").pluck().get() as number;
  db.close();
  return n;
};

beforeAll(async () => {
  ({ cookie } = await prepareDatabase(file));
  server = await startChildServer(file);
});
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backups", () => {
  it("takes backups under load; each restores into a database that passes the checks", { timeout: 60_000 }, async () => {
    const out = path.join(dir, "last");
    fs.mkdirSync(out);
    const result = await runBackupsUnderLoad({ url: server.url, databasePath: file, cookie, backups: 3, clients: 4, dir: out, pauseMs: 100 });
    expect(result.failures).toEqual([]);
    expect(result.restored).toBe(3);
    expect(result.writesDuringBackups).toBeGreaterThan(0);
  });

  it("db:backup works while the server runs and never overwrites a file", { timeout: 60_000 }, async () => {
    const target = path.join(dir, "cli-kopi.sqlite");
    const first = npmRun("db:backup", [target], { env: { DATABASE_PATH: file } });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Sikkerhetskopi skrevet til .*Kontroll: ok/);
    expect(fs.existsSync(`${target}-wal`)).toBe(false); // one self-contained file
    const again = await cli("db:backup", [target], file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/finnes allerede/);
    // `node --import tsx scripts/db-backup.ts -- FILE` (without npm) keeps the `--` out of the way.
    const second = path.join(dir, "cli-kopi-2.sqlite");
    const separated = await cli("db:backup", ["--", second], file);
    expect(separated.code, separated.stderr).toBe(0);
    expect(separated.stdout).toMatch(/Sikkerhetskopi skrevet til .*cli-kopi-2\.sqlite.*Kontroll: ok/);
  });
});

describe("restore", () => {
  let backup = "";
  beforeAll(async () => {
    backup = path.join(dir, "restore-kilde.sqlite");
    expect((await cli("db:backup", [backup], file)).code).toBe(0);
  });

  async function refuses(bad: string, message: RegExp) {
    const target = path.join(dir, `mål-${crypto.randomUUID()}.sqlite`);
    fs.copyFileSync(backup, target);
    const before = hash(target);
    const run = await cli("db:restore", [bad], target);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Gjenoppretting avbrutt, databasen er ikke endret/);
    expect(run.stderr).toMatch(message);
    expect(hash(target)).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes(path.basename(target, ".sqlite")) && f.endsWith(".bak"))).toEqual([]);
  }

  it("replaces the database and keeps the old one as .bak", { timeout: 60_000 }, () => {
    const target = path.join(dir, "restore-mål.sqlite");
    const old = new SQLite(target);
    old.exec("create table gammel(x); insert into gammel values ('forrige database')");
    old.close();
    const run = npmRun("db:restore", [backup], { env: { DATABASE_PATH: target } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/er gjenopprettet fra/);
    const kept = fs.readdirSync(dir).find((f) => /^restore-mål\..*\.bak$/.test(f));
    expect(kept).toBeTruthy();
    const keptDb = new SQLite(path.join(dir, kept!), { readonly: true });
    expect(keptDb.prepare("select x from gammel").pluck().get()).toBe("forrige database");
    keptDb.close();
    expect(events(target)).toBe(events(backup));
  });

  it("refuses a file that is not a database", { timeout: 30_000 }, async () => {
    const bad = path.join(dir, "tekst.sqlite");
    fs.writeFileSync(bad, "Dette er ikke en database.\n".repeat(200));
    await refuses(bad, /er ikke en SQLite-database/);
  });

  it("refuses a damaged database", { timeout: 30_000 }, async () => {
    const bad = path.join(dir, "skadet.sqlite");
    const bytes = fs.readFileSync(backup);
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    for (let page = 2; page * pageSize < bytes.length; page += 3) bytes.fill(0x5a, page * pageSize + 8, page * pageSize + 200);
    fs.writeFileSync(bad, bytes);
    await refuses(bad, /integrity_check|kan ikke leses|malformed/);
  });

  it("refuses a database with pending or unknown migrations", { timeout: 30_000 }, async () => {
    const older = path.join(dir, "eldre.sqlite");
    fs.copyFileSync(backup, older);
    let db = new SQLite(older);
    const last = db.prepare("select name from kysely_migration order by name desc limit 1").pluck().get() as string;
    db.prepare("delete from kysely_migration where name = ?").run(last);
    db.close();
    await refuses(older, new RegExp(`mangler migreringene ${last}`));

    const newer = path.join(dir, "nyere.sqlite");
    fs.copyFileSync(backup, newer);
    db = new SQLite(newer);
    db.prepare("insert into kysely_migration (name, timestamp) values ('9999_fremtiden', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    await refuses(newer, /ikke kjenner \(9999_fremtiden\)/);
  });

  it("refuses a missing file", { timeout: 30_000 }, async () => {
    await refuses(path.join(dir, "finnes-ikke.sqlite"), /Fant ikke filen/);
  });
});
