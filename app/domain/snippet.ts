/**
 * A search hit's snippet as plain text segments. The database marks the matched words with the
 * control characters U+0001 (start) and U+0002 (end), which never occur in letter text; the
 * page renders hits as <mark> with React's escaping, so no HTML from the text is ever injected.
 * Pure.
 */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Split a marked snippet into plain and highlighted parts; stray markers are dropped. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, hit });
    text = "";
  };
  for (const ch of marked) {
    if (ch === HIT_START && !hit) {
      flush();
      hit = true;
    } else if (ch === HIT_END && hit) {
      flush();
      hit = false;
    } else if (ch !== HIT_START && ch !== HIT_END) {
      text += ch;
    }
  }
  flush();
  return parts;
}

/** True when the snippet has at least one highlighted word. */
export function hasHit(parts: readonly SnippetPart[]): boolean {
  return parts.some((p) => p.hit);
}
