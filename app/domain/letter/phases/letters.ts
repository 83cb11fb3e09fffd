/** Phase "letters": where each letter of a file starts and ends, its subject, kind, reference, date and year. */
import { parseNorwegianDate } from "../dates";
import { isGenreSubject } from "../letter-meta";
import { idAtLineStart, listIdAt } from "../line-ids";
import { RE_CLOSING, RE_SUPPLEMENTARY_TITLE, RE_TITLE_CONTINUES, joinWrapped } from "./patterns";
import { isPageNumber, type Letter, type ParseState, type SourceLine } from "./state";

/**
 * The budget year a letter's date gives when nothing else names it: its own year, but a main
 * letter dated October–December is the next year's (allocation letters go out before the year).
 */
function yearOfDate(date: string, main: boolean): number {
  const year = Number(date.slice(0, 4));
  return main && Number(date.slice(5, 7)) >= 10 ? year + 1 : year;
}

/** A budget year named with the genre: "Statsbudsjettet 2025", "Tildelingsbrev for budsjettåret 2025", "tildelingsbrevet for 2025". */
const RE_GENRE_YEAR = /(?:Statsbudsjettet|Tildelingsbrev(?:et)?|Tildeling|budsjettåret)\s+(?:for\s+)?(?:(?:budsjett)?året\s+)?(\d{4})\b/gi;

/**
 * The subject of a later letter in words the stronger patterns do not know: "Endringsbrev nr. 1
 * til tildelingsbrev 2025", "Tilleggsbrev nr. 2 …", "Supplement til tildelingsbrevet …",
 * "Endring av tildelingsbrev …", "Oppdragsbrev nr. 3 …", "Justert tildelingsbrev …".
 */
function isLaterLetterSubject(t: string): boolean {
  if (t.length > 120 || /[.;:,]$/.test(t)) return false;
  // "Endringsbrev nr. 1 2025 til Husbanken": the own word, a number or year, and the recipient.
  if (/^(?:Endringsbrev|Tilleggsbrev)\s+(?:nr\.?\s*\d{1,3}\s+)?(?:(?:for\s+)?\d{4}\s+)?(?:til|for|[-–])\s*\p{Lu}/u.test(t)) return true;
  if (!/\b(?:tildelingsbrev|oppdragsbrev|oppdragsdokument)/i.test(t)) return false;
  return (
    /^(?:Endringsbrev|Tilleggsbrev|Supplement\s+(?:nr\.?\s*\d+\s+)?til|Endring(?:er)?\s+(?:av|i|til)|Justert|Justering\s+av|Oppdragsbrev\s+nr\.?\s*\d)\b/i.test(t) ||
    /^(?:Tildelingsbrev|Oppdragsbrev|Oppdragsdokument)\b.*[-–,]\s*tillegg\b/i.test(t)
  );
}

