/**
 * Importing letters in other ID forms (decision 093): Husbanken's supplementary letters nr. 2 and
 * nr. 3 (number/year IDs, "oppdrag 13/2024") into one database, and a later letter that pads an
 * ID otherwise than the letter that gave it (TB2026-01 for TB2026-1).
 */
import { describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { loadRegister } from "~/models/register.server";
import { createTestDatabase, useTestDatabase } from "../helpers/db";
import { readFormLetter, readSeriesLetter } from "../helpers/letter-series";

const t = useTestDatabase();

describe("number/year IDs through a series", () => {
  it("creates, postpones and withdraws Husbanken's assignments by their printed IDs", async () => {
    const first = await importLetterText(t.db, readFormLetter("husbanken-2024-nr2.txt"), "nr2.txt");
    expect(first.assignments.created).toEqual(["13/2024", "14/2024"]);
    await importLetterText(t.db, readFormLetter("husbanken-2024-nr3.txt"), "nr3.txt");
    const register = new Map((await loadRegister(t.db)).map((e) => [e.id, e]));
    expect([...register.keys()]).toEqual(["13/2024", "14/2024", "15/2024"]);
    expect(register.get("13/2024")).toMatchObject({ agency: "Husbanken", year: 2024, status: "utsatt", title: "Mer treffsikre boutgiftstak" });
    expect(register.get("14/2024")).toMatchObject({ status: "avsluttet" });
    expect(register.get("15/2024")).toMatchObject({ status: "ikke_startet", deadlines: [expect.objectContaining({ date: "2025-02-01" })] });
    expect(register.get("13/2024")!.parts.map((p) => p.kind)).toEqual(["original", "postponement"]);
    // The status comment names the letter with its date written the Norwegian way.
    const comments = await t.db.selectFrom("status_events").select("comment").where("actor", "like", "brev:%").execute();
    expect(comments.map((c) => c.comment)).toContainEqual(expect.stringMatching(/^Utsatt av departementet i «.+» \(ref\. [^,]+, \d{1,2}\. [a-zæøå]+ 2024\)\.$/));
    expect(comments.map((c) => c.comment).join(" ")).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe("the same ID with other zero padding", () => {
  it("adds a later letter's TB2026-01 to the main letter's TB2026-1, not a second assignment", async () => {
    const db = await createTestDatabase();
    try {
      await importLetterText(
        db.db,
        `Tildelingsbrev 2026 til Vegtilsynet

3 Mål og oppdrag

3.1 Trygge veier

TB2026-1
Avd. SD: VEG
Kartlegging av rasutsatte strekninger

Vegtilsynet skal kartlegge rasutsatte strekninger.

Frist: 1. juni 2026
`,
        "main.txt",
      );
      await importLetterText(
        db.db,
        `Supplerende tildelingsbrev nr. 1 for 2026 til Vegtilsynet

Vår ref 26/55-2
Dato 1. mars 2026

TB2026-01 Kartlegging av rasutsatte strekninger
Det vises til oppdrag TB2026-01. Følgende delleveranse bes levert som en del av det:
- Delrapport om fylkesveiene. Frist: 1. april 2026
Ansvarlig avdeling i SD: VEG
`,
        "nr1.txt",
      );
      const register = await loadRegister(db.db);
      expect(register.map((e) => e.id)).toEqual(["TB2026-1"]);
      expect(register[0].parts.map((p) => p.kind)).toEqual(["original", "addition"]);
      expect(register[0].deadlines.map((d) => d.date)).toEqual(["2026-06-01", "2026-04-01"]);
    } finally {
      await db.cleanup();
    }
  });
});

describe("a later letter in the «ID: 2026-01» form", () => {
  it("adds an assignment, a deliverable to 2026-02 and moves 2026-03's deadline, read from inside 2026-02's text", async () => {
    const db = await createTestDatabase();
    try {
      await importLetterText(db.db, readSeriesLetter("oppdragsdokument-nhn-2026.txt"), "nhn.txt");
      await importLetterText(db.db, readFormLetter("nhn-2026-tillegg-1.txt"), "tillegg.txt");
      const register = new Map((await loadRegister(db.db)).map((e) => [e.id, e]));
      expect(register.get("2026-12")).toMatchObject({ title: "Nasjonal kjernejournal for barn", deadlines: [expect.objectContaining({ date: "2026-09-01" })] });
      expect(register.get("2026-02")!.parts.map((p) => p.kind)).toEqual(["original", "addition"]);
      expect(register.get("2026-02")!.deadlines.map((d) => d.date)).toContain("2026-05-01");
      expect(register.get("2026-02")!.deadlines.map((d) => d.date)).not.toContain("2026-11-01");
      expect(register.get("2026-03")!.deadlines.map((d) => d.date)).toEqual(["2026-11-01"]);
    } finally {
      await db.cleanup();
    }
  });
});
