/**
 * Deadlines of one assignment, read from its body text.
 *
 * Rule (which dates are deadlines): a letter's body is full of dates that are context
 * ("i perioden 2023–2027", "fra 1. januar 2024", "brev av 29. juni 2022", "varighet til
 * 31.12.2025"). A date counts as a deadline only when a cue ties it to delivery:
 *   - the word "frist"/"fristen" earlier in the same sentence with no other date in between
 *     ("Frist: 1. juli 2023", "Frist for arbeidsplan er 1. mars 2023", "frist for oppdraget er
 *     31.12. 2023", "Frist deloppdrag 1: …");
 *   - "innen" / "senest" / "før" directly before the date, or "ved" before "utgangen av …", or
 *     "i løpet av" before a month or a part of the year ("i løpet av første halvår");
 *   - a delivery verb at most three words before the date ("leveres", "oversendes",
 *     "forelegges", "rapporteres", "foreligge", "ferdigstilles", "publiseres", …);
 *   - "i forkant av" earlier in the same sentence (publish "i forkant av … som er 1. juli 2023").
 * Cued dates are still ignored when they describe something else: inside «quotes», in a
 * sentence that refers to an assignment from an earlier year ("(TTB 2022-26, 29. juni 2022), fra
 * utgangen av 2023 til …"), in "har fått frist …" / "hadde frist …" (an earlier deadline), and weak (non-"frist")
 * cues inside a "Bakgrunn" section.
 * Without a date: "frist/fremdrift/tidspunkt … avklares/avtales/fastsettes etter …" and relative
 * deadlines ("14 dager etter mottatt oppdrag") give state "to_be_agreed"; "settes i bero" gives
 * "on_hold". The caller adds the letter's default deadline when nothing is found.
 *
 * Labels: "Frist deloppdrag 2" names its deliverable ("Frist for deloppdraget", without a number,
 * names the numbered item it stands in, else "Deloppdrag"); otherwise the innermost "Delleveranse N" /
 * "Deloppdrag N" marker, or the numbered item ("1.", "2)", "a.", also behind a bullet) the deadline
 * stands in, labelled "Deloppdrag N", or by the name the item gives itself ("1. Delleveranse: …" →
 * "Delleveranse 1", "2. Sluttleveranse: …" → "Sluttleveranse"). Items label their deadlines when
 * two or more items carry deadlines or when the deadline stands in the item's own first
 * paragraph; a single "Frist:" after a list belongs to the whole assignment (label null).
 */
import { bareDeadlineValue, findDatePhrases, type DatePhraseMatch } from "./dates";
import { reportingPointDeadline } from "./tables";
import { findIds } from "./ids";
import { changesToOthers, RE_ON_HOLD } from "./later-letters";
import type { ParsedDeadline, ParseWarning } from "./types";
import { BULLET_CLASS, RE_BULLET_START } from "./bullets";
import { RE_TITLE_CONTINUES } from "./phases/patterns";

export interface BodyLine {
  /** 1-based source line. */
  no: number;
  /** Trimmed text; "" for a blank line. */
  text: string;
}

export interface DeadlineContext {
  /** Assignment ID (or synthetic key), for messages and to recognise self-references. */
  id: string;
  /** Letter year: implied year for "1. mars", and the default deadline. */
  year: number;
  lines: BodyLine[];
  /** A row of a table with a "Frist" column: a date alone in its cell (a line of its own, or
   *  ending the row's first line) is the deadline without a cue word. */
  tableRow?: boolean;
  /** IDs the block is about besides its own (named in its title: "Presisering av TB2025-4 …"):
   *  a deadline set for them in its text stays the block's deadline. */
  relatedIds?: readonly string[];
}

/** Words a deadline is named by besides "Frist": "Rapporteringsfrist", "Leveransefrist", "Svarfrist" (not "Søknadsfrist": context). */
const FRIST_COMPOUNDS = "rapporterings|sluttrapporterings|leveranse|leverings|innleverings|gjennomførings|tids|svar";

