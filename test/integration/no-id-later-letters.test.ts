/**
 * An agency whose letters give no IDs: a later letter that names an assignment only by its title
 * ("1. Beredskapsplan for akutt forurensning" again, with more to do) adds to that assignment; an
 * item with a title the year has not had is a new assignment. Before, each later mention was a
 * second assignment with the same title.
 */
import { describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { loadRegister } from "~/models/register.server";
import { useTestDatabase } from "../helpers/db";
import { readFormLetter } from "../helpers/letter-series";

const MAIN = readFormLetter("kystdirektoratet-2026-uten-id.txt");
const LATER = readFormLetter("kystdirektoratet-2026-nr1-uten-id.txt");

const t = useTestDatabase();

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
