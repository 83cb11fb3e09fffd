/**
 * Letters to three agencies in one database (#16): the written 2026 series to Helsedirektoratet,
 * Norsk helsenett SF's oppdragsdokument (`ID: 2026-01` form) and an oppdragsbrev to Direktoratet
 * for medisinske produkter without IDs, imported interleaved. Helsedirektoratet's register is
 * exactly what the series gives on its own, and nothing crosses between agencies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { loadRegister } from "~/models/register.server";
import { listAgencies } from "~/models/agency.server";
import { queryAssignments, sortRows } from "~/models/assignment-list.server";
import { SERIES_2026, readSeriesLetter } from "../helpers/letter-series";
import { createTestDatabase, type TestDb } from "../helpers/db";

const SERIES = SERIES_2026;
const read = readSeriesLetter;

let alone: TestDb;
let together: TestDb;
beforeAll(async () => {
  alone = await createTestDatabase();
  for (const file of SERIES) await importLetterText(alone.db, read(file), file);
  together = await createTestDatabase();
  await importLetterText(together.db, read("oppdragsdokument-nhn-2026.txt"), "nhn.txt");
  for (const [i, file] of SERIES.entries()) {
    await importLetterText(together.db, read(file), file);
    if (i === 2) await importLetterText(together.db, read("oppdragsbrev-dmp-2026-uten-id.txt"), "dmp.txt");
  }
}, 180_000);
afterAll(async () => {
  await alone?.cleanup();
  await together?.cleanup();
});

describe("three agencies' letters in one database", () => {
  it("keeps Helsedirektoratet's register exactly as the series gives it alone", async () => {
    const agencies = await listAgencies(together.db);
    expect(agencies.map((a) => a.name)).toEqual(["Direktoratet for medisinske produkter", "Helsedirektoratet", "Norsk helsenett SF"]);
    const hdir = agencies.find((a) => a.name === "Helsedirektoratet")!;
    const expected = await loadRegister(alone.db);
    expect(expected.length).toBeGreaterThan(20);
    expect(await loadRegister(together.db, { agencyId: hdir.id })).toEqual(expected);
  });

  it("gives the other agencies their own assignments, with their IDs as printed or stable keys", async () => {
    const all = await loadRegister(together.db);
    const of = (agency: string) => all.filter((e) => e.agency === agency);
    expect(of("Norsk helsenett SF").map((e) => e.id)).toEqual(["2026-01", "2026-02", "2026-03"]);
    const dmp = of("Direktoratet for medisinske produkter");
    // Items without ID in the letter's order (their keys are hashes).
    expect(dmp.map((e) => e.title)).toEqual(["Varslingsordning for legemiddelmangel", "Kunnskapsgrunnlag om antibiotikaresistens", "Tilsyn med netthandel av legemidler"]);
    // Every part, deadline and relation stays within its agency.
    const s = together.sqlite;
    const crossing = (sql: string) => (s.prepare(sql).get() as { n: number }).n;
    expect(crossing("select count(*) as n from assignments a join letters l on l.id = a.letter_id where l.agency_id <> a.agency_id")).toBe(0);
    expect(crossing("select count(*) as n from assignment_parts p join assignments a on a.id = p.assignment_id join letters l on l.id = p.letter_id where l.agency_id <> a.agency_id")).toBe(0);
    expect(crossing("select count(*) as n from status_events e join assignments a on a.id = e.assignment_id join letters l on l.id = e.letter_id where l.agency_id <> a.agency_id")).toBe(0);
    expect(
      crossing(`select count(*) as n from relations r join assignments a on a.id = r.assignment_id
        where exists (select 1 from assignments t where t.key = r.target_key and t.agency_id <> a.agency_id)
          and not exists (select 1 from assignments t where t.key = r.target_key and t.agency_id = a.agency_id)`),
    ).toBe(0);
  });

  it("lists in natural ID order and items without ID in letter order", async () => {
    const agencies = await listAgencies(together.db);
    const idOf = (name: string) => agencies.find((a) => a.name === name)!.id;
    const list = async (agencyId: number) =>
      sortRows(await queryAssignments(together.db, { year: 2026, asOfInstant: null, today: "2026-01-15", agencyId }), "id", false);
    expect((await list(idOf("Direktoratet for medisinske produkter"))).map((r) => r.title)).toEqual([
      "Varslingsordning for legemiddelmangel",
      "Kunnskapsgrunnlag om antibiotikaresistens",
      "Tilsyn med netthandel av legemidler",
    ]);
    // Helsedirektoratet's IDs are printed without padding (TB2026-1 … TB2026-17): by number, not as text.
    const hdir = (await list(idOf("Helsedirektoratet"))).filter((r) => r.letterKind === "main").map((r) => r.key);
    const numbers = hdir.map((key) => Number(key.replace(/^TB2026-/, "")));
    expect(hdir.some((key) => /^TB2026-1\d$/.test(key)) && hdir.includes("TB2026-2")).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it("stores a correction of NHN's oppdragsdokument as a later letter that changes no assignment", async () => {
    const before = await loadRegister(together.db);
    const result = await importLetterText(together.db, read("korrigering-nhn-2026.txt"), "korrigering.txt");
    expect(result.changed).toBe(true);
    const nhnLetters = together.sqlite
      .prepare("select l.kind, l.title from letters l join agencies ag on ag.id = l.agency_id where ag.name = 'Norsk helsenett SF' order by l.id")
      .all();
    expect(nhnLetters).toEqual([
      { kind: "main", title: "Oppdragsdokument til Norsk helsenett SF for 2026" },
      { kind: "supplementary", title: "Korrigering av oppdragsdokument for Norsk helsenett SF for 2026" },
    ]);
    expect(await loadRegister(together.db)).toEqual(before);
  });

  it("re-imports every letter without a change", async () => {
    for (const file of [...SERIES, "oppdragsdokument-nhn-2026.txt", "oppdragsbrev-dmp-2026-uten-id.txt", "korrigering-nhn-2026.txt"]) {
      expect((await importLetterText(together.db, read(file), file)).changed, file).toBe(false);
    }
  });
});
