/**
 * The 2023 letter parses exactly as before the parser learnt later letters: the whole output,
 * minus the fields added since (letters: recipient, genre, number; assignments: kind, target,
 * year, exempt, announcedOnly, mentions), hashes to the digest of the output of commit dbb20be.
 * One rule has changed since, on purpose (issue 18 item 8): an assignment that the letter dates
 * only through some of its deliverables also gets the year-end default, so its undated
 * deliverables fall back to it. That adds exactly one default deadline to seven assignments.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";

const NEW_LETTER_FIELDS = ["recipient", "genre", "number"];
const NEW_ASSIGNMENT_FIELDS = ["kind", "target", "year", "exempt", "announcedOnly", "mentions"];

describe("the 2023 letter", () => {
  it("parses exactly as before (apart from the new fields)", () => {
    const text = fs.readFileSync(path.resolve(__dirname, "../../db/seed/tildelingsbrev-2023.txt"), "utf8");
    const r = JSON.parse(JSON.stringify(parseLetter(text)));
    for (const l of r.letters) for (const k of NEW_LETTER_FIELDS) delete l[k];
    const withYearEndDefault: string[] = [];
    for (const a of r.assignments) {
      for (const k of NEW_ASSIGNMENT_FIELDS) delete a[k];
      const isAddedDefault = (d: { isDefault: boolean; label: string | null }) => d.isDefault && d.label === null;
      const labelled = a.deadlines.filter((d: { label: string | null }) => d.label !== null).length;
      if (labelled > 0 && a.deadlines.filter(isAddedDefault).length === 1 && labelled + 1 === a.deadlines.length) {
        withYearEndDefault.push(a.id);
        expect(a.deadlines.find(isAddedDefault)).toMatchObject({ date: "2023-12-31", precision: "year", state: "dated" });
        a.deadlines = a.deadlines.filter((d: { isDefault: boolean; label: string | null }) => !isAddedDefault(d));
      }
    }
    expect(withYearEndDefault).toEqual(["TB2023-39", "TB2023-52", "TB2023-62", "TB2023-81", "TTB2023-03", "TTB2023-23", "TTB2023-25"]);
    const digest = crypto.createHash("sha256").update(JSON.stringify(r)).digest("hex");
    expect(digest).toBe("b0459e45d89715761d50eff1c18a0eb590a514523438b5453b9d194e8c98a64f");
  });
});
