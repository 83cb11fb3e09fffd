/**
 * `npm run --silent letter:parse -- FILE`: parse a letter file (text, Markdown, or a PDF or Word
 * file read as the upload reads it) and print exactly one JSON object (a `ParseResult`, see
 * README) on stdout, exit 0. A missing, unreadable or binary file gives a Norwegian message on
 * stderr and exit code 1, never a stack trace.
 */
import fs from "node:fs";
import { parseLetter } from "../app/domain/letter/parse";
import { type Cli, type CliIo, errorMessage, fail, runIfEntry } from "./lib/cli";
import { documentText } from "./lib/read-letter-file";

function unreadable(err: unknown, file: string, missing: boolean): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (missing && (code === "ENOENT" || code === "ENOTDIR")) return `fant ikke filen «${file}».`;
  if (code === "EACCES" || code === "EPERM") return `har ikke tilgang til filen «${file}».`;
  return `kunne ikke lese filen «${file}» (${code ?? "ukjent feil"}).`;
}

async function main(argv: string[], io: CliIo): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  const file = args[0];
  if (!file) return fail(io, "mangler filnavn. Bruk: npm run --silent letter:parse -- FIL");

  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    return fail(io, unreadable(err, file, true));
  }
  if (stat.isDirectory()) return fail(io, `«${file}» er en mappe, ikke en fil.`);
  if (!stat.isFile()) return fail(io, `«${file}» er ikke en vanlig fil.`);

  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return fail(io, unreadable(err, file, false));
  }

  // A PDF or Word file: its text as the upload reads it.
  const document = await documentText(file, bytes);
  if (document) {
    if (!document.ok) return fail(io, document.message);
    io.stdout.write(`${JSON.stringify(parseLetter(document.text), null, 2)}\n`);
    return 0;
  }
  if (bytes.includes(0)) return fail(io, `«${file}» ser ut til å være en binærfil, ikke tekst.`);
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const replacements = (decoded.match(/\uFFFD/g) ?? []).length;
  const visible = decoded.replace(/\s/g, "").length;
  if (replacements > 0 && replacements >= Math.max(3, visible * 0.05)) {
    return fail(io, `«${file}» er ikke gyldig UTF-8-tekst (${replacements} tegn kunne ikke leses).`);
  }
  const text = decoded.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

  const result = parseLetter(text);
  if (replacements > 0) {
    const firstBad = text.slice(0, text.indexOf("\uFFFD")).split("\n").length;
    result.warnings.unshift({
      line: firstBad,
      message: `Filen har ${replacements} tegn som ikke er gyldig UTF-8 (vist som �) – kontroller tegnkodingen`,
    });
  }
  io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

export const cli: Cli = { main, describeError: (err) => `uventet feil under tolking: ${errorMessage(err)}` };

runIfEntry(import.meta.url, cli);