function isLetterStartCandidate(t: string): boolean {
  if (t.length > 160) return false;
  if (/^Statsbudsjettet\s+(?:for\s+)?\d{4}\b/.test(t)) return /\s[-–]\s|[-–]$|tildelingsbrev|tillegg|oppdrag/i.test(t);
  if (t.length > 100) return false;
  if (/^Tillegg\s+(?:nr\.?\s*\d+\s+)?til\s+tildelingsbrev/.test(t)) return !/[(,]/.test(t) || t.length < 60;
  if (/^Tilleggsoppdrag\b/.test(t)) return t.length <= 80;
  if (/^(?:Tildelingsbrev|TILDELINGSBREV)\s+(?:for\s+)?(?:(?:budsjett)?året\s+)?\d{4}\b/.test(t)) return true;
  if (/^(?:Suppler[ae]nde|Endret|Endra|Revidert)\s+tildelingsbrev\b/.test(t)) return true;
  return isGenreSubject(t);
}

/** The most lines of a letterhead above a subject (sender, addressee, address, reference and date). */
const LETTERHEAD_LINES = 14;

function newLetter(start: number, end: number): Letter {
  return { start, end, title: null, titleLine: null, titleEnd: null, kind: "main", year: 0, date: null, reference: null };
}

/** A subject line with the lines the PDF wrapped it onto (at most three). */
function readSubject(lines: SourceLine[], i: number): { title: string; end: number } {
  const parts = [lines[i].text];
  let j = i;
  while (parts.length < 3 && j + 1 < lines.length) {
    const next = lines[j + 1];
    if (next.blank || next.noise || next.text.length > 100) break;
    const prev = parts[parts.length - 1];
    if (!(RE_TITLE_CONTINUES.test(prev) || /^\p{Ll}/u.test(next.text))) break;
    parts.push(next.text);
    j++;
  }
  return { title: joinWrapped(parts), end: j };
}

/**
 * The letters of a file: a new one starts at a subject line once the one before has content or
 * has been signed off; the same subject again before the closing is a running page header (noise).
 */
function findLetters(st: ParseState): Letter[] {
  const { lines, n, content } = st;
  const letters: Letter[] = [newLetter(0, n - 1)];
  /** Subject lines seen in the current letter: the same line again before its closing is a running page header. */
  let subjectsSeen = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!content(i)) continue;
    const strong = isLetterStartCandidate(lines[i].text);
    if (!strong && !isLaterLetterSubject(lines[i].text)) continue;
    const cur = letters[letters.length - 1];
    if (cur.titleEnd !== null && i <= cur.titleEnd) continue;
    let contentLines = 0;
    let closed = false;
    for (let k = cur.start; k < i; k++) {
      if (!content(k)) continue;
      if (cur.titleLine === null || k < cur.titleLine || k > (cur.titleEnd ?? k)) contentLines++;
      if (RE_CLOSING.test(lines[k].text)) closed = true;
    }
    // A weaker subject ("Endringsbrev nr. 1 til tildelingsbrev 2025") starts a letter only after the
    // previous one's closing (inside a letter the same words may be a heading), or names a letter
    // that has no subject yet, in its letterhead (above any text of its own).
    if (!strong && !closed && !(cur.title === null && contentLines <= LETTERHEAD_LINES)) continue;
    const key = lines[i].text.replace(/\s+/g, " ").toLowerCase();
    if (!closed && subjectsSeen.has(key)) {
      lines[i].noise = true;
      continue;
    }
    const { title, end } = readSubject(lines, i);
    if (contentLines >= 30 || closed) {
      const start = letterHeadStart(lines, i, cur.start);
      cur.end = start - 1;
      const l = newLetter(start, n - 1);
      l.title = title;
      l.titleLine = i;
      l.titleEnd = end;
      letters.push(l);
      subjectsSeen = new Set([key]);
    } else {
      subjectsSeen.add(key);
      if (cur.title === null) {
        cur.title = title;
        cur.titleLine = i;
        cur.titleEnd = end;
      }
    }
  }
  return letters;
}

/** A line's text: all of it, or, in a letterhead laid out in columns, the part from a column on. */
type LineText = (k: number) => string;

/** The value of a header label: on its line (`rest`), else on one of the next two lines (marked noise); a page number between is passed over. */
function valueAfter(lines: SourceLine[], text: LineText, i: number, end: number, rest: string, accept: (v: string) => boolean): string | null {
  if (rest !== "") return accept(rest) ? rest : null;
  for (let k = i + 1, seen = 0; k <= end && seen < 2; k++) {
    if (lines[k].blank || isPageNumber(lines[k].text) || text(k) === "") continue;
    seen++;
    if (/^(?:Vår|Deres|Dykkar)\s+(?:ref|sak|dato)|^Saksn|^Dato\b/i.test(text(k))) return null;
    if (accept(text(k))) {
      lines[k].noise = true;
      return text(k);
    }
    return null;
  }
  return null;
}

/** The next line after `i` with text (in the letterhead's column), within two lines. */
function nextTextLine(lines: SourceLine[], text: LineText, i: number, end: number): number | null {
  for (let k = i + 1; k <= end && k <= i + 3; k++) if (!lines[k].blank && text(k) !== "") return k;
  return null;
}

/**
 * Where a letterhead laid out in columns (`pdftotext -layout`: the address on the left, "Deres ref
 * Vår ref Dato" on the right) has its labels: the column of the first label, or null.
 */
function headerColumn(raw: string): number | null {
  // A row of labels from the line's start ("Deres ref   Vår ref   Dato") is read as a row.
  if (/^\s*(?:(?:Deres|Dykkar|Vår)\s+ref|Saksnr|Dato\b)/i.test(raw)) return null;
  const m = /\S {2,}((?:Deres|Dykkar|Vår)\s+ref|Saksnr|Dato\b)/i.exec(raw);
  return m ? m.index + m[0].length - m[1].length : null;
}

/** Line `k`'s text from column `col` on, where the text there starts no more than three places to its left. */
function fromColumn(raw: string, col: number): string {
  const cells = [...raw.matchAll(/\S+(?: \S+)*/g)].filter((m) => m.index >= col - 3);
  return cells.map((m) => m[0]).join(" ");
}

