import { markdownToLetterText } from "./markdown";

/**
 * The one normalisation of a letter's text, used by the parser, the CLI reader
 * (scripts/lib/read-letter-file.ts) and upload extraction (app/letters/extract.server.ts):
 * BOM stripped; CRLF and CR become LF; no-break, figure and narrow spaces, tabs and vertical
 * feeds become a space, and so does a form feed inside a line (one that opens a line stays: it
 * marks the page's first line, as `pdftotext` writes a page break, see SourceLine.pageStart);
 * soft hyphens and zero-width characters are removed; NUL characters are removed; the hyphen, non-breaking hyphen and minus sign a Word file may put in
 * an ID ("TB2025‑01") become "-"; a PDF font's ligatures ("ﬁ", "ﬂ") become their letters; the
 * bullets of symbol fonts (Word's Symbol and Wingdings bullets come out of a PDF as private-use
 * characters, "\uF0B7") and other bullet glyphs at a line's start ("●", "◦", "■", "➢") become "•"
 * (bullets.ts); a Markdown text (a converter's output, with headings, bold and a front matter
 * block) becomes the letter's plain text (markdown.ts). Line structure is kept (line N stays line N), so line numbers in the parser's
 * output point into the stored text. Idempotent.
 */
export function normaliseLetterText(raw: string): string {
  const text = raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F\t\v]/g, " ")
    .replace(/(?<=[^\n])\f/g, " ")
    .replace(/\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/g, "")
    .replace(/[\u2010\u2011\u2212]/g, "-")
    .replace(/[\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .replace(/\uF0B7/g, "•")
    .replace(RE_GLYPH_BULLET, "$1•")
    .split(String.fromCharCode(0))
    .join("");
  return markdownToLetterText(text);
}

/**
 * Bullet glyphs at a line's start: symbol-font private-use characters (Wingdings square, arrows,
 * check mark, diamond) and Unicode bullets the parser's class does not hold.
 */
const RE_GLYPH_BULLET = /^(\f?[ ]*)[\uF0A7\uF0A8\uF06E\uF071\uF076\uF0D8\uF0E0\uF0F0\uF0FC\u25CF\u25E6\u25A0\u25A1\u25C6\u25BA\u2023\u2043\u2219\u27A2\u2713\u25CB]/gmu;

const LIGATURES: Readonly<Record<string, string>> = { "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl", "\uFB05": "st", "\uFB06": "st" };
