/**
 * The numbers Word draws before list items ("a)", "ii.", "1.2", "•"), put back into the text of
 * a .docx letter. mammoth tells only whether a list is ordered and at which level, so every
 * ordered list became "1.", "2." and a lettered sub-list under an assignment read as the next
 * numbered assignments ("1. Kartlegging …" / "1. Første del" / "2. Andre del"). Here the numbers
 * are counted from Word's own definitions (word/numbering.xml: format, text pattern, start per
 * level) over the numbered paragraphs of word/document.xml, and written into the paragraphs of
 * mammoth's document model, which then no longer are list items.
 *
 * Counting follows Word: a list instance (w:num) counts per level, a higher level restarts the
 * levels below it, instances of one abstract list continue each other unless one overrides its
 * start. A paragraph numbered through its paragraph style (word/styles.xml) is counted too; mammoth
 * gives such a paragraph no number at all. A paragraph of mammoth's model gets its number only
 * when its text is the text of the numbered paragraph counted for it. Pure.
 */
import { firstText, type DocElement } from "./docx-numbering";
import { decode } from "./html-text";

interface Level {
  format: string;
  text: string;
  start: number;
  legal: boolean;
  /** The paragraph style this level numbers ("Overskrift2"), if any. */
  style: string | null;
}

/** A paragraph of document.xml as it is read: its text, its own numbering (if any) and its style. */
interface Paragraph {
  text: string;
  numId: string | null;
  ilvl: number | null;
  style: string | null;
}

/** A paragraph style's own list numbering (styles.xml) and the style it is based on. */
interface StyleNumbering {
  numId: string | null;
  ilvl: number | null;
  basedOn: string | null;
}

interface WordNumbering {
  /** abstractNumId → levels by ilvl. */
  abstract: Map<string, Map<number, Level>>;
  /** numId → its abstract list and the levels whose start it overrides. */
  nums: Map<string, { abstractId: string; startOverrides: Map<number, number> }>;
}

/** One numbered paragraph of the document, in order: its marker ("a)") and its text. */
export interface NumberedParagraph {
  marker: string;
  text: string;
  /** Numbered through its paragraph style, which mammoth does not see: its paragraph has no numbering in mammoth's model. */
  byStyle: boolean;
}

/** An attribute's value in a tag's attribute text (` w:val="3"`). */
function attr(tag: string, name: string): string | null {
  for (let at = tag.indexOf(`${name}="`); at >= 0; at = tag.indexOf(`${name}="`, at + 1)) {
    if (at > 0 && !/\s/.test(tag.charAt(at - 1))) continue; // "w:numId" is not "Id"
    const from = at + name.length + 2;
    const to = tag.indexOf('"', from);
    return to < 0 ? null : tag.slice(from, to);
  }
  return null;
}

/**
 * The elements `<name …>…</name>` (or `<name …/>`) of `xml` in order, with their attributes and
 * body; found with indexOf, each character looked at a bounded number of times, so that no
 * upload's XML can make this slow. Elements of one name must not nest (true of those read here).
 */
function* elements(xml: string, name: string): Generator<{ attrs: string; body: string }> {
  const open = `<${name}`;
  const close = `</${name}>`;
  for (let at = xml.indexOf(open); at >= 0; ) {
    if (!/[\s>/]/.test(xml.charAt(at + open.length))) {
      at = xml.indexOf(open, at + open.length); // a longer name ("<w:numFmt" for "<w:num")
      continue;
    }
    const tagEnd = xml.indexOf(">", at);
    if (tagEnd < 0) return;
    const attrs = xml.slice(at + open.length, tagEnd);
    if (attrs.endsWith("/")) {
      yield { attrs, body: "" };
      at = xml.indexOf(open, tagEnd);
      continue;
    }
    const closeAt = xml.indexOf(close, tagEnd);
    if (closeAt < 0) return;
    yield { attrs, body: xml.slice(tagEnd + 1, closeAt) };
    at = xml.indexOf(open, closeAt + close.length);
  }
}

/** The first `<name …>` element of `xml`, or null. */
function firstElement(xml: string, name: string): { attrs: string; body: string } | null {
  for (const e of elements(xml, name)) return e;
  return null;
}

/** The attribute `w:val` of the first `<name …>` in `xml`. */
function valOf(xml: string, name: string): string | null {
  const e = firstElement(xml, name);
  return e ? attr(e.attrs, "w:val") : null;
}