const MONTH_WORDS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember";
/** "1. …", "2) …", also behind a bullet ("- 1. Delleveranse: …"). */
const RE_NUM_ITEM = new RegExp(`^(?:${BULLET_CLASS}\\s*)?(\\d{1,2})\\s?[.)]\\s+(?!(?:${MONTH_WORDS})\\b)\\S`, "i");
/** An item that names its deliverable: "1. Delleveranse: …", "2. Sluttleveranse: …", "3. Sluttrapport: …". */
const RE_ITEM_NAMES_DELIVERABLE = new RegExp(`^(?:${BULLET_CLASS}\\s*)?\\d{1,2}\\s?[.)]\\s+((?:Del|Slutt)?(?:leveranse|rapport))\\s*:`, "iu");
const RE_LET_ITEM = /^([a-h])[.)]\s+\S/;
// Case-sensitive: "deloppdrag 3." at the start of a line continues a sentence.
const RE_MARKER = new RegExp(`^${BULLET_CLASS}?\\s*(Delleveranse|Deloppdrag|Delrapport)\\b(?:\\s*(\\d{1,2}|[a-h])\\b)?\\s*(:)?(.*)$`, "u");
const RE_FORCED_SENTENCE = new RegExp(
  `^(?:Frist\\b|(?:${FRIST_COMPOUNDS.split("|").map(capitalise).join("|")})frist\\s*:|Delleveranse\\b|Deloppdrag\\b|Delrapport\\b|${BULLET_CLASS}\\s|\\d{1,2}\\s?[.)]\\s+(?!(?:${MONTH_WORDS})\\b)|[a-h][.)]\\s)`,
  "u",
);
const ABBREVIATIONS = new Set([
  "jf", "jfr", "bl", "a", "kap", "nr", "mv", "ev", "evt", "f", "eks", "inkl", "pkt", "ca", "dvs", "mht",
  "iht", "ifb", "st", "prop", "meld", "innst", "tom", "fom", "hhv", "osv", "ref", "vedr", "kl", "mill",
  "mrd", "kr", "pst", "s", "jan", "feb", "aug", "sept", "okt", "nov", "des", "etc", "ift", "mtp",
]);

/** A deadline cue word right before where a date stands (or a line ends): "innen", "senest", "før", "ved", "i løpet av". */
const RE_CUE_WORD_AT_END = /(?:^|[\s(])(innen|innan|senest|seinast|før|ved|i\s+løpet\s+av)\s*$/i;

function isHeadingLike(text: string): boolean {
  return (
    text.length >= 3 &&
    text.length <= 60 &&
    /^\p{Lu}/u.test(text) &&
    !/[.,;:!?]$/.test(text) &&
    !/^Frist\b/i.test(text) &&
    // "GTT innen" / "1.1.2027": a sentence the PDF wrapped, not a heading.
    !RE_TITLE_CONTINUES.test(text) &&
    !RE_CUE_WORD_AT_END.test(text)
  );
}

interface Scope {
  kind: "num" | "let" | "marker";
  label: string;
  start: number; // index into lines
  end: number; // inclusive
  paraEnd: number; // inclusive (items only)
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/**
 * The scopes of a body that a deadline can belong to: deliverables (numbered or lettered items,
 * "Delleveranse 2:" markers), each to the next of its kind or a subheading, with its first
 * paragraph; and the lines of "Bakgrunn" sections.
 */
function computeScopes(lines: BodyLine[]): { items: Scope[]; markers: Scope[]; bakgrunn: boolean[] } {
  const isSubheading = (i: number): boolean => {
    const t = lines[i].text;
    if (!isHeadingLike(t)) return false;
    const prevBlank = i === 0 || lines[i - 1].text === "";
    const next = lines[i + 1];
    return prevBlank && next !== undefined && next.text !== "";
  };
  const { items, markers } = scopeStarts(lines);
  // Ends: next scope of the same kind (a numbered item also ends lettered items), a subheading.
  const ends = (list: Scope[], isEnd: (s: Scope, other: Scope) => boolean) => {
    for (const s of list) {
      let end = lines.length - 1;
      for (const o of [...items, ...markers]) {
        if (o.start > s.start && o.start - 1 < end && isEnd(s, o)) end = o.start - 1;
      }
      for (let i = s.start + 1; i <= end; i++) {
        if (isSubheading(i)) {
          end = i - 1;
          break;
        }
      }
      s.end = end;
    }
  };
  ends(items, (s, o) => o.kind === s.kind || (s.kind === "let" && o.kind === "num"));
  ends(markers, (_s, o) => o.kind === "marker");
  for (const s of items) s.paraEnd = firstParagraphEnd(lines, s);
  return { items, markers, bakgrunn: bakgrunnLines(lines, isSubheading) };
}

/**
 * Where the deliverables and markers of a body start: "Delleveranse 2:" markers, numbered items
 * 1, 2, 3 … and lettered items a, b, c … (each running to the body's end until `computeScopes`
 * ends them). A list has two items at least: a lone "1." (the number of an assignment that is one
 * sentence, "1. Instituttet skal … innen 1. juni.") is no deliverable of its own.
 */
function scopeStarts(lines: BodyLine[]): { items: Scope[]; markers: Scope[] } {
  const items: Scope[] = [];
  const markers: Scope[] = [];
  let lastNum = 0;
  let lastLet = 0;
  const scope = (kind: Scope["kind"], label: string, start: number): Scope => ({ kind, label, start, end: lines.length - 1, paraEnd: start });
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t === "" || /^Frist\b/i.test(t)) continue;
    const mk = RE_MARKER.exec(t);
    if (mk) {
      const [, word, num, colon, rest] = mk;
      if (num !== undefined || colon === ":" || rest.trim() === "") {
        markers.push(scope("marker", num ? `${capitalise(word)} ${num}` : capitalise(word), i));
        continue;
      }
    }
    const num = RE_NUM_ITEM.exec(t);
    const n = num ? Number(num[1]) : 0;
    if (num && (n === 1 || n === lastNum + 1)) {
      lastNum = n;
      lastLet = 0;
      const named = RE_ITEM_NAMES_DELIVERABLE.exec(t)?.[1];
      items.push(scope("num", !named ? `Deloppdrag ${n}` : /^del/i.test(named) ? `${capitalise(named)} ${n}` : capitalise(named), i));
      continue;
    }
    const letter = RE_LET_ITEM.exec(t);
    const l = letter ? letter[1].charCodeAt(0) - 96 : 0;
    if (letter && (l === 1 || l === lastLet + 1)) {
      lastLet = l;
      items.push(scope("let", `Deloppdrag ${letter[1]}`, i));
    }
  }
  for (const kind of ["num", "let"] as const) {
    if (items.filter((s) => s.kind === kind).length === 1) items.splice(items.findIndex((s) => s.kind === kind), 1);
  }
  return { items, markers };
}

