/**
 * Mutated letter texts (lines cut, shuffled, dropped or repeated, text truncated, encoding
 * damaged) must never crash the parser: `parseLetter` returns a result, with warnings instead of
 * an internal error, and every line number it reports lies within the text.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseLetter } from "../../app/domain/letter/parse";
import { REPO_ROOT } from "./common";

/**
 * The bundled letter texts, by name: the 2023 letter, then `test/fixtures/letters/*.txt` in name
 * order (the top folder only: index 1 is `variant-2024-samme-layout.txt`, as when seed 1032642825
 * failed), then the written 2026 series `test/fixtures/letters/2026/*.txt`.
 */
export function letterSources(): { name: string; text: string }[] {
  const letters = path.join(REPO_ROOT, "test/fixtures/letters");
  return letterFiles().map((file) => ({
    name: file.startsWith(letters) ? path.relative(letters, file) : path.basename(file),
    text: fs.readFileSync(file, "utf8"),
  }));
}

/** The files of `letterSources`, as absolute paths, in its order. */
export function letterFiles(): string[] {
  const dir = path.join(REPO_ROOT, "test/fixtures/letters");
  const inDir = (sub: string) => {
    const d = path.join(dir, sub);
    return fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith(".txt")).sort().map((f) => path.join(d, f)) : [];
  };
  return [path.join(REPO_ROOT, "db/seed/tildelingsbrev-2023.txt"), ...inDir(""), ...inDir("2026")];
}

export function letterTexts(): string[] {
  return letterSources().map((s) => s.text);
}

type Mutation = (lines: string[], rnd: () => number) => string[];

const pick = (n: number, rnd: () => number) => Math.floor(rnd() * n);

/** Latin-1 read of UTF-8 (mojibake), replacement characters, stray bytes. */
function damageEncoding(line: string, rnd: () => number): string {
  const kind = pick(4, rnd);
  if (kind === 0) return Buffer.from(line, "utf8").toString("latin1");
  if (kind === 1) return line.replace(/[æøåÆØÅ]/g, "\uFFFD");
  if (kind === 2) return line.split("").map((c) => (rnd() < 0.05 ? String.fromCharCode(pick(32, rnd)) : c)).join("");
  return `${line.slice(0, pick(line.length + 1, rnd))}\uD800${line.slice(pick(line.length + 1, rnd))}`;
}

export const MUTATIONS: Record<string, Mutation> = {
  "linjer kuttet": (lines, rnd) => lines.map((l) => (rnd() < 0.2 ? l.slice(0, pick(l.length + 1, rnd)) : l)),
  "linjer stokket": (lines, rnd) => {
    const out = [...lines];
    const start = pick(out.length, rnd);
    const len = Math.min(out.length - start, 1 + pick(60, rnd));
    const block = out.splice(start, len);
    for (let i = block.length - 1; i > 0; i--) {
      const j = pick(i + 1, rnd);
      [block[i], block[j]] = [block[j], block[i]];
    }
    out.splice(pick(out.length + 1, rnd), 0, ...block);
    return out;
  },
  "linjer fjernet": (lines, rnd) => lines.filter(() => rnd() > 0.15),
  "linjer doblet": (lines, rnd) => lines.flatMap((l) => (rnd() < 0.1 ? [l, l] : [l])),
  "avkortet tekst": (lines, rnd) => lines.slice(0, pick(lines.length + 1, rnd)),
  "skadet tegnkoding": (lines, rnd) => lines.map((l) => (rnd() < 0.2 ? damageEncoding(l, rnd) : l)),
  "linjer slått sammen": (lines, rnd) => {
    const out: string[] = [];
    for (const l of lines) {
      if (out.length && rnd() < 0.15) out[out.length - 1] += ` ${l}`;
      else out.push(l);
    }
    return out;
  },
  "tilfeldige linjer": (lines, rnd) =>
    lines.map((l) => (rnd() < 0.05 ? ["ID: TB2023-", "Frist: 31.6.2026", "Mål", "Eieravdeling HOD:", "Utsettelse av TB2023-99", "2.", "\t\f\v"][pick(7, rnd)] : l)),
};

/** One mutated text: which bundled text, which mutations in order, and the xorshift seed. */
export interface MutationCase {
  /** Name as in `letterSources()`. */
  text: string;
  mutations: string[];
  seed: number;
}

/**
 * Every case that ever failed, replayed on every run. Add the case printed by a failing run
 * (`[tekst …, mutasjoner, frø …]`) here when you fix it.
 */
