/**
 * Text out of an uploaded letter: .txt or .md (UTF-8; Markdown is read as its plain text by the
 * normalisation, markdown.ts), .pdf (unpdf, pdf.js underneath) or .docx (mammoth's HTML, turned
 * into text with Word's list numbers, bullets and heading numbers kept: html-text.ts,
 * docx-numbering.ts, word-lists.ts). Lines and paragraph breaks are kept, because the parser reads
 * the layout. Every refusal is a Norwegian message; nothing here throws on bad input.
 */
import { getDocumentProxy } from "unpdf";
import { normaliseLetterText } from "~/domain/letter/normalise";
import { isNumberedHeading, numberHeadings } from "./docx-numbering";
import { docxHtmlToText } from "./html-text";
import { numberedParagraphs, numberLists, readWordNumbering, readWordStyles, type NumberedParagraph } from "./word-lists";
import { unzipWithin } from "./zip.server";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** A .docx may unpack to at most this much (all its parts together), checked before mammoth reads it. */
export const MAX_DOCX_EXPANDED_BYTES = 40 * 1024 * 1024;
/** Extracted text longer than this is no letter (the 2023 letter is 0.18 M characters). */
export const MAX_TEXT_CHARS = 2_000_000;

const TOO_MUCH_TEXT = "Filen inneholder mer tekst enn et tildelingsbrev kan ha, og ble avvist.";

/** The parts of a .docx its list numbers are read from (word-lists.ts). */
const LIST_PARTS: ReadonlySet<string> = new Set(["word/numbering.xml", "word/document.xml", "word/styles.xml"]);

/** The numbered paragraphs of a .docx with the markers Word draws for them; none when it has no list definitions. */
function wordListNumbers(parts: Map<string, string>): NumberedParagraph[] {
  const numbering = parts.get("word/numbering.xml");
  const document = parts.get("word/document.xml");
  if (!numbering || !document) return [];
  const styles = parts.get("word/styles.xml");
  return numberedParagraphs(document, readWordNumbering(numbering), styles ? readWordStyles(styles) : new Map());
}

export type LetterFileKind = "txt" | "pdf" | "docx";
export type ExtractResult = { ok: true; text: string; kind: LetterFileKind } | { ok: false; message: string };

function kindOf(fileName: string, bytes: Uint8Array): LetterFileKind | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  if (head.startsWith("%PDF-")) return "pdf";
  if (head.startsWith("PK\u0003\u0004")) return ext === "docx" ? "docx" : null;
  // Plain text, or Markdown a converter made of the letter (normalise.ts reads it as the letter's text).
  if (ext === "txt" || ext === "text" || ext === "md" || ext === "markdown" || ext === "") return "txt";
  return null;
}

/**
 * A new paragraph where the text moves down this much more than from one line of a paragraph to
 * the next: an empty line (2 ×) or a word processor's space after a paragraph ("6 pt after" on
 * 11 pt text is ≈ 1.45 × at single spacing, ≈ 1.3 × at one and a half). Lines of one paragraph
 * keep their pitch to within a point (positions are rounded).
 */
const PARAGRAPH_GAP = 1.25;

/**
 * The distance between two lines of one paragraph on a page: the smallest step down that occurs
 * twice or more (to within 1.5 pt: positions are rounded), not below 0.8 × the text's size (a
 * superscript or a footnote mark is no line). Not the median step: on a page of short paragraphs
 * (a supplementary letter's lists, "Frist: …" and owner lines) most steps are paragraph gaps. On a
 * page of one-line paragraphs with an empty line between them, even the smallest step is a gap: a
 * step of 1.9 × the text's size or more is no line pitch (single spacing is ≈ 1.2 ×, one and a half
 * ≈ 1.8 ×), and half of it is.
 */
function linePitch(lines: ReadonlyArray<{ y: number; size: number }>): number {
  const sizes = lines.map((l) => l.size).filter((h) => h > 0).sort((a, b) => a - b);
  const size = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const steps = lines
    .slice(1)
    .map((l, i) => lines[i].y - l.y)
    .filter((g) => g > 0 && g >= 0.8 * size)
    .sort((a, b) => a - b);
  let pitch = steps[0] ?? 12;
  for (let i = 0; i + 1 < steps.length; i++) {
    if (steps[i + 1] - steps[i] <= 1.5) {
      pitch = steps[i + 1];
      break;
    }
  }
  return size > 0 && pitch >= 1.9 * size ? pitch / 2 : pitch;
}

