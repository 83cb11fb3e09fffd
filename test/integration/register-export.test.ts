/**
 * `register:export` against a real SQLite file holding the written 2026 letter series
 * (test/helpers/parts-fixtures.ts): once exactly as documented (`npm run --silent
 * register:export -- …`, a real process), every other call in process (test/helpers/cli.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connection.server";
import { migrateToLatest } from "~/db/migrate.server";
import { importLetterText } from "~/use-cases/bootstrap.server";
import type { RegisterEntry } from "~/domain/register";
import { cli } from "../../scripts/register-export";
import { REPO_ROOT, tempDir } from "../helpers/db";
import { npmRun, runInProcess } from "../helpers/cli";
import { importResult, mainLetter, supplement1, supplement2 } from "../helpers/parts-fixtures";

const dir = tempDir("oppdrag-register-");
const db = path.join(dir, "register.sqlite");

const run = (args: string[]) => runInProcess(cli, args, { env: { DATABASE_PATH: db } });

beforeAll(async () => {
  const app = openDatabase(db);
  await migrateToLatest(app.db);
  await importResult(app, mainLetter(), "hovedbrev.txt");
  await importResult(app, supplement1(), "supplement-1.txt");
  await importResult(app, supplement2(), "supplement-2.txt");
  await app.db.destroy();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("register:export", () => {
  it("writes every assignment of all years as JSON to standard output, as it stands now (as a process, through npm)", async () => {
    const out = npmRun("register:export", ["--format", "json"], { env: { DATABASE_PATH: db } });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    // In process: the very same bytes.
    expect((await run(["--format", "json"])).stdoutBytes.equals(out.stdoutBytes)).toBe(true);
    const entries = JSON.parse(out.stdout) as RegisterEntry[];
    expect(entries.map((e) => e.id)).toEqual(["TB2025-115", "TB2026-12", "TB2026-17", "TB2026-20", "TB2026-61"]);
    const e17 = entries.find((e) => e.id === "TB2026-17")!;
    expect(e17).toMatchObject({ year: 2026, agency: "Helsedirektoratet", title: "Nasjonal plan for legemiddelberedskap", departments: ["KTA"], area: "3.4", goal: null, status: "ikke_startet", exempt: false });
    expect(e17.deadlines).toEqual([
      expect.objectContaining({ date: "2026-12-31", precision: "year", label: null, letter: "Tildelingsbrev 2026 til Helsedirektoratet" }),
      expect.objectContaining({ date: "2026-05-01", precision: "day", label: "Delleveranse 1", text: "Frist: 1. mai 2026", letter: "Supplerende tildelingsbrev nr. 1 2026" }),
    ]);
    expect(e17.parts).toEqual([
      { letter: "Tildelingsbrev 2026 til Helsedirektoratet", date: "2026-01-08", kind: "original" },
      { letter: "Supplerende tildelingsbrev nr. 1 2026", date: "2026-02-12", kind: "addition" },
      { letter: "Supplerende tildelingsbrev nr. 2 2026", date: "2026-03-19", kind: "change" },
    ]);
    const e20 = entries.find((e) => e.id === "TB2026-20")!;
    expect(e20.status).toBe("avsluttet");
    expect(e20.deadlines[0]).toMatchObject({ date: null, state: "invalid", text: "Frist: 31.6.2026" });
    expect(e20.parts.map((p) => p.kind)).toEqual(["original", "withdrawal"]);
    expect(entries.find((e) => e.id === "TB2026-61")).toMatchObject({ exempt: true, title: "Vurdering av beredskapslager" });
    expect(entries.find((e) => e.id === "TB2025-115")).toMatchObject({ year: 2025, knownOnlyFromLetter: true, departments: ["DIG"] });
    expect(entries.find((e) => e.id === "TB2026-12")?.deadlines[0]).toMatchObject({ date: "2026-09-01", letter: "Supplerende tildelingsbrev nr. 2 2026" });
  }, 120_000);

  it("--year limits to one year; CSV and Excel files through --out, never over an existing file without --force", async () => {
    const json = JSON.parse((await run(["--year", "2025", "--format", "json"])).stdout) as RegisterEntry[];
    expect(json.map((e) => e.id)).toEqual(["TB2025-115"]);

    const csv = path.join(dir, "register.csv");
    const first = await run(["--year", "2026", "--format", "csv", "--out", csv]);
    expect(first.code).toBe(0);
    expect(first.stdoutBytes.length).toBe(0);
    expect(first.stderr).toBe(`Skrev 4 oppdrag for 2026 som csv til ${csv}.\n`);
    const text = fs.readFileSync(csv, "utf8");
    expect(text.startsWith("\uFEFFID;År;Virksomhet;Tittel;Avdelinger;Område;Mål;Status;Unntatt offentlighet;Frister;Deler\r\n")).toBe(true);
    expect(text).toContain("TB2026-20;2026;Helsedirektoratet;Kartlegging av ventetider;KTA;3.4;;Avsluttet;Nei;");
    expect(text).not.toContain("TB2025-115");

    const again = await run(["--format", "csv", "--out", csv]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("finnes allerede. Bruk --force");
    expect((await run(["--format", "csv", "--out", csv, "--force"])).code).toBe(0);
    expect(fs.readFileSync(csv, "utf8")).toContain("TB2025-115");

    const xlsx = path.join(dir, "register.xlsx");
    expect((await run(["--format", "xlsx", "--out", xlsx])).code).toBe(0);
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Oppdrag", "Frister", "Deler"]);
    const sheet = workbook.getWorksheet("Oppdrag")!;
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(3).getCell(1).value).toBe("TB2026-12");
    expect(sheet.getRow(1).getCell(3).value).toBe("Virksomhet");
    expect(sheet.getRow(3).getCell(3).value).toBe("Helsedirektoratet");
    expect(workbook.getWorksheet("Frister")!.getRow(1).getCell(2).value).toBe("Virksomhet");
    const parts = workbook.getWorksheet("Deler")!;
    expect(parts.getRow(2).values).toEqual(expect.arrayContaining(["TB2025-115", "Opprinnelig oppdrag", "Supplerende tildelingsbrev nr. 1 2026"]));

    // Without --out the Excel file goes to standard output as bytes (not to a terminal).
    const piped = await run(["--format", "xlsx"]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe("");
    expect(piped.stdoutBytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const fromStdout = new ExcelJS.Workbook();
    await fromStdout.xlsx.load(piped.stdoutBytes as unknown as ArrayBuffer);
    expect(fromStdout.getWorksheet("Oppdrag")!.rowCount).toBe(6);
  }, 300_000);

  it("refuses bad arguments and the database file with a Norwegian message and a non-zero exit", async () => {
    for (const [args, message] of [
      [["--format", "xml"], "--format må være json, csv eller xlsx"],
      [[], "--format mangler"],
      [["--year", "20x", "--format", "json"], "er ikke et årstall"],
      [["--year", "1999", "--format", "json"], "ingen oppdrag for 1999"],
      [["--format", "json", "--bogus"], "Ukjent valg --bogus"],
      [["--format", "json", "--out", db], "databasefilen"],
      [["--format", "json", "--out", path.join(dir, "finnes-ikke", "x.json")], "finnes ikke"],
    ] as const) {
      const out = await run([...args]);
      expect(out.code, args.join(" ")).toBe(1);
      expect(out.stderr, args.join(" ")).toContain(message);
      expect(out.stderr).not.toMatch(/\n\s+at /);
      expect(out.stdoutBytes.length).toBe(0);
    }
    // The same refusal as a real process: exit code 1, the message on stderr, nothing on stdout.
    const spawned = npmRun("register:export", ["--format", "xml"], { env: { DATABASE_PATH: db } });
    const inProcess = await run(["--format", "xml"]);
    expect({ code: spawned.code, stdout: spawned.stdout, stderr: spawned.stderr }).toEqual({ code: 1, stdout: "", stderr: inProcess.stderr });
    expect(spawned.stderr).toMatch(/^Feil: --format må være json, csv eller xlsx, ikke «xml»\.\nBruk: npm run --silent register:export/);
  }, 400_000);

  it("names each assignment's agency; --agency limits to one (#16): an oppdragsdokument to Norsk helsenett SF beside Helsedirektoratet's letters", async () => {
    const app = openDatabase(db);
    await importLetterText(app.db, fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/letters/2026/oppdragsdokument-nhn-2026.txt"), "utf8"), "nhn.txt");
    await app.db.destroy();

    const all = JSON.parse((await run(["--year", "2026", "--format", "json"])).stdout) as RegisterEntry[];
    expect(all.filter((e) => e.agency === "Norsk helsenett SF").map((e) => e.id)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(all.filter((e) => e.agency === "Helsedirektoratet").map((e) => e.id)).toEqual(["TB2026-12", "TB2026-17", "TB2026-20", "TB2026-61"]);

    const nhn = await run(["--agency", "Norsk helsenett SF", "--format", "csv"]);
    expect(nhn.code).toBe(0);
    const lines = nhn.stdout.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("ID;År;Virksomhet;Tittel;Avdelinger;Område;Mål;Status;Unntatt offentlighet;Frister;Deler");
    expect(lines.slice(1).map((l) => l.split(";").slice(0, 3).join(";"))).toEqual(["2026-01;2026;Norsk helsenett SF", "2026-02;2026;Norsk helsenett SF", "2026-03;2026;Norsk helsenett SF"]);

    const hdir = JSON.parse((await run(["--agency", "helsedirektoratet", "--year", "2025", "--format", "json"])).stdout) as RegisterEntry[];
    expect(hdir.map((e) => `${e.agency}:${e.id}`)).toEqual(["Helsedirektoratet:TB2025-115"]);

    const unknown = await run(["--agency", "Statens helsetilsyn", "--format", "json"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Fant ikke virksomheten «Statens helsetilsyn». Registeret har: Helsedirektoratet, Norsk helsenett SF.");
    const none = await run(["--agency", "Norsk helsenett SF", "--year", "2025", "--format", "json"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Det finnes ingen oppdrag for 2025 til Norsk helsenett SF i databasen.");
  }, 200_000);
});
