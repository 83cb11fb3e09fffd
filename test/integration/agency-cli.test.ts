/**
 * The agency in the CLIs against a real SQLite file: `letter:import --agency`,
 * `user:create --agencies`, `report:export --agency` (required when the database holds more than
 * one agency: a Norwegian message and exit 1 otherwise). In process (test/helpers/cli.ts); the
 * same CLIs run as real `npm run` processes in cli.test.ts and report.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";
import { cli as letterImport } from "../../scripts/letter-import";
import { cli as reportExport } from "../../scripts/report-export";
import { cli as user } from "../../scripts/user";
import type { Cli } from "../../scripts/lib/cli";
import { REPO_ROOT, readLetter2023, tempDir } from "../helpers/db";
import { runInProcess } from "../helpers/cli";

const dir = tempDir("oppdrag-agency-cli-");
const db = path.join(dir, "cli.sqlite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The npm scripts used here, as their CLI and leading arguments (`user:create` is `tsx scripts/user.ts create`). */
const SCRIPTS: Record<string, [Cli, ...string[]]> = {
  "letter:import": [letterImport],
  "report:export": [reportExport],
  "user:create": [user, "create"],
  "user:list": [user, "list"],
};
function run(script: string, args: string[], input = "") {
  const [cli, ...leading] = SCRIPTS[script];
  return runInProcess(cli, [...leading, ...args], { input, env: { DATABASE_PATH: db, PASSWORD_SCRYPT_LOG_N: "14" } });
}
const fixture = (name: string) => path.join(REPO_ROOT, "test/fixtures/letters", name);

describe("agencies on the command line", async () => {
  it("letter:import reads the recipient or takes --agency, and refuses a letter that names none when there are several", async () => {
    const hdir = await run("letter:import", [fixture("agency-hdir-2026.txt")]);
    expect(hdir.code, hdir.stderr).toBe(0);
    expect(hdir.stdout).toContain("Virksomhet: Helsedirektoratet (ny i registeret)");
    const fhi = await run("letter:import", [fixture("agency-fhi-2026.txt"), "--agency", "Folkehelseinstituttet"]);
    expect(fhi.code, fhi.stderr).toBe(0);
    expect(fhi.stdout).toContain("Virksomhet: Folkehelseinstituttet (ny i registeret)");

    // The last 2023 letter alone says nothing about its recipient.
    const text = readLetter2023();
    const last = parseLetter(text).letters.at(-1)!;
    const file = path.join(dir, "uten-mottaker.txt");
    fs.writeFileSync(file, text.split("\n").slice(last.startLine - 1, last.endLine).join("\n"));
    const refused = await run("letter:import", [file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Brevet sier ikke hvilken virksomhet det er til, og registeret har flere (Folkehelseinstituttet, Helsedirektoratet). Oppgi virksomheten.");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const given = await run("letter:import", [file, "--agency", "helsedirektoratet", "--dry-run"]);
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toContain("Virksomhet: Helsedirektoratet");
  });

  it("user:create --agencies gives a case handler their agencies, and refuses none or an unknown one", async () => {
    const ok = await run("user:create", ["--email", "fhi@example.no", "--name", "Fia Handler", "--role", "saksbehandler", "--agencies", "Folkehelseinstituttet"], "Et langt og godt passord 42\n");
    expect(ok.code, ok.stderr).toBe(0);
    const none = await run("user:create", ["--email", "none@example.no", "--name", "Nils Ingen", "--role", "saksbehandler"], "Et langt og godt passord 42\n");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("En saksbehandler må knyttes til minst én virksomhet. Oppgi --agencies.");
    const unknown = await run("user:create", ["--email", "x@example.no", "--name", "Xe", "--role", "saksbehandler", "--agencies", "Statens helsetilsyn"], "Et langt og godt passord 42\n");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Ukjent virksomhet: Statens helsetilsyn.");
    const list = await run("user:list", []);
    expect(list.stdout).toMatch(/fhi@example\.no\tFia Handler\tsaksbehandler.*\{Folkehelseinstituttet\}/);
    expect(list.stdout).not.toContain("none@example.no");
  });

  it("report:export needs --agency with several agencies, and writes that agency's report", async () => {
    const out = path.join(dir, "rapport.csv");
    const missing = await run("report:export", ["--year", "2026", "--as-of", "2026-12-31", "--format", "csv", "--draft", "--out", out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Databasen har flere virksomheter; velg én med --agency (Folkehelseinstituttet, Helsedirektoratet).");
    expect(fs.existsSync(out)).toBe(false);
    const unknown = await run("report:export", ["--year", "2026", "--format", "csv", "--draft", "--out", out, "--agency", "NHN"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Fant ikke virksomheten «NHN». Registeret har: Folkehelseinstituttet, Helsedirektoratet.");

    const fhi = await run("report:export", ["--year", "2026", "--as-of", "2026-12-31", "--format", "csv", "--draft", "--out", out, "--agency", "folkehelseinstituttet"]);
    expect(fhi.code, fhi.stderr).toBe(0);
    expect(fhi.stdout).toContain("Skrev utkast til rapport 2026 for Folkehelseinstituttet per 2026-12-31 (2 oppdrag");
    const csv = fs.readFileSync(out, "utf8");
    expect(csv).toContain("Overvåking av luftveisinfeksjoner");
    expect(csv).not.toContain("Nasjonal plan for fysisk aktivitet");
  });
  it("letter:import names the deadlines a later letter moves", async () => {
    const main = await run("letter:import", [fixture("forms/husbanken-2025-tabell.txt"), "--agency", "Husbanken"]);
    expect(main.code, main.stderr).toBe(0);
    const later = await run("letter:import", [fixture("forms/husbanken-2025-nr2-endrede-frister.txt")]);
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toContain("Ny frist for TB2025-01: 1. september 2025 (var 1. juni 2025)");
    expect(later.stdout).toContain("Ny frist for TB2025-03: 1. juli 2025 (var 15. mars 2025)");
  });
});
