/**
 * Ministry departments as a letter names them: "Folkehelseavdelingen (FHA)", "KOMM
 * (Kommunalavdelingen)", or the name alone where the code stands elsewhere in the letter. Pure
 * module; one linear pass over the text per function.
 */
import { wordsEndingWith } from "./words";

const CODE = String.raw`[A-ZÆØÅ]{2,6}`;
const RE_CODE_AFTER = new RegExp(String.raw`^\s*\(\s*(${CODE})\s*\)`, "u");
const RE_CODE_BEFORE = new RegExp(String.raw`(?<![\p{L}\d])(${CODE})\s*\(\s*$`, "u");

/** A department name the text writes, with the code written beside it, if any. */
export interface NamedDepartment {
  name: string;
  code: string | null;
}

/** The department names of a text ("…avdelingen", "Bolig- og bygningsavdelingen"), each with the code written beside it, if any. One pass. */
export function namesInText(text: string): NamedDepartment[] {
  const out: NamedDepartment[] = [];
  for (const [word, end] of wordsEndingWith(text, "avdelingen", true)) {
    // "Bolig- og bygningsavdelingen": the name begins before its last word.
    const start = end - word.length;
    const name = `${/\p{Lu}\p{L}*-\s(?:og|eller)\s$/u.exec(text.slice(Math.max(0, start - 40), start))?.[0] ?? ""}${word}`;
    if (name.length < 12 || !/^\p{Lu}/u.test(name)) continue;
    // "Kommunalavdelingen (KOMM)", or "KOMM (Kommunalavdelingen)".
    const after = RE_CODE_AFTER.exec(text.slice(end, end + 20))?.[1];
    const nameStart = end - name.length;
    const before = text[end] === ")" ? RE_CODE_BEFORE.exec(text.slice(Math.max(0, nameStart - 12), nameStart))?.[1] : undefined;
    out.push({ name, code: after ?? before ?? null });
  }
  return out;
}

/**
 * Department names for `codes` when the text gives them: written beside the code
 * ("Folkehelseavdelingen (FHA)", "KOMM (Kommunalavdelingen)"), or a single "…avdelingen" whose
 * letters contain the code in order starting with its first letter (KTA →
 * Kommunetjenesteavdelingen, SHA → Spesialisthelsetjenesteavdelingen).
 */
export function departmentNames(codes: string[], found: NamedDepartment[]): Map<string, string | null> {
  const names = new Set(found.map((f) => f.name));
  const explicit = new Map<string, string>();
  for (const f of found) if (f.code && !explicit.has(f.code)) explicit.set(f.code, f.name);
  const out = new Map<string, string | null>();
  for (const code of codes) {
    const matches = [...names].filter((name) => lettersInOrder(code, name));
    out.set(code, explicit.get(code) ?? (matches.length === 1 ? matches[0] : null));
  }
  return out;
}

function lettersInOrder(code: string, name: string): boolean {
  const c = code.toLowerCase();
  const lower = name.toLowerCase();
  if (lower[0] !== c[0]) return false;
  let pos = 1;
  for (const ch of c.slice(1)) {
    const at = lower.indexOf(ch, pos);
    if (at < 0) return false;
    pos = at + 1;
  }
  return true;
}

/**
 * Each department name the text writes beside exactly one code, lower-cased, with that code:
 * what an owner written by name alone ("Ansvarlig avdeling: Kommunalavdelingen") stands for.
 */
export function departmentCodesByName(found: NamedDepartment[]): Map<string, string> {
  const codes = new Map<string, Set<string>>();
  for (const f of found) {
    if (!f.code) continue;
    const key = f.name.toLowerCase();
    codes.set(key, (codes.get(key) ?? new Set()).add(f.code));
  }
  const out = new Map<string, string>();
  for (const [name, set] of codes) if (set.size === 1) out.set(name, [...set][0]);
  return out;
}

/**
 * Department names and nothing else ("Kommunalavdelingen", "Bolig- og bygningsavdelingen og
 * Kommunalavdelingen."): the names, or null. An owner the letter writes by name without its code.
 */
export function departmentNamesOnly(text: string): string[] | null {
  const names = namesInText(text).map((n) => n.name);
  if (names.length === 0) return null;
  let rest = text;
  for (const name of names) rest = rest.replace(name, " ");
  return /^(?:[\s,/&.;]|\bog\b)*$/u.test(rest) ? [...new Set(names)] : null;
}
