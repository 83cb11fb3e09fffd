/**
 * Text out of the HTML mammoth makes of a .docx, as a letter's text reads in a PDF: a paragraph
 * (or heading) per line with a blank line after it, as mammoth's raw text gives; but
 *  - a list item keeps the number or bullet Word draws for it ("1. Kartlegging …", "• utrede …"),
 *    which the raw text loses: Word's numbering is not in the paragraph's text, and a letter that
 *    numbers its assignments with it would read as having none. Nested lists count on their own.
 *  - a table row is one line, its cells side by side, as a PDF gives it (the raw text gives a
 *    paragraph per cell): a letterhead's "Deres ref | Vår ref | Dato" row and the values under it,
 *    or a row of an assignment table, read as rows.
 * Pure; expects mammoth's well-formed HTML (p, h1–h6, ol, ul, li, table, tr, td, th, br, inline tags).
 */
const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0" };

/** Text with its character references and named entities decoded (also XML's). */
export function decode(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li"]);
/** The separator of a row's cells: wide enough to read as a column gap (the parser collapses it). */
const CELL_GAP = "   ";

export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let line = "";
  /** The marker of the list item whose first paragraph is still to come. */
  let pendingMarker = "";
  /** The cells' paragraphs of the table row being read, or null outside a row. */
  let row: string[] | null = null;
  const flush = () => {
    const text = line.replace(/[ \t]+/g, " ").trim();
    line = "";
    if (text === "") return;
    if (row) row.push(text.replace(/\s*\n\s*/g, " "));
    else out.push(`${pendingMarker}${text}`, "");
    pendingMarker = "";
  };
  for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>|([^<]+)/g)) {
    const [, closing, rawTag, , text] = m;
    if (text !== undefined) {
      line += decode(text);
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (tag === "br") {
      line += "\n";
      continue;
    }
    if (tag === "tr") {
      flush();
      if (closing && row && row.length > 0) out.push(row.join(CELL_GAP));
      row = closing ? null : [];
      continue;
    }
    if (tag === "table" && closing) {
      flush();
      out.push("");
      continue;
    }
    if (tag === "ol" || tag === "ul") {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: tag === "ol", n: 0 });
      continue;
    }
    if (!BLOCKS.has(tag)) continue;
    flush();
    if (tag === "li" && !closing) {
      const list = lists.at(-1);
      if (list) pendingMarker = list.ordered ? `${++list.n}. ` : "• ";
    }
  }
  flush();
  return out.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^ +| +$/gm, "");
}
