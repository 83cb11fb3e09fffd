/**
 * What text extraction does to a letter must not change how it reads (metamorphic): every fixture
 * letter reads the same, assignment for assignment, with Windows line ends, indented lines, every
 * blank line doubled or runs of them made single, a page number between paragraphs or inside
 * one (with and without blank lines and a form feed around it), or converted to Markdown. Before this test, the 2023 letter
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

/**
 * The letter as a PDF-to-Markdown converter gives it (markdown.ts): a front matter block of the
 * converter's own, numbered headings as "## **2.1 Folkehelse**", ID lines as "#### **TB2026-01 …**",
 * "•" lists as "- ", "**Frist:**", and a figure above the first line.
 */
function asMarkdown(text: string): string {
  const body = text.split("\n").map((line) => {
    const t = line.trim();
    if (/^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\p{Lu}/u.test(t) && t.length <= 90) return `## **${t}**`;
    if (/^(?:ID\s*:|T?TB\s?\d{4}-\d)/.test(t)) return `#### **${t}**`;
    if (/^•\s/.test(t)) return line.replace("•", "-");
    return line.replace(/^(\s*)Frist:/, "$1**Frist:**");
  });
  return ["---", "id: KONV-001", 'title: "Konvertert brev"', "---", "![](_page_0_Picture_0.jpeg)", ...body].join("\n");
}

const VARIANTS: Record<string, (text: string) => string> = {
  "converted to Markdown": asMarkdown,
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

/**
 * Text pasted from a PDF viewer, or a PDF whose paragraphs the extraction could not tell apart, has
 * no blank lines at all. Every fixture letter reads the same so, except where a blank line is the
 * only sign of a block: assignments written as paragraphs without IDs or numbers (their start is a
 * blank line), and the 2023 letter, whose three titles and clarifications end at a blank line. Before
 * this test, supplementary letters lost an earlier year's ID under "Presisering av tidligere
 * oppdrag:", an ID under "Frist: … Ansvarlig avdeling i HOD: SHA", and "Oppdrag 13/2024" under
 * "2. Nye oppdrag".
 */
const BLANK_LINES_CARRY_MEANING = new Set(["tildelingsbrev-2023.txt", "kystdirektoratet-2025-oppdrag-i-teksten.txt", "landbruksdirektoratet-2025-punkter.txt"]);

describe("text pasted without blank lines", () => {
  it("leaves out only the letters whose blocks are marked by blank lines alone", () => {
    expect(FILES.filter((file) => BLANK_LINES_CARRY_MEANING.has(path.basename(file)))).toHaveLength(BLANK_LINES_CARRY_MEANING.size);
  });
  for (const file of FILES.filter((f) => !BLANK_LINES_CARRY_MEANING.has(path.basename(f)))) {
    it(`${path.relative(REPO, file)} reads the same`, () => {
      const text = fs.readFileSync(file, "utf8");
      const pasted = text.split("\n").filter((line) => line.trim() !== "").join("\n");
      expect(reading(pasted).assignments).toEqual(reading(text).assignments);
    });
  }
});

