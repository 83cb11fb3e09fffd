/** Reads a letter text file for the CLIs, with Norwegian messages for every way it can fail. */
import fs from "node:fs";
import { normaliseLetterText } from "../../app/domain/letter/normalise";

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

export function readLetterFile(file: string): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { ok: false, message: `fant ikke filen «${file}».` };
  }
  if (stat.isDirectory()) return { ok: false, message: `«${file}» er en mappe, ikke en fil.` };
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch {
    return { ok: false, message: `kunne ikke lese filen «${file}».` };
  }
  if (buffer.includes(0)) {
    return { ok: false, message: `«${file}» ser ikke ut som en tekstfil (inneholder binære data). Bruk tekst hentet ut av brevet.` };
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(buffer);
  const replacements = (text.match(/\uFFFD/g) ?? []).length;
  if (text.length > 0 && replacements / text.length > 0.01) {
    return { ok: false, message: `«${file}» er ikke gyldig UTF-8-tekst.` };
  }
  return { ok: true, text: normaliseLetterText(text) };
}