/** Word's list definitions out of word/numbering.xml. */
export function readWordNumbering(xml: string): WordNumbering {
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of elements(xml, "w:abstractNum")) {
    const id = attr(a.attrs, "w:abstractNumId");
    if (id === null) continue;
    const levels = new Map<number, Level>();
    for (const lvl of elements(a.body, "w:lvl")) {
      const legal = firstElement(lvl.body, "w:isLgl");
      levels.set(Number(attr(lvl.attrs, "w:ilvl") ?? 0), {
        format: valOf(lvl.body, "w:numFmt") ?? "decimal",
        text: decode(valOf(lvl.body, "w:lvlText") ?? ""),
        start: Number(valOf(lvl.body, "w:start") ?? 1),
        legal: legal !== null && !/^(?:0|false)$/.test(attr(legal.attrs, "w:val") ?? ""),
        style: valOf(lvl.body, "w:pStyle"),
      });
    }
    abstract.set(id, levels);
  }
  const nums = new Map<string, { abstractId: string; startOverrides: Map<number, number> }>();
  for (const n of elements(xml, "w:num")) {
    const id = attr(n.attrs, "w:numId");
    const abstractId = valOf(n.body, "w:abstractNumId");
    if (id === null || abstractId === null) continue;
    const startOverrides = new Map<number, number>();
    for (const o of elements(n.body, "w:lvlOverride")) {
      const start = valOf(o.body, "w:startOverride");
      if (start !== null) startOverrides.set(Number(attr(o.attrs, "w:ilvl") ?? 0), Number(start));
    }
    nums.set(id, { abstractId, startOverrides });
  }
  return { abstract, nums };
}

/** The list numbering of word/styles.xml's paragraph styles ("Nummerert liste" numbered by its style). */
export function readWordStyles(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  for (const st of elements(xml, "w:style")) {
    const id = attr(st.attrs, "w:styleId");
    if (id === null || (attr(st.attrs, "w:type") ?? "paragraph") !== "paragraph") continue;
    const numPr = firstElement(st.body, "w:numPr")?.body ?? null;
    const ilvl = numPr === null ? null : valOf(numPr, "w:ilvl");
    styles.set(id, { numId: numPr === null ? null : valOf(numPr, "w:numId"), ilvl: ilvl === null ? null : Number(ilvl), basedOn: valOf(st.body, "w:basedOn") });
  }
  return styles;
}

/**
 * The list a paragraph of style `styleId` belongs to by its style: the style's own numbering or
 * that of a style it is based on, else a list level that names the style (as heading lists do).
 */
function numberingOfStyle(styleId: string, styles: Map<string, StyleNumbering>, numbering: WordNumbering): { numId: string; ilvl: number } | null {
  let numId: string | null = null;
  let ilvl: number | null = null;
  for (let id: string | null = styleId, depth = 0; id !== null && depth < 10 && numId === null; depth++) {
    const style = styles.get(id);
    numId = style?.numId ?? null;
    ilvl ??= style?.ilvl ?? null;
    id = style?.basedOn ?? null;
  }
  const linked = (abstractId: string) => [...(numbering.abstract.get(abstractId) ?? [])].find(([, level]) => level.style === styleId)?.[0] ?? null;
  if (numId !== null) {
    if (numId === "0") return null; // "no numbering"
    const abstractId = numbering.nums.get(numId)?.abstractId;
    return { numId, ilvl: ilvl ?? (abstractId === undefined ? null : linked(abstractId)) ?? 0 };
  }
  for (const [id, num] of numbering.nums) {
    const level = linked(num.abstractId);
    if (level !== null) return { numId: id, ilvl: level };
  }
  return null;
}

function letters(n: number, base: number): string {
  // Word goes on after "z" with "aa", "bb" …
  return String.fromCharCode(base + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [value, digits] of table) for (; n >= value; n -= value) out += digits;
  return out;
}

/** A level's number in its format: 3 → "c", "C", "iii", "III", "03" or "3". */
function formatNumber(n: number, format: string): string {
  if (n < 1) return String(n);
  switch (format) {
    case "lowerLetter":
      return letters(n, 97);
    case "upperLetter":
      return letters(n, 65);
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "decimalZero":
      return String(n).padStart(2, "0");
    default:
      return String(n);
  }
}

/** The marker Word draws: the level's text with "%1" … "%9" replaced by the levels' numbers; "•" for a bullet. */
function markerFor(levels: Map<number, Level>, level: Level, counters: number[]): string {
  if (level.format === "bullet") return "•";
  if (level.format === "none") return "";
  return level.text
    .replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const own = levels.get(i);
      return formatNumber(counters[i] ?? own?.start ?? 1, level.legal ? "decimal" : (own?.format ?? "decimal"));
    })
    .trim();
}

/**
 * The numbered paragraphs of word/document.xml in order (those with their own w:numPr, or with a
 * paragraph style that numbers them), each with the marker Word draws for it and its text (w:t; deleted text is w:delText and not read). One
 * pass over the tags that matter, each found by name and read to its ">" or end tag with indexOf.
 */