/** PDF text with line breaks where the text moves down, and a blank line where it jumps further. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  // Errors only: pdf.js warns in English on the console about damaged files ("Indexing all PDF objects").
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const lines: Array<{ y: number; text: string; size: number }> = [];
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const y = Math.round(item.transform[5]);
      const size = item.str.trim() ? item.height : 0;
      const last = lines.at(-1);
      if (last && Math.abs(last.y - y) < 2) {
        last.text += item.str;
        last.size = Math.max(last.size, size);
      } else if (item.str.trim() || !last) lines.push({ y, text: item.str, size });
    }
    const pitch = linePitch(lines);
    const out: string[] = [];
    lines.forEach((l, i) => {
      if (i > 0 && lines[i - 1].y - l.y > pitch * PARAGRAPH_GAP) out.push("");
      out.push(l.text.replace(/\s+$/, ""));
    });
    pages.push(out.join("\n"));
    // Enough to be refused as too long: stop reading (extractLetterText refuses it).
    if (pages.reduce((n, p) => n + p.length, 0) > MAX_TEXT_CHARS) break;
  }
  await pdf.destroy();
  return pages.join("\n\n");
}

export async function extractLetterText(fileName: string, bytes: Uint8Array): Promise<ExtractResult> {
  if (bytes.byteLength === 0) return { ok: false, message: "Filen er tom." };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    return { ok: false, message: `Filen er for stor (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB). Største tillatte størrelse er 10 MB.` };
  }
  const kind = kindOf(fileName, bytes);
  if (!kind) {
    return { ok: false, message: "Filtypen støttes ikke. Last opp brevet som PDF (.pdf), Word (.docx) eller tekst (.txt eller .md)." };
  }
  let text: string;
  try {
    if (kind === "pdf") text = await pdfText(bytes);
    else if (kind === "docx") {
      // Loaded on first use: mammoth costs ≈ 13 MB of memory (docs/performance.md §8).
      const parts = unzipWithin(bytes, MAX_DOCX_EXPANDED_BYTES, LIST_PARTS);
      if (!parts) {
        return { ok: false, message: "Word-filen kunne ikke leses: den pakker seg ut til mer enn 40 MB, eller er skadet." };
      }
      const { default: mammoth } = await import("mammoth");
      // As HTML, not raw text: the raw text loses the numbers and bullets of Word's lists (html-text.ts).
      // Numbered headings get their numbers back (docx-numbering.ts): the parser reads chapters and areas from them.
      // List items get the numbers Word draws for them ("a)", "ii."), not mammoth's "1." for every ordered list (word-lists.ts).
      const listNumbers = wordListNumbers(parts);
      const transformDocument = (document: Parameters<typeof numberLists>[0]) => numberHeadings(numberLists(document, listNumbers, isNumberedHeading));
      text = docxHtmlToText((await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { transformDocument })).value);
    } else {
      if (bytes.includes(0)) return { ok: false, message: "Filen ser ikke ut som tekst (den inneholder binære data)." };
      text = new TextDecoder("utf-8").decode(bytes);
      const bad = (text.match(/\uFFFD/g) ?? []).length;
      if (bad / Math.max(text.length, 1) > 0.01) return { ok: false, message: "Tekstfilen er ikke gyldig UTF-8. Lagre den som UTF-8 og prøv igjen." };
    }
  } catch {
    return {
      ok: false,
      message: kind === "pdf" ? "PDF-filen kunne ikke leses. Er den skadet eller passordbeskyttet?" : "Word-filen kunne ikke leses. Er den skadet?",
    };
  }
  if (text.length > MAX_TEXT_CHARS) return { ok: false, message: TOO_MUCH_TEXT };
  text = normaliseLetterText(text);
  if (!/[\p{L}]{3,}/u.test(text)) {
    return {
      ok: false,
      message:
        kind === "pdf"
          ? "PDF-filen inneholder ingen tekst – den er trolig skannet som bilde. Last opp en PDF med tekst (ikke et skannet bilde), eller Word-filen."
          : "Filen inneholder ingen tekst.",
    };
  }
  return { ok: true, text, kind };
}