/** The last line of a scope's first paragraph; a blank line inside a sentence (PDF quirk) does not end it. */
function firstParagraphEnd(lines: BodyLine[], s: Scope): number {
  let j = s.start;
  while (j + 1 <= s.end) {
    if (lines[j + 1].text !== "") {
      j++;
      continue;
    }
    let k = j + 1;
    while (k <= s.end && lines[k].text === "") k++;
    if (k <= s.end && !/[.!?]$/.test(lines[j].text) && /^[\p{Ll}(«]/u.test(lines[k].text)) {
      j = k;
      continue;
    }
    break;
  }
  return j;
}

/** The lines of "Bakgrunn" sections: context, not instructions. */
function bakgrunnLines(lines: BodyLine[], isSubheading: (i: number) => boolean): boolean[] {
  const bakgrunn = lines.map(() => false);
  for (let i = 0; i < lines.length; i++) {
    if (!/^Bakgrunn\b[^.]{0,40}$/i.test(lines[i].text)) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const t = lines[j].text;
      if (j > i + 1 && (isSubheading(j) || RE_FORCED_SENTENCE.test(t))) break;
      bakgrunn[j] = true;
    }
  }
  return bakgrunn;
}

interface Joined {
  text: string;
  /** Offset in `text` where each body line starts (-1 for blank lines). */
  starts: number[];
  /** Sorted sentence start offsets. */
  sentenceStarts: number[];
}

function isSentenceEnd(text: string, dot: number): boolean {
  const ch = text[dot];
  if (ch === "!" || ch === "?") return true;
  // The token before the period.
  let k = dot - 1;
  while (k >= 0 && k > dot - 40 && /[\p{L}\p{N}]/u.test(text[k])) k--;
  const token = text.slice(k + 1, dot);
  if (token === "") return false;
  // "deloppdrag 1. I lys av …" ends a sentence; "15. Mars 2023" does not.
  if (/^\d+$/.test(token)) return !/^\s+(?:Januar|Februar|Mars|April|Mai|Juni|Juli|August|September|Oktober|November|Desember)\b/.test(text.slice(dot + 1, dot + 14));
  if (token.length === 1) return false;
  return !ABBREVIATIONS.has(token.toLowerCase());
}