/** Each letter's header: "Vår ref" and "Dato", the value on the same or a later line; "Oslo, 19. desember 2024". */
function readLetterHeaders(st: ParseState, letters: Letter[]): void {
  const { lines } = st;
  for (const l of letters) {
    let text: LineText = (k) => lines[k].text;
    for (let i = l.start; i <= l.end; i++) {
      if (lines[i].blank) continue;
      // A letterhead in columns: the labels' column and the lines below it are read on their own.
      const col = i <= l.start + 40 ? headerColumn(st.raw(i)) : null;
      if (col !== null) text = (k) => (k >= i && k <= i + 4 ? fromColumn(st.raw(k), col) : lines[k].text);
      const t = text(i);
      // "Vår ref", also after an empty "Deres ref" column on the same line ("Deres ref Vår ref").
      const ref = /^((?:Deres|Dykkar)\s+ref(?:eranse)?\.?\s*:?\s*)?(?:Vår\s+(?:ref(?:eranse)?|saksnr|saksnummer)|Saksnr|Saksnummer)\.?\s*:?\s*(.*)$/i.exec(t);
      if (ref) {
        lines[i].noise = true;
        // "Deres ref Vår ref Dato" as one row of labels (or "Dato" on the next line), the values below.
        const datoBelow = ref[2].trim() === "" ? nextTextLine(lines, text, i, l.end) : null;
        const labels = /^Dato\s*:?$/i.test(ref[2].trim()) ? i : datoBelow !== null && /^Dato\s*:?$/i.test(text(datoBelow)) ? datoBelow : null;
        if (labels !== null) {
          lines[labels].noise = true;
          const row = headerRowValues(lines, text, labels, l.end);
          if (row && l.reference === null) l.reference = row.reference;
          if (row && l.date === null) l.date = row.date;
          i = labels;
          continue;
        }
        const v = valueAfter(lines, text, i, l.end, ref[2].trim(), (s) => /^\d{1,4}\/\d+[\w\-/ .]*$/u.test(s));
        // Both columns' values on one line ("24/118 25/2306-3"): ours is the second.
        const ours = v && ref[1] ? (v.trim().split(/\s+(?=\d{1,4}\/)/).at(-1) ?? v) : v;
        if (ours && l.reference === null) l.reference = ours.replace(/[\s\-–.]+$/u, "").replace(/\s+/g, "");
        continue;
      }
      // A place and the date on one line, as many letters open ("Oslo, 19. desember 2024").
      const placed = l.date === null && i <= l.start + 30 ? /^\p{Lu}[\p{L} -]{1,30},\s*(\d{1,2}\.\s*(?:\p{L}+\s+|\d{1,2}\.\s*)\d{4})$/u.exec(t) : null;
      if (placed && letterDate(placed[1]) !== null) {
        l.date = letterDate(placed[1]);
        lines[i].noise = true;
        continue;
      }
      const dato = /^(?:Vår\s+)?[Dd]ato\s*:?\s*(.*)$/.exec(t);
      if (dato && (dato[1] === "" || /^\d/.test(dato[1]))) {
        lines[i].noise = true;
        // The date alone, also where text the PDF put on the same line follows it.
        const leading = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\s*\d{1,2}\.\s*\d{4}|\d{1,2}\.\s*\p{L}+\s+\d{4})(?=\s|$)/u.exec(dato[1].trim());
        const v = valueAfter(lines, text, i, l.end, leading ? leading[0] : dato[1].trim(), (s) => s.length <= 30 && letterDate(s) !== null);
        if (v && l.date === null) l.date = letterDate(v);
      }
    }
  }
}

/** The most frequent value (the first to reach the top count), or null. */
function mode(values: number[]): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** The years of the IDs that start lines from..to (opening lists and definitions). */
function lineIdYears(lines: SourceLine[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) {
    const at = listIdAt(lines[i].text) ?? idAtLineStart(lines[i].text);
    if (at && at.idYear > 0) out.push(at.idYear);
  }
  return out;
}

/** The year the letter's own text names its budget year by ("Tildelingsbrev for budsjettåret 2025"). */
function namedYear(lines: SourceLine[], l: Letter): number | null {
  const ys: number[] = [];
  for (let i = l.start; i <= Math.min(l.end, l.start + 80); i++) for (const m of lines[i].text.matchAll(RE_GENRE_YEAR)) ys.push(Number(m[1]));
  return mode(ys);
}

