/**
 * Assignment IDs: `TB2023-05` (main letter), `TTB2023-22` (supplementary letter), also without
 * zero padding (`TB2026-1`) and with three digits (`TB2026-101`). PDF text sometimes splits them
 * (`TB 2022-31`, `TTB2021- 21`); `normaliseId` removes the spaces but keeps the number as written.
 *
 * Assignments without an ID get a synthetic key `uten-id-<year>-<8 hex>` that can never match a
 * real ID (real IDs start with "TB"/"TTB"). Pure module: no I/O, no node:crypto.
 */

/** One ID anywhere in a text (not anchored). Non-global: safe to share. */
export const ID_PATTERN = /(?<![A-Za-z0-9ÆØÅæøå])(T?TB)\s?(\d{4})\s?[-–]\s?(\d{1,3})(?!\d)/;

/** A fresh global copy of ID_PATTERN (a shared global RegExp would leak `lastIndex`). */
export function idRegexGlobal(): RegExp {
  return new RegExp(ID_PATTERN.source, "g");
}

export interface IdParts {
  prefix: "TB" | "TTB";
  year: number;
  number: number;
}

/** "TB 2022-31" → "TB2022-31"; the number keeps its padding as written. */
export function normaliseId(prefix: string, year: string, num: string): string {
  return `${prefix.toUpperCase()}${year}-${num}`;
}

/** All IDs mentioned in a text, normalised, in order of appearance (duplicates kept). */
export function findIds(text: string): { id: string; index: number; length: number; year: number }[] {
  const out: { id: string; index: number; length: number; year: number }[] = [];
  const re = idRegexGlobal();
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ id: normaliseId(m[1], m[2], m[3]), index: m.index, length: m[0].length, year: Number(m[2]) });
  }
  return out;
}

/** Parts of a real ID, or null for anything else (including synthetic keys). */
export function parseId(id: string): IdParts | null {
  const m = /^(T?TB)(\d{4})-(\d{1,3})$/.exec(id);
  if (!m) return null;
  return { prefix: m[1] as "TB" | "TTB", year: Number(m[2]), number: Number(m[3]) };
}

/** Same assignment regardless of zero padding: TB2023-1 and TB2023-01. */
export function sameId(a: string, b: string): boolean {
  const pa = parseId(a);
  const pb = parseId(b);
  if (!pa || !pb) return a === b;
  return pa.prefix === pb.prefix && pa.year === pb.year && pa.number === pb.number;
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
  if (parts) return `1${parts.prefix === "TB" ? 0 : 1}${parts.year}${pad(parts.number, 6)} ${key}`;
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
