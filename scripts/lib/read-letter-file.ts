/**
 * Reads a letter file for the CLIs, with Norwegian messages for every way it can fail: a text file
 * (also Markdown), or a PDF or Word file read as the upload reads it.
 */
import fs from "node:fs";
import path from "node:path";
import { normaliseLetterText } from "../../app/domain/letter/normalise";

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * A PDF or Word (.docx) file's text, read as the upload reads it (app/letters/extract.server.ts,
 * loaded only then); null for any other file.
 */
export async function documentText(file: string, bytes: Uint8Array): Promise<ReadResult | null> {
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  if (!head.startsWith("%PDF-") && !head.startsWith("PK\u0003\u0004")) return null;
  const { extractLetterText } = await import("../../app/letters/extract.server");
  const result = await extractLetterText(path.basename(file), bytes);
  return result.ok ? { ok: true, text: result.text } : { ok: false, message: `«${file}»: ${result.message}` };
}

export async function readLetterFile(file: string): Promise<ReadResult> {
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
  const document = await documentText(file, buffer);
  if (document) return document;
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
