/**
 * Bullets are one class for every reader (app/domain/letter/bullets.ts), and the glyphs of PDF text
 * are normalised to it: every fixture letter with bulleted lines reads the same, assignment for
 * assignment, with its bullets written as Word's Symbol bullet out of a PDF ("\uF0B7"), "●", "➢"
 * or "*". Before the one class and the normalisation, 6 of them (the 2023 letter among them) read otherwise.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";

const ROOT = path.resolve(__dirname, "../fixtures/letters");
const FILES = [
  path.resolve(__dirname, "../../db/seed/tildelingsbrev-2023.txt"),
  ...["", "2026", "forms"].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith(".txt"))
      .map((f) => path.join(ROOT, dir, f)),
  ),
].filter((file) => /^\s*(?:[•▪]|-(?= \S))/m.test(fs.readFileSync(file, "utf8")));

/** What a reader relies on: IDs, titles, owners, areas, parts, deadline dates, events, letters. */
function reading(text: string) {
  const r = parseLetter(text);
  return {
    letters: r.letters.map((l) => [l.kind, l.year]),
    assignments: r.assignments.map((a) => [a.id, a.title, a.departments, a.area, a.kind, a.target, a.deadlines.map((d) => d.date)]),
    events: r.events.map((e) => [e.type, e.target]),
    warnings: r.warnings.length,
  };
}

function withBullet(text: string, glyph: string): string {
  return text.replace(/^(\s*)[•▪](?=\s)/gm, `$1${glyph}`).replace(/^(\s*)-(?= \S)/gm, `$1${glyph}`);
}

describe("bullet glyphs", () => {
  it("finds letters with bulleted lines among the fixtures", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12);
  });
  for (const file of FILES) {
    it(`${path.relative(path.resolve(__dirname, "../.."), file)} reads the same whatever its bullets are`, () => {
      const text = fs.readFileSync(file, "utf8");
      const expected = reading(text);
      for (const glyph of ["\uF0B7", "●", "➢", "*"]) expect({ glyph, ...reading(withBullet(text, glyph)) }).toEqual({ glyph, ...expected });
    });
  }
});
