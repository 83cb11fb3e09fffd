/**
 * The command-line contracts, run exactly as documented (`npm run --silent …`) against real
 * SQLite files.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connection.server";
import { LETTER_2023, REPO_ROOT, tempDir } from "../helpers/db";

const dir = tempDir("oppdrag-cli-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function npmRun(script: string, args: string[], options: { input?: string; db?: string } = {}) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: REPO_ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: options.db ?? path.join(dir, "cli.sqlite"), PASSWORD_SCRYPT_LOG_N: "14" },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("letter:import", { timeout: 180_000 }, () => {
  const db = path.join(dir, "import.sqlite");

  it("imports the letter, prints a summary, and changes nothing the second time", () => {
    const first = npmRun("letter:import", [LETTER_2023], { db });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Oppdrag: (9[6-9]|1\d\d) nye, 0 endret, 0 uendret/);
    expect(first.stdout).toMatch(/Frister: \d+/);
    expect(first.stdout).toMatch(/Advarsler: \d+/);

    const second = npmRun("letter:import", [LETTER_2023], { db });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Oppdrag: 0 nye, 0 endret, \d+ uendret/);
    expect(second.stdout).toContain("Ingen endringer");

    const app = openDatabase(db);
    expect((app.sqlite.prepare("select count(*) n from imports").get() as { n: number }).n).toBe(1);
    app.sqlite.close();
  });

  it("fails with a Norwegian message and exit 1 on a missing or binary file, writing nothing", () => {
    const missing = npmRun("letter:import", [path.join(dir, "finnes-ikke.txt")], { db: path.join(dir, "empty.sqlite") });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("fant ikke filen");
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const binary = path.join(dir, "bilde.txt");
    fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    const bad = npmRun("letter:import", [binary]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("ikke ut som en tekstfil");
  });
});

describe("user administration CLI", { timeout: 180_000 }, () => {
  const db = path.join(dir, "users.sqlite");
  const password = "et langt og godt passord";

  it("creates an admin with the password from stdin, lists, resets and disables", () => {
    const created = npmRun("user:create", ["--email", "Ada@Example.no", "--name", "Ada Admin", "--role", "admin"], { db, input: `${password}\n` });
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Opprettet bruker 1: Ada Admin <ada@example.no> (Administrator).");
    expect(created.stdout + created.stderr).not.toContain(password);

    const dep = npmRun("user:create", ["--email", "dep@example.no", "--name", "Dag Dep", "--role", "departement", "--departments", "FHA,KTA"], { db, input: `${password}\n` });
    expect(dep.code).toBe(0);

    const list = npmRun("user:list", [], { db });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("ada@example.no\tAda Admin\tadmin\taktiv");
    expect(list.stdout).toContain("dep@example.no\tDag Dep\tdepartement [FHA, KTA]\taktiv");

    const reset = npmRun("user:reset-password", ["--email", "dep@example.no"], { db, input: "enda et nytt passord\n" });
    expect(reset.code).toBe(0);

    const disabled = npmRun("user:disable", ["--email", "dep@example.no"], { db });
    expect(disabled.code).toBe(0);
    expect(npmRun("user:list", [], { db }).stdout).toContain("departement [FHA, KTA]\tdeaktivert");

    const app = openDatabase(db);
    const actions = (app.sqlite.prepare("select action from audit_log order by id").all() as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(["bruker:opprettet", "bruker:opprettet", "bruker:passord-tilbakestilt", "bruker:deaktivert"]);
    const hashes = app.sqlite.prepare("select password_hash from users").all() as Array<{ password_hash: string }>;
    for (const h of hashes) expect(h.password_hash).toMatch(/^scrypt\$/);
    app.sqlite.close();
  });

  it("refuses weak passwords, duplicates and bad roles with exit 1", () => {
    const weak = npmRun("user:create", ["--email", "x@example.no", "--name", "X", "--role", "leser"], { db, input: "passord12345\n" });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("for vanlig");
    const dup = npmRun("user:create", ["--email", "ada@example.no", "--name", "Ada", "--role", "admin"], { db, input: `${password}\n` });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("finnes allerede");
    const role = npmRun("user:create", ["--email", "y@example.no", "--name", "Y", "--role", "sjef"], { db, input: `${password}\n` });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain("Velg en rolle");
    const unknown = npmRun("user:disable", ["--email", "ingen@example.no"], { db });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("fant ingen bruker");
  });
});
