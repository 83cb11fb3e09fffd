/**
 * Bullets are one class for every reader (app/domain/letter/bullets.ts), and the glyphs of PDF text
 * are normalised to it: every fixture letter with bulleted lines reads the same, assignment for
 * assignment, with its bullets written as Word's Symbol bullet out of a PDF ("\uF0B7"), "●", "➢"
 * or "*". Before the one class and the normalisation, 6 of them (the 2023 letter among them) read otherwise.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allFixtureLetters, readingOf as reading } from "../helpers/letter-series";

const FILES = allFixtureLetters().filter((file) => /^\s*(?:[•▪]|-(?= \S))/m.test(fs.readFileSync(file, "utf8")));

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
