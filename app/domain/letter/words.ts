/** Word search over long letter texts without regular expressions over the whole text. Pure module. */

/** Whole words (letters and hyphens) ending in `suffix`, found with indexOf (fast on long texts). */
export function wordsEndingWith(text: string, suffix: string): string[];
export function wordsEndingWith(text: string, suffix: string, withEnd: true): [string, number][];
export function wordsEndingWith(text: string, suffix: string, withEnd = false): (string | [string, number])[] {
  const out: (string | [string, number])[] = [];
  const isWordChar = (ch: string | undefined) =>
    ch !== undefined && ((ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch === "-" || (ch > "\u007f" && /\p{L}/u.test(ch)));
  let at = text.indexOf(suffix);
  while (at >= 0) {
    const end = at + suffix.length;
    if (!isWordChar(text[end])) {
      let start = at;
      while (start > 0 && isWordChar(text[start - 1]) && at - start < 60) start--;
      const w = text.slice(start, end);
      out.push(withEnd ? [w, end] : w);
    }
    at = text.indexOf(suffix, end);
  }
  return out;
}
