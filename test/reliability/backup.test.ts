/**
 * Online backups under write load, each restored into a fresh database that passes the app's
 * checks; the restore command refuses anything it cannot vouch for, and keeps the old file.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBackupsUnderLoad } from "../../scripts/reliability/backups";
import { startChildServer, type ChildServer } from "../../scripts/reliability/child-server";
import { prepareDatabase, REPO_ROOT, tempDir } from "../../scripts/reliability/common";

const dir = tempDir();
const file = path.join(dir, "app.sqlite");
let server: ChildServer;
let cookie = "";

function cli(script: "db-backup" | "db-restore", args: string[], databasePath: string) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, `scripts/${script}.ts`), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: "utf8",
    timeout: 60_000,
  });
}

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

  it("db:backup works while the server runs and never overwrites a file", { timeout: 30_000 }, () => {
    const target = path.join(dir, "cli-kopi.sqlite");
    const first = cli("db-backup", ["--", target], file);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Sikkerhetskopi skrevet til .*Kontroll: ok/);
    expect(fs.existsSync(`${target}-wal`)).toBe(false); // one self-contained file
    const again = cli("db-backup", [target], file);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/finnes allerede/);
  });
});

describe("restore", () => {
  let backup = "";
  beforeAll(() => {
    backup = path.join(dir, "restore-kilde.sqlite");
    expect(cli("db-backup", [backup], file).status).toBe(0);
  });

  function refuses(bad: string, message: RegExp) {
    const target = path.join(dir, `mål-${crypto.randomUUID()}.sqlite`);
    fs.copyFileSync(backup, target);
    const before = hash(target);
    const run = cli("db-restore", [bad], target);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Gjenoppretting avbrutt, databasen er ikke endret/);
    expect(run.stderr).toMatch(message);
    expect(hash(target)).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes(path.basename(target, ".sqlite")) && f.endsWith(".bak"))).toEqual([]);
  }

  it("replaces the database and keeps the old one as .bak", { timeout: 30_000 }, () => {
    const target = path.join(dir, "restore-mål.sqlite");
    const old = new SQLite(target);
    old.exec("create table gammel(x); insert into gammel values ('forrige database')");
    old.close();
    const run = cli("db-restore", [backup], target);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/er gjenopprettet fra/);
    const kept = fs.readdirSync(dir).find((f) => /^restore-mål\..*\.bak$/.test(f));
    expect(kept).toBeTruthy();
    const keptDb = new SQLite(path.join(dir, kept!), { readonly: true });
    expect(keptDb.prepare("select x from gammel").pluck().get()).toBe("forrige database");
    keptDb.close();
    expect(events(target)).toBe(events(backup));
  });

  it("refuses a file that is not a database", { timeout: 30_000 }, () => {
    const bad = path.join(dir, "tekst.sqlite");
    fs.writeFileSync(bad, "Dette er ikke en database.\n".repeat(200));
    refuses(bad, /er ikke en SQLite-database/);
  });

  it("refuses a damaged database", { timeout: 30_000 }, () => {
    const bad = path.join(dir, "skadet.sqlite");
    const bytes = fs.readFileSync(backup);
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    for (let page = 2; page * pageSize < bytes.length; page += 3) bytes.fill(0x5a, page * pageSize + 8, page * pageSize + 200);
    fs.writeFileSync(bad, bytes);
    refuses(bad, /integrity_check|kan ikke leses|malformed/);
  });

  it("refuses a database with pending or unknown migrations", { timeout: 30_000 }, () => {
    const older = path.join(dir, "eldre.sqlite");
    fs.copyFileSync(backup, older);
    let db = new SQLite(older);
    const last = db.prepare("select name from kysely_migration order by name desc limit 1").pluck().get() as string;
    db.prepare("delete from kysely_migration where name = ?").run(last);
    db.close();
    refuses(older, new RegExp(`mangler migreringene ${last}`));

    const newer = path.join(dir, "nyere.sqlite");
    fs.copyFileSync(backup, newer);
    db = new SQLite(newer);
    db.prepare("insert into kysely_migration (name, timestamp) values ('9999_fremtiden', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    refuses(newer, /ikke kjenner \(9999_fremtiden\)/);
  });

  it("refuses a missing file", { timeout: 30_000 }, () => {
    refuses(path.join(dir, "finnes-ikke.sqlite"), /Fant ikke filen/);
  });
});
