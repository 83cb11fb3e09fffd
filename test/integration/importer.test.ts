import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bootstrapDatabase, importLetterText } from "~/use-cases/bootstrap.server";
import { queryAssignments } from "~/models/assignment-list.server";
import { createTestDatabase, readLetter2023, tableCounts, type TestDb } from "../helpers/db";


describe("importing the 2023 letter into SQLite", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("creates letters, assignments, departments, deadlines and relations", async () => {
    const summary = await importLetterText(t.db, readLetter2023(), "tildelingsbrev-2023.txt");
    expect(summary.changed).toBe(true);
    expect(summary.letters.created).toBeGreaterThanOrEqual(4);

    const keys = (await t.db.selectFrom("assignments").select("key").execute()).map((r) => r.key);
    expect(keys.filter((k) => /^TB2023-\d+$/.test(k))).toHaveLength(82);
    expect(keys.filter((k) => /^TTB2023-\d+$/.test(k))).toHaveLength(14);

    const main = await t.db.selectFrom("letters").selectAll().where("kind", "=", "main").execute();
    expect(main).toHaveLength(1);
    expect(main[0].year).toBe(2023);

    const areas = await t.db.selectFrom("goal_areas").select(["code", "name"]).orderBy("sort_order").execute();
    expect(areas.map((a) => a.code)).toEqual(["2.1", "2.2", "2.3", "2.4", "2.5"]);

    const owners = await t.db
      .selectFrom("assignment_departments as ad")
      .innerJoin("assignments as a", "a.id", "ad.assignment_id")
      .select(["a.key", "ad.department_code"])
      .orderBy("a.key")
      .orderBy("ad.position")
      .execute();
    const ownersOf = (key: string) => owners.filter((o) => o.key === key).map((o) => o.department_code);
    expect(ownersOf("TB2023-01")).toEqual(["FHA"]);
    expect(ownersOf("TB2023-17")).toEqual(["KTA"]);

    // Every assignment has at least one deadline (the default one where the letter gives none).
    const withoutDeadline = await t.db
      .selectFrom("assignments as a")
      .select("a.key")
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("deadlines as d").select("d.id").whereRef("d.assignment_id", "=", "a.id"))),
      )
      .execute();
    expect(withoutDeadline).toEqual([]);

    const clarifies = await t.db
      .selectFrom("relations as r")
      .innerJoin("assignments as a", "a.id", "r.assignment_id")
      .select(["a.key", "r.type", "r.target_key"])
      .where("r.type", "=", "clarifies")
      .execute();
    expect(clarifies).toContainEqual({ key: "TTB2023-04", type: "clarifies", target_key: "TB2023-18" });

    const audit = await t.db.selectFrom("audit_log").selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "brev:importert", target: `import:${summary.importId}` });
    expect(JSON.parse(audit[0].details!)).toMatchObject({ source: "tildelingsbrev-2023.txt", created: keys.length });

    expect(t.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(t.sqlite.pragma("foreign_key_check")).toEqual([]);
  });

  it("records the postponement of TB2023-31 as an Utsatt event attributed to the letter, once", async () => {
    await importLetterText(t.db, readLetter2023(), "brev.txt");
    await importLetterText(t.db, readLetter2023(), "brev.txt");
    const events = await t.db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .select(["a.key", "e.status", "e.letter_id", "e.version"])
      .where("a.key", "=", "TB2023-31")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0].status).toBe("utsatt");
    expect(events[0].letter_id).not.toBeNull();
    const all = await queryAssignments(t.db, { year: 2023, asOfInstant: null, today: "2023-12-31" });
    const a = all.find((x) => x.key === "TB2023-31")!;
    expect(a.status).toBe("utsatt");
  });

  it("is idempotent: importing the same text again writes nothing", async () => {
    await importLetterText(t.db, readLetter2023(), "brev.txt");
    const before = tableCounts(t);
    const second = await importLetterText(t.db, readLetter2023(), "brev.txt");
    expect(second.changed).toBe(false);
    expect(second.assignments.created).toEqual([]);
    expect(second.assignments.updated).toEqual([]);
    expect(second.importId).toBeNull();
    expect(tableCounts(t)).toEqual(before);
  });

  it("updates a corrected letter in place and keeps status history", async () => {
    const original = readLetter2023();
    await importLetterText(t.db, original, "brev.txt");
    const target = await t.db.selectFrom("assignments").selectAll().where("key", "=", "TB2023-05").executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await t.db
      .insertInto("status_events")
      .values({ assignment_id: target.id, version: target.version + 1, status: "i_rute", comment: "Arbeidet pågår", actor: "user:1", actor_name: "Kari Saksbehandler", letter_id: null, effective_at: now, created_at: now })
      .execute();
    await t.db.updateTable("assignments").set({ version: target.version + 1 }).where("id", "=", target.id).execute();

    const corrected = original.replace("Ulovlig handel tobakk", "Ulovlig handel med tobakk");
    expect(corrected).not.toBe(original);
    const summary = await importLetterText(t.db, corrected, "brev-rettet.txt");
    expect(summary.assignments.updated).toEqual(["TB2023-05"]);
    expect(summary.assignments.created).toEqual([]);

    const after = await t.db.selectFrom("assignments").selectAll().where("key", "=", "TB2023-05").executeTakeFirstOrThrow();
    expect(after.id).toBe(target.id);
    expect(after.title).toBe("Ulovlig handel med tobakk");
    expect(after.version).toBe(target.version + 1);
    const history = await t.db.selectFrom("status_events").selectAll().where("assignment_id", "=", target.id).execute();
    expect(history.map((e) => e.comment)).toEqual(["Arbeidet pågår"]);
    const changes = await t.db
      .selectFrom("assignment_changes")
      .select(["field", "old_value", "new_value", "import_id"])
      .where("assignment_id", "=", target.id)
      .where("field", "=", "tittel")
      .execute();
    expect(changes).toEqual([
      { field: "tittel", old_value: "Ulovlig handel tobakk", new_value: "Ulovlig handel med tobakk", import_id: summary.importId },
    ]);
  });

  it("rolls back completely when a write fails half-way", async () => {
    await importLetterText(t.db, readLetter2023(), "brev.txt");
    const before = tableCounts(t);
    // A corrected text plus a database that refuses new deadlines midway through the import.
    t.sqlite.exec(`create trigger fail_deadlines before insert on deadlines begin select raise(abort, 'disk full (simulert)'); end`);
    const corrected = readLetter2023().replace("Ulovlig handel tobakk", "Ulovlig handel med tobakk") + "\nID: TB2023-99 Eieravdeling HOD: FHA Nytt oppdrag\n\nTekst. Frist: 1. juli 2023.\n";
    await expect(importLetterText(t.db, corrected, "brev.txt")).rejects.toThrow(/disk full/);
    expect(tableCounts(t)).toEqual(before);
    const title = await t.db.selectFrom("assignments").select("title").where("key", "=", "TB2023-05").executeTakeFirstOrThrow();
    expect(title.title).toBe("Ulovlig handel tobakk");
  });

  it("a dry run reports the changes and writes nothing", async () => {
    const before = tableCounts(t);
    const summary = await importLetterText(t.db, readLetter2023(), "brev.txt", { dryRun: true });
    expect(summary.assignments.created.length).toBeGreaterThanOrEqual(96);
    expect(tableCounts(t)).toEqual(before);
  });

  it("bootstraps an empty database with the bundled letter, and only once", async () => {
    const first = await bootstrapDatabase(t.db);
    expect(first.seeded?.assignments.created.length).toBeGreaterThanOrEqual(96);
    const counts = tableCounts(t);
    const second = await bootstrapDatabase(t.db);
    expect(second.seeded).toBeNull();
    expect(tableCounts(t)).toEqual(counts);
  });
});
