/**
 * The 2023 letter parses exactly as before the parser learnt later letters: the whole output,
 * minus the fields added since (letters: recipient, genre, number; assignments: kind, target,
 * year, exempt, announcedOnly, mentions), hashes to the digest of the output of commit dbb20be.
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
    for (const a of r.assignments) for (const k of NEW_ASSIGNMENT_FIELDS) delete a[k];
    const digest = crypto.createHash("sha256").update(JSON.stringify(r)).digest("hex");
    expect(digest).toBe("b0459e45d89715761d50eff1c18a0eb590a514523438b5453b9d194e8c98a64f");
  });
});
