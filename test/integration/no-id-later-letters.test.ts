/**
 * An agency whose letters give no IDs: a later letter that names an assignment only by its title
 * ("1. Beredskapsplan for akutt forurensning" again, with more to do) adds to that assignment; an
 * item with a title the year has not had is a new assignment. Before, each later mention was a
 * second assignment with the same title.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { loadRegister } from "~/models/register.server";
import { createTestDatabase } from "../helpers/db";

const MAIN = `Tildelingsbrev 2026 til Kystdirektoratet

Vår ref 25/4411-3
Dato 18.12.2025

1 Innledning

Departementet stiller midler til disposisjon.

2 Særskilte oppdrag

1. Kartlegging av farleder i Nord-Norge

Kystdirektoratet skal kartlegge farledene. Frist: 1. juni 2026.

2. Beredskapsplan for akutt forurensning

Kystdirektoratet skal lage en beredskapsplan. Frist: 1. oktober 2026.

Med hilsen

Kari Nordmann
`;

const LATER = `Supplerende tildelingsbrev nr. 1 for 2026 til Kystdirektoratet

Vår ref 25/4411-9
Dato 10.03.2026

Særskilte oppdrag

1. Beredskapsplan for Akutt forurensning.

Planen skal også omfatte Svalbard. Frist: 1. juni 2026.

2. Merking av nye fiskeriområder

Kystdirektoratet skal merke de nye områdene. Frist: 1. september 2026.

Med hilsen

Kari Nordmann
`;

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;
let t: TestDb;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

describe("later letters to an agency without IDs", () => {
  it("adds a mention by title to the assignment, and makes a new title a new assignment", async () => {
    await importLetterText(t.db, MAIN, "main.txt");
    const later = await importLetterText(t.db, LATER, "nr1.txt");
    expect(later.assignments.created).toHaveLength(1);
    const register = await loadRegister(t.db);
    expect(register.map((e) => e.title)).toEqual(["Kartlegging av farleder i Nord-Norge", "Beredskapsplan for akutt forurensning", "Merking av nye fiskeriområder"]);
    const plan = register.find((e) => e.title === "Beredskapsplan for akutt forurensning")!;
    expect(plan.parts.map((p) => p.kind)).toEqual(["original", "addition"]);
    expect(plan.deadlines.map((d) => d.date).sort()).toEqual(["2026-06-01", "2026-10-01"]);
  });

  it("changes nothing when the later letter is imported again", async () => {
    const again = await importLetterText(t.db, LATER, "nr1.txt");
    expect(again.changed).toBe(false);
    expect(await loadRegister(t.db)).toHaveLength(3);
  });
});
