/**
 * `npm run --silent letter:parse -- FILE`: parse a letter text file and print exactly one JSON
 * object (a `ParseResult`, see README) on stdout, exit 0. A missing, unreadable or binary file
 * gives a Norwegian message on stderr and exit code 1, never a stack trace.
 */
import fs from "node:fs";
import { parseLetter } from "../app/domain/letter/parse";

function fail(message: string): never {
  process.stderr.write(`Feil: ${message}\n`);
  process.exit(1);
}

// `… | head` closes stdout early: that is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  process.exit(1);
});

function main(): void {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const file = args[0];
  if (!file) fail("mangler filnavn. Bruk: npm run --silent letter:parse -- FIL");

  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") fail(`fant ikke filen «${file}».`);
    if (code === "EACCES" || code === "EPERM") fail(`har ikke tilgang til filen «${file}».`);
    fail(`kunne ikke lese filen «${file}» (${code ?? "ukjent feil"}).`);
  }
  if (stat.isDirectory()) fail(`«${file}» er en mappe, ikke en fil.`);
  if (!stat.isFile()) fail(`«${file}» er ikke en vanlig fil.`);

  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") fail(`har ikke tilgang til filen «${file}».`);
    fail(`kunne ikke lese filen «${file}» (${code ?? "ukjent feil"}).`);
  }

  if (bytes.includes(0)) fail(`«${file}» ser ut til å være en binærfil, ikke tekst.`);
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const replacements = (decoded.match(/\uFFFD/g) ?? []).length;
  const visible = decoded.replace(/\s/g, "").length;
  if (replacements > 0 && replacements >= Math.max(3, visible * 0.05)) {
    fail(`«${file}» er ikke gyldig UTF-8-tekst (${replacements} tegn kunne ikke leses).`);
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
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

try {
  main();
} catch (err) {
  fail(`uventet feil under tolking: ${err instanceof Error ? err.message : String(err)}`);
}
