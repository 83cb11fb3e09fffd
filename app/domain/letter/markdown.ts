/**
 * Markdown letters: a letter converted to Markdown by a document pipeline (a PDF through marker,
 * docling, pandoc …) reads as the same letter as its PDF text. Without this, such a text had no
 * assignment at all: its IDs stand in headings ("#### **TB2026-63 Helseteam …**"), its subject in
 * "# **Supplerende tildelingsbrev nr. 2 …**", and a YAML front matter block of the pipeline's own
 * ("id: ANNET-008", "title: …") stands before the letterhead.
 *
 * Only a text that looks like Markdown is converted (`looksLikeMarkdown`): a plain letter keeps
 * its "Telefon*" and its "- " lists as they are. Line N stays line N (the parser's line numbers
 * point into the stored text): a line is converted, or emptied, never removed. A bold ID heading
 * run into its paragraph ("**TB 2026-67 Tittel** Sivilombudet ba …") gives the paragraph the
 * blank line below it, as the PDF has the heading on a line of its own. Pure.
 */
import { idAtLineStart } from "./line-ids";

const RE_FRONT_MATTER_KEY = /^[A-Za-z_][\w-]*:(?:\s|$)/;
const RE_ATX_HEADING = /^ {0,3}#{1,6}[ \t]+\S/;
const RE_TABLE_SEPARATOR = /^ {0,3}\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?\s*$/;
/** A pandoc grid table's border: "+------+------+" (or "+======+" under its head). */
const RE_GRID_BORDER = /^ {0,3}\+(?:[-=:]{3,}\+)+\s*$/;
const RE_BOLD = /\*\*[^*\n]+\*\*/g;
/** ***x***, **x**, __x__, *x*: the marks must hug the text ("* item" and "Telefon*" are no emphasis). */
const RE_EMPHASIS = /(\*{1,3}|__)(?=\S)([^*\n]{0,500}?\S)\1(?!\*)/g;

/** The last line of a YAML front matter block opening the text ("---" … "---"), or -1. */
function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trim() !== "---") return -1;
  for (let i = 1; i < Math.min(lines.length, 200); i++) {
    const t = lines[i];
    if (t.trim() === "---" || t.trim() === "...") return i > 1 && RE_FRONT_MATTER_KEY.test(lines[1]) ? i : -1;
  }
  return -1;
}

/** True when the text is Markdown: a front matter block, headings ("## …"), or bold text and a pipe table. */
export function looksLikeMarkdown(text: string): boolean {
  return hasMarkdownMarks(text) && markdownShape(text, text.split("\n")) !== null;
}

/** Most letters have none of Markdown's marks: one pass over the text says so. */
function hasMarkdownMarks(text: string): boolean {
  return /^ {0,3}(?:#|---|===|\+[-=])|\*\*/m.test(text);
}

/** Where a Markdown text's front matter ends (-1: none); null when the text's lines are not Markdown. */
function markdownShape(text: string, lines: string[]): { frontMatterEnd: number } | null {
  const frontMatter = frontMatterEnd(lines);
  if (frontMatter >= 0) return { frontMatterEnd: frontMatter };
  let headings = 0;
  let separators = 0;
  const scanned = Math.min(lines.length, 5000);
  for (let i = 0; i < scanned; i++) {
    const line = lines[i];
    if (RE_ATX_HEADING.test(line) || (/^ {0,3}={3,}\s*$/.test(line) && i > 0 && lines[i - 1].trim() !== "")) headings++;
    else if ((line.includes("---") && RE_TABLE_SEPARATOR.test(line)) || RE_GRID_BORDER.test(line)) separators++;
  }
  if (headings >= 2) return { frontMatterEnd: -1 };
  const bold = (text.match(RE_BOLD) ?? []).length;
  return bold >= 3 && headings + separators >= 1 ? { frontMatterEnd: -1 } : null;
}

/** One line of Markdown as the letter's text reads: no heading marks, emphasis, images, links, tags or escapes. */
function inlineText(line: string): string {
  return (
    line
      // Images: a figure has no text ("![](_page_0_Picture_0.jpeg)").
      .replace(/!\[[^\]]{0,500}\]\([^)]{0,500}\)/g, "")
      // Links keep their text; autolinks their address.
      .replace(/\[([^\]]{0,500})\]\((?:[^()]|\([^()]{0,500}\)){0,2000}\)/g, "$1")
      .replace(/<((?:https?|mailto):[^>\s]+)>/gi, "$1")
      // Inline HTML a converter leaves (page anchors, <br>, <sup>): the tags go, their text stays.
      .replace(/<br\s*\/?>|<\/?(?:p|div|li|ul|ol|table|tr|td|th|h[1-6]|blockquote)\b[^<>]*>/gi, " ")
      .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, "")
      // Emphasis: ***x***, **x**, __x__, *x* (not a "* " bullet, not "Telefon*").
      .replace(RE_EMPHASIS, "$2")
      .replace(RE_EMPHASIS, "$2")
      .replace(/\*\*(\s*)\*\*/g, "$1")
      // Bold that a converter wrapped over two lines: the marks left at either end.
      .replace(/^(\s*(?:[-+*]\s+|\d{1,3}[.)]\s+)?)(?:\*\*|__)(?=\S)/, "$1")
      .replace(/(?<=\S)(?:\*\*|__)\s*$/, "")
      // Backslash escapes ("2026\-01", "1\.").
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
  );
}

