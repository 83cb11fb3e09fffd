/**
 * An assignment is its original plus what later letters add: the importer against the parser's
 * output contract (app/domain/letter/types.ts), with parse results written out by hand so these
 * tests do not depend on the parser's progress. The end-to-end test with real letter texts is
 * test/integration/letter-series.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryAssignments } from "~/models/assignment-list.server";
import { saveManualAssignment } from "~/use-cases/manual.server";
import type { ParsedLetter } from "~/domain/letter/types";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { createTestDatabase, readLetter2023, tableCounts, type TestDb } from "../helpers/db";
import { block, dl, importResult, mainLetter, result, SUPP1, supplement1, supplement2 } from "../helpers/parts-fixtures";


async function assignment(t: TestDb, key: string) {
  const a = await t.db.selectFrom("assignments").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
  const departments = (await t.db.selectFrom("assignment_departments").select("department_code").where("assignment_id", "=", a.id).orderBy("position").execute()).map((d) => d.department_code);
  const deadlines = await t.db.selectFrom("deadlines").selectAll().where("assignment_id", "=", a.id).orderBy("position").execute();
  const parts = await t.db
    .selectFrom("assignment_parts as p")
    .innerJoin("letters as l", "l.id", "p.letter_id")
    .select(["p.id", "p.kind", "p.title", "p.body", "l.title as letter"])
    .where("p.assignment_id", "=", a.id)
    .orderBy("p.id")
    .execute();
  const events = await t.db.selectFrom("status_events").selectAll().where("assignment_id", "=", a.id).orderBy("version").execute();
  return { a, departments, deadlines, parts, events };
}

describe("later letters add parts; they never replace the original", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDatabase();
    await importResult(t, mainLetter(), "hovedbrev.txt");
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("registers exempt announced-only IDs and keeps an impossible date as an invalid deadline", async () => {
    const exempt = await assignment(t, "TB2026-61");
    expect(exempt.a).toMatchObject({ title: "Unntatt offentlighet", body: "", exempt: 1, announced_only: 1 });
    expect(exempt.departments).toEqual([]);
    const invalid = await assignment(t, "TB2026-20");
    expect(invalid.deadlines).toEqual([expect.objectContaining({ state: "invalid", date: null, phrase: "Frist: 31.6.2026" })]);
  });

  it("an addition adds a part and its deliverables; title, text, area, owners and deadlines of the original stand", async () => {
    const before = await assignment(t, "TB2026-17");
    const summary = await importResult(t, supplement1(), "supplement-1.txt");
    expect(summary.assignments.updated).toEqual([]);
    expect(summary.parts.created).toContain("TB2026-17");
    const after = await assignment(t, "TB2026-17");
    expect(after.a).toMatchObject({ title: before.a.title, body: before.a.body, area_code: "3.4", letter_id: before.a.letter_id });
    expect(after.departments).toEqual(["SHA"]);
    expect(after.parts).toEqual([expect.objectContaining({ kind: "addition", title: "Delleveranse om lagerhold", letter: SUPP1.title })]);
    // The original's year-end deadline stays; the deliverable is added (the part's default year-end is not).
    expect(after.deadlines.map((d) => [d.label, d.date, d.part_id === null ? "original" : "del"])).toEqual([
      [null, "2026-12-31", "original"],
      ["Delleveranse 1", "2026-05-01", "del"],
    ]);
    expect(summary.items.find((i) => i.key === "TB2026-17")).toMatchObject({ action: "added", kind: "addition" });
  });

  it("a later letter with the text of an announced-only ID fills it in; an earlier-year ID is created in its own year, known only from the letter", async () => {
    const summary = await importResult(t, supplement1(), "supplement-1.txt");
    const filled = await assignment(t, "TB2026-61");
    expect(filled.a).toMatchObject({ title: "Vurdering av beredskapslager", body: "Helsedirektoratet skal vurdere beredskapslagrene.", announced_only: 0, exempt: 1 });
    expect(filled.departments).toEqual(["SHA"]);
    // The implied year-end deadline gives way to the one the text brings.
    expect(filled.deadlines.map((d) => d.date)).toEqual(["2026-09-01"]);

    const earlier = await assignment(t, "TB2025-115");
    expect(earlier.a).toMatchObject({ year: 2025, known_only_from_letter: 1, title: "Digital samhandling" });
    expect(earlier.departments).toEqual(["DIG"]);
    expect(summary.knownOnly).toEqual(["TB2025-115"]);
    // Shown with this year's open work (the list and overview of the letter's year), and in its own year.
    const list2026 = await queryAssignments(t.db, { year: 2026, asOfInstant: null, today: "2026-03-01" });
    expect(list2026.find((r) => r.key === "TB2025-115")).toMatchObject({ departments: ["DIG"], nextDeadline: "2026-10-15" });
    const list2025 = await queryAssignments(t.db, { year: 2025, asOfInstant: null, today: "2026-03-01" });
    expect(list2025.map((r) => r.key)).toEqual(["TB2025-115"]);
    expect(summary.items.find((i) => i.key === "TB2025-115")?.warnings[0]).toMatch(/bare kjent fra dette brevet/);
  });

  it("explicit events change the assignment, each on its history with its letter: withdrawn, deadline moved, owner changed", async () => {
    await importResult(t, supplement1(), "supplement-1.txt");
    const summary = await importResult(t, supplement2(), "supplement-2.txt");
    const withdrawn = await assignment(t, "TB2026-20");
    expect(withdrawn.events).toEqual([expect.objectContaining({ status: "avsluttet", effective_at: "2026-03-19T00:00:00.000Z" })]);
    expect(withdrawn.events[0].letter_id).not.toBeNull();
    expect(withdrawn.parts.map((p) => p.kind)).toEqual(["withdrawal"]);

    const moved = await assignment(t, "TB2026-12");
    expect(moved.a.title).toBe("Oppfølging av Meld. St. 23 (2024–2025)");
    expect(moved.deadlines).toEqual([expect.objectContaining({ date: "2026-09-01", revision: 1, part_id: null })]);
    expect(moved.parts.map((p) => p.kind)).toEqual(["clarification", "change"]);

    const owner = await assignment(t, "TB2026-17");
    expect(owner.departments).toEqual(["KTA"]);
    const history = await t.db.selectFrom("assignment_changes").select(["field", "old_value", "new_value", "letter_id"]).where("assignment_id", "=", owner.a.id).execute();
    expect(history).toContainEqual(expect.objectContaining({ field: "avdelinger", old_value: "SHA", new_value: "KTA" }));
    expect(summary.items.map((i) => [i.key, i.action])).toEqual(
      expect.arrayContaining([["TB2026-20", "withdrawn"], ["TB2026-12", "changed"], ["TB2026-17", "changed"], ["TB2026-12", "added"]]),
    );

    // Re-importing the main letter does not move the deadline or the owner back.
    const again = await importResult(t, mainLetter(), "hovedbrev.txt");
    expect(again.changed).toBe(false);
    const corrected = mainLetter();
    corrected.assignments[0] = { ...corrected.assignments[0], body: "Rettet tekst." };
    corrected.assignments[1] = { ...corrected.assignments[1], body: "Rettet tekst 17." };
    const fixed = await importResult(t, corrected, "hovedbrev-rettet.txt");
    expect(fixed.assignments.updated).toEqual(["TB2026-12", "TB2026-17"]);
    expect((await assignment(t, "TB2026-12")).deadlines[0].date).toBe("2026-09-01");
    expect((await assignment(t, "TB2026-17")).departments).toEqual(["KTA"]);
  });

  it("re-importing any letter is idempotent, and a corrected letter touches only its own parts", async () => {
    await importResult(t, supplement1(), "supplement-1.txt");
    await importResult(t, supplement2(), "supplement-2.txt");
    const counts = tableCounts(t);
    for (const [parsed, name] of [[mainLetter(), "hovedbrev.txt"], [supplement1(), "supplement-1.txt"], [supplement2(), "supplement-2.txt"]] as const) {
      const again = await importResult(t, parsed, name);
      expect(again.changed, name).toBe(false);
      expect(tableCounts(t)).toEqual(counts);
    }

    const before17 = await assignment(t, "TB2026-17");
    const before12 = await assignment(t, "TB2026-12");
    const corrected = supplement1();
    corrected.assignments[0] = { ...corrected.assignments[0], body: "Det vises til oppdrag TB2026-17. Rettet: en vurdering av lagerhold og transport." };
    const summary = await importResult(t, corrected, "supplement-1-rettet.txt");
    expect(summary.parts.updated).toEqual(["TB2026-17"]);
    expect(summary.parts.created).toEqual([]);
    expect(summary.assignments.updated).toEqual([]);
    const after17 = await assignment(t, "TB2026-17");
    expect(after17.a).toEqual(before17.a);
    expect(after17.parts.find((p) => p.kind === "addition")?.body).toMatch(/lagerhold og transport/);
    expect(after17.parts.map((p) => p.id)).toEqual(before17.parts.map((p) => p.id));
    expect(after17.deadlines).toEqual(before17.deadlines);
    expect(await assignment(t, "TB2026-12")).toEqual(before12);

    // A corrected letter that no longer gives a block removes that letter's part, and only it.
    const shorter = supplement1();
    shorter.assignments.splice(0, 1);
    const removed = await importResult(t, shorter, "supplement-1-uten-tillegg.txt");
    expect(removed.parts.removed).toBe(1);
    const after = await assignment(t, "TB2026-17");
    expect(after.parts.map((p) => p.kind)).toEqual(["change"]);
    expect(after.deadlines.map((d) => d.label)).toEqual([null]);
  });

  it("manual corrections survive re-imports of the letter", async () => {
    const actor = { userId: null, name: "Ada Admin <ada@example.no>" };
    await saveManualAssignment(
      t.db,
      { year: 2026, id: "TB2026-12", title: "Oppfølging av Meld. St. 23 (2024–2025) om helse", body: "Helsedirektoratet skal følge opp TB2026-12.", area: "3.4", departments: ["FHA"], deadline: "2026-07-01", source: "Rettet tittel" },
      actor,
      "TB2026-12",
    );
    const corrected = mainLetter();
    corrected.assignments[0] = { ...corrected.assignments[0], body: "Ny tekst i brevet.", deadlines: [dl("2026-06-15", "Frist: 15.6.2026")] };
    await importResult(t, corrected, "hovedbrev-rettet.txt");
    const a = await assignment(t, "TB2026-12");
    expect(a.a).toMatchObject({ title: "Oppfølging av Meld. St. 23 (2024–2025) om helse", area_code: "3.4", body: "Ny tekst i brevet." });
    expect(a.deadlines[0].date).toBe("2026-07-01");
    expect(JSON.parse(a.a.locked_fields)).toEqual(["frist", "område", "tittel"]);
  });

  it("an earlier-year assignment known only from a later letter takes its own letter as original when that arrives", async () => {
    await importResult(t, supplement1(), "supplement-1.txt");
    const letter2025: ParsedLetter = { kind: "main", year: 2025, date: "2025-01-10", reference: "24/999-1", title: "Tildelingsbrev 2025 til Helsedirektoratet", startLine: 1, endLine: 100 };
    await importResult(t, result(letter2025, [block("TB2025-115", { title: "Digital samhandling i helse- og omsorgstjenesten", departments: ["EHE"], deadlines: [dl("2025-12-01", "Frist: 1.12.2025")] })]), "tildelingsbrev-2025.txt");
    const a = await assignment(t, "TB2025-115");
    expect(a.a).toMatchObject({ title: "Digital samhandling i helse- og omsorgstjenesten", known_only_from_letter: 0, year: 2025 });
    expect(a.departments).toEqual(["EHE"]);
    expect(a.parts).toEqual([expect.objectContaining({ kind: "addition", letter: SUPP1.title, body: "Presisering av tidligere oppdrag." })]);
    expect(a.deadlines.map((d) => [d.date, d.part_id === null])).toEqual([["2026-10-15", false], ["2025-12-01", true]]);
    const again = await importResult(t, supplement1(), "supplement-1.txt");
    expect(again.assignments.created).toEqual([]);
  });
});

describe("the 2023 letter", () => {
  it("keeps TTB2023-04 as its own assignment and records it as a clarification part on TB2023-18, without its deadlines", async () => {
    const t = await createTestDatabase();
    try {
      
      
      await importLetterText(t.db, readLetter2023(), "tildelingsbrev-2023.txt");
      const target = await assignment(t, "TB2023-18");
      const source = await assignment(t, "TTB2023-04");
      expect(target.parts).toEqual([expect.objectContaining({ kind: "clarification", letter: expect.not.stringMatching(/^Tildelingsbrev/) })]);
      const part = await t.db.selectFrom("assignment_parts").select("source_key").where("id", "=", target.parts[0].id).executeTakeFirstOrThrow();
      expect(part.source_key).toBe("TTB2023-04");
      expect(target.deadlines.every((d) => d.part_id === null)).toBe(true);
      expect(source.a.known_only_from_letter).toBe(0);
      expect(source.deadlines.length).toBeGreaterThan(0);
      // Parts only where a later letter refers to an existing assignment.
      const parts = await t.db.selectFrom("assignment_parts").select(["kind"]).execute();
      expect(parts.filter((p) => p.kind === "clarification").length).toBeGreaterThanOrEqual(1);
    } finally {
      await t.cleanup();
    }
  });
});
