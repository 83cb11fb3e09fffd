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

export function letterTexts(): string[] {
  const dir = path.join(REPO_ROOT, "test/fixtures/letters");
  const fixtures = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => fs.readFileSync(path.join(dir, f), "utf8")) : [];
  return [fs.readFileSync(path.join(REPO_ROOT, "db/seed/tildelingsbrev-2023.txt"), "utf8"), ...fixtures];
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

export interface ParserFuzzResult {
  cases: number;
  crashes: number;
  internalErrors: number;
  withWarnings: number;
  failure?: string;
  byMutation: Record<string, number>;
  ms: number;
}

export function runParserMutations(options: { cases: number; seed?: number }): ParserFuzzResult {
  const texts = letterTexts().map((t) => t.split("\n"));
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
      let state = seed >>> 0 || 1;
      const rnd = () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 0x100000000;
      };
      let lines = texts[textIndex];
      for (const m of mutations) {
        lines = MUTATIONS[m](lines, rnd);
        byMutation[m] = (byMutation[m] ?? 0) + 1;
      }
      const text = lines.join("\n");
      // Line numbers as the parser counts them (CR and CRLF end a line too).
      const lineCount = text.replace(/\r\n?/g, "\n").split("\n").length;
      const fail = (message: string): never => {
        lastError = `${message} [tekst ${textIndex}, ${mutations.join(" + ")}, frø ${seed}]`;
        throw new Error(lastError);
      };
      let result;
      try {
        result = parseLetter(text);
      } catch (error) {
        crashes += 1;
        return fail(`parseLetter kastet: ${String(error)}`);
      }
      if (result.warnings.some((w) => w.message.startsWith("Intern feil"))) {
        internalErrors += 1;
        fail(`intern feil i tolkingen: ${result.warnings.find((w) => w.message.startsWith("Intern feil"))?.message}`);
      }
      if (result.warnings.length > 0) withWarnings += 1;
      for (const w of result.warnings) {
        if (!(w.line >= 1 && w.line <= lineCount + 1)) fail(`advarsel med linje ${w.line} utenfor teksten (${lineCount} linjer)`);
      }
      for (const a of result.assignments) {
        if (!(a.line >= 1 && a.endLine <= lineCount + 1 && a.line <= a.endLine)) {
          fail(`oppdrag ${a.id} med linjer ${a.line}–${a.endLine} utenfor teksten`);
        }
      }
    },
  );
  try {
    fc.assert(property, { numRuns: options.cases, seed: options.seed });
  } catch (error) {
    failure = lastError || (error instanceof Error ? error.message : String(error)).slice(0, 800);
  }
  return { cases: options.cases, crashes, internalErrors, withWarnings, failure, byMutation, ms: Date.now() - started };
}