/** A pipe table row as a PDF gives it: the cells side by side, a wide gap between them, empty cells gone. */
function tableRow(line: string): string {
  const cells = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => inlineText(c).replace(/\s+/g, " ").trim())
    // A converter may flatten a whole table onto one line, its separator rows' cells with it.
    .filter((c) => c !== "" && !/^:?-{3,}:?$/.test(c));
  return cells.join("   ");
}

/** A heading's text without its closing hashes or pandoc's attributes ("{#innledning .unnumbered}"). */
function headingText(rest: string): string {
  let t = rest.trimEnd();
  const attributes = t.endsWith("}") ? t.lastIndexOf("{") : -1;
  if (attributes >= 0 && /^\{[#.]/.test(t.slice(attributes))) t = t.slice(0, attributes).trimEnd();
  const hashes = /#+$/.exec(t.slice(-100));
  if (hashes && (t.length === hashes[0].length || /[ \t]/.test(t.charAt(t.length - hashes[0].length - 1)))) t = t.slice(0, t.length - hashes[0].length).trimEnd();
  return t;
}

function convertLine(line: string): string {
  // Thematic breaks, code fences, a setext heading's underline ("====") and a grid table's
  // borders ("+----+----+", pandoc) carry no text.
  if (/^ {0,3}(?:(?:[-*_]\s*){3,}|`{3,}.*|~{3,}.*|=+\s*)$/.test(line)) return "";
  if (RE_TABLE_SEPARATOR.test(line) || RE_GRID_BORDER.test(line)) return "";
  // HTML comments ("<!-- image -->", docling's figures).
  let t = line.replace(/<!--.{0,300}?-->/g, "");
  const heading = /^ {0,3}#{1,6}(?:[ \t]+|$)/.exec(t);
  if (heading) t = headingText(t.slice(heading[0].length));
  t = t.replace(/^((?: {0,3}>)+) ?/, "");
  if (/^\s*\|.*\|\s*$/.test(t)) return tableRow(t);
  return inlineText(t);
}

/** "**TB 2026-67 Tittel** Sivilombudet ba …": a bold heading with an ID and title, and the paragraph run into it. */
const RE_RUN_IN_HEADING = /^( {0,3}(?:#{1,6}[ \t]+)?)(\*\*|__)(?=\S)([^*\n]{4,400}?\S)\2[ \t]+(\p{Lu}\S*(?:[ \t]+\S+){2,}.*)$/u;

/** A line's heading and its run-in paragraph, where the heading starts with an assignment ID followed by a title. */
function runInHeading(line: string): { heading: string; paragraph: string } | null {
  const m = line.length < 20000 && /^ {0,3}(?:#{1,6}[ \t]+)?(?:\*\*|__)/.test(line) ? RE_RUN_IN_HEADING.exec(line) : null;
  if (!m) return null;
  const id = idAtLineStart(m[3].trim());
  return id && id.rest !== "" ? { heading: `${m[1]}${m[2]}${m[3]}${m[2]}`, paragraph: m[4] } : null;
}

/** The letter's text out of a Markdown text; other text is returned as it is. Keeps the number of lines. */
export function markdownToLetterText(text: string): string {
  if (!hasMarkdownMarks(text)) return text;
  const lines = text.split("\n");
  const shape = markdownShape(text, lines);
  if (!shape) return text;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i <= shape.frontMatterEnd) {
      out.push("");
      continue;
    }
    // A run-in heading's paragraph takes the blank line below it.
    const runIn = i + 1 < lines.length && lines[i + 1].trim() === "" ? runInHeading(lines[i]) : null;
    if (runIn) {
      out.push(convertLine(runIn.heading), convertLine(runIn.paragraph));
      i++;
    } else out.push(convertLine(lines[i]));
  }
  return out.join("\n");
}
