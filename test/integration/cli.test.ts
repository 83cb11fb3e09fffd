/**
 * The command-line contracts against real SQLite files: each once exactly as documented
 * (`npm run --silent …`, a real process), the other calls in process (test/helpers/cli.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { currentDatabase, openDatabase } from "~/db/connection.server";
import { cli as letterImport } from "../../scripts/letter-import";
import { cli as user } from "../../scripts/user";
import { cli as dbMigrate } from "../../scripts/db-migrate";
import { cli as seedDemo } from "../../scripts/seed-demo";
import { LETTER_2023, tempDir } from "../helpers/db";
import { npmRun as npmRunScript, runInProcess } from "../helpers/cli";
import { makePdf } from "../helpers/pdf";

const dir = tempDir("oppdrag-cli-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const environment = (db?: string) => ({ DATABASE_PATH: db ?? path.join(dir, "cli.sqlite"), PASSWORD_SCRYPT_LOG_N: "14" });
/** The real process, once per contract. */
const npmRun = (script: string, args: string[], options: { input?: string; db?: string } = {}) =>
  npmRunScript(script, args, { input: options.input, env: environment(options.db) });
/** `user:create` is `tsx scripts/user.ts create`, and so on. */
const userRun = (command: string, args: string[], options: { input?: string; db?: string } = {}) =>
  runInProcess(user, [command, ...args], { input: options.input, env: environment(options.db) });
const importRun = (args: string[], options: { db?: string } = {}) => runInProcess(letterImport, args, { env: environment(options.db) });

describe("letter:import", { timeout: 180_000 }, () => {
  const db = path.join(dir, "import.sqlite");

  it("imports the letter, prints a summary, and changes nothing the second time", async () => {
    const first = npmRun("letter:import", [LETTER_2023], { db });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Oppdrag: (9[6-9]|1\d\d) nye, 0 endret, 0 uendret/);
    expect(first.stdout).toMatch(/Frister: \d+/);
    expect(first.stdout).toMatch(/Advarsler: \d+/);

    const second = await importRun([LETTER_2023], { db });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Oppdrag: 0 nye, 0 endret, \d+ uendret/);
    expect(second.stdout).toContain("Ingen endringer");

    const app = openDatabase(db);
    expect((app.sqlite.prepare("select count(*) n from imports").get() as { n: number }).n).toBe(1);
    app.sqlite.close();
  });

  it("imports a PDF of the letter as the upload reads it: the same assignments, unchanged", async () => {
    const pdf = path.join(dir, "tildelingsbrev-2023.pdf");
    fs.writeFileSync(pdf, await makePdf(fs.readFileSync(LETTER_2023, "utf8")));
    const fromPdf = await importRun([pdf, "--dry-run"], { db });
    expect(fromPdf.code, fromPdf.stderr).toBe(0);
    expect(fromPdf.stdout).toMatch(/^Prøveimport \(ingenting lagret\): .*tildelingsbrev-2023\.pdf/);
    expect(fromPdf.stdout).toMatch(/Oppdrag: 0 nye, \d+ endret, \d+ uendret/);
  });

  it("names the assignments known only from the letter without calling them earlier years", async () => {
    // A supplementary letter imported before the main letter of its own year.
    const supplement = path.resolve(__dirname, "../fixtures/letters/2026/02-supplerende-tildelingsbrev-nr-2.txt");
    const run = await importRun([supplement, "--dry-run"], { db: path.join(dir, "supplement-first.sqlite") });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Bare kjent fra dette brevet (brevet som ga oppdraget, er ikke importert): TB2026-17");
    expect(run.stdout).not.toContain("tidligere år");
  });

  it("fails with a Norwegian message and exit 1 on a missing or binary file, writing nothing", async () => {
    const missing = await importRun([path.join(dir, "finnes-ikke.txt")], { db: path.join(dir, "empty.sqlite") });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("fant ikke filen");
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const binary = path.join(dir, "bilde.txt");
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    const bad = await importRun([binary]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("ikke ut som en tekstfil");
    // Nothing written: neither database was even created.
    expect(fs.existsSync(path.join(dir, "empty.sqlite"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "cli.sqlite"))).toBe(false);
  });
});