function joinLines(lines: BodyLine[]): Joined {
  let text = "";
  const starts: number[] = [];
  const sentenceStarts = [0];
  let prevText = "";
  let afterBlank = false;
  for (const line of lines) {
    if (line.text === "") {
      starts.push(-1);
      afterBlank = true;
      continue;
    }
    const offset = text.length;
    starts.push(offset);
    if (
      offset > 0 &&
      (RE_FORCED_SENTENCE.test(line.text) ||
        (isHeadingLike(prevText) && !/^\p{Ll}/u.test(line.text)) ||
        // A paragraph after a list whose last item has no full stop ("- Koordinere innsatsene" / "" / "Departementet vil …").
        (afterBlank && RE_BULLET_START.test(prevText) && /^\p{Lu}/u.test(line.text)) ||
        (/[.!?]$/.test(prevText) && /^\p{Lu}/u.test(line.text) && isSentenceEnd(prevText, prevText.length - 1)))
    ) {
      sentenceStarts.push(offset);
    }
    text += line.text + " ";
    prevText = line.text;
    afterBlank = false;
  }
  // A sentence starts with a capital, a quote or a bullet, or with the number of an item on the
  // same line ("… oppdraget. 2. Helsedirektoratet skal …"; not a date: "1. juni" goes on in lower case).
  const re = /[.!?]\s+(?=[\p{Lu}«"(•\-–]|\d{1,2}[.)]\s+\p{Lu})/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (isSentenceEnd(text, m.index)) sentenceStarts.push(m.index + m[0].length);
  }
  sentenceStarts.sort((a, b) => a - b);
  return { text, starts, sentenceStarts: sentenceStarts.filter((v, i, arr) => i === 0 || v !== arr[i - 1]) };
}

function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function shorten(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sp = cut.lastIndexOf(" ");
  return `${(sp > max / 2 ? cut.slice(0, sp) : cut).trim()} …`;
}

interface Candidate {
  date: string | null;
  precision: ParsedDeadline["precision"];
  state: ParsedDeadline["state"];
  text: string;
  offset: number; // in joined text
  lineIdx: number; // index into ctx.lines
  explicitLabel: string | null;
  /** The explicit label names no number ("Frist for deloppdraget"): inside a numbered item it is that item's. */
  explicitUnnumbered?: boolean;
  strong: boolean;
  /** "innen tre måneder etter at …": a deadline relative to an event, without a date. */
  relative?: boolean;
}

/**
 * "Frist for deloppdrag 2", also for several: "Frist for deloppdrag 1 og 2", "… 1, 2 og 3"; and
 * "Frist punkt 2", "Frist for pkt. 3 og 4" for the numbered items of the text.
 */
const RE_EXPLICIT_LABEL =
  /\bfrist\s+(?:for\s+)?(deloppdrag|delleveranse|delrapport|punkt|pkt\.?)(?:\s*((?:\d{1,2}|[a-h])(?:\s*(?:,|og)\s*(?:\d{1,2}|[a-h]))*)\b)?/i;
const RE_VERB_CUE =
  /\b(?:leveres|levert|levere|leverast|oversendes|oversende|oversendast|sendes|sendast|forelegges|fremlegges|leggjast\s+fram|legges\s+fram|legges\s+frem|rapporteres|rapporterast|foreligge|foreligger|ligge\s+føre|ferdigstilles|ferdigstillast|publiseres|publiserast)\b((?:\s+\S+){0,3})\s*$/i;
const RE_TO_BE_AGREED_SUBJECT = /\b(?:frist(?:en)?|fremdrift(?:en)?|framdrift(?:en)?|tidspunkt(?:et)?|tidsplan(?:en)?)\b/i;
const RE_TO_BE_AGREED_VERB =
  /\b(?:avklares|avklarast|avtales|avtalast|avklart|avklara|avtalt|fastsettes\s+(?:etter|i|senere|nærmere|når|ved)|fastsetjast\s+(?:etter|i|seinare|nærare|når|ved)|bestemmes\s+senere|settes\s+senere|settes\s+i\s+dialog|setjast\s+i\s+dialog|fastsettes\s+i\s+dialog|(?:vil\s+være|vil\s+vere|blir)\s+etter)\b/i;
/**
 * "Departementet vil ha dialog med Helsedirektoratet om … frist for oppdraget", "HOD kommer tilbake
 * til fristen": the ministry will set the deadline (one deadline: "frister for tilskuddene" are others').
 */
const RE_MINISTRY_SETS_DEADLINE =
  /\b(?:departementet|HOD)\s+(?:vil|skal|kommer\s+til\s+å)\s+(?:ha\s+dialog|komme\s+tilbake)\b[^.]{0,160}\bfrist(?:en)?\b/i;
/** A line that gives a deadline by its label, and the value after it: "Frist: …", "Frist for deloppdrag 2: …". */
const RE_FRIST_LINE = /^Frist\b[^:.]{0,40}:\s*(\S.*)$/i;
/** "Frist", "fristen", and the compounds (FRIST_COMPOUNDS). */
const RE_FRIST_CUE = new RegExp(`\\b(?:${FRIST_COMPOUNDS})?frist(?:en)?\\b`, "iu");
/** Between two dates of one deadline phrase: "og", ",", "samt", perhaps after a label in parentheses ("1. juni (delrapport) og 1. desember"). */
const RE_DATE_JOIN = /^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*|,?\s*(?:og|samt)\s+)$/i;
/** An earlier deadline, not this one: "har fått frist …", "utredning … som hadde frist 31.12.2025". */
const RE_EARLIER_DEADLINE = /\b(?:(?:har|hadde)\s+fått\s+(?:utsatt\s+)?frist|hadde\s+(?:utsatt\s+)?frist)\b/i;

/** An assignment's body joined into one text, with what the deadline readers below ask of it. */
interface BodyReading {
  ctx: DeadlineContext;
  lines: BodyLine[];
  joined: Joined;
  S: string;
  scopes: ReturnType<typeof computeScopes>;
  /** The line (index into ctx.lines) an offset of the joined text is on. */
  lineIdxAt: (offset: number) => number;
  /** A table row's deadline cell: the date is a line of its own, or ends the row's first line. */
  inOwnCell: (d: DatePhraseMatch) => boolean;
  /** The sentence an offset is in, as [start, end). */
  sentenceOf: (offset: number) => [number, number];
  /** Inside a «quotation» (of another document). */
  inQuote: (offset: number) => boolean;
  refersToEarlierAssignment: (sentence: string) => boolean;
  changesAnother: (sentence: string, date: string | null) => boolean;
}

