/**
 * Assignment IDs, kept as printed. Two families:
 *  - the TB form: `TB2023-05` (main letter), `TTB2023-22` (supplementary letter), also without zero
 *    padding (`TB2026-1`) and with three digits (`TB2026-101`). It is an ID wherever it stands.
 *    PDF and Word text sometimes split it (`TB 2022-31`, `TTB2021- 21`, `TB- 2026-2` in the real
 *    2026 letter); `normaliseId` removes the spaces and that hyphen but keeps the number as written.
 *  - plain forms, an ID only after a label ("ID: 2026-01", "Oppdrag 13/2024", "oppdrag nr. 2024-003"):
 *    year-number (`2026-01`) or number/year (`13/2024`, Kommunal- og distriktsdepartementet's form).
 * The same ID with other zero padding (`TB2023-1`, `TB2023-01`) is the same assignment (`sameId`).
 *
 * Assignments without an ID get a synthetic key `uten-id-<year>-<8 hex>` that can never match a
 * real ID. Pure module: no I/O, no node:crypto.
 */

/** The TB form as a RegExp source; groups: prefix (with a hyphen a line break left), year, number. */
export const TB_ID_SOURCE = String.raw`(T?TB(?:\s?-(?=\s?\d{4}))?)\s?(\d{4})\s?[-–]\s?(\d{1,3})(?!\d)`;

/** A plain form as a RegExp source, one group: "2026-01" or "13/2024" as printed. */
export const PLAIN_ID_SOURCE = String.raw`(\d{4}\s?[-–]\s?\d{1,3}(?!\d)|\d{1,3}\s?\/\s?\d{4}(?!\d))`;

/** One TB-form ID anywhere in a text (not anchored). Non-global: safe to share. */
export const ID_PATTERN = new RegExp(`(?<![A-Za-z0-9ÆØÅæøå])${TB_ID_SOURCE}`);

/** A plain-form ID after its label, anywhere in a text: "ID 2026-03", "oppdrag 13/2024", "oppdraget nr. 2024-003". */
const PLAIN_MENTION_SOURCE = String.raw`(?<![\p{L}\d])(?:ID\s*[:.]?\s*|[Oo]ppdrag(?:et)?\s+(?:nr\.?\s*)?(?:ID\s*[:.]?\s*)?)${PLAIN_ID_SOURCE}`;

/** An ID of another form: a code of capitals ("FHI-", "O ", "DMP "), then a number of up to three parts ("2025-01", "002", "25-01"). */
const OTHER_ID_CODE = String.raw`[A-ZÆØÅ]{1,6}[ -]?`;
const OTHER_ID_NUMBER = String.raw`\d{1,4}(?:[-./]\d{1,4}){0,2}`;

/** The year an ID of another form names ("FHI-2025-01" → 2025), 0 when it names none ("O 002"). */
function otherIdYear(id: string): number {
  return Number(/(?:19|20)\d{2}/.exec(id)?.[0] ?? 0);
}

/**
 * An ID of another form after its label ("oppdrag O 002", "ID: FHI-2025-01", "oppdraget DMP 2025-3"):
 * capitals and a number, as `ID:` defines them (RE_LEADING_OTHER); never a document series ("NOU 2023:4").
 */
const OTHER_MENTION_SOURCE = String.raw`(?<![\p{L}\d])(?:ID\s*:?\s*|[Oo]ppdrag(?:et)?\s+(?:nr\.?\s*)?(?:ID\s*:?\s*)?)((?!(?:NOU|EU|EØS|ISO|NS|KS|SSB|FOR|LOV|TB|TTB)\b)${OTHER_ID_CODE}${OTHER_ID_NUMBER})(?![\p{L}\d/.:-])`;

/** A fresh global copy of ID_PATTERN (a shared global RegExp would leak `lastIndex`). */
export function idRegexGlobal(): RegExp {
  return new RegExp(ID_PATTERN.source, "g");
}

export interface IdParts {
  /** "TB" / "TTB", or the plain form: "year-number" (2026-01) or "number/year" (13/2024). */
  form: "TB" | "TTB" | "year-number" | "number/year";
  year: number;
  number: number;
}

/** "TB 2022-31" → "TB2022-31", "TB- 2026-2" → "TB2026-2"; the number keeps its padding as written. */
export function normaliseId(prefix: string, year: string, num: string): string {
  return `${prefix.replace(/[\s-]+/g, "").toUpperCase()}${year}-${num}`;
}

