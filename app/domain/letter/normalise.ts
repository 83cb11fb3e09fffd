/**
 * The one normalisation of a letter's text, used by the parser, the CLI reader
 * (scripts/lib/read-letter-file.ts) and upload extraction (app/letters/extract.server.ts):
 * BOM stripped; CRLF and CR become LF; no-break, figure and narrow spaces, tabs, form and
 * vertical feeds become a space; soft hyphens and zero-width characters are removed; NUL
 * characters are removed. Line structure is kept (line N stays line N), so line numbers in the
 * parser's output point into the stored text. Idempotent.
 */
export function normaliseLetterText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F\t\f\v]/g, " ")
    .replace(/\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/g, "")
    .split(String.fromCharCode(0))
    .join("");
}