function bodyReading(ctx: DeadlineContext): BodyReading | null {
  const { lines } = ctx;
  if (lines.length === 0) return null;
  const joined = joinLines(lines);
  const S = joined.text;
  if (S.trim() === "") return null;

  const lineStartsSorted: { offset: number; idx: number }[] = [];
  joined.starts.forEach((offset, idx) => {
    if (offset >= 0) lineStartsSorted.push({ offset, idx });
  });
  const lineIdxAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStartsSorted.length - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lineStartsSorted[mid].offset <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return lineStartsSorted[best]?.idx ?? 0;
  };
  const firstContentLine = lines.findIndex((l) => l.text.trim() !== "");
  /** A table row's deadline cell: the date is a line of its own, or ends the row's first line. */
  const inOwnCell = (d: DatePhraseMatch): boolean => {
    const idx = lineIdxAt(d.index);
    const start = joined.starts[idx];
    const text = lines[idx].text.trimEnd();
    const endsLine = d.end - start >= text.length;
    return endsLine && (d.index === start || idx === firstContentLine);
  };
  const sentenceOf = (offset: number): [number, number] => {
    const k = upperBound(joined.sentenceStarts, offset);
    const start = joined.sentenceStarts[Math.max(0, k - 1)] ?? 0;
    const end = joined.sentenceStarts[k] ?? S.length;
    return [start, end];
  };
  const hasQuotes = S.includes("«");
  const inQuote = (offset: number): boolean => {
    if (!hasQuotes) return false;
    const open = S.lastIndexOf("«", offset);
    if (open < 0) return false;
    const close = S.lastIndexOf("»", offset);
    if (close > open) return false;
    const nextClose = S.indexOf("»", offset);
    return nextClose >= 0 && nextClose - open < 3000;
  };
  const refersToEarlierAssignment = (sentence: string): boolean =>
    findIds(sentence).some((x) => x.year > 0 && x.year < ctx.year && x.id !== ctx.id);
  /** "Fristen for ID 2026-03 endres til 1. november" in this assignment's text: that date is a change to 2026-03, not a deadline of this one. */
  const changesAnother = (sentence: string, date: string | null): boolean =>
    changesToOthers(sentence, ctx.year, 0, [ctx.id, ...(ctx.relatedIds ?? [])]).some((c) => c.deadline?.date === date);
  return { ctx, lines, joined, S, scopes: computeScopes(lines), lineIdxAt, inOwnCell, sentenceOf, inQuote, refersToEarlierAssignment, changesAnother };
}

/** The labels a "Frist for deloppdrag …" phrase names: [null] for none, several for "1 og 2". */
function explicitLabelsIn(prefix: string): Array<Pick<Candidate, "explicitLabel" | "explicitUnnumbered">> {
  const m = RE_EXPLICIT_LABEL.exec(prefix);
  if (!m) return [{ explicitLabel: null }];
  // A numbered item is labelled as the item itself would be: "Deloppdrag 2".
  const item = /^p/i.test(m[1]);
  if (!m[2]) return [{ explicitLabel: item ? null : capitalise(m[1]), explicitUnnumbered: true }];
  return m[2].split(/\s*(?:,|og)\s*/).map((n) => ({ explicitLabel: `${item ? "Deloppdrag" : capitalise(m[1])} ${n}` }));
}

/** One candidate per label it is explicitly given (a deadline for "deloppdrag 1 og 2" is two). */
function withLabels(c: Omit<Candidate, "explicitLabel">, labelsFrom: string): Candidate[] {
  return explicitLabelsIn(labelsFrom).map((label) => ({ ...c, ...label }));
}

/**
 * Where the deadline cue before date `d` starts, and whether it is a strong one ("Frist"): "innen",
 * "senest", "før", "ved" (a period's end), "i løpet av" (a period) right before it; "Frist" within
 * 140 characters; a delivery verb; "i forkant av"; a table row's deadline cell; or the cue of the
 * date it is joined to by "og". `cueAt` -1: no cue, the date is context.
 */
