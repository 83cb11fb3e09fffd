/**
 * End to end: the written 2026 letter series (test/fixtures/letters/2026, README there states
 * what the register must hold) imported in order, as text, through the parser and the importer
 * into a real SQLite file; then every letter re-imported (idempotent) and a corrected text
 * (only that letter's parts change).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { queryAssignments, queryOverview } from "~/models/assignment-list.server";
import { loadRegister } from "~/models/register.server";
import type { RegisterEntry } from "~/domain/register";
import { SERIES_2026, readSeriesLetter } from "../helpers/letter-series";
import { createTestDatabase, tableCounts, type TestDb } from "../helpers/db";

const FILES = SERIES_2026;
const read = readSeriesLetter;

let t: TestDb;
let register: Map<string, RegisterEntry>;
const summaries: Awaited<ReturnType<typeof importLetterText>>[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  for (const file of FILES) summaries.push(await importLetterText(t.db, read(file), file));
  register = new Map((await loadRegister(t.db)).map((e) => [e.id, e]));
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

const ORIGINALS: Array<[string, string, string[], string, string | null]> = [
  ["TB2026-1", "3.1", ["FHA"], "Kunnskapsgrunnlag for ny folkehelsemelding", "2026-10-01"],
  ["TB2026-2", "3.1", ["FHA", "KTA"], "Evaluering av ordningen med frukt og grønt i skolen", "2026-11-15"],
  ["TB2026-5", "3.2", ["KTA"], "Rekruttering til allmennlegetjenesten i distriktene", "2026-09-01"],
  ["TB2026-6", "3.2", ["KTA"], "Veileder for helsetjenester i omsorgsboliger", "2026-12-31"],
  ["TB2026-12", "3.3", ["SHA"], "Kapasitet i akuttmottakene", "2026-05-01"],
  ["TB2026-13", "3.3", ["SHA", "BSA"], "Nasjonale pasientforløp for kreft – revisjon", null],
  ["TB2026-17", "3.4", ["SHA"], "Kunnskap om bruk av digitale pasientrettigheter", "2026-12-31"],
  ["TB2026-20", "3.5", ["FHA"], "Forebygging av overdoser", null],
  ["TB2026-24", "3.6", ["SHA"], "Øvelse i nasjonal helseberedskap", "2026-05-01"],
  ["TB2026-30", "3.7", ["DIG"], "Oppfølging av Meld. St. 23 (2024–2025) og Prop. 121 L (2024–2025) om deling av helseopplysninger, tiltak nr. 11", "2026-12-31"],
  ["TB2026-33", "3.8", ["SHA"], "Beredskapslagring av legemidler", "2026-04-01"],
  ["TB2026-36", "3.9", ["SHA"], "Framskriving av behovet for helsepersonell", "2026-12-01"],
  ["TB2026-40", "3.10", ["DIG"], "Nasjonal statistikk for ventetider", "2026-12-31"],
  ["TB2026-44", "3.11", ["ØKO"], "Gjennomgang av tilskuddsordningene på kap. 762", "2026-07-01"],
  ["TB2026-48", "3.12", ["GHA"], "Nordisk samarbeid om helseberedskap", "2026-12-31"],
  ["TB2026-52", "3.13", ["ØKO"], "Gevinstrealisering i direktoratet", "2027-03-15"],
];

describe("the 2026 letter series imported in order", () => {
  it("holds exactly the 24 assignments the letters give, nothing from budget tables or address blocks", () => {
    expect([...register.keys()].sort()).toEqual(
      [...ORIGINALS.map((o) => o[0]), "TB2026-60", "TB2026-61", "TB2026-62", "TB2026-65", "TB2026-66", "TB2026-70", "TB2026-71", "TB2025-115"].sort(),
    );
    for (const e of register.values()) {
      expect(e.title).not.toMatch(/kroner|Kap\. post|Tidligere tildeling|Ny tildeling|Vår ref|Deres ref|Kopi/i);
    }
  });

  it("every original title, owner, area and deadline stands after the supplements", () => {
    for (const [id, area, owners, title, firstDeadline] of ORIGINALS) {
      const e = register.get(id)!;
      const expectedOwners = id === "TB2026-33" ? ["SHA"] : owners; // moved to SHA by letter 04
      expect({ id, area: e.area, title: e.title, departments: e.departments }).toEqual({ id, area, title, departments: expectedOwners });
      const own = e.deadlines.filter((d) => !d.label);
      expect(own[0]?.date ?? null, id).toBe(firstDeadline);
    }
    expect(register.get("TB2026-13")!.deadlines[0]).toMatchObject({ state: "to_be_agreed", date: null });
    expect(register.get("TB2026-20")!.deadlines).toEqual([expect.objectContaining({ state: "invalid", date: null, text: "Frist: 31.6.2026" })]);
    expect(register.get("TB2026-12")!.deadlines[0]).toMatchObject({ date: "2026-05-01", letter: expect.stringMatching(/nr\. 3|supplerende/i) });
  });

  it("every addition is there with its letter; later letters never replaced the original", () => {
    const e17 = register.get("TB2026-17")!;
    expect(e17.parts.map((p) => [p.kind, p.date])).toEqual([
      ["original", "2025-12-18"],
      ["addition", "2026-02-06"],
      ["clarification", "2026-03-09"],
    ]);
    expect(e17.deadlines.map((d) => d.date)).toEqual(["2026-12-31", "2026-04-15", "2026-10-01"]);
    expect(register.get("TB2026-12")!.parts.map((p) => p.kind)).toEqual(["original", "change"]);
  });

  it("lists count the deliverables of later parts as deadlines", async () => {
    const rows = await queryAssignments(t.db, { year: 2026, asOfInstant: null, today: "2026-03-01" });
    expect(rows.find((r) => r.key === "TB2026-17")).toMatchObject({ nextDeadline: "2026-04-15", hasDeliverables: true });
    const late = await queryAssignments(t.db, { year: 2026, asOfInstant: null, today: "2026-04-20" });
    expect(late.find((r) => r.key === "TB2026-17")).toMatchObject({ overdue: true, firstPassed: "2026-04-15" });
    expect(register.get("TB2026-33")!.parts.map((p) => p.kind)).toEqual(["original", "change"]);
  });

  it("registers exempt, announced and earlier-year assignments; withdrawals close by their letter", async () => {
    expect(register.get("TB2026-61")).toMatchObject({ exempt: true, title: "Unntatt offentlighet", departments: [], status: "avsluttet" });
    expect(register.get("TB2026-48")!.status).toBe("avsluttet");
    expect(register.get("TB2026-70")).toMatchObject({ exempt: true, title: "Unntatt offentlighet" });
    expect(register.get("TB2026-71")).toMatchObject({ exempt: false, title: "Beredskapslager for medisinsk utstyr" });
    const e65 = register.get("TB2026-65")!;
    expect(e65).toMatchObject({ title: "Nasjonal plan for legevakt", departments: ["KTA"] });
    expect(e65.deadlines.map((d) => d.date)).toEqual(["2026-11-01"]);
    const a65 = await t.db.selectFrom("assignments").select(["body", "announced_only"]).where("key", "=", "TB2026-65").executeTakeFirstOrThrow();
    expect(a65.announced_only).toBe(0);
    expect(a65.body.length).toBeGreaterThan(20);

    const e115 = register.get("TB2025-115")!;
    expect(e115).toMatchObject({ year: 2025, knownOnlyFromLetter: true, departments: ["DIG"] });
    expect(e115.deadlines.map((d) => d.date)).toContain("2026-10-15");
    expect(summaries[4].knownOnly).toEqual(["TB2025-115"]);
    const open2026 = await queryAssignments(t.db, { year: 2026, asOfInstant: null, today: "2026-06-30" });
    expect(open2026.map((r) => r.key)).toContain("TB2025-115");

    const withdrawal = await t.db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .innerJoin("letters as l", "l.id", "e.letter_id")
      .select(["a.key", "e.status", "l.reference"])
      .where("a.key", "in", ["TB2026-61", "TB2026-48"])
      .execute();
    expect(withdrawal).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "TB2026-61", status: "avsluttet" }), expect.objectContaining({ key: "TB2026-48", status: "avsluttet" })]),
    );
    expect(withdrawal.every((w) => w.reference?.startsWith("25/5120-33"))).toBe(true);
  });

  it("the overview groups by the letter's real areas", async () => {
    const areas = await t.db.selectFrom("goal_areas").select(["code", "name"]).where("year", "=", 2026).orderBy("sort_order").execute();
    expect(areas.map((a) => a.code)).toEqual(["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]);
    expect(areas.find((a) => a.code === "3.4")?.name).toBe("Pasienter og brukeres rettigheter");
    const overview = await queryOverview(t.db, { year: 2026, asOfInstant: null, today: "2026-06-30", pick: 10 });
    const byArea = new Map<string | null, number>();
    for (const c of overview.counts.filter((x) => x.dim === "area")) byArea.set(c.code, (byArea.get(c.code) ?? 0) + c.n);
    expect(byArea.get("3.1")).toBe(2);
    expect(byArea.get("3.4")).toBe(1);
    expect([...byArea.keys()].filter((k) => k !== null).every((k) => /^3\.\d+$/.test(k!))).toBe(true);
  });

  it("re-importing every letter changes nothing; a corrected text changes only that letter's parts", async () => {
    const counts = tableCounts(t);
    for (const file of FILES) {
      const again = await importLetterText(t.db, read(file), file);
      expect(again.changed, file).toBe(false);
    }
    expect(tableCounts(t)).toEqual(counts);

    const before = await loadRegister(t.db);
    const original = read(FILES[1]);
    const corrected = original.replaceAll("Brukerundersøkelse om digitale pasientrettigheter", "Brukerundersøkelse om bruk av digitale pasientrettigheter");
    expect(corrected).not.toBe(original);
    const summary = await importLetterText(t.db, corrected, "01-rettet.txt");
    expect(summary.assignments.created).toEqual([]);
    expect(summary.assignments.updated).toEqual([]);
    expect(summary.parts.updated).toEqual(["TB2026-17"]);
    const after = await loadRegister(t.db);
    expect(after).toEqual(before);
    const part = await t.db
      .selectFrom("assignment_parts as p")
      .innerJoin("assignments as a", "a.id", "p.assignment_id")
      .select("p.title")
      .where("a.key", "=", "TB2026-17")
      .where("p.kind", "=", "addition")
      .executeTakeFirstOrThrow();
    expect(part.title).toBe("Brukerundersøkelse om bruk av digitale pasientrettigheter");
  });
});
