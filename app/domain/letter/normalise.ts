/**
 * The one normalisation of a letter's text, used by the parser, the CLI reader
 * (scripts/lib/read-letter-file.ts) and upload extraction (app/letters/extract.server.ts):
 * BOM stripped; CRLF and CR become LF; no-break, figure and narrow spaces, tabs, form and
 * vertical feeds become a space; soft hyphens and zero-width characters are removed; NUL
 * characters are removed; the hyphen, non-breaking hyphen and minus sign a Word file may put in
 * an ID ("TB2025‑01") become "-"; a PDF font's ligatures ("ﬁ", "ﬂ") become their letters. Line structure is kept (line N stays line N), so line numbers in the
 * parser's output point into the stored text. Idempotent.
 */
export function normaliseLetterText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F\t\f\v]/g, " ")
    .replace(/\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/g, "")
    .replace(/[\u2010\u2011\u2212]/g, "-")
    .replace(/[\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .split(String.fromCharCode(0))
    .join("");
}

const LIGATURES: Readonly<Record<string, string>> = { "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl", "\uFB05": "st", "\uFB06": "st" };