describe("db:migrate and db:seed-demo (in process)", () => {
  it("migrates a new database once, then writes the demo history once for the imported letter", async () => {
    const db = path.join(dir, "migrate.sqlite");
    const migrated = await runInProcess(dbMigrate, [], { env: environment(db) });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout.startsWith(`Kjørte migreringer på ${db}: 0001_initial, `), migrated.stdout).toBe(true);
    // The connection the call opened is closed again: many calls in one worker leak nothing.
    expect(currentDatabase()).toBeUndefined();
    const again = await runInProcess(dbMigrate, [], { env: environment(db) });
    expect(again).toMatchObject({ code: 0, stdout: `Databasen ${db} er allerede oppdatert.\n`, stderr: "" });

    expect((await importRun([LETTER_2023], { db })).code).toBe(0);
    const seeded = await runInProcess(seedDemo, ["--year", "2023"], { env: environment(db) });
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/^Demodata: [1-9]\d* statushendelser på [1-9]\d* oppdrag \(merket «Demodata \(eksempel\)»\)\.\n$/);
    const app = openDatabase(db);
    const events = () => (app.sqlite.prepare("select count(*) n from status_events").get() as { n: number }).n;
    const before = events();
    expect((await runInProcess(seedDemo, [], { env: environment(db) })).stdout).toBe("Demodata finnes allerede: ingenting endret.\n");
    expect(events()).toBe(before);
    app.sqlite.close();

    const badOption = await runInProcess(seedDemo, ["--aar", "2023"], { env: environment(db) });
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toMatch(/^Feil: demodataene kunne ikke skrives \(Unknown option '--aar'/);
    expect(badOption.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("user administration CLI", { timeout: 180_000 }, () => {
  const db = path.join(dir, "users.sqlite");
  const password = "et langt og godt passord";

  it("creates an admin with the password from stdin, lists, resets and disables", async () => {
    const created = npmRun("user:create", ["--email", "Ada@Example.no", "--name", "Ada Admin", "--role", "admin"], { db, input: `${password}\n` });
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Opprettet bruker 1: Ada Admin <ada@example.no> (Administrator).");
    expect(created.stdout + created.stderr).not.toContain(password);

    const dep = await userRun("create", ["--email", "dep@example.no", "--name", "Dag Dep", "--role", "departement", "--departments", "FHA,KTA"], { db, input: `${password}\n` });
    expect(dep.code).toBe(0);

    const list = await userRun("list", [], { db });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("ada@example.no\tAda Admin\tadmin\taktiv");
    expect(list.stdout).toContain("dep@example.no\tDag Dep\tdepartement [FHA, KTA]\taktiv");

    const reset = await userRun("reset-password", ["--email", "dep@example.no"], { db, input: "enda et nytt passord\n" });
    expect(reset.code).toBe(0);

    const disabled = await userRun("disable", ["--email", "dep@example.no"], { db });
    expect(disabled.code).toBe(0);
    const listed = npmRun("user:list", [], { db });
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("departement [FHA, KTA]\tdeaktivert");
    expect(listed.stdout).toContain("ada@example.no\tAda Admin\tadmin\taktiv");

    const app = openDatabase(db);
    const actions = (app.sqlite.prepare("select action from audit_log order by id").all() as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(["bruker:opprettet", "bruker:opprettet", "bruker:passord-tilbakestilt", "bruker:deaktivert"]);
    const hashes = app.sqlite.prepare("select password_hash from users").all() as Array<{ password_hash: string }>;
    for (const h of hashes) expect(h.password_hash).toMatch(/^scrypt\$/);
    app.sqlite.close();
  });

  it("refuses weak passwords, duplicates and bad roles with exit 1", async () => {
    const weak = await userRun("create", ["--email", "x@example.no", "--name", "X", "--role", "leser"], { db, input: "passord12345\n" });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("for vanlig");
    const dup = await userRun("create", ["--email", "ada@example.no", "--name", "Ada", "--role", "admin"], { db, input: `${password}\n` });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("finnes allerede");
    const role = await userRun("create", ["--email", "y@example.no", "--name", "Y", "--role", "sjef"], { db, input: `${password}\n` });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain("Velg en rolle");
    const unknown = await userRun("disable", ["--email", "ingen@example.no"], { db });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("fant ingen bruker");
  });
});
