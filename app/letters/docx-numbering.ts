/**
 * The numbers of a Word letter's numbered headings, put back into their text. Word draws "2.1"
 * before "Folkehelse" from the heading style's list numbering; the number is not in the paragraph,
 * and mammoth's HTML has `<h2>Folkehelse</h2>`: a .docx letter lost its chapters and goal areas,
 * which the parser reads from the numbers. Numbers are counted as Word's multilevel heading lists
 * count them: "1", "2", then "2.1", "2.2", "2.2.1" (a deeper level restarts when a higher one
 * moves on). Operates on mammoth's document model (its `transformDocument` option); pure.
 */

/** The parts of mammoth's document model this reads: elements with children, paragraphs with a style and numbering, text. */
export interface DocElement {
  type: string;
  children?: DocElement[];
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { isOrdered: boolean; level: string } | null;
  value?: string;
}

const RE_HEADING_STYLE = /^(?:heading|overskrift)\s*\d$/i;

/** A heading Word numbers by its style's list ("Overskrift 2" numbered "2.1"). */
export function isNumberedHeading(p: DocElement): boolean {
  return !!p.numbering?.isOrdered && RE_HEADING_STYLE.test(p.styleName ?? p.styleId ?? "");
}

/** The first text element of a paragraph (its first words), or null. */
export function firstText(e: DocElement): DocElement | null {
  if (e.type === "text" && typeof e.value === "string") return e;
  for (const c of e.children ?? []) {
    const t = firstText(c);
    if (t) return t;
  }
  return null;
}

/** Numbers the numbered headings of the document in place, and returns it. */
export function numberHeadings<T extends DocElement>(document: T): T {
  const counters: number[] = [];
  const visit = (e: DocElement) => {
    if (e.type === "paragraph") {
      if (!isNumberedHeading(e)) return;
      const level = Math.max(0, Math.min(8, Number(e.numbering!.level) || 0));
      counters.length = level + 1;
      for (let k = 0; k < level; k++) counters[k] ??= 1;
      counters[level] = (counters[level] ?? 0) + 1;
      const text = firstText(e);
      if (text) text.value = `${counters.join(".")} ${text.value!.replace(/^\s+/, "")}`;
      return;
    }
    for (const c of e.children ?? []) visit(c);
  };
  visit(document);
  return document;
}
