/**
 * Plain text and date input helpers and the length limits of free-text fields. Pure, and free of
 * the validation library so that client code (forms showing limits) can import it.
 */

export const MAX_COMMENT_LENGTH = 4000;
export const MAX_REPORT_TEXT = 8000;

/** Control characters other than tab and newline are dropped; CRLF becomes LF. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").trim();
}

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** True when `text` holds a control character (tab and newline included). */
export function hasControlCharacters(text: string): boolean {
  CONTROL_CHARACTERS.lastIndex = 0;
  return CONTROL_CHARACTERS.test(text);
}

/** Every control character (tab and newline included) replaced by a space. */
export function controlCharactersToSpaces(text: string): string {
  return text.replace(CONTROL_CHARACTERS, " ");
}

/** A calendar date as yyyy-MM-dd that really exists (31.06 does not). */
export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days && y >= 1900 && y <= 2200;
}

/** A line that starts a list item: "•", "-", "–", "1.", "2)", "a)". */
const LIST_ITEM_START = /^(?:[•\-–·▪*]\s|\d{1,2}[.)]\s|[a-h][.)]\s)/u;

/** A line longer than a paragraph a PDF gives: a converter's table cell holding a whole assignment. */
const LONG_LINE = 300;

/**
 * A long line's list items, each on a line of its own: before "• " and before "2. " or "2) " that
 * follows a sentence's end and opens a sentence ("… overdoser. 2. Helsedirektoratet skal …").
 * A date ("1. juli") opens no sentence.
 */
function inlineItems(raw: string): string[] {
  const line = raw.trim();
  if (line.length <= LONG_LINE) return [line];
  return line.split(/\s+(?=[•▪]\s)|(?<=[.:;!?»)])\s+(?=\d{1,2}[.)]\s+\p{Lu})/u);
}

/**
 * A letter's text as blocks to show: the lines a PDF wrapped are joined into their paragraph,
 * a blank line ends a paragraph, a list item starts a block of its own (also one inside a long
 * line, as a converter's table cell gives a whole assignment on one line), and so does a sentence
 * in capitals after a list item that has ended. The text itself is not changed (words and their
 * order stay), only where lines break.
 */
export function letterTextBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string | null = null;
  let inItem = false;
  const flush = () => {
    if (current !== null) blocks.push(current);
    current = null;
  };
  for (const line of text.split("\n").flatMap(inlineItems)) {
    if (line === "") {
      flush();
      continue;
    }
    const item = LIST_ITEM_START.test(line);
    const afterItem = current !== null && inItem && /[.:!?]$/.test(current) && /^\p{Lu}/u.test(line);
    if (current === null || item || afterItem) {
      flush();
      current = line;
      inItem = item;
    } else current = `${current} ${line}`;
  }
  flush();
  return blocks;
}
