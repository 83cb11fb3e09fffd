/**
 * What text extraction does to a letter must not change how it reads (metamorphic): every fixture
 * letter reads the same, assignment for assignment, with Windows line ends, indented lines, every
 * blank line doubled or runs of them made single, a page number between paragraphs or inside
 * one (with and without blank lines and a form feed around it). Before this test, the 2023 letter
 * and the 2024 variant lost an opening-list title across two blank lines and a supplementary
 * letter's reference behind a page number.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allFixtureLetters, readingOf as reading } from "../helpers/letter-series";

const REPO = path.resolve(__dirname, "../..");
const FILES = allFixtureLetters();

/** Every `every`-th match of `re` replaced by `insert(k)`. */
function atEvery(text: string, re: RegExp, every: number, insert: (k: number, match: string) => string): string {
  let k = 0;
  return text.replace(re, (match) => (++k % every === 0 ? insert(k, match) : match));
}

const VARIANTS: Record<string, (text: string) => string> = {
  "Windows line ends": (t) => t.replace(/\n/g, "\r\n"),
  "indented lines with trailing spaces": (t) => t.split("\n").map((l) => (l.trim() ? `  ${l}   ` : l)).join("\n"),
  "every blank line doubled": (t) => t.replace(/\n\n+/g, "\n\n\n"),
  "runs of blank lines made single": (t) => t.replace(/\n\s*\n+/g, "\n\n"),
  "a page number between paragraphs": (t) => atEvery(t, /\n\n/g, 7, (k) => `\n\nSide ${k} av 90\n\n`),
  "a page number inside a paragraph": (t) => atEvery(t, /[^\n]\n(?=[^\n])/g, 25, (k, m) => `${m}Side ${k} av 90\n`),
  "a page break with blank lines and a form feed inside a paragraph": (t) =>
    atEvery(t, /[^\n]\n(?=[^\n])/g, 25, (k, m) => `${m}\n${k % 2 ? "- 3 -" : "3 av 9"}\n\f`),
};


describe("text extraction variants", () => {
  for (const file of FILES) {
    it(`${path.relative(REPO, file)} reads the same in every variant`, () => {
      const text = fs.readFileSync(file, "utf8");
      const expected = reading(text);
      for (const [variant, make] of Object.entries(VARIANTS)) expect({ variant, ...reading(make(text)) }).toEqual({ variant, ...expected });
    });
  }
});