/** A plain-form ID as printed, without the spaces a PDF put in: "2026 - 01" → "2026-01", "13 / 2024" → "13/2024". */
export function normalisePlainId(printed: string): string {
  return printed.replace(/\s+/g, "").replace("–", "-");
}

export interface IdMention {
  id: string;
  index: number;
  length: number;
  /** The year the ID names; 0 for an ID of another form that names none ("O 002"). */
  year: number;
}

/**
 * All IDs mentioned in a text, normalised, in order of appearance (duplicates kept): every TB-form
 * ID, and plain-form IDs after their label ("oppdrag 13/2024"); a bare "2026-01" is not an ID.
 */
export function findIds(text: string): IdMention[] {
  const out: IdMention[] = [];
  const re = idRegexGlobal();
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ id: normaliseId(m[1], m[2], m[3]), index: m.index, length: m[0].length, year: Number(m[2]) });
  }
  if (!/ID|ppdrag/.test(text)) return out;
  const before = out.length;
  if (/\d[-–\s/]/.test(text)) {
    const plain = new RegExp(PLAIN_MENTION_SOURCE, "gu");
    while ((m = plain.exec(text)) !== null) {
      const id = normalisePlainId(m[1]);
      const year = parseId(id)?.year;
      if (year !== undefined) out.push({ id, index: m.index + m[0].length - m[1].length, length: m[1].length, year });
    }
  }
  const other = new RegExp(OTHER_MENTION_SOURCE, "gu");
  while ((m = other.exec(text)) !== null) {
    const index = m.index + m[0].length - m[1].length;
    // A TB or plain form found above at the same place stays what it is.
    if (out.some((o) => o.index === index)) continue;
    out.push({ id: m[1], index, length: m[1].length, year: otherIdYear(m[1]) });
  }
  return out.length > before ? out.sort((a, b) => a.index - b.index) : out;
}

/** A plain-form ID ("2026-01", "13/2024"): an ID only after its label. */
export function isPlainForm(id: string): boolean {
  const form = parseId(id)?.form;
  return form === "year-number" || form === "number/year";
}

/** A mention of `id` that `findIds` reads back: a plain form needs its label ("oppdrag 13/2024"). */
export function idMention(id: string): string {
  return isPlainForm(id) ? `oppdrag ${id}` : id;
}

/** Parts of a real ID, or null for anything else (including synthetic keys). */
export function parseId(id: string): IdParts | null {
  const tb = /^(T?TB)(\d{4})-(\d{1,3})$/.exec(id);
  if (tb) return { form: tb[1] as "TB" | "TTB", year: Number(tb[2]), number: Number(tb[3]) };
  const yn = /^(\d{4})-(\d{1,3})$/.exec(id);
  if (yn) return { form: "year-number", year: Number(yn[1]), number: Number(yn[2]) };
  const ny = /^(\d{1,3})\/(\d{4})$/.exec(id);
  if (ny) return { form: "number/year", year: Number(ny[2]), number: Number(ny[1]) };
  return null;
}

const RE_LEADING_TB = new RegExp(`^${TB_ID_SOURCE}`, "i");
const RE_LEADING_PLAIN = new RegExp(`^${PLAIN_ID_SOURCE}`);
/**
 * An ID of another form, read only after "ID:" (the letter says it is one): a short code with a
 * number ("FHI-2025-01", "O 002", "DMP 2025-3", "25-01"), kept as printed.
 */
const RE_LEADING_OTHER = new RegExp(String.raw`^(?:${OTHER_ID_CODE})?${OTHER_ID_NUMBER}(?![\p{L}\d/.-])`, "u");

/**
 * The ID at the very start of `text`: a TB-form ID, or (only when `plainAllowed`, i.e. after a
 * label the caller has read) a plain-form ID, or (only when `otherAllowed`, after "ID:") an ID of
 * another form, its year the one it names (0 when none). `length` is how much of `text` it takes.
 */
export function leadingId(text: string, plainAllowed: boolean, otherAllowed = false): { id: string; year: number; length: number } | null {
  const tb = RE_LEADING_TB.exec(text);
  if (tb) return { id: normaliseId(tb[1], tb[2], tb[3]), year: Number(tb[2]), length: tb[0].length };
  if (!plainAllowed) return null;
  const p = RE_LEADING_PLAIN.exec(text);
  const parts = p ? parseId(normalisePlainId(p[1])) : null;
  if (p && parts) return { id: normalisePlainId(p[1]), year: parts.year, length: p[0].length };
  const other = otherAllowed ? RE_LEADING_OTHER.exec(text) : null;
  if (!other) return null;
  return { id: other[0], year: otherIdYear(other[0]), length: other[0].length };
}

