/**
 * Parser for allocation letters (tildelingsbrev) and supplementary letters (tillegg til
 * tildelingsbrev) as text extracted from PDF. Pure: string in, `ParseResult` out, never throws.
 *
 * Structure it recognises (the genre, not one file):
 *  - Several letters in one file. The first is the main letter unless its subject says
 *    otherwise; a later letter starts at a subject line ("Statsbudsjettet 2023 - … - Tillegg til
 *    tildelingsbrev", "Tillegg til tildelingsbrev", "Tilleggsoppdrag …", "Tildelingsbrev 2026")
 *    once the previous letter has content or has been signed off ("Med hilsen"). The letterhead
 *    footer ("Postadresse …") just above the subject belongs to the new letter.
 *  - Letter header: "Vår ref" (also "Vår saksnr.", "Saksnr.") / "Dato" ("Vår dato") with the value
 *    on the same or a later line; a place and the date on one line ("Oslo, 19. desember 2024").
 *  - Numbered sections ("2.1 Folkehelse", "2.1.3 Spesielle oppdrag"); a goal area is a
 *    two-level section that holds assignments, goals or a "… oppdrag" subsection.
 *  - Goals "Mål 4: …" (title may wrap).
 *  - Assignment definitions: an ID at the start of a line ("ID: TB2023-01 Eieravdeling HOD: FHA
 *    Title", "TTB2023-04 Presisering av TB2023-18 Title", "TB2026-1 Title", "TB2026-101
 *    Avd. HOD: DIG, BSA"). Without the "ID:" label a line only defines an assignment when it
 *    follows a sentence end, blank line or heading, continues with a capital letter (not a
 *    verb), and has the letter's year: "… med oppdrag i\nTB2022-31 om læring …" is a mention.
 *    Bulleted IDs ("- TTB2023-02 …") are the summary list of a supplementary letter.
 *  - Owning departments: "Eieravdeling HOD:", "Avd. HOD:", "Ansvarlig avdeling (i) HOD:", "Ansvarlig:", "Eier:" with
 *    2–5 capital letters, several joined by "/", ",", "&" or "og"; on the same line, on a later
 *    line, or at the end of the block (supplementary letters). Never a fixed list of codes.
 *  - Title: the rest of the ID line plus wrapped continuation lines. The title ends at a blank
 *    line unless the title so far ends in a word or sign that cannot end a title ("for", "og",
 *    "-", ",") or the next line starts in lower case; it also ends at a long line (> 60
 *    characters: PDF titles sit in a narrow column, body text runs full width), a line ending
 *    in ":" or a department/deadline/list line. A block without a title takes it from the
 *    letter's summary list, else its first sentence (with a warning).
 *  - Body: everything after the title to the next boundary (definition, section heading, area
 *    heading, "Kap. 765, post 21", "Med hilsen", a new letter), without page footers, URLs,
 *    mailto lines and letterhead lines. In supplementary letters an "Ansvarlig avdeling" line
 *    after the body closes the block.
 *  - Relations: "Presisering av TB…" in the title (clarifies), "erstatter TB…" (replaces).
 *  - Events: "Utsettelse av TB2023-31 …" heading (postponement), "TB… settes i bero" in a
 *    supplementary letter.
 *  - Assignments without ID in supplementary letters: a block closed by "Ansvarlig avdeling …",
 *    a numbered section "3 Oppdrag til …" (with following "Frister …" sections), or a whole
 *    "Tilleggsoppdrag" letter. Key: `uten-id-<year>-<fnv1a(reference|title)>` (see ids.ts).
 *  - Later letters (later-letters.ts): part kind and target of each block, IDs announced only in
 *    the opening list (exempt / "Ettersendes"), withdrawal / deadline change / owner change events.
 *  - Newer layout: no table of contents as headings (also where the page number stands on the line
 *    below its entry); an ID alone on its line with the owner line below starts a block whatever
 *    stands above it; the title is the line after the owner line (joined where the PDF wrapped it).
 *  - Real 2026 shapes (decision 092): "Frist: … Ansvarlig avdeling i HOD: SHA" on one line; a
 *    short "Andre føringer:" above a task without ID; "Deres ref Vår ref" on one line; a
 *    "Korrigering av oppdragsdokument …" is a later letter; an oppdragsdokument's one-level
 *    chapters ("1. Digital samhandling") are its areas.
 *  - Other ID forms (ids.ts, decision 093): "Oppdrag 13/2024 Title", "Oppdrag 2024-001: Title",
 *    "ID 2026-01" as definitions when they stand where a block starts and go on with a title;
 *    "TB- 2026-2" (a split TB ID) is TB2026-2. line-ids.ts reads them; tables.ts reads table rows.
 *  - Other agencies (letter-meta.ts): recipient, genre, number; "ID: 2026-01 Title"; numbered
 *    assignments without IDs under an "Oppdrag" heading, numbered ("2 Særskilte oppdrag") or the
 *    words alone on a line: its subsections ("2.1 Title"), else its numbered lines ("1. Title",
 *    "Oppdrag 1: Title") set apart by blank lines or counting 1, 2, 3 … line by line, else a
 *    list of two or more bullets, else the rows of a table under "Nr. Oppdrag Frist"; an item
 *    that is one sentence (wrapped or not) is its own text,
 *    titled up to its "Frist".
 * Deadlines: see deadlines.ts. Everything odd becomes a warning with a line number.
 *
 * Code: `parseLetter` runs PHASES, each a function over a `ParseState` (see below), in order.
 */
import { defaultDeadline, extractDeadlines, type BodyLine } from "./deadlines";
import { parseNorwegianDate } from "./dates";
import { findIds, idIdentity, idMention, idYear, isPlainForm, sameId, syntheticId } from "./ids";
import { idAfterLabel, idAtLineEnd, idAtLineStart, listIdAt, type LineId } from "./line-ids";
import { RE_ID_TABLE_HEAD, tableRowCells, type TableRowCells } from "./tables";
import { announcedEntry, changesInSentence, changesToOthers, classifyPart, RE_EXEMPT, RE_SUPPLEMENT_SECTION, supplementSectionKind, type SupplementSection } from "./later-letters";
import { normaliseLetterText } from "./normalise";
import { addresseeFromText, genreOf, isGenreSubject, letterNumberOf, recipientFromAddress, recipientFromSubject } from "./letter-meta";
import type {
  LetterKind,
  ParseResult,
  ParseWarning,
  ParsedArea,
  ParsedAssignment,
  ParsedDepartment,
  ParsedEvent,
  ParsedGoal,
  ParsedLetter,
  ParsedRelation,
} from "./types";

// ---------------------------------------------------------------------------------------------
// Lines and noise

interface SourceLine {
  /** 1-based line number. */
  no: number;
  /** Trimmed text. */
  text: string;
  blank: boolean;
  /** Page footer, URL, mailto, letterhead: not content. */
  noise: boolean;
}

const CODE = "[A-ZÆØÅ]{2,5}";
const RE_CODES_AT_START = new RegExp(
  `^\\s*(${CODE})(?![\\p{L}\\d-])((?:\\s*(?:\\/|,|&|\\bog\\b)\\s*${CODE}(?![\\p{L}\\d-]))*)`,
  "u",
);
const RE_CODES_ONLY = new RegExp(`^(${CODE})(?:\\s*(?:\\/|,|&|og)\\s*${CODE})*\\s*\\.?$`, "u");
/** "Avd. HOD:", "Ansvarlig avdeling i HOD:", "Ansvarlig:", "Eier:", "Ansv. avd.:", also another ministry's abbreviation ("Avd. NFD:"). */
const RE_DEPT_LABEL =
  /(?<![\p{L}])(?:[Ee]ieravdeling|[Ee]ier|[Aa]nsvarl[ie]g(?:\s+avdeling)?|[Aa]nsv\.\s*avd\.?|[Aa]vd\.|[Aa]vdeling)(?:\s+i)?(?:\s+(?:[A-ZÆØÅ]{2,5}|[Dd]epartementet))?\s*:/u;
const RE_DEPT_LINE_FULL = new RegExp(`^${RE_DEPT_LABEL.source}`, "u");
/** `RE_DEPT_LINE.test(t)` with a cheap first-character filter. */
const RE_DEPT_LINE = {
  test: (t: string): boolean => /^[EAea]/.test(t) && t.includes(":") && RE_DEPT_LINE_FULL.test(t),
  source: RE_DEPT_LINE_FULL.source,
};
const RE_SUPPLEMENTARY_TITLE =
  /tillegg|suppler[ae]nde|supplement\s+til|endret tildelingsbrev|revidert tildelingsbrev|korrigering av|endringsbrev|endring(?:er)?\s+(?:av|i|til)\s+(?:tildelingsbrev|oppdragsbrev|oppdragsdokument)|justert|justering av|(?:tildelingsbrev|oppdragsbrev)\s+(?:\d{4}\s+)?nr\.?\s*(?:[2-9]|\d{2})\b/i;
const RE_POSTPONEMENT_HEAD = /^(?:Utsettelse|Utsetting)\s+av\s+/i;
const RE_BUDGET_HEADING_FULL = /^Kap(?:ittel|\.)?\s*\d{3,4}(?:\s*[,.]?\s*post\s*\d{2})?\s*[.,]?$/i;
const RE_BUDGET_HEADING = { test: (t: string): boolean => /^[Kk]/.test(t) && t.length < 40 && RE_BUDGET_HEADING_FULL.test(t) };
/** A section heading that starts with "Oppdrag" / "Særskilte oppdrag" … ("3.2 Oppdrag til direktoratet"). */
const RE_OPPDRAG_HEADING = /^(?:(?:(?:Særskilte|Særskilde|Spesielle|Nye|Øvrige|Andre)\s+)?oppdrag|(?:Særskilte|Særskilde|Spesielle|Nye)\s+oppg[aå]ver?)\b/i;
/** Only those words, perhaps with the year: "Oppdrag", "Særskilte oppdrag for 2026:", "Særskilte oppgaver". */
const RE_PLAIN_OPPDRAG_HEADING =
  /^(?:(?:(?:Særskilte|Særskilde|Spesielle|Nye|Øvrige|Andre)\s+)?oppdrag|(?:Særskilte|Særskilde|Spesielle|Nye)\s+oppg[aå]ver?)(?:\s+(?:for|i)\s+(?:19|20)\d{2})?\s*:?$/i;
/** An item of an "Oppdrag" section without IDs: "1. Title", "2) Title", "Oppdrag 3: Title", "Oppdrag nr. 4 – Title". */
const RE_NUMBERED_ITEM = /^(?:Oppdrag\s+(?:nr\.\s*)?)?(\d{1,2})\s?(?:[.)]|\s*[:–-])\s+(\p{Lu}.*)$/u;
/** A bullet of a list: "• Text", "– text", "- Text", "▪ Text". */
const RE_BULLET_ITEM = /^[•–▪·*-]\s+(\S.{2,})$/u;
/**
 * The title of an assignment that is one sentence: the sentence up to its "Frist", with a capital
 * first letter, at most 160 characters (cut at a word; "Meld. St." is no end of a sentence).
 */
function sentenceTitle(sentence: string): string {
  let t = sentence.split(/\.?\s+Frist\b/)[0].replace(/[.:;,]$/, "").trim();
  if (t.length > 160) t = `${t.slice(0, 160).replace(/\s+\S*$/, "")} …`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}