export function numberedParagraphs(xml: string, numbering: WordNumbering, styles: Map<string, StyleNumbering> = new Map()): NumberedParagraph[] {
  const counters = new Map<string, number[]>(); // per abstract list
  const started = new Set<string>(); // num instances seen (a start override applies at first use)
  const out: NumberedParagraph[] = [];
  // Paragraphs nest (a text box's paragraphs inside a run): each is read to its own end tag.
  const open: Paragraph[] = [];
  // Most paragraphs name a style: each style's numbering is looked up once.
  const ofStyle = new Map<string, { numId: string; ilvl: number } | null>();
  const styleNumbering = (id: string) => {
    if (!ofStyle.has(id)) ofStyle.set(id, numberingOfStyle(id, styles, numbering));
    return ofStyle.get(id) ?? null;
  };
  const tags = /<(\/?)w:(p|pStyle|numPr|t|tab|pPrChange)(?=[\s>/])/g;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    const tagEnd = xml.indexOf(">", m.index);
    if (tagEnd < 0) break;
    const [, closing, name] = m;
    const top = open.at(-1);
    const readTo = (close: string): string | null => {
      const end = xml.indexOf(close, tagEnd);
      if (end < 0) return null;
      tags.lastIndex = end + close.length;
      return xml.slice(tagEnd + 1, end);
    };
    tags.lastIndex = tagEnd + 1;
    if (name === "p" && !closing) {
      if (xml.charAt(tagEnd - 1) !== "/") open.push({ text: "", numId: null, ilvl: null, style: null });
    } else if (name === "p") {
      const p = open.pop();
      if (p) count(p);
    } else if (name === "pPrChange" && !closing) {
      // The properties a tracked change replaced are not the paragraph's.
      if (readTo("</w:pPrChange>") === null) break;
    } else if (name === "pStyle" && !closing) {
      if (top && top.style === null) top.style = attr(xml.slice(m.index, tagEnd), "w:val");
    } else if (name === "numPr" && !closing) {
      const body = readTo("</w:numPr>");
      if (body === null) break;
      if (top) {
        top.numId = valOf(body, "w:numId");
        const ilvl = valOf(body, "w:ilvl");
        top.ilvl = ilvl === null ? null : Number(ilvl);
      }
    } else if (name === "t" && !closing && xml.charAt(tagEnd - 1) !== "/") {
      const body = readTo("</w:t>");
      if (body === null) break;
      if (top) top.text += decode(body);
    } else if (name === "tab" && !closing && top) {
      top.text += " ";
    }
  }
  return out;

  function count(p: Paragraph): void {
    // Its own numbering, else its style's ("numId 0" in its own: none).
    const byStyle = p.numId === null && p.style !== null ? styleNumbering(p.style) : null;
    const numId = byStyle?.numId ?? p.numId;
    const ilvl = p.ilvl ?? byStyle?.ilvl ?? 0;
    if (numId === null || numId === "0") return;
    const num = numbering.nums.get(numId);
    const levels = num ? numbering.abstract.get(num.abstractId) : undefined;
    const level = levels?.get(ilvl);
    if (!num || !levels || !level) return;
    const list = counters.get(num.abstractId) ?? [];
    if (!started.has(numId)) {
      started.add(numId);
      for (const [i, start] of num.startOverrides) list[i] = start - 1;
    }
    list[ilvl] = (list[ilvl] ?? level.start - 1) + 1;
    list.length = ilvl + 1; // the levels below start over
    counters.set(num.abstractId, list);
    // An empty numbered paragraph takes its number (Word draws it) but has no text to carry it.
    if (p.text.trim() !== "") out.push({ marker: markerFor(levels, level, list), text: p.text, byStyle: byStyle !== null });
  }
}

function textOf(e: DocElement): string {
  if (e.type === "text") return e.value ?? "";
  if (e.type === "tab") return " ";
  return (e.children ?? []).map(textOf).join("");
}

const squeeze = (text: string) => text.replace(/\s+/g, "");
/** How many of the document's numbered paragraphs a paragraph of mammoth's model may be ahead of. */
const LOOKAHEAD = 4;

/**
 * Writes each numbered paragraph's marker into mammoth's paragraph with the same text, and makes
 * it a plain paragraph. Headings are left to numberHeadings (docx-numbering.ts).
 */
export function numberLists<T extends DocElement>(document: T, numbered: NumberedParagraph[], isHeading: (p: DocElement) => boolean): T {
  let next = 0;
  const visit = (e: DocElement) => {
    if (e.type === "paragraph") {
      if (next >= numbered.length) return;
      const text = squeeze(textOf(e));
      for (let k = next; k < Math.min(numbered.length, next + LOOKAHEAD); k++) {
        // mammoth marks a paragraph numbered by its own properties; one numbered by its style it may not.
        if (squeeze(numbered[k].text) !== text || (!e.numbering && !numbered[k].byStyle)) continue;
        next = k + 1;
        if (isHeading(e)) return;
        const first = firstText(e);
        if (!first) return;
        // A level Word draws no number for ("none") is a plain paragraph, not "1.".
        if (numbered[k].marker !== "") first.value = `${numbered[k].marker} ${first.value!.replace(/^\s+/, "")}`;
        e.numbering = null;
        return;
      }
      return;
    }
    for (const c of e.children ?? []) visit(c);
  };
  visit(document);
  return document;
}
