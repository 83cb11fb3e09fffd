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