/** Subsections of an "Oppdrag" section that are no assignment of their own. */
const RE_NOT_AN_ASSIGNMENT_SECTION = /^(?:Innledning|Innleiing|Bakgrunn|Generelt|Oversikt|Frister?|Rapportering|Budsjett|Økonomi|Styringsparametere?|Mål)\b/i;
/** "Med hilsen", "Med vennlig hilsen"; in nynorsk "Med helsing", "Med venleg helsing". */
const RE_CLOSING_FULL = /^Med\s+(?:venn?l[ie]g\s+)?(?:hilsen|helsing)\b/i;
const RE_CLOSING = { test: (t: string): boolean => /^[Mm]ed\s/.test(t) && RE_CLOSING_FULL.test(t) };
/** "2.1 Folkehelse", "3.4. Pasienter og …" (a trailing dot only after a two-level code). */
const RE_NUMBERED_HEADING = /^(?:(\d{1,2}(?:\.\d{1,2}){1,3})\.?|(\d{1,2}))\s+(\p{Lu}.*)$/u;
/** RE_NUMBERED_HEADING as [code, title], or null. */
function numberedHeading(t: string): [string, string] | null {
  const m = RE_NUMBERED_HEADING.exec(t);
  return m ? [m[1] ?? m[2], m[3]] : null;
}
/** A table-of-contents line: dotted leader (or a run of spaced dots) and a page number. */
const RE_TOC_LINE = /(?:\.{3,}|…{2,}|(?:\s\.){3,}|_{3,})\s*\d{1,3}$/;
/** A contents entry whose page number the PDF put on the next line: it ends in its leaders. */
const RE_TOC_LEADERS_END = /(?:\.{4,}|…{2,}|(?:\s\.){3,}|_{3,})$/;
const RE_GOAL = /^Mål\s+(\d{1,2})\s*[:.–-]\s*(\S.*)$/u;
const RE_GOAL_LINE = /^(?:Mål|Tilknyttet\s+mål|Knyttet\s+til\s+mål)\s*:?\s*(?:Mål\s*)?(\d{1,2})\s*\.?$/iu;
const RE_TITLE_CONTINUES = /(?:\b(?:og|eller|for|av|i|til|med|om|på|fra|mot|ved|under|over|mellom|etter|samt|som|en|et|ett|det|den|de|innen|uten|hos)|[-–,:/&(])$/iu;

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
  if (t.length > 120 || /[.;:,]$/.test(t) || !/\b(?:tildelingsbrev|oppdragsbrev|oppdragsdokument)/i.test(t)) return false;
  return /^(?:Endringsbrev|Tilleggsbrev|Supplement\s+til|Endring(?:er)?\s+(?:av|i|til)|Justert|Justering\s+av|Oppdragsbrev\s+nr\.?\s*\d)\b/i.test(t);
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

function markNoise(lines: SourceLine[]): void {
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const t = lines[i].text;
    if (t === "") continue;
    if (
      /^Side\s+\d{1,4}(?:\s*(?:av|of|\/)\s*\d{1,4})?$/i.test(t) ||
      // "2 av 14", "- 3 -": page numbers of other templates.
      /^\d{1,3}\s+av\s+\d{1,3}$/.test(t) ||
      /^[-–]\s?\d{1,3}\s?[-–]$/.test(t) ||
      /^(?:https?:\/\/|www\.)\S*$/i.test(t) ||
      /^mailto:/i.test(t) ||
      /^(?:Ifølge liste|Adresseliste|Kopi|Dokumentet er elektronisk (?:signert|godkjent).*)$/i.test(t) ||
      /^(?:Postadresse|Kontoradresse|Besøksadresse|Telefon\*?|Org\.?\s?nr\.?|Saksbehandler|Sakshandsamar|(?:Deres|Dykkar)\s+ref(?:eranse)?\.?)\s*:?$/i.test(t)
    ) {
      lines[i].noise = true;
      continue;
    }
    if (/^Postboks\s+\d+/i.test(t)) {
      lines[i].noise = true;
      // The addressee just above ("Helsedirektoratet") and the postcode lines just below.
      for (let k = i - 1, seen = 0; k >= 0 && seen < 2; k--) {
        if (lines[k].blank) continue;
        seen++;
        if (/^[\p{Lu}][\p{L}-]*(?:\s[\p{L}-]+){0,2}$/u.test(lines[k].text) && lines[k].text.length <= 40) {
          lines[k].noise = true;
        }
        break;
      }
      for (let k = i + 1, seen = 0; k < n && seen < 3; k++) {
        if (lines[k].blank) continue;
        seen++;
        if (/^(?:\d{4}\s+\p{L}[\p{L} -]*|Skøyen|Dep)$/u.test(lines[k].text)) lines[k].noise = true;
        else break;
      }
    }
  }
}