function cueBefore(
  rd: BodyReading,
  d: DatePhraseMatch,
  pre: string,
  windowStart: number,
  prevDateEnd: number,
  chained: { end: number; strong: boolean } | null,
): { cueAt: number; strong: boolean } {
  let cueAt = -1;
  let strong = false;
  const immediate = RE_CUE_WORD_AT_END.exec(pre);
  if (immediate) {
    const word = immediate[1].toLowerCase();
    const period = d.kind === "end-of-month" || d.kind === "end-of-year" || d.kind === "month";
    const okWord = word === "ved" ? d.kind === "end-of-month" || d.kind === "end-of-year" : /^i\s/.test(word) ? period : word === "før" ? d.kind !== "relative" : true;
    if (okWord) cueAt = windowStart + immediate.index + immediate[0].indexOf(immediate[1]);
  }
  const fristRe = new RegExp(RE_FRIST_CUE.source, "giu");
  let fm: RegExpExecArray | null;
  let fristAt = -1;
  while ((fm = fristRe.exec(pre)) !== null) fristAt = windowStart + fm.index;
  if (fristAt >= 0 && d.index - fristAt <= 140) {
    strong = true;
    if (cueAt < 0) cueAt = fristAt;
  }
  if (cueAt < 0) {
    const verb = RE_VERB_CUE.exec(pre);
    if (verb) cueAt = windowStart + verb.index;
  }
  if (cueAt < 0 && d.kind !== "relative") {
    const fk = /\bi\s+forkant\s+av\b/i.exec(pre);
    if (fk && d.index - (windowStart + fk.index) <= 110) cueAt = windowStart + fk.index;
  }
  if (cueAt < 0 && rd.ctx.tableRow && rd.inOwnCell(d)) {
    cueAt = d.index;
    strong = true;
  }
  if (cueAt < 0 && chained && chained.end === prevDateEnd && RE_DATE_JOIN.test(rd.S.slice(prevDateEnd, d.index))) {
    cueAt = d.index;
    strong = chained.strong;
  }
  return { cueAt, strong };
}

/**
 * The dates of the body that are deadlines: a date after a cue ("Frist", "innen", "senest", a
 * delivery verb, "i forkant av"), a table row's deadline cell, or a date joined by "og" to one
 * that is; not in a quotation, an earlier deadline, another assignment's change or "Bakgrunn". An
 * impossible date after "Frist" is kept as invalid, with a warning.
 */
function datedCandidates(rd: BodyReading, warnings: ParseWarning[]): { candidates: Candidate[]; datedSentences: Set<number> } {
  const { ctx, lines, S, lineIdxAt, sentenceOf, inQuote, refersToEarlierAssignment, changesAnother } = rd;
  const { bakgrunn } = rd.scopes;
  const dates = findDatePhrases(S, Number.isFinite(ctx.year) && ctx.year > 0 ? ctx.year : null);
  const candidates: Candidate[] = [];
  const datedSentences = new Set<number>();
  /** The last date taken as a deadline: a date joined to it by "og" shares its cue ("Frist: 15. mars og 15. september"). */
  let chained: { end: number; strong: boolean } | null = null;

  for (let di = 0; di < dates.length; di++) {
    const d = dates[di];
    const [ss, se] = sentenceOf(d.index);
    const prevDateEnd = di > 0 ? dates[di - 1].end : -1;
    const windowStart = Math.max(ss, d.index - 160, prevDateEnd);
    const pre = S.slice(windowStart, d.index);
    const { cueAt, strong } = cueBefore(rd, d, pre, windowStart, prevDateEnd, chained);
    if (cueAt < 0) continue; // a date without a deadline cue is context
    if (d.kind === "relative" && !strong && !/\binnen\s*$/i.test(pre)) continue;
    // A season or "i løpet av 2026" is a deadline after "Frist" (or "innen" / "senest" before a season),
    // not after a verb or "før": "skal ferdigstilles sommeren 2023" and "Målet vil settes før sommeren
    // 2026" are someone else's work.
    if ((d.kind === "season" || d.kind === "within-year") && !strong && !(d.kind === "season" && /\b(?:innen|innan|senest|seinast)\s*$/i.test(pre))) continue;

    const sentence = S.slice(ss, se);
    const lineIdx = lineIdxAt(cueAt);
    if (inQuote(d.index)) continue;
    if (RE_EARLIER_DEADLINE.test(sentence)) continue;
    if (refersToEarlierAssignment(sentence) || changesAnother(sentence, d.result.ok ? d.result.date : null)) continue;
    if (!strong && bakgrunn[lineIdxAt(d.index)]) continue;

    if (!d.result.ok) {
      warnings.push({
        line: lines[lineIdxAt(d.index)]?.no ?? lines[0].no,
        message: `Ugyldig frist i ${ctx.id}: ${d.result.error} – fristen er ikke tolket, kontroller teksten`,
      });
      // An impossible date ("31.6.2026") with a "frist" cue is kept as an invalid deadline (text
      // kept, no date) so it is never silently replaced by the default deadline.
      if (strong && /ugyldig dato/.test(d.result.error)) {
        const invalidText = normaliseSpace(S.slice(cueAt, d.end)).replace(/[.,;:]+$/, "");
        candidates.push(...withLabels({ date: null, precision: null, state: "invalid", text: invalidText, offset: cueAt, lineIdx, strong }, S.slice(ss, d.index)));
        datedSentences.add(ss);
      }
      continue;
    }
    const text = normaliseSpace(S.slice(cueAt, d.end)).replace(/[.,;:]+$/, "");
    const relative = d.kind === "relative";
    candidates.push(...withLabels({ date: d.result.date, precision: d.result.precision, state: d.result.state, text, offset: cueAt, lineIdx, strong, relative }, S.slice(ss, d.index)));
    datedSentences.add(ss);
    chained = { end: d.end, strong };
  }

  return { candidates, datedSentences };
}