/** Each letter's year: its subject, then IDs at line starts, the year its text names, its date, then the whole file's. */
function letterYears(st: ParseState, letters: Letter[]): void {
  const { text, lines, n, warnings } = st;
  let fileYear = mode(lineIdYears(lines, 0, n - 1));
  if (fileYear === null) {
    const ys: number[] = [];
    for (const m of text.matchAll(RE_GENRE_YEAR)) ys.push(Number(m[1]));
    fileYear = mode(ys);
  }
  if (fileYear === null) {
    const ys: number[] = [];
    for (const m of text.slice(0, 200_000).matchAll(/(?<!\d)(20\d{2})(?!\d)/g)) ys.push(Number(m[1]));
    fileYear = mode(ys);
  }
  letters.forEach((l, k) => {
    const fromTitle = l.title ? /\b((?:19|20)\d{2})\b/.exec(l.title) : null;
    const y =
      (fromTitle ? Number(fromTitle[1]) : null) ??
      mode(lineIdYears(lines, l.start, l.end)) ??
      namedYear(lines, l) ??
      (l.date ? yearOfDate(l.date, k === 0 && !(l.title && RE_SUPPLEMENTARY_TITLE.test(l.title))) : null) ??
      fileYear;
    if (y === null) {
      warnings.push({ line: lines[l.start].no, message: `Fant ikke hvilket år brev ${k + 1} gjelder` });
      l.year = 0;
    } else l.year = y;
  });
}

/** Phase "letters": where each letter starts and ends, its subject, "Vår ref", "Dato" and year. */
export function phaseLetters(st: ParseState): void {
  const letters = findLetters(st);
  readLetterHeaders(st, letters);
  letterYears(st, letters);
  st.letters = letters;
  st.letterOf = (idx: number): number => {
    for (let k = letters.length - 1; k >= 0; k--) if (idx >= letters[k].start) return k;
    return 0;
  };
}

/** A letter's date as written under "Dato" ("2026-01-19", "19.1.2026", "19. januar 2026"), as yyyy-MM-dd; null for anything else. */
function letterDate(s: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const d = parseNorwegianDate(s, null);
  return d !== null && d.ok && d.precision === "day" ? d.date : null;
}

/**
 * The values under a row of labels "Deres ref Vår ref Dato": "15/1950-60 5.2.2016", with their
 * reference first when "Deres ref" has one ("14/88 15/1950-60 5. februar 2016"). The value line
 * becomes noise.
 */
function headerRowValues(lines: SourceLine[], text: LineText, labelIdx: number, end: number): { reference: string; date: string | null } | null {
  for (let k = labelIdx + 1; k <= end && k <= labelIdx + 3; k++) {
    if (lines[k].blank || text(k) === "") continue;
    const m = /^(?:\d{1,4}\/\d+\S*\s+)?(\d{1,4}\/\d+\S*)\s+(\d.*)$/u.exec(text(k));
    if (!m) return null;
    lines[k].noise = true;
    return { reference: m[1].replace(/[-–.]+$/u, ""), date: letterDate(m[2].trim()) };
  }
  return null;
}

const RE_POSTAL_LINE = /^(?:NO-)?\d{4}\s+\p{Lu}/u;

/**
 * Where a later letter whose subject is on line `subject` starts: at its letterhead footer
 * ("Postadresse …") when that stands just above the subject, else at its head: the "Deres ref /
 * Vår ref / Dato" rows and the address block above them ("Husbanken" / "Postboks 1404" /
 * "8002 BODØ", set apart by a blank line), so that the reference and date are the new letter's.
 * Never above the previous letter's closing or an assignment ID.
 */
function letterHeadStart(lines: SourceLine[], subject: number, previousStart: number): number {
  let start = subject;
  for (let k = subject - 1; k > previousStart && k >= subject - 40; k--) {
    const t = lines[k].text;
    if (RE_CLOSING.test(t) || idAtLineStart(t) !== null) break;
    if (/^Postadresse\b/i.test(t)) return k;
    if (/^(?:Deres|Dykkar|Vår)\s+ref/i.test(t)) start = k;
    else if (start < subject && !lines[k].blank && RE_POSTAL_LINE.test(t)) {
      let top = k;
      while (top - 1 > previousStart && k - (top - 1) <= 3 && !lines[top - 1].blank && !RE_CLOSING.test(lines[top - 1].text)) top--;
      // Straight after the signature, without a blank line: the name and street line only.
      return top - 1 > previousStart && !lines[top - 1].blank ? Math.max(top, k - 2) : top;
    }
  }
  return start;
}