/** One string per assignment identity, whatever the padding: "TB:2023-1" for TB2023-01 and TB2023-1. */
export function idIdentity(id: string): string {
  const p = parseId(id);
  return p ? `${p.form}:${p.year}-${p.number}` : id;
}

/** The year an ID names, or null (IDs of no known form, synthetic keys). */
export function idYear(id: string): number | null {
  return parseId(id)?.year ?? null;
}

/** Same assignment regardless of zero padding: TB2023-1 and TB2023-01, 2026-1 and 2026-01. */
export function sameId(a: string, b: string): boolean {
  return a === b || idIdentity(a) === idIdentity(b);
}

/**
 * The keys an ID may be stored under, the printed one first: its number unpadded and padded to two
 * and three digits (a later letter may write `TB2026-01` for the main letter's `TB2026-1`).
 */
export function idKeyVariants(id: string): string[] {
  const p = parseId(id);
  if (!p) return [id];
  const numbers = [String(p.number), pad(p.number, 2), pad(p.number, 3)];
  const tbPrefix = /^T?TB/.exec(id)?.[0] ?? "";
  const forms = numbers.map((n) =>
    p.form === "number/year" ? `${n}/${p.year}` : p.form === "year-number" ? `${p.year}-${n}` : `${tbPrefix}${p.year}-${n}`,
  );
  return [id, ...forms.filter((f, i) => f !== id && forms.indexOf(f) === i)];
}

export const SYNTHETIC_PREFIX = "uten-id-";

export function isSyntheticId(id: string): boolean {
  return typeof id === "string" && id.startsWith(SYNTHETIC_PREFIX);
}

/** Where an assignment was first written: its letter (database id, in import order) and line. */
export interface LetterPlace {
  letterId: number;
  line: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * The order assignments are listed in, as one string that sorts by plain comparison (stored as
 * `assignments.sort_key`, so SQL and JS sort alike): TB IDs, then TTB IDs, each by year and
 * number (TB2026-2 before TB2026-10); then IDs of other forms as printed, numbers compared as
 * numbers (2026-2 before 2026-10); then assignments without an ID in the order of their letters
 * and their place in the letter (synthetic keys are hashes, their own order means nothing).
 */
export function assignmentSortKey(key: string, place?: LetterPlace): string {
  const parts = parseId(key);
  if (parts && (parts.form === "TB" || parts.form === "TTB")) return `1${parts.form === "TB" ? 0 : 1}${parts.year}${pad(parts.number, 6)} ${key}`;
  if (!isSyntheticId(key)) return `2${key.replace(/\d+/g, (digits) => digits.padStart(12, "0"))} ${key}`;
  return place ? `3${pad(place.letterId, 10)}${pad(place.line, 8)} ${key}` : `3 ${key}`;
}

/** Two sort keys by plain comparison, as SQLite's default collation orders them. */
export function compareSortKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 32-bit FNV-1a over the UTF-8 bytes of `text`, as 8 lowercase hex digits. */
export function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  const feed = (byte: number) => {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) feed(cp);
    else if (cp < 0x800) {
      feed(0xc0 | (cp >> 6));
      feed(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      feed(0xe0 | (cp >> 12));
      feed(0x80 | ((cp >> 6) & 0x3f));
      feed(0x80 | (cp & 0x3f));
    } else {
      feed(0xf0 | (cp >> 18));
      feed(0x80 | ((cp >> 12) & 0x3f));
      feed(0x80 | ((cp >> 6) & 0x3f));
      feed(0x80 | (cp & 0x3f));
    }
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** Lower case, letters and digits only, single spaces: the part of a title that identifies it. */
export function normaliseTitleForKey(title: string): string {
  return title
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Stable key for an assignment without an ID: `uten-id-<year>-<fnv1a(letterKey|title)>`.
 * `letterKey` is the letter's reference ("Vår ref"), or its date or title when the text gives no
 * reference. The same letter and title always give the same key, across runs and re-imports.
 */
export function syntheticId(year: number, letterKey: string, title: string): string {
  const y = Number.isFinite(year) ? String(year) : "0";
  return `${SYNTHETIC_PREFIX}${y}-${fnv1a32(`${letterKey.trim()}|${normaliseTitleForKey(title)}`)}`;
}