/** Deadlines without a date, in sentences that have none: to be agreed ("Fristen avtales …"), on hold ("settes i bero"). */
function undatedCandidates(rd: BodyReading, datedSentences: Set<number>): Candidate[] {
  const { ctx, joined, S, lineIdxAt, inQuote, refersToEarlierAssignment } = rd;
  const candidates: Candidate[] = [];
  const sentenceSet = joined.sentenceStarts;
  for (let k = 0; k < sentenceSet.length; k++) {
    const ss = sentenceSet[k];
    if (datedSentences.has(ss)) continue;
    const se = sentenceSet[k + 1] ?? S.length;
    const sentence = S.slice(ss, se);
    if (sentence.trim() === "" || inQuote(ss)) continue;
    const namesAnother = (): boolean => findIds(sentence).some((x) => x.id !== ctx.id);
    let state: ParsedDeadline["state"] | null = null;
    if (RE_ON_HOLD.test(sentence) && !namesAnother()) state = "on_hold";
    else if (
      ((RE_TO_BE_AGREED_SUBJECT.test(sentence) && RE_TO_BE_AGREED_VERB.test(sentence)) || RE_MINISTRY_SETS_DEADLINE.test(sentence)) &&
      !RE_EARLIER_DEADLINE.test(sentence) &&
      !refersToEarlierAssignment(sentence)
    )
      state = "to_be_agreed";
    if (!state) continue;
    const lead = sentence.length - sentence.trimStart().length;
    const candidate = {
      date: null,
      precision: null,
      state,
      text: shorten(normaliseSpace(sentence).replace(/[.;:]+$/, "")),
      offset: ss + lead,
      lineIdx: lineIdxAt(ss + lead),
      strong: /\bfrist/i.test(sentence),
    };
    candidates.push(...withLabels(candidate, sentence));
  }
  return candidates;
}

/**
 * A "Frist: …" line whose whole value is a deadline in a form only that label makes one: a
 * reporting point ("Frist: Løpende", "Frist: I årsrapporten", "Frist: Avtales nærmere"), as a table's
 * deadline cell does (`reportingPointDeadline`), or a year, a month, a day without its closing dot
 * or an ISO date ("Frist: 2026", "Frist: juni", "Frist: 15.06"; `bareDeadlineValue`).
 */
function fristValueCandidates(rd: BodyReading, warnings: ParseWarning[]): Candidate[] {
  const { ctx, lines, joined } = rd;
  const out: Candidate[] = [];
  lines.forEach((line, i) => {
    const frist = RE_FRIST_LINE.exec(line.text.trim());
    if (!frist || joined.starts[i] < 0) return;
    const point = reportingPointDeadline(frist[1], ctx.year, line.no);
    const bare = point ? null : bareDeadlineValue(frist[1], ctx.year > 0 ? ctx.year : null);
    const text = shorten(normaliseSpace(line.text)).replace(/[.,;:]+$/, "");
    if (bare && !bare.ok) warnings.push({ line: line.no, message: `Ugyldig frist i ${ctx.id}: ${bare.error} – fristen er ikke tolket, kontroller teksten` });
    // An impossible date ("Frist: 31.02") is kept as an invalid deadline, as in a date phrase.
    const invalid = bare && !bare.ok && /ugyldig dato/.test(bare.error) ? { date: null, precision: null, state: "invalid" as const, text } : null;
    const value = point ?? (bare?.ok ? { date: bare.date, precision: bare.precision, state: bare.state, text } : invalid);
    if (!value) return;
    const candidate = { date: value.date, precision: value.precision, state: value.state, text: value.text, offset: joined.starts[i], lineIdx: i, strong: true };
    out.push(...withLabels(candidate, line.text));
  });
  return out;
}

/**
 * The candidates as deadlines, in text order, each with its label (an explicit "Frist for
 * deloppdrag 2", else the numbered item or "Delleveranse" marker it stands in); the same deadline
 * said twice is one (the "Frist" phrase kept); "to be agreed" without a label gives way to "on hold".
 */
