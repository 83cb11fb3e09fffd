/**
 * The main letter first, then each supplementary letter on its own, as they arrive during the
 * year: postponements and clarifications act on what they name.
 */
import { describe, expect, it } from "vitest";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { parseLetter } from "~/domain/letter/parse";
import { readLetter2023, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

describe("letters imported one by one", () => {
  it("ends with TB2023-31 postponed by the right letter and TB2023-18's clarification on record", async () => {
    const text = readLetter2023();
    const lines = text.split("\n");
    const letters = parseLetter(text).letters;
    expect(letters.length).toBeGreaterThanOrEqual(4);
    for (const [i, l] of letters.entries()) {
      const part = lines.slice(l.startLine - 1, l.endLine).join("\n");
      const summary = await importLetterText(t.db, part, `brev-${i + 1}.txt`);
      expect(summary.letters.created, `brev ${i + 1}`).toBe(1);
      // One letter is to "Helsedirektoratet og Folkehelseinstituttet" jointly: it joins the known one.
      expect(summary.agency, `brev ${i + 1}`).toEqual({ name: "Helsedirektoratet", slug: "helsedirektoratet", created: i === 0 });
    }
    const keys = (await t.db.selectFrom("assignments").select("key").execute()).map((r) => r.key);
    expect(keys.filter((k) => /^TB2023-\d+$/.test(k))).toHaveLength(82);
    expect(keys.filter((k) => /^TTB2023-\d+$/.test(k))).toHaveLength(14);

    const postponed = await t.db
      .selectFrom("status_events as e")
      .innerJoin("assignments as a", "a.id", "e.assignment_id")
      .innerJoin("letters as l", "l.id", "e.letter_id")
      .select(["e.status", "l.source_name", "l.kind"])
      .where("a.key", "=", "TB2023-31")
      .execute();
    const source = letters.findIndex((l) => lines.slice(l.startLine - 1, l.endLine).join("\n").includes("Utsettelse av TB2023-31"));
    expect(postponed).toEqual([{ status: "utsatt", source_name: `brev-${source + 1}.txt`, kind: "supplementary" }]);

    const clarified = await t.db
      .selectFrom("assignment_changes as c")
      .innerJoin("assignments as a", "a.id", "c.assignment_id")
      .select(["c.field", "c.new_value", "c.letter_id"])
      .where("a.key", "=", "TB2023-18")
      .where("c.field", "=", "presisering")
      .execute();
    expect(clarified).toHaveLength(1);
    expect(clarified[0].new_value).toContain("TTB2023-04");
    expect(clarified[0].letter_id).not.toBeNull();
  });
});