/** "… beredskapskommunikasjon (Nytt" goes on: the PDF broke the title inside a parenthesis. */
function unclosedParenthesis(text: string): boolean {
  return (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
}

function joinWrapped(parts: string[]): string {
  let out = "";
  for (const raw of parts) {
    const p = raw.trim();
    if (p === "") continue;
    if (out === "") {
      out = p;
    } else if (/[\p{L}\d]-$/u.test(out) && /^\p{Ll}/u.test(p) && !/^(?:og|eller)\b/u.test(p)) {
      out += p; // "covid-19-" + "pasienter"
    } else {
      out += ` ${p}`;
    }
  }
  return out.replace(/\s+/g, " ").trim();
}

function parseCodes(text: string): { codes: string[]; rest: string } | null {
  const m = RE_CODES_AT_START.exec(text);
  if (!m) return null;
  const codes = m[0]
    .trim()
    .split(/\s*(?:\/|,|&|\bog\b)\s*/u)
    .map((c) => c.trim())
    .filter((c) => c !== "");
  return { codes, rest: text.slice(m[0].length) };
}

function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------
// Internal structures

interface Letter {
  start: number; // 0-based index
  end: number; // inclusive
  title: string | null;
  titleLine: number | null; // 0-based
  titleEnd: number | null; // 0-based, last line of the title
  kind: LetterKind;
  year: number;
  date: string | null;
  reference: string | null;
}

interface Heading {
  idx: number;
  code: string;
  level: number;
  title: string;
  letter: number;
}

interface Def {
  idx: number;
  id: string;
  idYear: number;
  letter: number;
  hasLabel: boolean;
  rest: string; // text after the ID on the line
  /** A row of a table of assignments with IDs: its cells. */
  cells?: TableRowCells;
  /** The ID ends the title line ("Title (TB2025-5)"). */
  trailing?: boolean;
}

interface ListEntry {
  id: string;
  title: string;
  idx: number;
  letter: number;
}

interface AreaSpan {
  code: string;
  name: string;
  start: number;
  end: number;
}

/** Parse the text of one file holding one or more letters. Never throws. */
export function parseLetter(text: string): ParseResult {
  const warnings: ParseWarning[] = [];
  try {
    return parseInternal(typeof text === "string" ? text : "", warnings);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      letters: [],
      assignments: [],
      events: [],
      warnings: [...warnings, { line: 1, message: `Intern feil i tolkingen av brevet: ${message}` }],
      areas: [],
      goals: [],
      departments: [],
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The parse state and the phases. `parseLetter` runs the phases in order (PHASES); each reads
// what earlier phases set on the state and sets its own part:
//   lines (createParseState) → letters → headings → definitions, lists, events → areas and goals
//   → boundaries → blocks → assignments → events → without ID → later letters → warnings → output.

interface EventLine {
  idx: number;
  target: string;
  letter: number;
}

interface GoalLine {
  idx: number;
  code: string;
  title: string;
}

export interface ParseState {
  text: string;
  lines: SourceLine[];
  n: number;
  warnings: ParseWarning[];
  result: ParseResult;
  /** Line i is neither blank nor noise. */
  content: (i: number) => boolean;
  letters: Letter[];
  letterOf: (idx: number) => number;
  headings: Heading[];
  headingAt: Map<number, Heading>;
  defs: Def[];
  defAt: Map<number, Def>;
  listEntries: ListEntry[];
  eventLines: EventLine[];
  areaSpans: AreaSpan[];
  goalLines: GoalLine[];
  areaAtLine: (idx: number) => AreaSpan | null;
  suppAreaHeadings: Map<number, string | null>;
  suppSections: Map<number, SupplementSection>;
  sectionAt: (idx: number, li: number) => SupplementSection | null;
  boundary: boolean[];
  nextBoundary: (i: number, letterEnd: number) => number;
  assignments: ParsedAssignment[];
  covered: boolean[];
  buildAssignment: (b: Block) => ParsedAssignment;
  areaForSupp: (idx: number, li: number) => string | null;
  events: ParsedEvent[];
}

/** Phase "lines": the normalised text as trimmed lines, with page footers, URLs and letterhead marked as noise. */
export function createParseState(input: string, warnings: ParseWarning[] = []): ParseState {
  // The one normalisation (normalise.ts); it keeps the line structure.
  const text = normaliseLetterText(typeof input === "string" ? input : "");
  const lines: SourceLine[] = text.split("\n").map((raw, i) => {
    const t = /\s\s|[^\S ]/.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw.trim();
    return { no: i + 1, text: t, blank: t === "", noise: false };
  });
  const n = lines.length;
  markNoise(lines);
  const unset = (): never => {
    throw new Error("fasen er ikke kjørt");
  };
  return {
    text,
    lines,
    n,
    warnings,
    result: { letters: [], assignments: [], events: [], warnings, areas: [], goals: [], departments: [] },
    content: (i: number) => !lines[i].blank && !lines[i].noise,
    letters: [],
    letterOf: unset,
    headings: [],
    headingAt: new Map(),
    defs: [],
    defAt: new Map(),
    listEntries: [],
    eventLines: [],
    areaSpans: [],
    goalLines: [],
    areaAtLine: unset,
    suppAreaHeadings: new Map(),
    suppSections: new Map(),
    sectionAt: unset,
    boundary: new Array<boolean>(n).fill(false),
    nextBoundary: unset,
    assignments: [],
    covered: new Array<boolean>(n).fill(false),
    buildAssignment: unset,
    areaForSupp: unset,
    events: [],
  };
}

function parseInternal(input: string, warnings: ParseWarning[]): ParseResult {
  const st = createParseState(input, warnings);
  if (st.lines.every((l) => l.blank)) {
    warnings.push({ line: 1, message: "Teksten er tom – fant ingen brev å tolke" });
    return st.result;
  }
  for (const phase of PHASES) phase(st);
  return st.result;
}

interface Block {
  id: string;
  hasId: boolean;
  letter: number;
  start: number;
  end: number;
  inlineTitle: string;
  inlineDepts: string[];
  deptLabelSeen: boolean;
  /** The title is given (section heading, letter subject): do not extend it. */
  fixedTitle?: boolean;
  /** `start` is the block's first line of title/body, not a head line to skip (a free segment
   *  may begin on the first line of the text, where there is no line before it). */
  headless?: boolean;
  /** A row of a table of assignments with a "Frist" column (its deadline cell is its deadline). */
  tableRow?: boolean;
  /** A table row's deadline cell, read as the first line of its body. */
  cellBody?: string | null;
  /** Newer layout (2024–): the ID alone on its line without "ID:", then the owner line, then a
   *  one-line title. (The 2023 layout, "ID: TB2023-38" / owner / title, wraps titles.) */
  newLayout?: boolean;
}

/** Phase "letters": where each letter starts and ends, its subject, "Vår ref", "Dato" and year. */
export function phaseLetters(st: ParseState): void {
  const { text, lines, n, warnings, content } = st;
  // ----- Letters -------------------------------------------------------------------------------
  const letters: Letter[] = [];
  const newLetter = (start: number): Letter => ({
    start,
    end: n - 1,
    title: null,
    titleLine: null,
    titleEnd: null,
    kind: "main",
    year: 0,
    date: null,
    reference: null,
  });
  letters.push(newLetter(0));
  const readTitle = (i: number): { title: string; end: number } => {
    const parts = [lines[i].text];
    let j = i;
    while (parts.length < 3 && j + 1 < n) {
      const next = lines[j + 1];
      if (next.blank || next.noise || next.text.length > 100) break;
      const prev = parts[parts.length - 1];
      if (!(RE_TITLE_CONTINUES.test(prev) || /^\p{Ll}/u.test(next.text))) break;
      parts.push(next.text);
      j++;
    }
    return { title: joinWrapped(parts), end: j };
  };
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
    // previous one's closing: inside a letter the same words may be a heading.
    if (!strong && !closed) continue;
    const key = lines[i].text.replace(/\s+/g, " ").toLowerCase();
    if (!closed && subjectsSeen.has(key)) {
      lines[i].noise = true;
      continue;
    }
    const { title, end } = readTitle(i);
    if (contentLines >= 30 || closed) {
      const start = letterHeadStart(lines, i, cur.start);
      cur.end = start - 1;
      const l = newLetter(start);
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
  const letterOf = (idx: number): number => {
    for (let k = letters.length - 1; k >= 0; k--) if (idx >= letters[k].start) return k;
    return 0;
  };

  // Letter headers: "Vår ref" and "Dato", value on the same or a later line.
  for (const l of letters) {
    for (let i = l.start; i <= l.end; i++) {
      if (lines[i].blank) continue;
      const t = lines[i].text;
      const valueAfter = (rest: string, accept: (v: string) => boolean): string | null => {
        if (rest !== "") return accept(rest) ? rest : null;
        for (let k = i + 1, seen = 0; k <= l.end && seen < 2; k++) {
          if (lines[k].blank) continue;
          seen++;
          if (/^(?:Vår|Deres|Dykkar)\s+(?:ref|sak|dato)|^Saksn|^Dato\b/i.test(lines[k].text)) return null;
          if (accept(lines[k].text)) {
            lines[k].noise = true;
            return lines[k].text;
          }
          return null;
        }
        return null;
      };
      // "Vår ref", also after an empty "Deres ref" column on the same line ("Deres ref Vår ref").
      const ref = /^((?:Deres|Dykkar)\s+ref(?:eranse)?\.?\s*:?\s*)?(?:Vår\s+(?:ref(?:eranse)?|saksnr|saksnummer)|Saksnr|Saksnummer)\.?\s*:?\s*(.*)$/i.exec(t);
      if (ref) {
        lines[i].noise = true;
        if (/^Dato\s*:?$/i.test(ref[2].trim())) {
          // "Deres ref Vår ref Dato" as one row of labels, the values on the next line.
          const row = headerRowValues(lines, i, l.end);
          if (row && l.reference === null) l.reference = row.reference;
          if (row && l.date === null) l.date = row.date;
          continue;
        }
        const v = valueAfter(ref[2].trim(), (s) => /^\d{1,4}\/\d+[\w\-/ .]*$/u.test(s));
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
        const v = valueAfter(leading ? leading[0] : dato[1].trim(), (s) => s.length <= 30 && letterDate(s) !== null);
        if (v && l.date === null) l.date = letterDate(v);
      }
    }
  }

  // Years: subject line, then IDs at line starts, then the letter's date, then the whole file.
  const mode = (values: number[]): number | null => {
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
  };
  const lineIdYears = (from: number, to: number): number[] => {
    const out: number[] = [];
    for (let i = from; i <= to; i++) {
      const at = listIdAt(lines[i].text) ?? idAtLineStart(lines[i].text);
      if (at) out.push(at.idYear);
    }
    return out;
  };
  let fileYear = mode(lineIdYears(0, n - 1));
  if (fileYear === null) {
    const ys: number[] = [];
    for (const m of text.matchAll(RE_GENRE_YEAR)) ys.push(Number(m[1]));
    fileYear = mode(ys);
  }
  /** The year the letter's own text names its budget year by ("Tildelingsbrev for budsjettåret 2025"). */
  const namedYear = (l: Letter): number | null => {
    const ys: number[] = [];
    for (let i = l.start; i <= Math.min(l.end, l.start + 80); i++) for (const m of lines[i].text.matchAll(RE_GENRE_YEAR)) ys.push(Number(m[1]));
    return mode(ys);
  };
  if (fileYear === null) {
    const ys: number[] = [];
    for (const m of text.slice(0, 200_000).matchAll(/(?<!\d)(20\d{2})(?!\d)/g)) ys.push(Number(m[1]));
    fileYear = mode(ys);
  }
  letters.forEach((l, k) => {
    const fromTitle = l.title ? /\b((?:19|20)\d{2})\b/.exec(l.title) : null;
    const y =
      (fromTitle ? Number(fromTitle[1]) : null) ??
      mode(lineIdYears(l.start, l.end)) ??
      namedYear(l) ??
      (l.date ? yearOfDate(l.date, k === 0 && !(l.title && RE_SUPPLEMENTARY_TITLE.test(l.title))) : null) ??
      fileYear;
    if (y === null) {
      warnings.push({ line: lines[l.start].no, message: `Fant ikke hvilket år brev ${k + 1} gjelder` });
      l.year = 0;
    } else l.year = y;
  });
  st.letters = letters;
  st.letterOf = letterOf;
}

/** Phase "headings": numbered section headings per letter, never a table of contents. */
export function phaseHeadings(st: ParseState): void {
  const { lines, content, letters } = st;
  // ----- Headings ------------------------------------------------------------------------------
  const headings: Heading[] = [];
  letters.forEach((l, li) => {
    markContentsWithoutPageNumbers(st, l);
    // Table of contents: lines with dotted leaders and page numbers, and numbered headings that
    // repeat later in the letter (the earlier one is the contents entry). Never headings.
    const seenLater = new Map<string, number>();
    for (let i = l.end; i >= l.start; i--) {
      if (!content(i)) continue;
      const t = lines[i].text;
      if (t.length > 200) continue;
      if (RE_TOC_LINE.test(t) && /^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+)?\p{Lu}/u.test(t)) {
        lines[i].noise = true;
        continue;
      }
      const m = numberedHeading(t);
      if (!m) continue;
      const key = `${m[0]}|${m[1].replace(/\s+\d{1,3}$/, "").replace(/\s+/g, " ").trim().toLowerCase()}`;
      if (seenLater.has(key)) lines[i].noise = true;
      else seenLater.set(key, i);
    }
    for (let i = l.start; i <= l.end; i++) {
      if (content(i) && /^(?:Innhold|Innholdsfortegnelse)$/i.test(lines[i].text)) lines[i].noise = true;
    }
    let chapter: number | null = null;
    // Chapters written "5. Title" (never in later letters: their numbered paragraphs are items).
    // Where the letter has "3.1 Title" sections, only as the chapter after the sections seen so
    // far ("4. Budsjettildeling" after 3.13 ends the last assignment; "1. Innledning" is left alone).
    const laterLetter = li > 0 || (l.title !== null && RE_SUPPLEMENTARY_TITLE.test(l.title));
    let sectioned = false;
    for (let i = l.start; i <= l.end && !sectioned; i++) sectioned = content(i) && lines[i].text.length <= 130 && (numberedHeading(lines[i].text)?.[0].includes(".") ?? false);
    for (let i = l.start; i <= l.end; i++) {
      if (!content(i)) continue;
      const t = lines[i].text;
      if (t.length > 130) continue;
      const standaloneOk: boolean = !laterLetter && (!sectioned || chapter !== null);
      const h: [string, string] | null = numberedHeading(t) ?? (standaloneOk ? standaloneChapterHeading(st, i, l) : null);
      if (!h) continue;
      const m: string[] = [t, h[0], h[1]];
      const parts: number[] = m[1].split(".").map(Number);
      const first: number = parts[0];
      // A chapter may skip a number (an excerpt, or a chapter heading the PDF lost) when its own
      // sections follow ("3 Mål og oppdrag" / "3.1 …" after "1 Innledning").
      const skipsTo = (n: number): boolean => chapter !== null && n === chapter + 2 && hasSectionOf(st, n, i, l.end);
      if (parts.length === 1) {
        if (!((chapter === null && first >= 1 && first <= 3) || (chapter !== null && first === chapter + 1) || skipsTo(first))) continue;
        // "3 Rapportere om …" right under "2 Vurdere …": the next row of a numbered table, no chapter.
        if (i > l.start && !lines[i - 1].blank && /^(\d{1,2})\.?\s/.exec(lines[i - 1].text)?.[1] === String(first - 1)) continue;
        if (/^\p{Lu}[\p{L}]*\s+(?:kroner|mill)/u.test(m[2])) continue;
      } else if (!(chapter === null || first === chapter || first === chapter + 1 || skipsTo(first))) continue;
      chapter = first;
      headings.push({ idx: i, code: m[1], level: parts.length, title: withWrappedHeadingLine(st, i, m[2].trim(), l.end), letter: li });
    }
  });
  const headingAt = new Map<number, Heading>(headings.map((h) => [h.idx, h]));
  st.headings = headings;
  st.headingAt = headingAt;
}

/** Whether a section "n.1 …" (or "n.2 …") of chapter `n` follows line `i` within 60 lines. */
function hasSectionOf(st: ParseState, n: number, i: number, end: number): boolean {
  const { lines, content } = st;
  for (let k = i + 1; k <= end && k <= i + 60; k++) {
    if (!content(k) || lines[k].text.length > 130) continue;
    const code = numberedHeading(lines[k].text)?.[0];
    if (code === `${n}.1` || code === `${n}.2`) return true;
  }
  return false;
}

/**
 * A heading's title with the line the PDF wrapped it onto ("3.2. Befolkningen har … trygge og
 * helsefremmende" / "lokalsamfunn"): one line in lower case right below, a blank line after it.
 */
function withWrappedHeadingLine(st: ParseState, i: number, title: string, end: number): string {
  const { lines, content } = st;
  const next = i + 1;
  if (next > end || !content(next) || /[.:;!?]$/.test(title)) return title;
  const t = lines[next].text;
  const blankAfter = next + 1 > end || lines[next + 1].blank;
  return /^\p{Ll}/u.test(t) && t.length <= 80 && blankAfter && !/[;!?]$/.test(t) ? joinWrapped([title, t.replace(/\.$/, "")]) : title;
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
function headerRowValues(lines: SourceLine[], labelIdx: number, end: number): { reference: string; date: string | null } | null {
  for (let k = labelIdx + 1; k <= end && k <= labelIdx + 3; k++) {
    if (lines[k].blank) continue;
    const m = /^(?:\d{1,4}\/\d+\S*\s+)?(\d{1,4}\/\d+\S*)\s+(\d.*)$/u.exec(lines[k].text);
    if (!m) return null;
    lines[k].noise = true;
    return { reference: m[1].replace(/[-–.]+$/u, ""), date: letterDate(m[2].trim()) };
  }
  return null;
}

/**
 * "5. Oppfølging og rapportering": a one-level heading written with a dot, as a Word heading
 * comes out of a PDF. A numbered list item looks the same, so only a short line without a
 * closing sign, alone between blank lines, counts (the chapter order is checked by the caller).
 */
function standaloneChapterHeading(st: ParseState, i: number, l: Letter): [string, string] | null {
  const { lines } = st;
  const m = /^(\d{1,2})\.\s+(\p{Lu}.*)$/u.exec(lines[i].text);
  // A heading names a topic; an item is a sentence ("3. Helsedirektoratet bes om i samarbeid med …").
  if (!m || m[2].length > 90 || /[.:;,!?]/.test(m[2]) || /\b(?:skal|bes|ber|må|vil|er|har|kan)\b/u.test(m[2])) return null;
  const blankAt = (k: number) => k < l.start || k > l.end || lines[k].blank;
  if (!blankAt(i - 1) || !blankAt(i + 1)) return null;
  let next = i + 1;
  while (next <= l.end && lines[next].blank) next++;
  return next <= l.end && /^\p{Ll}/u.test(lines[next].text) ? null : [m[1], m[2]];
}

/**
 * Contents entries that end in their leaders, the page number alone on the next line
 * ("3.1. Folkehelsearbeidet …….." / "10"), an entry wrapped over two lines included: noise.
 */
function markContentsWithoutPageNumbers(st: ParseState, l: Letter): void {
  const { lines, content } = st;
  for (let i = l.start; i <= l.end; i++) {
    if (!content(i) || lines[i].text.length > 200 || !RE_TOC_LEADERS_END.test(lines[i].text)) continue;
    lines[i].noise = true;
    const prev = i - 1;
    if (prev >= l.start && content(prev) && numberedHeading(lines[prev].text) && /^\p{Ll}/u.test(lines[i].text)) lines[prev].noise = true;
    if (i + 1 <= l.end && /^\d{1,3}$/.test(lines[i + 1].text)) lines[i + 1].noise = true;
  }
}

/**
 * The head of a table of assignments with IDs at line `i`: one row ("ID Oppdrag Frist Ansvarlig
 * avdeling") or a cell per line ("ID" / "Oppdrag" / "Frist" / "Ansvarlig"), as a PDF gives it.
 * `last` is its last line; `ownerColumn` whether it has a column of owning departments.
 */
function idTableHeadAt(st: ParseState, l: Letter, i: number): { last: number; ownerColumn: boolean } | null {
  const { lines } = st;
  const t = lines[i].text;
  const ownerCell = /\b(?:Ansvarl[ie]g|Avd\.?|Avdeling|Eier)/i;
  if (RE_ID_TABLE_HEAD.test(t)) return { last: i, ownerColumn: ownerCell.test(t.slice(t.search(/\bFrist\b/i))) };
  if (!/^(?:ID|Nr\.?|Nummer)$/i.test(t)) return null;
  const cells: number[] = [];
  for (let k = i + 1; k <= l.end && cells.length < 4 && !lines[k].blank; k++) {
    if (lines[k].text.length > 40) break;
    cells.push(k);
  }
  if (cells.length < 2 || !/^(?:Oppdrag(?:et)?|Tittel|Beskrivelse)$/i.test(lines[cells[0]].text)) return null;
  const frist = cells.findIndex((k) => /^Frist$/i.test(lines[k].text));
  if (frist < 0) return null;
  const owner = cells[frist + 1] !== undefined && ownerCell.test(lines[cells[frist + 1]].text);
  return { last: owner ? cells[frist + 1] : cells[frist], ownerColumn: owner };
}

/**
 * A row of a table of assignments with IDs at line `i` ("TB2025-01 Kartlegge … 1. mai 2025 FHA"),
 * its cells joined with the lines the PDF wrapped it onto (they go on in lower case or with a
 * digit, and are consumed: marked as noise). Null when the line is no row: the table has ended.
 */
function tableRowAt(st: ParseState, l: Letter, i: number, ownerColumn: boolean): Omit<Def, "letter"> | null {
  const { lines, headingAt } = st;
  const at = headingAt.has(i) ? null : idAtLineStart(lines[i].text);
  if (!at) return null;
  // A row on one line goes on where the PDF wrapped it (lower case, a digit); an ID alone on its
  // line has its cells on the lines below it, one per line.
  const cellPerLine = at.rest === "";
  const parts = [at.rest];
  for (let k = i + 1; k <= l.end && k <= i + 4 && !lines[k].blank && !lines[k].noise; k++) {
    const t = lines[k].text;
    if (headingAt.has(k) || idAtLineStart(t) !== null || (!cellPerLine && !/^[\p{Ll}\d]/u.test(t))) break;
    parts.push(t);
    lines[k].noise = true;
  }
  const cells = tableRowCells(joinWrapped(parts), l.year, ownerColumn);
  return { idx: i, id: at.id, idYear: at.idYear, hasLabel: true, rest: at.rest, cells };
}

/**
 * Whether the ID at the start of line `i` defines an assignment. "ID: …" always does. A TB-form ID
 * without label, or after "Oppdrag", does when it stands where a block can start (after a sentence
 * end, blank line or heading, or with its owner line right below it), goes on with a title (a
 * capital, not a verb), and has the letter's year. A plain form after "ID" without colon needs a
 * block start and a capital.
 */
function definitionAt(st: ParseState, l: Letter, i: number, at: LineId): Omit<Def, "letter"> | null {
  const { lines } = st;
  const { id, idYear, rest } = at;
  const plain = isPlainForm(id);
  if (at.label === "ID:" || (at.label === "ID" && !plain)) return { idx: i, id, idYear, hasLabel: true, rest };
  if (at.label === "ID") return prevBoundaryOk(st, i, l.start) && /^[\p{Lu}«"“]/u.test(rest) ? { idx: i, id, idYear, hasLabel: true, rest } : null;
  // The newer layout's head: the ID alone on its line, the owner line next, or the owner
  // right after the ID ("TB2026-9 Avd. HOD: HRA Høringsnotat …", the head row of a table).
  // That is a definition whatever stands above it (a sentence without a full stop, a list item).
  // (A PDF may put a blank line between the cells of that head.)
  let below = i + 1;
  while (below <= l.end && below <= i + 3 && (lines[below].blank || lines[below].noise)) below++;
  const ownerNext = (rest === "" && below <= l.end && RE_DEPT_LINE.test(lines[below].text)) || RE_DEPT_LINE.test(rest);
  if (!ownerNext && !prevBoundaryOk(st, i, l.start)) return null;
  if (rest !== "" && !/^[\p{Lu}\d(«"“]/u.test(rest) && !RE_DEPT_LABEL.test(rest)) return null;
  // An earlier year's ID heads a block only in a later letter ("TB2025-115 <title>" in a
  // supplementary letter of 2026), after a blank line, with a title on the line.
  const earlierYearHeading =
    idYear < l.year && !!l.title && RE_SUPPLEMENTARY_TITLE.test(l.title) && rest !== "" && (i === l.start || lines[i - 1].blank || lines[i - 1].noise);
  if (l.year > 0 && idYear !== l.year && !earlierYearHeading) return null;
  if (/^\S+\s+(?:skal|er|ble|har|vil|må|bes|ber|viser|vises|gjelder)\b/u.test(rest) && !RE_DEPT_LABEL.test(rest)) return null;
  return { idx: i, id, idYear, hasLabel: false, rest };
}

const RE_SENTENCE_VERB =
  /\b(?:skal|skulle|vises|viser|vist|er|var|ble|blir|vert|har|hadde|vil|må|bes|ber|kan|gjelder|følger|inngår|omfatter|knyttes|ses|sees)\b/iu;

/** A title line that ends in its ID defines the assignment where a block can start, in the letter's year. */
function titledDefinitionAt(st: ParseState, l: Letter, i: number, at: LineId): Omit<Def, "letter"> | null {
  if (!prevBoundaryOk(st, i, l.start) && !st.headingAt.has(i)) return null;
  // A sentence that ends in a reference ("Det vises til oppdraget om dette (TB2025-5).") is no title.
  if (RE_SENTENCE_VERB.test(at.rest) || /\b(?:jf|se|jfr)\.?\s*$/i.test(at.rest)) return null;
  if (l.year > 0 && at.idYear !== l.year && !(l.title && RE_SUPPLEMENTARY_TITLE.test(l.title))) return null;
  return { idx: i, id: at.id, idYear: at.idYear, hasLabel: true, rest: at.rest, trailing: true };
}

/** Whether a block can start at line `i`: after a sentence end, blank line, noise, heading, owner line, budget heading or short capitalised line. */
function prevBoundaryOk(st: ParseState, i: number, letterStart: number): boolean {
  const { lines, headingAt } = st;
  if (i === letterStart) return true;
  if (i === 0 || lines[i - 1].blank || lines[i - 1].noise) return true;
  const p = lines[i - 1].text;
  if (/[.:;!?»)"”]$/.test(p)) return true;
  if (headingAt.has(i - 1) || RE_DEPT_LINE.test(p) || RE_BUDGET_HEADING.test(p) || RE_CLOSING.test(p)) return true;
  return p.length <= 60 && !RE_TITLE_CONTINUES.test(p) && /^\p{Lu}/u.test(p);
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

/** Phase "definitions, lists, events": ID lines that start assignments, opening-list entries, postponement headings; letter kinds. */
export function phaseDefinitions(st: ParseState): void {
  const { lines, warnings, content, letters } = st;
  // ----- Definitions, lists, events ------------------------------------------------------------
  const defs: Def[] = [];
  const listEntries: ListEntry[] = [];
  const eventLines: { idx: number; target: string; letter: number }[] = [];
  letters.forEach((l, li) => {
    let table: { ownerColumn: boolean } | null = null;
    for (let i = l.start; i <= l.end; i++) {
      if (!content(i)) continue;
      const t = lines[i].text;
      const head = idTableHeadAt(st, l, i);
      if (head) {
        table = { ownerColumn: head.ownerColumn };
        i = head.last;
        continue;
      }
      if (table) {
        const row = tableRowAt(st, l, i, table.ownerColumn);
        if (row) {
          defs.push({ ...row, letter: li });
          continue;
        }
        table = null;
      }
      const list = listIdAt(t);
      if (list) {
        const parts = [list.rest];
        for (let k = i + 1, blanks = 0; k <= l.end && parts.length < 4; k++) {
          if (lines[k].blank || lines[k].noise) {
            if (++blanks > 1) break;
            continue;
          }
          if (!/^\p{Ll}/u.test(lines[k].text)) break;
          parts.push(lines[k].text);
          blanks = 0;
        }
        listEntries.push({ id: list.id, title: joinWrapped(parts), idx: i, letter: li });
        continue;
      }
      const ev = RE_POSTPONEMENT_HEAD.exec(t);
      const evTarget = ev ? idAfterLabel(t.slice(ev[0].length)) : null;
      if (evTarget) {
        eventLines.push({ idx: i, target: evTarget, letter: li });
        continue;
      }
      const at = idAtLineStart(t);
      if (!at) {
        if (/^ID\s*[:.]/i.test(t)) warnings.push({ line: lines[i].no, message: `Linjen starter med «ID:», men fant ingen gyldig oppdrags-ID: «${t.slice(0, 60)}»` });
        const end = idAtLineEnd(t);
        const def = end ? titledDefinitionAt(st, l, i, end) : null;
        if (def) defs.push({ ...def, letter: li });
        continue;
      }
      const def = definitionAt(st, l, i, at);
      if (def) defs.push({ ...def, letter: li });
    }
  });
  // A title ending in an ID the same letter defines at a line's start is a reference to it; a
  // table row whose ID the letter also gives a block of its own is an overview of the blocks.
  const keyOf = (d: Def) => `${d.letter} ${idIdentity(d.id)}`;
  const leading = new Set(defs.filter((d) => !d.trailing).map(keyOf));
  const blocks = new Set(defs.filter((d) => !d.trailing && !d.cells).map(keyOf));
  for (let k = defs.length - 1; k >= 0; k--) {
    if ((defs[k].trailing && leading.has(keyOf(defs[k]))) || (defs[k].cells && blocks.has(keyOf(defs[k])))) defs.splice(k, 1);
  }
  const defAt = new Map<number, Def>(defs.map((d) => [d.idx, d]));

  // Letter kinds and titles.
  letters.forEach((l, li) => {
    const ds = defs.filter((d) => d.letter === li);
    if (l.title && RE_SUPPLEMENTARY_TITLE.test(l.title)) l.kind = "supplementary";
    else if (li > 0 && !l.title) l.kind = "supplementary";
    else if (!l.title && ds.length > 0 && ds.every((d) => d.id.startsWith("TTB"))) l.kind = "supplementary";
    else l.kind = "main";
  });
  st.defs = defs;
  st.listEntries = listEntries;
  st.eventLines = eventLines;
  st.defAt = defAt;
}

/** Phase "areas and goals": goal areas (two-level sections that hold assignments or goals), goals, area and section headings of supplementary letters. */
export function phaseAreasAndGoals(st: ParseState): void {
  const { lines, n, content, letters, letterOf, headings, headingAt, defs, defAt } = st;
  // ----- Areas and goals -----------------------------------------------------------------------
  const areaSpans: AreaSpan[] = [];
  const goalLines: { idx: number; code: string; title: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (!content(i)) continue;
    const g = RE_GOAL.exec(lines[i].text);
    if (!g || letters[letterOf(i)].kind !== "main") continue;
    const parts = [g[2]];
    for (let k = i + 1; k < n && parts.length < 4; k++) {
      if (!content(k) || !/^\p{Ll}/u.test(lines[k].text)) break;
      parts.push(lines[k].text);
    }
    goalLines.push({ idx: i, code: `Mål ${Number(g[1])}`, title: joinWrapped(parts) });
  }
  for (const h of headings) {
    if (h.level !== 2) continue;
    const next = headings.find((o) => o.idx > h.idx && (o.level <= 2 || o.letter !== h.letter));
    const end = Math.min(next ? next.idx - 1 : n - 1, letters[h.letter].end);
    const holds =
      defs.some((d) => d.idx > h.idx && d.idx <= end) ||
      goalLines.some((g) => g.idx > h.idx && g.idx <= end) ||
      headings.some((o) => o.idx > h.idx && o.idx <= end && o.level > 2 && /oppdrag/i.test(o.title));
    if (holds) areaSpans.push({ code: h.code, name: areaName(h.title), start: h.idx, end });
  }
  // A letter without two-level areas (an oppdragsdokument: "1. Digital samhandling", "3. Sikkerhet
  // og beredskap") has its chapters as areas, when two or more of them hold assignments.
  letters.forEach((l, li) => {
    if (l.kind !== "main" || areaSpans.some((a) => a.start >= l.start && a.start <= l.end)) return;
    const chapters = headings
      .filter((h) => h.letter === li && h.level === 1)
      .map((h, k, all) => ({ h, end: Math.min(all[k + 1] ? all[k + 1].idx - 1 : l.end, l.end) }))
      .filter(({ h, end }) => defs.some((d) => d.idx > h.idx && d.idx <= end));
    if (chapters.length < 2) return;
    for (const { h, end } of chapters) areaSpans.push({ code: h.code, name: areaName(h.title), start: h.idx, end });
  });
  areaSpans.sort((a, b) => a.start - b.start);
  const areaAtLine = (idx: number): AreaSpan | null => areaSpans.find((a) => a.start <= idx && idx <= a.end) ?? null;
  const areaNames = new Map<string, string>(); // lower-case name → code
  for (const a of areaSpans) if (!areaNames.has(a.name.toLowerCase())) areaNames.set(a.name.toLowerCase(), a.code);

  // Free lines of supplementary letters: content that is neither an assignment's ID line nor a numbered heading.
  const freeSupplementLines = (visit: (i: number, l: Letter) => void): void => {
    for (const l of letters) {
      if (l.kind !== "supplementary") continue;
      for (let i = l.start; i <= l.end; i++) if (content(i) && !defAt.has(i) && !headingAt.has(i)) visit(i, l);
    }
  };

  // Area headings inside supplementary letters ("Helse- og omsorgstjenester" above a TTB block).
  const suppAreaHeadings = new Map<number, string | null>();
  freeSupplementLines((i, l) => {
    const t = lines[i].text.replace(/:$/, "").trim();
    if (t.length > 80) return;
    const known = areaNames.get(t.toLowerCase());
    if (known !== undefined) {
      suppAreaHeadings.set(i, known);
      return;
    }
    if (t.length > 60 || !/^\p{Lu}/u.test(t) || /[.,;!?]$/.test(lines[i].text)) return;
    if (!(i === 0 || lines[i - 1].blank || lines[i - 1].noise)) return;
    if (RE_BUDGET_HEADING.test(t) || RE_CLOSING.test(t) || RE_DEPT_LINE.test(t) || idAtLineStart(t) !== null) return;
    // The last line of the block above ("Frist: 1.5.2026 Ansvarlig avdeling i HOD: SHA").
    if (/^Frist\b/i.test(t) || RE_DEPT_LABEL.test(t)) return;
    let k = i + 1;
    while (k <= l.end && (lines[k].blank || lines[k].noise)) k++;
    if (k > i + 1 && defAt.has(k)) suppAreaHeadings.set(i, null);
  });

  // Unnumbered section headings of supplementary letters ("Nye oppdrag", "Presisering av
  // tidligere oppdrag", "Endret frist", "Oppdrag som utgår"): they end the text above them.
  const suppSections = new Map<number, SupplementSection>();
  freeSupplementLines((i) => {
    if (RE_SUPPLEMENT_SECTION.test(lines[i].text)) suppSections.set(i, supplementSectionKind(lines[i].text));
  });
  const sectionAt = (idx: number, li: number): SupplementSection | null => {
    for (let k = idx - 1; k >= letters[li].start; k--) {
      const sec = suppSections.get(k);
      if (sec) return sec;
    }
    return null;
  };
  st.areaSpans = areaSpans;
  st.goalLines = goalLines;
  st.areaAtLine = areaAtLine;
  st.suppAreaHeadings = suppAreaHeadings;
  st.suppSections = suppSections;
  st.sectionAt = sectionAt;
}

/** Phase "boundaries": the lines where an assignment's text ends (next ID, heading, section, budget chapter, closing). */
export function phaseBoundaries(st: ParseState): void {
  const { lines, n, content, letters, headings, defs, eventLines, suppAreaHeadings, suppSections } = st;
  // ----- Boundaries ----------------------------------------------------------------------------
  const boundary = new Array<boolean>(n).fill(false);
  for (const d of defs) boundary[d.idx] = true;
  for (const h of headings) boundary[h.idx] = true;
  for (const i of suppAreaHeadings.keys()) boundary[i] = true;
  for (const i of suppSections.keys()) boundary[i] = true;
  for (const e of eventLines) boundary[e.idx] = true;
  for (const l of letters) boundary[l.start] = true;
  for (let i = 0; i < n; i++) {
    if (content(i) && (RE_BUDGET_HEADING.test(lines[i].text) || RE_CLOSING.test(lines[i].text))) boundary[i] = true;
  }
  const nextBoundary = (i: number, letterEnd: number): number => {
    for (let k = i + 1; k <= letterEnd; k++) if (boundary[k]) return k;
    return letterEnd + 1;
  };
  st.boundary = boundary;
  st.nextBoundary = nextBoundary;
}

/** Phase "blocks -> assignments": each definition's block read into an assignment (owners, title, text, deadlines, relations, part kind). */
export function phaseBlocks(st: ParseState): void {
  const { lines, n, warnings, content, letters, defs, listEntries, areaAtLine, suppAreaHeadings, sectionAt, nextBoundary } = st;
  // ----- Blocks -> assignments -----------------------------------------------------------------
  const assignments: ParsedAssignment[] = [];
  const covered = new Array<boolean>(n).fill(false);
  const firstDefLine = new Map<string, number>();
  const seenIds = new Map<string, ParsedAssignment>();


  const buildAssignment = (b: Block): ParsedAssignment => {
    const l = letters[b.letter];
    let depts = [...b.inlineDepts];
    let pendingCodes = b.deptLabelSeen && depts.length === 0;
    let goal: string | null = null;
    const titleParts: string[] = b.inlineTitle ? [b.inlineTitle] : [];
    let j = b.headless ? b.start : b.start + 1;
    let end = b.end;
    const isStop = (t: string) =>
      RE_DEPT_LINE.test(t) ||
      /^Frist\b/i.test(t) ||
      /^[-–•·▪*]\s/.test(t) ||
      /^\d{1,2}\s?[.)]\s/.test(t) ||
      idAtLineStart(t) !== null;
    // Header: departments on later lines, then the title.
    let ownerLineFirst = false;
    let guard = 0;
    while (j <= end && guard++ < 60) {
      const line = lines[j];
      if (b.fixedTitle) break;
      if (line.noise) {
        j++;
        continue;
      }
      if (line.blank) {
        if (titleParts.length === 0) {
          j++;
          continue;
        }
        let k = j;
        while (k <= end && (lines[k].blank || lines[k].noise)) k++;
        if (k > end) break;
        const next = lines[k].text;
        const prev = titleParts[titleParts.length - 1];
        if (
          titleParts.length < 6 &&
          next.length <= 60 &&
          !/:$/.test(next) &&
          !isStop(next) &&
          (RE_TITLE_CONTINUES.test(prev) || /^[\p{Ll}(]/u.test(next))
        ) {
          titleParts.push(next);
          j = k + 1;
          continue;
        }
        break;
      }
      const t = line.text;
      if (RE_DEPT_LINE.test(t)) {
        const after = t.replace(RE_DEPT_LINE_FULL, "");
        const codes = parseCodes(after);
        if (codes) {
          depts = uniq([...depts, ...codes.codes]);
          const rest = codes.rest.replace(/^\s*[:–-]\s*/, "").trim();
          if (rest !== "" && titleParts.length === 0) titleParts.push(rest);
        } else pendingCodes = true;
        if (titleParts.length === 0 && b.inlineTitle === "" && b.newLayout) ownerLineFirst = true;
        j++;
        continue;
      }
      if (pendingCodes && RE_CODES_ONLY.test(t)) {
        depts = uniq([...depts, ...(parseCodes(t)?.codes ?? [])]);
        pendingCodes = false;
        j++;
        continue;
      }
      if (titleParts.length === 0 && ownerLineFirst && !isStop(t)) {
        // Newer layout: the ID alone, the owner line, then the title: that one line, whatever its
        // length or abbreviations, never joined with the paragraph after it; only where the PDF
        // wrapped it (the title stops at "," or "og", or the next line goes on in lower case).
        titleParts.push(t);
        j++;
        while (titleParts.length < 3 && j <= end && !lines[j].blank && !lines[j].noise) {
          const prev = titleParts[titleParts.length - 1];
          const next = lines[j].text;
          if (/[.!?]$/.test(prev) || isStop(next) || next.length > 100) break;
          if (!(RE_TITLE_CONTINUES.test(prev) || /^\p{Ll}/u.test(next) || unclosedParenthesis(titleParts.join(" ")))) break;
          titleParts.push(next);
          j++;
        }
        break;
      }
      if (titleParts.length === 0) {
        // A title on its own line: short (PDF title column), or long but followed by a department line.
        const nextIsDept = j + 1 <= end && RE_DEPT_LINE.test(lines[j + 1].text);
        // A block without an ID line may open with its heading: one line, a blank line after it.
        const headingLine = b.headless && t.length <= 120 && !/[.!?;,]$/.test(t) && (j + 1 > end || lines[j + 1].blank);
        if ((t.length <= 60 || (nextIsDept && t.length <= 200) || headingLine) && !/:$/.test(t) && !isStop(t)) {
          titleParts.push(t);
          j++;
          continue;
        }
        break;
      }
      const prev = titleParts[titleParts.length - 1];
      // A full-width title the PDF wrapped: its lines go on in lower case, a blank line after them.
      const endsAt = (k: number) => k > end || lines[k].blank || lines[k].noise;
      const wrappedEnd =
        /^\p{Ll}/u.test(t) && t.length <= 110 && (endsAt(j + 1) || (/^\p{Ll}/u.test(lines[j + 1].text) && lines[j + 1].text.length <= 110 && endsAt(j + 2)));
      if (
        titleParts.length < 6 &&
        (t.length <= 60 || wrappedEnd) &&
        !/:$/.test(t) &&
        !isStop(t) &&
        !/[.!?]$/.test(prev) &&
        (RE_TITLE_CONTINUES.test(prev) ||
          unclosedParenthesis(titleParts.join(" ")) ||
          /^[\p{Ll}(]/u.test(t) ||
          // "Dokument 3:4 (2022–2023)" above a blank line; not a one-line body ending in "."
          ((j + 1 > end || lines[j + 1].blank || lines[j + 1].noise) && !/[.!?]$/.test(t)))
      ) {
        titleParts.push(t);
        j++;
        continue;
      }
      break;
    }
    // Body, with an "Ansvarlig avdeling" line after the body closing the block.
    const body: BodyLine[] = b.cellBody ? [{ no: lines[b.start].no, text: b.cellBody }] : [];
    let sawBody = false;
    for (let k = j; k <= end; k++) {
      const line = lines[k];
      if (line.noise) continue;
      const t = line.text;
      if (!line.blank && RE_DEPT_LINE.test(t)) {
        const codes = parseCodes(t.replace(RE_DEPT_LINE_FULL, ""));
        let codesHere = codes?.codes ?? [];
        let last = k;
        if (!codes) {
          for (let q = k + 1; q <= end && q <= k + 3; q++) {
            if (lines[q].blank || lines[q].noise) continue;
            if (RE_CODES_ONLY.test(lines[q].text)) {
              codesHere = parseCodes(lines[q].text)?.codes ?? [];
              last = q;
            }
            break;
          }
        }
        if (depts.length > 0 && codesHere.length > 0 && codesHere.some((c) => !depts.includes(c))) {
          warnings.push({
            line: line.no,
            message: `${b.id}: avdelingen på slutten (${codesHere.join("/")}) avviker fra avdelingen i overskriften (${depts.join("/")}) – begge er tatt med`,
          });
        }
        depts = uniq([...depts, ...codesHere]);
        if (sawBody && l.kind === "supplementary") {
          // Keep "Kontaktpersoner: …" lines right after, then close the block.
          end = last;
          for (let q = last + 1; q <= b.end; q++) {
            if (lines[q].blank) break;
            if (/^Kontaktperson/i.test(lines[q].text)) {
              body.push({ no: lines[q].no, text: lines[q].text });
              end = q;
            } else break;
          }
          break;
        }
        k = last;
        continue;
      }
      // "Frist: 1.5.2026 Ansvarlig avdeling i HOD: SHA" (or "1.1.2027 Ansvarlig avdeling …", the
      // last line of a wrapped "Frist"): text and owner on one line, the owner ending it.
      const mid = !line.blank ? RE_DEPT_LABEL.exec(t) : null;
      if (mid && mid.index > 0) {
        const codes = parseCodes(t.slice(mid.index + mid[0].length));
        if (codes && (codes.rest.trim() === "" || /^Frist\b/i.test(t))) {
          depts = uniq([...depts, ...codes.codes]);
          body.push({ no: line.no, text: t.slice(0, mid.index).trim() });
          sawBody = true;
          if (l.kind === "supplementary") {
            end = k;
            break;
          }
          continue;
        }
      }
      const gl = RE_GOAL_LINE.exec(t);
      if (gl) {
        goal = `Mål ${Number(gl[1])}`;
        continue;
      }
      if (!line.blank) sawBody = true;
      body.push({ no: line.no, text: t });
    }
    // Trim blank lines, collapse runs, and drop the blank lines PDF extraction puts inside a
    // sentence ("… mulighetene for\n\ngratis morsmelkerstatning …").
    const cleaned: BodyLine[] = [];
    for (let k = 0; k < body.length; k++) {
      const bl = body[k];
      if (bl.text === "") {
        const prev = cleaned[cleaned.length - 1];
        if (!prev || prev.text === "") continue;
        let q = k + 1;
        while (q < body.length && body[q].text === "") q++;
        const next = body[q];
        if (next && !/[.!?:;]$/.test(prev.text) && /^\p{Ll}/u.test(next.text)) continue;
      }
      cleaned.push(bl);
    }
    while (cleaned.length > 0 && cleaned[cleaned.length - 1].text === "") cleaned.pop();

    let title = joinWrapped(titleParts);
    // "… mot alvorlige hendelser." → no final period, but keep "mv." and other abbreviations.
    if (/\.$/.test(title) && !/(?:^|\s)(?:mv|mm|m\.m|osv|bl\.a|jf|etc|inkl|ca|nr)\.$/i.test(title)) title = title.slice(0, -1).trim();
    const lineNo = lines[b.start].no;
    if (title === "") {
      const entry =
        listEntries.find((e) => e.letter === b.letter && sameId(e.id, b.id)) ?? listEntries.find((e) => sameId(e.id, b.id));
      if (entry && entry.title !== "") {
        title = entry.title;
        warnings.push({ line: lineNo, message: `${b.id} har ingen tittel i selve oppdraget – bruker tittelen fra oversikten på linje ${lines[entry.idx].no}` });
      } else {
        const first = cleaned.map((c) => c.text).join(" ").split(/(?<=[.!?])\s/)[0] ?? "";
        title = first.length > 120 ? `${first.slice(0, 117).trim()} …` : first;
        warnings.push({ line: lineNo, message: `${b.id} har ingen tittel – bruker første setning i teksten` });
      }
    }
    if (cleaned.length === 0) warnings.push({ line: lineNo, message: `${b.id} (${shortTitle(title)}) har ingen tekst` });

    let lastLine = b.start;
    for (let k = b.start; k <= end; k++) if (content(k)) lastLine = k;
    for (let k = b.start; k <= end; k++) covered[k] = true;

    // Relations.
    const relations: ParsedRelation[] = [];
    const addRelation = (type: ParsedRelation["type"], target: string) => {
      if (sameId(target, b.id)) return;
      if (!relations.some((r) => r.type === type && r.target === target)) relations.push({ type, target });
    };
    const head = `${title} ${cleaned.slice(0, 2).map((c) => c.text).join(" ")}`;
    for (const m of head.matchAll(/\b(?:Presisering(?:er)?|Endring(?:er)?|Justering(?:er)?|Korrigering)\s+(?:av|i|til)\s+/giu)) {
      const target = idAfterLabel(head.slice((m.index ?? 0) + m[0].length));
      if (target) addRelation("clarifies", target);
    }
    const bodyText = cleaned.map((c) => c.text).join(" ");
    if (/erstatter/i.test(bodyText) || /erstatter/i.test(title)) {
      for (const m of `${title} ${bodyText}`.matchAll(/\berstatter\s+(?:oppdrag(?:et)?\s+)?([^.;]{0,80})/gi)) {
        for (const x of findIds(m[1])) addRelation("replaces", x.id);
      }
    }

    // Deadlines.
    const relatedIds = findIds(title).map((x) => x.id);
    const deadlines = extractDeadlines({ id: b.id, year: l.year, lines: cleaned, tableRow: b.tableRow, relatedIds }, warnings);
    // No deadline for the whole assignment: it is to be done within the letter's year (section 1.4),
    // also when only some deliverables are dated (the undated ones fall back to the year's end),
    // unless a deliverable already runs to the year's end or later (#18 item 8).
    const yearEnd = `${l.year}-12-31`;
    if (!deadlines.some((d) => d.label === null || (d.date !== null && d.date >= yearEnd))) deadlines.push(defaultDeadline(l.year));

    return {
      id: b.id,
      hasId: b.hasId,
      letter: b.letter,
      title,
      departments: depts,
      area: null,
      goal,
      body: cleaned.map((c) => c.text).join("\n"),
      line: lineNo,
      endLine: lines[lastLine].no,
      deadlines,
      relations,
    };
  };

  const areaForSupp = (idx: number, li: number): string | null => {
    let code: string | null = null;
    for (let k = letters[li].start; k < idx; k++) if (suppAreaHeadings.has(k)) code = suppAreaHeadings.get(k) ?? null;
    return code;
  };

  /** The part a block with an ID is in a supplementary letter (see classifyPart). */
  const classify = (a: ParsedAssignment): void => {
    const l = letters[a.letter];
    const idYearHere = idYear(a.id) ?? l.year;
    const part = classifyPart({
      id: a.id,
      title: a.title,
      body: a.body,
      idYear: idYearHere,
      letterYear: l.year,
      section: sectionAt(a.line - 1, a.letter),
      clarifies: a.relations.find((r) => r.type === "clarifies")?.target ?? null,
    });
    a.kind = part.kind;
    a.target = part.target;
  };

  for (const d of defs) {
    const l = letters[d.letter];
    // A table row is its line (and the lines it wrapped onto); what follows the table is not its text.
    const end = d.cells ? d.idx : nextBoundary(d.idx, l.end) - 1;
    // Header line: "ID: TB… Eieravdeling HOD: FHA Title", "TB2026-1 Title Avd. HOD: DIG, BSA".
    let inlineTitle = d.rest;
    let inlineDepts: string[] = [];
    let deptLabelSeen = false;
    const lab = RE_DEPT_LABEL.exec(d.rest);
    if (lab) {
      deptLabelSeen = true;
      const before = d.rest.slice(0, lab.index).trim();
      const after = d.rest.slice(lab.index + lab[0].length);
      const codes = parseCodes(after);
      inlineDepts = codes ? codes.codes : [];
      const afterTitle = (codes ? codes.rest : after).replace(/^\s*[:–-]\s*/, "").trim();
      inlineTitle = [before.replace(/[\s:–-]+$/u, ""), afterTitle].filter((s) => s !== "").join(" ");
    }
    const row = d.cells
      ? { inlineTitle: d.cells.title, inlineDepts: d.cells.owners, fixedTitle: true, tableRow: true, cellBody: d.cells.deadline }
      : { inlineTitle, inlineDepts };
    const a = buildAssignment({
      id: d.id,
      hasId: true,
      letter: d.letter,
      start: d.idx,
      end,
      deptLabelSeen,
      newLayout: !d.hasLabel && d.rest === "",
      ...row,
    });
    if (l.kind === "main") a.area = areaAtLine(d.idx)?.code ?? null;
    else a.area = areaAtLine(d.idx)?.code ?? areaForSupp(d.idx, d.letter);

    if (l.kind === "supplementary") classify(a);
    const dupe = seenIds.get(idIdentity(a.id));
    // A later letter's addition to or clarification of an assignment is a part, not a duplicate.
    const laterPart = dupe !== undefined && dupe.letter !== a.letter && a.kind !== undefined && a.kind !== "original";
    if (dupe && laterPart) {
      assignments.push(a);
      continue;
    }
    if (dupe) {
      warnings.push({
        line: a.line,
        message: `${a.id} er definert flere ganger (første gang på linje ${firstDefLine.get(dupe.id) ?? dupe.line}) – den siste forekomsten er ikke tatt med`,
      });
      continue;
    }
    firstDefLine.set(a.id, a.line);
    seenIds.set(idIdentity(a.id), a);
    assignments.push(a);
  }
  st.assignments = assignments;
  st.covered = covered;
  st.buildAssignment = buildAssignment;
  st.areaForSupp = areaForSupp;
}

/** Phase "events": postponements ("Utsettelse av …", "settes i bero"). */
export function phaseEvents(st: ParseState): void {
  const { lines, content, letters, eventLines, nextBoundary, assignments, covered } = st;
  // ----- Events --------------------------------------------------------------------------------
  const events: ParsedEvent[] = [];
  for (const e of eventLines) {
    const l = letters[e.letter];
    const end = nextBoundary(e.idx, l.end) - 1;
    const parts: string[] = [];
    // The heading and its paragraph; what follows a blank line is the letter's next matter
    // ("TB2024-14 utgår."), read by the explicit-change phase.
    for (let k = e.idx; k <= end; k++) {
      if (lines[k].blank && parts.length > 1) break;
      if (content(k)) parts.push(lines[k].text);
      covered[k] = true;
    }
    const textOut = parts.join(" ").replace(/\s+/g, " ").trim();
    events.push({
      type: "postponement",
      target: e.target,
      letter: e.letter,
      line: lines[e.idx].no,
      source: null,
      text: textOut.length > 600 ? `${textOut.slice(0, 597).trim()} …` : textOut,
    });
  }
  // Postponements inside supplementary assignments: "TTB… Utsettelse av TB…", "TB… settes i bero".
  for (const a of assignments) {
    if (letters[a.letter].kind !== "supplementary") continue;
    const head = RE_POSTPONEMENT_HEAD.exec(a.title);
    const postponed = head ? idAfterLabel(a.title.slice(head[0].length)) : null;
    if (postponed) events.push({ type: "postponement", target: postponed, letter: a.letter, line: a.line, source: a.id, text: a.title });
    for (const sentence of a.body.replace(/\n/g, " ").split(/(?<=[.!?])\s+/)) {
      if (!/\b(?:settes|satt|blir\s+satt)\s+i\s+bero\b|\butsettes\b/i.test(sentence)) continue;
      const ids = findIds(sentence).filter((x) => !sameId(x.id, a.id));
      if (ids.length !== 1) continue;
      if (events.some((ev) => ev.target === ids[0].id && ev.source === a.id)) continue;
      events.push({ type: "postponement", target: ids[0].id, letter: a.letter, line: a.line, source: a.id, text: sentence.trim().slice(0, 600) });
    }
  }
  st.events = events;
}

/** Phase "without ID": assignments without an ID (blocks closed by an owner line, "Oppdrag" sections, numbered items). */
export function phaseWithoutId(st: ParseState): void {
  const { lines, warnings, content, letters, letterOf, headings, headingAt, defs, suppAreaHeadings, boundary, nextBoundary, assignments, covered, buildAssignment, areaForSupp } = st;
  // ----- Assignments without ID ------------------------------------------------------------------
  /**
   * The "Oppdrag" / "Særskilte oppdrag" headings of letter `li`, each with the last line of its
   * section: numbered section headings ("2 Særskilte oppdrag", to the next heading of the same or
   * a higher level), and the same words alone on a line after a blank line, as a Word heading
   * without a number comes out of a PDF ("Oppdrag", "Særskilte oppdrag for 2026", to the next
   * heading of any kind).
   */
  const oppdragHeadings = (li: number, own: typeof headings, plainOnly: boolean): { idx: number; end: number; level: number | null }[] => {
    const l = letters[li];
    const numbered = own
      .filter((h) => (plainOnly ? RE_PLAIN_OPPDRAG_HEADING : RE_OPPDRAG_HEADING).test(h.title))
      .map((h) => {
        const next = own.find((o) => o.idx > h.idx && o.level <= h.level);
        return { idx: h.idx, end: next ? next.idx - 1 : l.end, level: h.level };
      });
    const plain: { idx: number; end: number; level: number | null }[] = [];
    for (let k = l.start; k <= l.end; k++) {
      // Also an appendix of them: "Vedlegg 1 Oppdrag for 2025", "Vedlegg 2: Særskilte oppdrag".
      const t = lines[k].text.replace(/^Vedlegg\s+\d{1,2}\s*[:.–-]?\s*/i, "");
      if (headingAt.has(k) || !content(k) || !RE_PLAIN_OPPDRAG_HEADING.test(t)) continue;
      if (k > l.start && !(lines[k - 1].blank || lines[k - 1].noise)) continue;
      if (numbered.some((h) => h.idx < k && k <= h.end)) continue;
      const next = own.find((o) => o.idx > k);
      plain.push({ idx: k, end: next ? next.idx - 1 : l.end, level: null });
    }
    return [...numbered, ...plain].sort((a, b) => a.idx - b.idx);
  };

  /** `table`: a row of a table of assignments with a "Frist" column (its deadline cell is read as a deadline). */
  type Item = { idx: number; title: string; sentence: boolean; table?: boolean };

  /**
   * The list items after line `from` up to `to` (see itemsOfSection): numbered lines; where there
   * are none, a bullet list of two or more ("• Direktoratet skal innen 1. juni …"), each bullet one
   * assignment that is its own text.
   */
  const listItems = (from: number, to: number): Item[] => {
    /** An item's first line with the lines that go on with its sentence (in lower case; PDF wrapping). */
    const withContinuation = (k: number, first: string): string => {
      let text = first;
      for (let j = k + 1; j <= to && j <= k + 3; j++) {
        const t = lines[j].text;
        // It goes on in lower case, or after a word that cannot end it ("i samarbeid med" / "Miljødirektoratet …").
        if (!content(j) || headingAt.has(j) || /[.!?]$/.test(text) || !(/^\p{Ll}/u.test(t) || RE_TITLE_CONTINUES.test(text)) || RE_BULLET_ITEM.test(t)) break;
        if (RE_NUMBERED_ITEM.test(t)) break;
        text += ` ${t}`;
      }
      return text;
    };
    const candidates: (Item & { n: number; afterBlank: boolean })[] = [];
    const bullets: Item[] = [];
    for (let k = from + 1; k <= to; k++) {
      if (!content(k)) continue;
      const bullet = RE_BULLET_ITEM.exec(lines[k].text);
      // "- TB2026-61 (unntatt offentlighet) …" under "Nye oppdrag" is the opening list of IDs.
      if (bullet && idAtLineStart(bullet[1]) !== null) continue;
      if (bullet) bullets.push({ idx: k, title: sentenceTitle(withContinuation(k, bullet[1])), sentence: true });
      const m = RE_NUMBERED_ITEM.exec(lines[k].text);
      if (!m || m[2].length > 160) continue;
      const afterBlank = k === from + 1 || lines[k - 1].blank || lines[k - 1].noise || headingAt.has(k - 1);
      // An item that is a whole sentence ("1. Instituttet skal … innen 1. juni.", perhaps wrapped
      // over lines) is its own text too (its deadline is in it); its title is the sentence up to a "Frist".
      const full = withContinuation(k, m[2]);
      const sentence = full !== m[2] || /[.!]$/.test(m[2]) || /\bFrist\b/.test(m[2]);
      const title = sentence ? sentenceTitle(full) : m[2].replace(/[.:]$/, "").trim();
      candidates.push({ idx: k, n: Number(m[1]), title, sentence, afterBlank });
    }
    if (candidates.length === 0 && bullets.length >= 2) return bullets;
    if (candidates.length === 0) {
      const rows = tableRows(from, to);
      if (rows.length >= 2) return rows;
    }
    const oneSequence = candidates.length >= 2 && candidates.every((c, n) => c.n === n + 1);
    return oneSequence ? candidates : candidates.filter((c) => c.afterBlank);
  };

  /**
   * The rows of a table of assignments ("Nr. Oppdrag Frist") after line `from` up to `to`,
   * numbered 1, 2, 3 … without a dot: the number and the text on one line ("1 Utarbeide en plan
   * … 1. juni 2026"), or each cell on a line of its own ("1" / "Utarbeide en plan …" / "1. juni
   * 2026"), as a PDF gives a table. Only under a header row that names the deadline column.
   */
  const tableRows = (from: number, to: number): Item[] => {
    const header = (k: number) => /^(?:(?:Nr\.?|Nummer|ID)\s+)?Oppdrag(?:et)?\b.{0,40}\bFrist\b/i.test(lines[k].text);
    const cellHeader = (k: number) => /^(?:Nr\.?|Nummer|ID)$/i.test(lines[k].text) && /^Oppdrag(?:et)?$/i.test(lines[k + 1]?.text ?? "");
    let k = from + 1;
    while (k <= to && !(content(k) && (header(k) || cellHeader(k)))) k++;
    if (k > to) return [];
    const rows: Item[] = [];
    for (let i = k + 1; i <= to; i++) {
      if (!content(i)) continue;
      const t = lines[i].text;
      const inline = /^(\d{1,2})\s+(\p{Lu}.*)$/u.exec(t);
      const alone = /^(\d{1,2})\.?$/.exec(t);
      const n = Number((inline ?? alone)?.[1] ?? 0);
      if (n !== rows.length + 1) continue;
      if (inline) {
        // The deadline cell ends the row: a date, or a word for a reporting point ("Årsrapporten").
        const { title } = tableRowCells(inline[2], letters[letterOf(i)].year, false);
        rows.push({ idx: i, title: sentenceTitle(title), sentence: true, table: true });
      } else if (i + 1 <= to && content(i + 1) && /^\p{Lu}/u.test(lines[i + 1].text)) {
        rows.push({ idx: i, title: sentenceTitle(lines[i + 1].text), sentence: true, table: true });
      }
    }
    return rows;
  };

  /**
   * The items of an "Oppdrag" section from `h` to `spanEnd`: its subsections, when it has any
   * ("2.1 Nasjonal plan for radonarbeid" under "2 Oppdrag for 2026"), else its list items
   * (`listItems`): numbered lines ("1. Title", "Oppdrag 1: Title"), set apart by blank lines, or
   * counting 1, 2, 3 … line by line where the letter has no blank lines between them (a list
   * inside an item starts over at 1); else two or more bullets.
   */
  const itemsOfSection = (h: { idx: number; level: number | null }, own: typeof headings, spanEnd: number): Item[] => {
    if (h.level !== null) {
      const subsections = own.filter(
        (o) => o.idx > h.idx && o.idx <= spanEnd && o.level === h.level! + 1 && !RE_NOT_AN_ASSIGNMENT_SECTION.test(o.title),
      );
      if (subsections.length > 0) {
        // Subsections that hold numbered items of their own ("3.1 Folkehelse" / "1. …", "2. …")
        // group assignments; otherwise each subsection is one.
        const groups = subsections.map((o) => {
          const next = own.find((x) => x.idx > o.idx);
          return listItems(o.idx, Math.min(spanEnd, next ? next.idx - 1 : spanEnd));
        });
        if (groups.some((g) => g.length >= 2)) return groups.flat();
        return subsections.map((o) => ({ idx: o.idx, title: o.title.replace(/[.:]$/, "").trim(), sentence: false }));
      }
    }
    return listItems(h.idx, spanEnd);
  };

  /** The items under the "Oppdrag" headings of letter `li`, each to the next item or the section's end. */
  const numberedItems = (li: number, plainHeadingOnly = false): (Item & { end: number })[] => {
    const own = headings.filter((h) => h.letter === li);
    const out: (Item & { end: number })[] = [];
    for (const h of oppdragHeadings(li, own, plainHeadingOnly)) {
      let spanEnd = h.end;
      for (let k = h.idx + 1; k <= spanEnd; k++) {
        if (boundary[k] && (RE_BUDGET_HEADING.test(lines[k].text) || RE_CLOSING.test(lines[k].text))) {
          spanEnd = k - 1;
          break;
        }
      }
      const starts = itemsOfSection(h, own, spanEnd);
      starts.forEach((st, n) => {
        // An item ends at the next item, or at a heading inside the section ("2.3 Rapportering").
        const heading = own.find((o) => o.idx > st.idx);
        const end = Math.min(n + 1 < starts.length ? starts[n + 1].idx - 1 : spanEnd, heading ? heading.idx - 1 : spanEnd);
        out.push({ idx: st.idx, end, title: st.title, sentence: st.sentence, table: st.table });
      });
    }
    return out;
  };

  /**
   * Paragraphs labelled "Oppdrag: Direktoratet skal …" (a letter that names each assignment in its
   * running text, under its goal areas), each to the blank line after it: for a letter with no
   * "Oppdrag" section.
   */
  const labelledParagraphs = (li: number): (Item & { end: number })[] => {
    const l = letters[li];
    const out: (Item & { end: number })[] = [];
    for (let k = l.start; k <= l.end; k++) {
      if (!content(k)) continue;
      const m = /^Oppdrag(?:et)?\s*:\s*(\p{Lu}.{10,})$/u.exec(lines[k].text);
      if (!m || !(k === l.start || lines[k - 1].blank || lines[k - 1].noise || headingAt.has(k - 1))) continue;
      const parts = [m[1]];
      let end = k;
      while (end + 1 <= l.end && !lines[end + 1].blank && !headingAt.has(end + 1) && !boundary[end + 1]) {
        end++;
        if (content(end)) parts.push(lines[end].text);
      }
      out.push({ idx: k, end, title: sentenceTitle(joinWrapped(parts)), sentence: true });
    }
    return out;
  };

  letters.forEach((l, li) => {
    const hasDefs = defs.some((d) => d.letter === li);
    if (l.kind !== "supplementary" && hasDefs) return;
    const letterKey = l.reference ?? l.date ?? l.title ?? `brev ${li + 1}`;
    /** `headIdx`: the line the title belongs to (treated like a definition line). */
    const addUntitled = (headIdx: number, end: number, fixedTitle: string | null, lineIdx: number, headless = false, tableRow = false) => {
      const tempId = "oppdrag uten ID";
      const a = buildAssignment({
        id: tempId,
        hasId: false,
        letter: li,
        start: headIdx,
        end,
        inlineTitle: fixedTitle ?? "",
        inlineDepts: [],
        deptLabelSeen: false,
        fixedTitle: fixedTitle !== null,
        headless,
        tableRow,
      });
      a.line = lines[lineIdx].no;
      let id = syntheticId(l.year, letterKey, a.title);
      for (let k = 2; assignments.some((x) => x.id === id); k++) id = syntheticId(l.year, `${letterKey}#${k}`, a.title);
      a.id = id;
      a.area = l.kind === "main" ? mainLetterArea(st, li, lineIdx) : areaForSupp(lineIdx, li);
      for (const w of warnings) w.message = w.message.replace(tempId, id);
      assignments.push(a);
    };
    if (l.kind !== "supplementary") {
      // A letter without IDs: numbered items ("1. Varslingsordning for legemiddelmangel") under
      // a heading such as "Oppdrag" / "Særskilte oppdrag"; each item is an assignment.
      const items = numberedItems(li);
      for (const item of items.length > 0 ? items : labelledParagraphs(li)) addUntitled(item.idx, item.end, item.title, item.idx, item.sentence, item.table);
      return;
    }
    if (hasDefs) {
      // Free segments (outside ID blocks and events) closed by "Ansvarlig avdeling …".
      let i = l.start;
      while (i <= l.end) {
        if (covered[i] || (boundary[i] && (RE_BUDGET_HEADING.test(lines[i].text) || RE_CLOSING.test(lines[i].text)))) {
          i++;
          continue;
        }
        const segEnd = Math.min(nextBoundary(i, l.end) - 1, l.end);
        let deptIdx = -1;
        for (let k = i; k <= segEnd; k++) if (!covered[k] && content(k) && RE_DEPT_LINE.test(lines[k].text)) deptIdx = k;
        if (deptIdx > i) {
          let s = suppAreaHeadings.has(i) ? i + 1 : i;
          while (s < deptIdx && !content(s)) s++;
          // A heading over the segment ("Andre føringer:") is not its title.
          if (s < deptIdx && lines[s].text.length <= 40 && /:$/.test(lines[s].text)) {
            s++;
            while (s < deptIdx && !content(s)) s++;
          }
          if (s < deptIdx && !listIdAt(lines[s].text)) addUntitled(s, segEnd, null, s, true);
        }
        i = segEnd + 1;
      }
      return;
    }
    // No IDs in the letter: numbered items under a plain "Oppdrag" / "Særskilte oppdrag" heading,
    // else "3 Oppdrag til …" sections, else the whole "Tilleggsoppdrag" letter.
    const items = numberedItems(li, true);
    if (items.length >= 2) {
      for (const item of items) addUntitled(item.idx, item.end, item.title, item.idx, item.sentence, item.table);
      return;
    }
    const own = headings.filter((h) => h.letter === li);
    const oppdrag = own.filter((h) => /\boppdrag\b/i.test(h.title));
    if (oppdrag.length > 0) {
      for (const h of oppdrag) {
        let end = l.end;
        for (const o of own) {
          if (o.idx <= h.idx || o.level > h.level) continue;
          if (/frist|rapportering|leveranse/i.test(o.title)) continue;
          end = Math.min(end, o.idx - 1);
          break;
        }
        for (let k = h.idx + 1; k <= end; k++) {
          if (RE_CLOSING.test(lines[k].text)) {
            end = k - 1;
            break;
          }
        }
        // Following "Frister og rapportering" sections stay in the body.
        addUntitled(h.idx, end, h.title, h.idx);
      }
      return;
    }
    // (The word "oppdrag": "Korrigering av oppdragsdokument …" names the genre, not an assignment.)
    if (l.title && /(?:\btilleggs|\b)oppdrag\b/i.test(l.title) && l.titleEnd !== null) {
      let end = l.end;
      for (let k = l.titleEnd + 1; k <= l.end; k++) {
        if (RE_CLOSING.test(lines[k].text)) {
          end = k - 1;
          break;
        }
      }
      addUntitled(l.titleEnd, end, l.title, l.titleLine ?? l.start);
    }
  });
}

/**
 * The goal area of an item without ID in a main letter: the two-level section it stands in ("2.1
 * Økt matproduksjon" / "Oppdrag:" / "- Direktoratet skal …"), registered as an area; null under
 * a chapter, or when the section is itself an "Oppdrag" section or the item's own heading.
 */
function mainLetterArea(st: ParseState, li: number, idx: number): string | null {
  const { headings, letters } = st;
  let h: Heading | undefined;
  for (const o of headings) if (o.letter === li && o.idx < idx && o.level <= 2) h = o;
  if (!h || h.level !== 2 || RE_OPPDRAG_HEADING.test(h.title)) return null;
  const section = h;
  if (!st.areaSpans.some((a) => a.start === section.idx)) {
    const next = headings.find((o) => o.idx > section.idx && (o.level <= 2 || o.letter !== li));
    st.areaSpans.push({ code: section.code, name: areaName(section.title), start: section.idx, end: Math.min(next ? next.idx - 1 : letters[li].end, letters[li].end) });
    st.areaSpans.sort((a, b) => a.start - b.start);
  }
  return section.code;
}

/** A text's sentences: a full stop, "!" or "?" before a capital or an ID ends one; "1. mai" does not. */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\p{Lu}|TB|TTB)/u);
}

/** Phase "later letters": defaults for the part fields, IDs announced only in an opening list, explicit changes (withdrawal, deadline change, owner change). */
export function phaseLaterLetters(st: ParseState): void {
  const { lines, content, letters, listEntries, boundary, assignments, covered, events } = st;
  // ----- Later letters: parts, announced IDs, explicit changes ----------------------------------
  for (const a of assignments) {
    const l = letters[a.letter];
    a.year = idYear(a.id) ?? l.year;
    a.exempt = isExemptBlock(a.title, a.body);
    a.announcedOnly = false;
    const mentions: string[] = [];
    for (const x of findIds(`${a.title}\n${a.body}`)) {
      if (!sameId(x.id, a.id) && !mentions.some((m) => sameId(m, x.id))) mentions.push(x.id);
    }
    a.mentions = mentions;
    if (a.kind === undefined) {
      a.kind = "original";
      a.target = null;
    }
  }
  // IDs announced only in the opening list: "(unntatt offentlighet). For detaljer se eget
  // vedlegg", "<title>. Ettersendes". Registered without text; the opening list creates nothing else.
  for (const e of listEntries) {
    const l = letters[e.letter];
    if (l.kind !== "supplementary") continue;
    const announced = announcedEntry(e.title);
    if (!announced || assignments.some((a) => sameId(a.id, e.id))) continue;
    const entryYear = idYear(e.id) ?? l.year;
    assignments.push({
      id: e.id,
      hasId: true,
      letter: e.letter,
      title: announced.title,
      departments: [],
      area: null,
      goal: null,
      body: "",
      line: lines[e.idx].no,
      endLine: lines[e.idx].no,
      deadlines: [defaultDeadline(l.year)],
      relations: [],
      kind: "original",
      target: null,
      year: entryYear,
      exempt: announced.exempt,
      announcedOnly: true,
      mentions: [],
    });
  }
  // Explicit changes in the free text of supplementary letters and in their opening lists:
  // withdrawal ("utgår", "bortfaller", "trekkes tilbake"), deadline change ("fristen for … endres/
  // utsettes til …"), owner change ("ansvaret for … flyttes til SHA").
  letters.forEach((l, li) => {
    if (l.kind !== "supplementary") return;
    const listIdx = new Set(listEntries.filter((e) => e.letter === li).map((e) => e.idx));
    const found: ParsedEvent[] = [];
    const add = (sentence: string, lineIdx: number) => {
      for (const c of changesInSentence(sentence, l.year, lines[lineIdx].no)) {
        if (found.some((f) => f.type === c.type && sameId(f.target, c.target))) continue;
        if (events.some((ev) => ev.letter === li && ev.type === "postponement" && sameId(ev.target, c.target) && c.type !== "withdrawal")) continue;
        const ev: ParsedEvent = { type: c.type, target: c.target, letter: li, line: lines[lineIdx].no, source: null, text: sentence.replace(/\s+/g, " ").trim().slice(0, 600) };
        if (c.deadline) ev.deadline = c.deadline;
        if (c.departments) ev.departments = c.departments;
        found.push(ev);
      }
    };
    // Paragraphs of uncovered content lines, split into sentences.
    let para: { text: string; idx: number }[] = [];
    const flush = () => {
      if (para.length === 0) return;
      const joined = para.map((p) => p.text).join(" ");
      let offset = 0;
      for (const sentence of sentencesOf(joined)) {
        // The line the sentence starts on.
        let acc = 0;
        let at = para[0].idx;
        for (const p of para) {
          if (acc > offset) break;
          at = p.idx;
          acc += p.text.length + 1;
        }
        add(sentence, at);
        offset += sentence.length + 1;
      }
      para = [];
    };
    for (let i = l.start; i <= l.end; i++) {
      if (!content(i) || covered[i] || listIdx.has(i) || boundary[i]) {
        flush();
        continue;
      }
      para.push({ text: lines[i].text, idx: i });
    }
    flush();
    for (const e of listEntries) if (e.letter === li) add(`${idMention(e.id)} ${e.title}`, e.idx);
    // A change to another assignment written inside a block ("Fristen for ID 2026-03 endres til …"
    // after the text of 2026-02): that assignment's change.
    for (const a of assignments) {
      if (a.letter !== li || a.announcedOnly) continue;
      const related = [a.id, ...findIds(a.title).map((x) => x.id)];
      const sentences = a.body.split(/\n\s*\n/).flatMap((paragraph) => sentencesOf(paragraph.replace(/\n/g, " ")));
      for (const sentence of sentences) {
        if (changesToOthers(sentence, l.year, a.line, related).length > 0) add(sentence, a.line - 1);
      }
    }
    events.push(...found);
  });

  // Keep document order.
  assignments.sort((a, b) => a.line - b.line);
}

/** Phase "warnings": what is missing (owners, areas, listed IDs without a block, dates). */
export function phaseWarnings(st: ParseState): void {
  const { lines, warnings, letters, defs, listEntries, assignments, events } = st;
  // ----- Warnings about what is missing ----------------------------------------------------------
  // A letter that names no owner (or no area) at all gets one warning, not one per assignment.
  const noneIn = (li: number, has: (a: ParsedAssignment) => boolean) => {
    const own = assignments.filter((a) => a.letter === li && !a.announcedOnly);
    return own.length >= 2 && !own.some(has);
  };
  const noOwners = letters.map((_, li) => noneIn(li, (a) => a.departments.length > 0));
  const noAreas = letters.map((l, li) => l.kind === "main" && noneIn(li, (a) => a.area !== null));
  letters.forEach((l, li) => {
    const name = `«${shortTitle(l.title ?? `brev ${li + 1}`)}»`;
    if (noOwners[li]) {
      warnings.push({ line: lines[l.start].no, message: `${name} oppgir ingen ansvarlig avdeling for oppdragene – avdeling er ikke satt` });
    }
    if (noAreas[li]) {
      warnings.push({ line: lines[l.start].no, message: `Fant ingen områder (2.x) i ${name} – oppdragene står uten område` });
    }
  });
  for (const a of assignments) {
    if (a.departments.length === 0 && !a.announcedOnly && !noOwners[a.letter]) {
      warnings.push({
        line: a.line,
        message: `Fant ingen ansvarlig avdeling for ${a.id} (${shortTitle(a.title)}) – avdeling er ikke satt`,
      });
    }
    if (a.area === null && letters[a.letter].kind === "main" && !noAreas[a.letter]) {
      warnings.push({ line: a.line, message: `Fant ikke område (2.x) for ${a.id}` });
    }
  }
  const allIds = new Set(assignments.map((a) => idIdentity(a.id)));
  // A bulleted ID inside an assignment's text ("- TB2025-101 – Videreutvikling …" among the
  // assignments it follows up) is a reference, not an entry of the letter's opening list.
  const insideAssignment = (no: number) => assignments.some((a) => a.line < no && no <= (a.endLine ?? a.line));
  for (const e of listEntries) {
    const changed = events.some((ev) => ev.letter === e.letter && sameId(ev.target, e.id));
    if (!allIds.has(idIdentity(e.id)) && !changed && !insideAssignment(lines[e.idx].no)) {
      warnings.push({ line: lines[e.idx].no, message: `${e.id} står i oversikten i brevet, men selve oppdraget ble ikke funnet` });
    }
  }
  // A clarification inherits the area of the assignment it clarifies when its letter gives none.
  for (const a of assignments) {
    if (a.area !== null) continue;
    const target = a.relations.find((r) => r.type === "clarifies");
    const t = target ? assignments.find((x) => sameId(x.id, target.target)) : undefined;
    if (t?.area) a.area = t.area;
  }
  letters.forEach((l, li) => {
    if (l.kind === "supplementary" && l.date === null && (li > 0 || defs.length > 0)) {
      warnings.push({ line: lines[l.start].no, message: `Fant ikke dato for tilleggsbrevet som starter på linje ${lines[l.start].no}` });
    }
  });
  if (assignments.length === 0 && events.length === 0) {
    warnings.push({ line: 1, message: "Fant ingen oppdrag i teksten (ingen ID-er som «ID: TB2023-01 …», «TTB2023-02 …», «ID: 2026-01 …» eller «Oppdrag 13/2024 …», og ingen nummererte oppdrag under en overskrift «Oppdrag» eller «Særskilte oppdrag»)" });
  }
}

/** Phase "output": the ParseResult (letters with recipient, genre and number; areas, goals, departments). */
export function phaseOutput(st: ParseState): void {
  const { text, lines, warnings, result, letters, areaSpans, goalLines, areaAtLine, assignments, events } = st;
  // ----- Output --------------------------------------------------------------------------------
  const agency = mostFrequentAgency(text);
  result.letters = letters.map((l): ParsedLetter => {
    const own: string[] = [];
    for (let i = l.start; i <= l.end; i++) own.push(lines[i].text);
    let genre = genreOf(l.title);
    if (genre === null && l.kind === "main") {
      // A main letter without a subject line: the first genre word its text uses for itself.
      const head = own.slice(0, 400).join("\n");
      const m = /\b(tildelingsbrev|oppdragsdokument|oppdragsbrev)/i.exec(head);
      genre = m ? m[1].toLowerCase() : null;
    }
    const recipient =
      recipientFromSubject(l.title) ?? recipientFromAddress(own) ?? (l.kind === "main" ? (addresseeFromText(own.join("\n")) ?? agency) : null);
    let title = l.title;
    if (!title) {
      const word = genre ?? (l.kind === "main" ? "tildelingsbrev" : "tillegg til tildelingsbrev");
      const cap = word.charAt(0).toUpperCase() + word.slice(1);
      title = `${cap} ${l.year || ""}${l.kind === "main" && recipient ? ` – ${recipient}` : ""}`.replace(/\s+/g, " ").trim();
    }
    let endIdx = l.end;
    while (endIdx > l.start && lines[endIdx].blank) endIdx--;
    return {
      kind: l.kind,
      year: l.year,
      date: l.date,
      reference: l.reference,
      title,
      recipient,
      genre,
      number: letterNumberOf(l.title),
      startLine: lines[l.start].no,
      endLine: lines[Math.max(l.start, endIdx)].no,
    };
  });
  result.assignments = assignments;
  result.events = events.sort((a, b) => a.line - b.line);
  const seenArea = new Set<string>();
  result.areas = areaSpans
    .filter((a) => (seenArea.has(a.code) ? false : (seenArea.add(a.code), true)))
    .map((a): ParsedArea => ({ code: a.code, name: a.name }));
  const seenGoal = new Set<string>();
  result.goals = goalLines
    .filter((g) => (seenGoal.has(g.code) ? false : (seenGoal.add(g.code), true)))
    .map((g): ParsedGoal => ({ code: g.code, area: areaAtLine(g.idx)?.code ?? null, title: g.title }));
  const codes = uniq(assignments.flatMap((a) => a.departments));
  const names = departmentNames(codes, text);
  result.departments = codes.map((code): ParsedDepartment => ({ code, name: names.get(code) ?? null }));
  warnings.sort((a, b) => a.line - b.line);
}

/** The phases in order, each a function over the parse state. */
export const PHASES: ((st: ParseState) => void)[] = [phaseLetters, phaseHeadings, phaseDefinitions, phaseAreasAndGoals, phaseBoundaries, phaseBlocks, phaseEvents, phaseWithoutId, phaseLaterLetters, phaseWarnings, phaseOutput];

/** Whole words (letters and hyphens) ending in `suffix`, found with indexOf (fast on long texts). */
function wordsEndingWith(text: string, suffix: string): string[];
function wordsEndingWith(text: string, suffix: string, withEnd: true): [string, number][];
function wordsEndingWith(text: string, suffix: string, withEnd = false): (string | [string, number])[] {
  const out: (string | [string, number])[] = [];
  const isWordChar = (ch: string | undefined) =>
    ch !== undefined && ((ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch === "-" || (ch > "\u007f" && /\p{L}/u.test(ch)));
  let at = text.indexOf(suffix);
  while (at >= 0) {
    const end = at + suffix.length;
    if (!isWordChar(text[end])) {
      let start = at;
      while (start > 0 && isWordChar(text[start - 1]) && at - start < 60) start--;
      const w = text.slice(start, end);
      out.push(withEnd ? [w, end] : w);
    }
    at = text.indexOf(suffix, end);
  }
  return out;
}

/** "TB2023-01" and "TB2023-1" are the same assignment. */
/**
 * A block whose text is exempt from public access: its title says so ("Oppdrag unntatt
 * offentlighet jf. Offl. § 15 tredje ledd"), or its short body refers to a separate enclosure
 * for that reason. A long text that mentions exemption in passing is not.
 */
function isExemptBlock(title: string, body: string): boolean {
  if (RE_EXEMPT.test(title)) return true;
  return body.length <= 200 && RE_EXEMPT.test(body) && /\b(?:eget|eige)\s+vedlegg\b/i.test(body);
}

/** An area's name as its heading gives it, without a closing full stop. */
function areaName(title: string): string {
  return title.replace(/\s+/g, " ").trim().replace(/\.$/, "");
}

function shortTitle(title: string): string {
  return title.length > 60 ? `${title.slice(0, 57).trim()} …` : title;
}

/** "Tildelingsbrev 2023 – Helsedirektoratet": the agency named most often in the text. */
function mostFrequentAgency(text: string): string | null {
  const counts = new Map<string, number>();
  const sample = text.length > 300_000 ? text.slice(0, 300_000) : text;
  for (const suffix of ["direktoratet", "instituttet", "tilsynet", "verket", "etaten", "ombudet"]) {
    for (const w of wordsEndingWith(sample, suffix)) {
      if (/^\p{Lu}\p{Ll}+$/u.test(w) && w.length > suffix.length) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let bestCount = 2;
  for (const [name, c] of counts) {
    if (c > bestCount) {
      best = name;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Department names when the text gives them: "Folkehelseavdelingen (FHA)", or a single
 * "…avdelingen" whose letters contain the code in order starting with its first letter
 * (KTA → Kommunetjenesteavdelingen, SHA → Spesialisthelsetjenesteavdelingen). One linear pass.
 */
function departmentNames(codes: string[], text: string): Map<string, string | null> {
  const names = new Set<string>();
  const explicit = new Map<string, string>();
  for (const [w, end] of wordsEndingWith(text, "avdelingen", true)) {
    if (w.length < 12 || !/^\p{Lu}/u.test(w)) continue;
    names.add(w);
    const after = /^\s*\(\s*([A-ZÆØÅ]{2,5})\s*\)/u.exec(text.slice(end, end + 20));
    if (after && !explicit.has(after[1])) explicit.set(after[1], w);
  }
  const out = new Map<string, string | null>();
  for (const code of codes) {
    const given = explicit.get(code);
    if (given) {
      out.set(code, given);
      continue;
    }
    const c = code.toLowerCase();
    const matches = [...names].filter((name) => {
      const lower = name.toLowerCase();
      if (lower[0] !== c[0]) return false;
      let pos = 1;
      for (const ch of c.slice(1)) {
        const at = lower.indexOf(ch, pos);
        if (at < 0) return false;
        pos = at + 1;
      }
      return true;
    });
    out.set(code, matches.length === 1 ? matches[0] : null);
  }
  return out;
}
