/**
 * A year of letters to Husbanken as tables (decision 098): the main letter's assignments in a
 * table whose cells pdftotext put on lines of their own, and a later letter laid out in columns
 * with a table of changed deadlines and a new assignment whose owner is written by name alone.
 * The later letter moves the two deadlines and adds one assignment, whose owner takes the code
 * the main letter gave that name.
 */
import { describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { loadRegister } from "~/models/register.server";
import { useTestDatabase } from "../helpers/db";
import { readFormLetter } from "../helpers/letter-series";

const MAIN = readFormLetter("husbanken-2025-tabell.txt");
const LATER = readFormLetter("husbanken-2025-nr2-endrede-frister.txt");

const t = useTestDatabase();

describe("a main letter with an assignment table and a later letter with changed deadlines", () => {
  it("reads the main letter's table: four assignments with their deadlines and owners", async () => {
    await importLetterText(t.db, MAIN, "main.txt");
    const register = await loadRegister(t.db);
    expect(register.map((e) => [e.id, e.departments, e.deadlines.map((d) => d.date)])).toEqual([
      ["TB2025-01", ["BBA"], ["2025-06-01"]],
      ["TB2025-02", ["BBA"], ["2025-10-01"]],
      ["TB2025-03", ["KOMM"], ["2025-03-15"]],
      ["TB2025-04", ["BBA"], ["2025-12-31"]],
    ]);
  });

  it("moves the deadlines the later letter's table changes, and gives its new assignment the code of its owner's name", async () => {
    const later = await importLetterText(t.db, LATER, "nr2.txt");
    expect(later.assignments.created).toEqual(["TB2025-05"]);
    expect(later.warnings.map((w) => w.message)).toContainEqual(
      "Ansvarlig avdeling for TB2025-05 står som «Kommunalavdelingen» i brevet: satt til KOMM, koden registeret har for navnet",
    );
    expect(later.warnings.filter((w) => /Fant ingen ansvarlig avdeling/.test(w.message))).toEqual([]);
    const register = await loadRegister(t.db);
    expect(register.map((e) => [e.id, e.departments, e.deadlines.map((d) => d.date)])).toEqual([
      ["TB2025-01", ["BBA"], ["2025-09-01"]],
      ["TB2025-02", ["BBA"], ["2025-10-01"]],
      ["TB2025-03", ["KOMM"], ["2025-07-01"]],
      ["TB2025-04", ["BBA"], ["2025-12-31"]],
      ["TB2025-05", ["KOMM"], ["2025-11-01"]],
    ]);
    const moved = register.find((e) => e.id === "TB2025-01")!.deadlines[0];
    expect(moved.letter).toBe("Tildelingsbrev 2025 til Husbanken – tillegg nr. 2");
  });

  it("changes nothing when the later letter is imported again", async () => {
    const again = await importLetterText(t.db, LATER, "nr2.txt");
    expect(again.changed).toBe(false);
    expect(await loadRegister(t.db)).toHaveLength(5);
  });
});