function labelledDeadlines(rd: BodyReading, candidates: Candidate[]): ParsedDeadline[] {
  const { lines } = rd;
  const { items, markers } = rd.scopes;
  const innermost = (list: Scope[], idx: number): Scope | null => {
    let best: Scope | null = null;
    for (const s of list) if (s.start <= idx && idx <= s.end && (!best || s.start > best.start)) best = s;
    return best;
  };
  const itemsWithDeadlines = new Set<Scope>();
  for (const c of candidates) {
    const it = innermost(items, c.lineIdx);
    if (it) itemsWithDeadlines.add(it);
  }
  const manyItems = itemsWithDeadlines.size >= 2;
  const labelFor = (c: Candidate): string | null => {
    const item = innermost(items, c.lineIdx);
    const itemOk = item !== null && ((manyItems && itemsWithDeadlines.has(item)) || c.lineIdx <= item.paraEnd);
    // "Frist for deloppdraget" in the item "2)" is the item's: "Deloppdrag 2".
    if (c.explicitLabel) return c.explicitUnnumbered && item && itemOk ? item.label : c.explicitLabel;
    const marker = innermost(markers, c.lineIdx);
    if (item && itemOk && (!marker || item.start > marker.start)) return item.label;
    if (marker) return marker.label;
    return null;
  };

  candidates.sort((a, b) => a.offset - b.offset);
  const hasOnHold = candidates.some((c) => c.state === "on_hold");
  const out: ParsedDeadline[] = [];
  const seen = new Map<string, number>();
  for (const c of candidates) {
    const label = labelFor(c);
    if (hasOnHold && c.state === "to_be_agreed" && label === null) continue;
    const key = `${c.state}|${c.date}|${label}`;
    const deadline: ParsedDeadline = {
      date: c.date,
      precision: c.precision,
      label,
      text: c.text,
      isDefault: false,
      state: c.state,
      line: lines[c.lineIdx]?.no ?? null,
    };
    const prev = seen.get(key);
    if (prev !== undefined) {
      // The same deadline said twice ("… innen 1. juni 2023." and "Frist for deloppdrag: 1. juni
      // 2023"): keep one, preferring the explicit "Frist" phrase.
      if (/^frist/i.test(deadline.text) && !/^frist/i.test(out[prev].text)) out[prev] = deadline;
      continue;
    }
    seen.set(key, out.length);
    out.push(deadline);
  }

  return out;
}

/**
 * Warnings: a "Frist: …" paragraph nothing was read from ("Frist: snarest", "Frist: Løpende"; the
 * date may stand on a later line of the paragraph), and a deadline before the letter's year.
 */
function warnUnread(rd: BodyReading, candidates: Candidate[], out: ParsedDeadline[], warnings: ParseWarning[]): void {
  const { ctx, lines } = rd;
  const readLines = new Set(candidates.map((c) => c.lineIdx));
  const paragraphFrom = (i: number): number[] => {
    const out = [i];
    for (let k = i + 1; k < lines.length && k <= i + 4 && lines[k].text.trim() !== "" && !/^Frist\b/i.test(lines[k].text); k++) out.push(k);
    return out;
  };
  lines.forEach((line, i) => {
    const frist = RE_FRIST_LINE.exec(line.text.trim());
    if (!frist || findDatePhrases(frist[1], ctx.year).length > 0) return;
    if (paragraphFrom(i).some((k) => readLines.has(k) || (k > i && findDatePhrases(lines[k].text, ctx.year).length > 0))) return;
    warnings.push({ line: line.no, message: `Fant ingen dato i «${shorten(line.text)}» i ${ctx.id} – kontroller fristen` });
  });
  for (const d of out) {
    if (d.state === "dated" && d.date && Number(d.date.slice(0, 4)) < ctx.year) {
      warnings.push({
        line: d.line ?? lines[0].no,
        message: `Fristen «${d.text}» i ${ctx.id} ligger før brevets år (${ctx.year}) – kontroller teksten`,
      });
    }
  }
}

/** Deadlines in the body of one assignment, in text order; [] when the text gives none. */
export function extractDeadlines(ctx: DeadlineContext, warnings: ParseWarning[]): ParsedDeadline[] {
  const rd = bodyReading(ctx);
  if (!rd) return [];
  const { candidates: dated, datedSentences } = datedCandidates(rd, warnings);
  // Where a "Frist" gives the assignment a date, "innen tre måneder etter at …" in its prose (without
  // "Frist") is context: a duty the text describes ("… pålegger virksomheter en plikt til å …").
  const fristDate = dated.some((c) => c.strong && c.date !== null);
  const candidates = fristDate ? dated.filter((c) => !(c.relative && !c.strong)) : dated;
  candidates.push(...undatedCandidates(rd, datedSentences));
  for (const c of fristValueCandidates(rd, warnings)) if (!candidates.some((o) => o.lineIdx === c.lineIdx)) candidates.push(c);
  candidates.sort((a, b) => a.offset - b.offset);
  const out = labelledDeadlines(rd, candidates);
  warnUnread(rd, candidates, out, warnings);
  return out;
}

/** The implied deadline when the letter gives none (letter section 1.4): 31 December. */
export function defaultDeadline(year: number): ParsedDeadline {
  const y = Number.isFinite(year) && year > 0 ? year : 0;
  return {
    date: y > 0 ? `${String(y).padStart(4, "0")}-12-31` : null,
    precision: y > 0 ? "year" : null,
    label: null,
    text: y > 0 ? `Ingen frist oppgitt – gjennomføres innen utgangen av ${y}` : "Ingen frist oppgitt",
    isDefault: true,
    state: "dated",
    line: null,
  };
}

export type { DatePhraseMatch };