export const REGRESSION_CASES: MutationCase[] = [
  // Internal error "Cannot read properties of undefined (reading 'no')": a free segment of a
  // supplementary letter that starts on the first line of the text had its head at index -1.
  { text: "variant-2024-samme-layout.txt", mutations: ["linjer stokket", "tilfeldige linjer"], seed: 1032642825 },
];

/** Fixed fast-check seeds for the test suite (deterministic); `npm run test:reliability` draws fresh ones. */
export const FIXED_SEEDS = [20260101, 1032642825, 424242];

function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

/** The mutated text of one case. */
export function mutatedText(lines: string[], mutations: string[], seed: number): string {
  const rnd = xorshift(seed);
  let out = lines;
  for (const m of mutations) out = MUTATIONS[m](out, rnd);
  return out.join("\n");
}

/** What is wrong with the parser's answer on `text`, or null when all is well. */
export function checkParse(text: string): { problem: string | null; crashed: boolean; internal: boolean; warned: boolean } {
  // Line numbers as the parser counts them (CR and CRLF end a line too).
  const lineCount = text.replace(/\r\n?/g, "\n").split("\n").length;
  let result;
  try {
    result = parseLetter(text);
  } catch (error) {
    return { problem: `parseLetter kastet: ${String(error)}`, crashed: true, internal: false, warned: false };
  }
  const internal = result.warnings.find((w) => w.message.startsWith("Intern feil"));
  if (internal) return { problem: `intern feil i tolkingen: ${internal.message}`, crashed: false, internal: true, warned: true };
  const warned = result.warnings.length > 0;
  for (const w of result.warnings) {
    if (!(w.line >= 1 && w.line <= lineCount + 1)) return { problem: `advarsel med linje ${w.line} utenfor teksten (${lineCount} linjer)`, crashed: false, internal: false, warned };
  }
  for (const a of result.assignments) {
    if (!(a.line >= 1 && a.endLine <= lineCount + 1 && a.line <= a.endLine)) {
      return { problem: `oppdrag ${a.id} med linjer ${a.line}–${a.endLine} utenfor teksten`, crashed: false, internal: false, warned };
    }
  }
  return { problem: null, crashed: false, internal: false, warned };
}

/** Replays REGRESSION_CASES; returns the problems found (empty when all pass). */
export function runRegressionCases(cases: MutationCase[] = REGRESSION_CASES): string[] {
  const sources = new Map(letterSources().map((s) => [s.name, s.text.split("\n")]));
  const problems: string[] = [];
  for (const c of cases) {
    const lines = sources.get(c.text);
    if (!lines) {
      problems.push(`ukjent tekst ${c.text}`);
      continue;
    }
    const { problem } = checkParse(mutatedText(lines, c.mutations, c.seed));
    if (problem) problems.push(`${problem} [tekst ${c.text}, ${c.mutations.join(" + ")}, frø ${c.seed}]`);
  }
  return problems;
}

export interface ParserFuzzResult {
  cases: number;
  crashes: number;
  internalErrors: number;
  withWarnings: number;
  failure?: string;
  byMutation: Record<string, number>;
  ms: number;
  /** The fast-check seed, for replay (`runParserMutations({ cases, seed })`); null when fast-check drew one. */
  seed: number | null;
}

export function runParserMutations(options: { cases: number; seed?: number }): ParserFuzzResult {
  const sources = letterSources();
  const texts = sources.map((t) => t.text.split("\n"));
  const names = Object.keys(MUTATIONS);
  const started = Date.now();
  let crashes = 0;
  let internalErrors = 0;
  let withWarnings = 0;
  let failure: string | undefined;
  let lastError = "";
  const byMutation: Record<string, number> = {};
  const property = fc.property(
    fc.integer({ min: 0, max: texts.length - 1 }),
    fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
    fc.integer(),
    (textIndex, mutations, seed) => {
      for (const m of mutations) byMutation[m] = (byMutation[m] ?? 0) + 1;
      const r = checkParse(mutatedText(texts[textIndex], mutations, seed));
      if (r.crashed) crashes += 1;
      if (r.internal) internalErrors += 1;
      if (r.warned) withWarnings += 1;
      if (r.problem) {
        lastError = `${r.problem} [tekst ${sources[textIndex].name}, ${mutations.join(" + ")}, frø ${seed}]`;
        throw new Error(lastError);
      }
    },
  );
  try {
    fc.assert(property, { numRuns: options.cases, seed: options.seed });
  } catch (error) {
    failure = lastError || (error instanceof Error ? error.message : String(error)).slice(0, 800);
  }
  return { cases: options.cases, crashes, internalErrors, withWarnings, failure, byMutation, ms: Date.now() - started, seed: options.seed ?? null };
}
