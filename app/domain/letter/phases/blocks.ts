/** Phases "blocks" (an assignment per defined ID: title, owners, body, deadlines, relations) and "events" (postponements, "i bero"). */
import { type BodyLine, defaultDeadline, extractDeadlines } from "../deadlines";
import { findIds, idIdentity, idYear, sameId } from "../ids";
import { classifyPart } from "../later-letters";
import { idAfterLabel, idAtLineStart } from "../line-ids";
import type { ParsedAssignment, ParsedDeadline, ParsedEvent, ParsedRelation } from "../types";
import { RE_DEPT_LABEL, RE_DEPT_LINE, RE_DEPT_LINE_FULL, RE_POSTPONEMENT_HEAD, RE_TITLE_CONTINUES, joinWrapped, shortTitle, uniq } from "./patterns";
import { isPageNumber, type Block, type ParseState, type SourceLine } from "./state";
import { RE_BULLET_START } from "../bullets";
import { departmentNamesOnly } from "../departments";
import { AGENCY_NAME } from "../letter-meta";
import { reportingPointDeadline, tableRowCells } from "../tables";

const CODE = "[A-ZÆØÅ]{2,5}";
/** What joins two owners (codes, or names with their codes): "/", ",", "&", "og". */
const JOIN = String.raw`\s*(?:\/|,|&|\bog\b)\s*`;

const RE_CODES_AT_START = new RegExp(
  `^\\s*(${CODE})(?![\\p{L}\\d-])((?:${JOIN}${CODE}(?![\\p{L}\\d-]))*)`,
  "u",
);

const RE_CODES_ONLY = new RegExp(`^(${CODE})(?:${JOIN}${CODE})*\\s*\\.?$`, "u");

/** A line that ends with its owner ("Frist: 1.1.2027 Ansvarlig avdeling i HOD: SHA"): the end of a later letter's block. */
export function endsWithOwner(t: string): boolean {
  const label = t.includes(":") ? RE_DEPT_LABEL.exec(t) : null;
  return label !== null && RE_CODES_ONLY.test(t.slice(label.index + label[0].length).trim());
}

const RE_GOAL_LINE = /^(?:Mål|Tilknyttet\s+mål|Knyttet\s+til\s+mål)\s*:?\s*(?:Mål\s*)?(\d{1,2})\s*\.?$/iu;

/** "… beredskapskommunikasjon (Nytt" goes on: the PDF broke the title inside a parenthesis. */
function unclosedParenthesis(text: string): boolean {
  return (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
}

/** "Bolig- og bygningsavdelingen (BBA)": a department's name, then its code in parentheses. */
const RE_NAME_THEN_CODES = new RegExp(`^\\s*\\p{Lu}[\\p{L} .-]{2,60}?\\s*\\(\\s*(${CODE}(?:${JOIN}${CODE})*)\\s*\\)`, "u");
const RE_JOIN = new RegExp(`^${JOIN}`, "u");
const RE_JOIN_ANYWHERE = new RegExp(JOIN, "u");
/** "(Kommunalavdelingen)" right after a code: the department's name, not the title. */
const RE_NAME_IN_PARENTHESES = /^\s*\(\s*\p{Lu}[\p{L} .-]{2,60}\)/u;

function splitCodes(codes: string): string[] {
  return codes
    .trim()
    .split(RE_JOIN_ANYWHERE)
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

/**
 * The owner codes an owner label gives, and the text after them: "KTA", "FHA/KTA", "KOMM
 * (Kommunalavdelingen)", or the name first, "Bolig- og bygningsavdelingen (BBA)". A name alone
 * gives the code the letter writes beside that name elsewhere (`names`, lower-cased name → code);
 * else no code (null).
 */
function parseCodes(text: string, names: Map<string, string>): { codes: string[]; rest: string } | null {
  const m = RE_CODES_AT_START.exec(text);
  if (m) {
    const named = RE_NAME_IN_PARENTHESES.exec(text.slice(m[0].length));
    return { codes: splitCodes(m[0]), rest: text.slice(m[0].length + (named?.[0].length ?? 0)) };
  }
  // Names with their codes, or names alone, one after another: "Bolig- og bygningsavdelingen (BBA) og Kommunalavdelingen".
  const codes: string[] = [];
  let rest = text;
  for (let n = namedOwner(rest, names); n; n = namedOwner(rest, names)) {
    codes.push(...n.codes);
    rest = rest.slice(n.length);
    const join = RE_JOIN.exec(rest);
    if (!join || !namedOwner(rest.slice(join[0].length), names)) break;
    rest = rest.slice(join[0].length);
  }
  return codes.length > 0 ? { codes, rest } : null;
}

/** A line of owners and nothing else ("FHA/KTA", "Kommunalavdelingen" where the letter gives its code): their codes. */
function ownersOnly(t: string, names: Map<string, string>): string[] | null {
  if (RE_CODES_ONLY.test(t)) return parseCodes(t, names)?.codes ?? null;
  const named = names.size > 0 ? parseCodes(t, names) : null;
  return named && /^\s*\.?\s*$/.test(named.rest) ? named.codes : null;
}

/** The owner `text` starts with, written by name: with its code in parentheses, or a name the letter gives a code elsewhere. */
function namedOwner(text: string, names: Map<string, string>): { codes: string[]; length: number } | null {
  const n = RE_NAME_THEN_CODES.exec(text);
  if (n) return { codes: splitCodes(n[1]), length: n[0].length };
  if (names.size === 0) return null;
  const lead = /^\s*/.exec(text)?.[0].length ?? 0;
  const lower = text.slice(lead).toLowerCase();
  let best: [string, string] | null = null;
  for (const [name, code] of names) {
    if (lower.startsWith(name) && !/[\p{L}\d]/u.test(lower[name.length] ?? "") && (!best || name.length > best[0].length)) best = [name, code];
  }
  return best ? { codes: [best[1]], length: lead + best[0].length } : null;
}

/** What reading a block finds besides its title and text; the body may end the block early. */
interface BlockReading {
  /** Owning departments, as they are found. */
  depts: string[];
  /** Owners written by name alone, without a code the letter gives. */
  names: string[];
  /** The block's last line: in a supplementary letter an owner line after the body ends it. */
  end: number;
  goal: string | null;
}

/** A line that cannot go on a title: an owner line, a deadline, a list item, an ID. */
function stopsTitle(t: string): boolean {
  return RE_DEPT_LINE.test(t) || /^Frist\b/i.test(t) || RE_BULLET_START.test(t) || /^\d{1,2}\s?[.)]\s/.test(t) || idAtLineStart(t) !== null;
}

/**
 * Where the text goes on when a page break stands at line `j` (blank lines around a page number,
 * as a PDF gives a page's footer): the next content line; `j` itself where there is no page number.
 */
function afterPageBreak(lines: SourceLine[], j: number, end: number): number {
  let k = j;
  let pageNumber = false;
  while (k <= end && (lines[k].blank || (lines[k].noise && isPageNumber(lines[k].text)))) {
    if (!lines[k].blank) pageNumber = true;
    k++;
  }
  return pageNumber ? k : j;
}

/**
 * A block's head: owners on the lines after the ID line, then the title's lines as printed.
 * Returns them and the first line after the head.
 */
function readHead(st: ParseState, b: Block, r: BlockReading): { titleParts: string[]; next: number } {
  const { lines } = st;
  let pendingCodes = b.deptLabelSeen && r.depts.length === 0;
  const titleParts: string[] = b.inlineTitle ? [b.inlineTitle] : [];
  let j = b.headless ? b.start : b.start + 1;
  let ownerLineFirst = false;
  let guard = 0;
  while (j <= r.end && guard++ < 60) {
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
      while (k <= r.end && (lines[k].blank || lines[k].noise)) k++;
      if (k > r.end || !titleGoesOnAfterBlank(titleParts, lines[k].text)) break;
      titleParts.push(lines[k].text);
      j = k + 1;
      continue;
    }
    const t = line.text;
    if (RE_DEPT_LINE.test(t)) {
      const after = t.replace(RE_DEPT_LINE_FULL, "");
      const codes = parseCodes(after, st.departmentCodes);
      if (codes) {
        r.depts = uniq([...r.depts, ...codes.codes]);
        const rest = codes.rest.replace(/^\s*[.:–-]\s*/, "").trim();
        if (rest !== "" && titleParts.length === 0) titleParts.push(rest);
      } else if (!addOwnerNames(r, after)) pendingCodes = true;
      if (titleParts.length === 0 && b.inlineTitle === "" && b.newLayout) ownerLineFirst = true;
      j++;
      continue;
    }
    const ownersHere = pendingCodes ? ownersOnly(t, st.departmentCodes) : null;
    if (ownersHere || (pendingCodes && addOwnerNames(r, t))) {
      r.depts = uniq([...r.depts, ...(ownersHere ?? [])]);
      pendingCodes = false;
      j++;
      continue;
    }
    if (titleParts.length === 0 && ownerLineFirst && !stopsTitle(t)) {
      // Newer layout: the one line after the owner line, and where the PDF wrapped it.
      titleParts.push(t);
      j = readWrappedTitle(lines, j + 1, r.end, titleParts);
      break;
    }
    if (!(titleParts.length === 0 ? opensTitle(lines, b, r.end, j) : goesOnTitle(st, r.end, j, titleParts))) break;
    titleParts.push(t);
    j++;
  }
  return { titleParts, next: j };
}

/** After a blank line, a title goes on with a short line when the title so far cannot end there or the line goes on in lower case. */
function titleGoesOnAfterBlank(titleParts: string[], next: string): boolean {
  const prev = titleParts[titleParts.length - 1];
  return titleParts.length < 6 && next.length <= 60 && !/:$/.test(next) && !stopsTitle(next) && (RE_TITLE_CONTINUES.test(prev) || /^[\p{Ll}(]/u.test(next));
}

/**
 * Newer layout: the ID alone, the owner line, then the title: that one line, whatever its length
 * or abbreviations, never joined with the paragraph after it; only where the PDF wrapped it (the
 * title stops at "," or "og", or the next line goes on in lower case or with a parenthesis: "… Meld.
 * St. 23" / "(2024–2025). Forny, …"), also across a page break.
 * Adds the wrapped lines from `j` on to `titleParts`; returns the line after them.
 */
function readWrappedTitle(lines: SourceLine[], j: number, end: number, titleParts: string[]): number {
  while (titleParts.length < 3 && j <= end) {
    j = afterPageBreak(lines, j, end);
    if (j > end || lines[j].blank || lines[j].noise) break;
    const prev = titleParts[titleParts.length - 1];
    const next = lines[j].text;
    if (/[.!?]$/.test(prev) || stopsTitle(next) || next.length > 100) break;
    if (!(RE_TITLE_CONTINUES.test(prev) || /^[\p{Ll}(]/u.test(next) || unclosedParenthesis(titleParts.join(" ")))) break;
    titleParts.push(next);
    j++;
  }
  return j;
}

/**
 * Line `j` is a block's title on its own line: short (a PDF's title column), or long but followed
 * by a department line; or, in a block without an ID line, its heading (one line, a blank after it).
 */
function opensTitle(lines: SourceLine[], b: Block, end: number, j: number): boolean {
  const t = lines[j].text;
  const nextIsDept = j + 1 <= end && RE_DEPT_LINE.test(lines[j + 1].text);
  const headingLine = !!b.headless && t.length <= 120 && !/[.!?;,]$/.test(t) && (j + 1 > end || lines[j + 1].blank);
  return (t.length <= 60 || (nextIsDept && t.length <= 200) || headingLine) && !/:$/.test(t) && !stopsTitle(t);
}

/**
 * Line `j` goes on with the title: short, or a full-width title the PDF wrapped (its lines go on
 * in lower case, a blank line after them); after a title that cannot end where it does, in an
 * open parenthesis, in lower case, or as a last line above a blank line ("Dokument 3:4
 * (2022–2023)"; not a one-line body ending in ".").
 */
function goesOnTitle(st: ParseState, end: number, j: number, titleParts: string[]): boolean {
  const { lines } = st;
  const t = lines[j].text;
  const prev = titleParts[titleParts.length - 1];
  if (wrappedAtEdge(st, j - 1) && continuesWrappedTitle(st, j, titleParts, end)) return true;
  const endsAt = (k: number) => k > end || lines[k].blank || lines[k].noise;
  const wrappedEnd =
    /^\p{Ll}/u.test(t) && t.length <= 110 && (endsAt(j + 1) || (/^\p{Ll}/u.test(lines[j + 1].text) && lines[j + 1].text.length <= 110 && endsAt(j + 2)));
  return (
    titleParts.length < 6 &&
    (t.length <= 60 || wrappedEnd) &&
    !/:$/.test(t) &&
    !stopsTitle(t) &&
    !/[.!?]$/.test(prev) &&
    (RE_TITLE_CONTINUES.test(prev) || unclosedParenthesis(titleParts.join(" ")) || /^[\p{Ll}(]/u.test(t) || (endsAt(j + 1) && !/[.!?]$/.test(t)))
  );
}

/**
 * Whether line `k` ends at the column's edge: the next line's first word would not have fitted on
 * it (a PDF wrapped the paragraph there). Counted in characters, so with a margin of a tenth for
 * a proportional font.
 */
function wrappedAtEdge(st: ParseState, k: number): boolean {
  const next = st.lines[k + 1];
  if (k < 0 || !next || !st.content(k) || !st.content(k + 1)) return false;
  const width = st.columnWidth();
  return Number.isFinite(width) && st.lines[k].text.length + 1 + next.text.split(" ", 1)[0].length >= width * 0.9;
}

/**
 * Line `j` goes on with a title whose line above the PDF wrapped at the column's edge: in lower
 * case, or after a word that cannot end a title ("TB2026-36 Avd. HOD: SHA Etablere pilot for …
 * evaluering av" / "beslutningsstøtteordning for pasienter …" / the text), or as the head's last
 * line, a blank line after it and no full stop. A capitalised line after a title that can end
 * there, with text right below it, is the text (the 2023 letter's "… rusforebyggende arbeid" /
 * "Forebygging av rusmiddelbruk …").
 */
function continuesWrappedTitle(st: ParseState, j: number, titleParts: string[], end: number): boolean {
  const { lines } = st;
  const t = lines[j].text;
  const prev = titleParts[titleParts.length - 1];
  if (titleParts.length >= 4 || /[.!?:]$/.test(prev) || stopsTitle(t) || RE_DEPT_LINE.test(t)) return false;
  const paragraphEnds = j + 1 > end || lines[j + 1].blank || lines[j + 1].noise;
  return /^[\p{Ll}(]/u.test(t) || RE_TITLE_CONTINUES.test(prev) || (paragraphEnds && t.length <= 110 && !/[.!?:;]$/.test(t));
}

/** A block's body from line `from`, with an "Ansvarlig avdeling" line after the body closing the block. */
function readBody(st: ParseState, b: Block, from: number, r: BlockReading): BodyLine[] {
  const { lines, warnings } = st;
  const l = st.letters[b.letter];
  // A table row's cells, each a paragraph of its own: the deadline cell and a note are not one sentence.
  const cells = [b.cellBody, b.cellNote].filter((c): c is string => !!c);
  const body: BodyLine[] = cells.flatMap((text, c) => [...(c > 0 ? [{ no: lines[b.start].no, text: "" }] : []), { no: lines[b.start].no, text }]);
  let sawBody = false;
  for (let k = from; k <= r.end; k++) {
    const line = lines[k];
    if (line.noise) continue;
    const t = line.text;
    if (!line.blank && RE_DEPT_LINE.test(t)) {
      const { codes, last } = ownerLineInBody(st, k, r);
      if (r.depts.length > 0 && codes.length > 0 && codes.some((c) => !r.depts.includes(c))) {
        warnings.push({
          line: line.no,
          message: `${b.id}: avdelingen på slutten (${codes.join("/")}) avviker fra avdelingen i overskriften (${r.depts.join("/")}) – begge er tatt med`,
        });
      }
      r.depts = uniq([...r.depts, ...codes]);
      if (sawBody && l.kind === "supplementary") {
        closeAfterOwnerLine(st, b, last, body, r);
        break;
      }
      k = last;
      continue;
    }
    // "Frist: 1.5.2026 Ansvarlig avdeling i HOD: SHA" (or "1.1.2027 Ansvarlig avdeling …", the
    // last line of a wrapped "Frist"): text and owner on one line, the owner ending it.
    const mid = !line.blank ? RE_DEPT_LABEL.exec(t) : null;
    if (mid && mid.index > 0) {
      const codes = parseCodes(t.slice(mid.index + mid[0].length), st.departmentCodes);
      if (codes && (codes.rest.trim() === "" || /^Frist\b/i.test(t))) {
        r.depts = uniq([...r.depts, ...codes.codes]);
        body.push({ no: line.no, text: t.slice(0, mid.index).trim() });
        sawBody = true;
        if (l.kind === "supplementary") {
          r.end = k;
          break;
        }
        continue;
      }
    }
    const gl = RE_GOAL_LINE.exec(t);
    if (gl) {
      r.goal = `Mål ${Number(gl[1])}`;
      continue;
    }
    if (!line.blank) sawBody = true;
    body.push({ no: line.no, text: t });
  }
  return body;
}

/**
 * An owner line inside a block's text at line `k` ("Ansvarlig avdeling i HOD: SHA"), its codes on
 * it or on the next line; names without a code go to the reading. Returns the codes and the
 * owner's last line.
 */
function ownerLineInBody(st: ParseState, k: number, r: BlockReading): { codes: string[]; last: number } {
  const { lines } = st;
  const after = lines[k].text.replace(RE_DEPT_LINE_FULL, "");
  const codes = parseCodes(after, st.departmentCodes);
  if (codes || addOwnerNames(r, after)) return { codes: codes?.codes ?? [], last: k };
  for (let q = k + 1; q <= r.end && q <= k + 3; q++) {
    if (lines[q].blank || lines[q].noise) continue;
    const owners = ownersOnly(lines[q].text, st.departmentCodes);
    if (owners) return { codes: owners, last: q };
    return { codes: [], last: addOwnerNames(r, lines[q].text) ? q : k };
  }
  return { codes: [], last: k };
}

/** A later letter's block closes at its owner line after the text, keeping the "Kontaktpersoner: …" lines right after it. */
function closeAfterOwnerLine(st: ParseState, b: Block, last: number, body: BodyLine[], r: BlockReading): void {
  const { lines } = st;
  r.end = last;
  for (let q = last + 1; q <= b.end; q++) {
    if (lines[q].blank || !/^Kontaktperson/i.test(lines[q].text)) break;
    body.push({ no: lines[q].no, text: lines[q].text });
    r.end = q;
  }
}

/**
 * Blank lines trimmed and runs of them collapsed, without the blank lines PDF extraction puts
 * inside a sentence ("… mulighetene for\n\ngratis morsmelkerstatning …").
 */
function cleanBody(body: BodyLine[]): BodyLine[] {
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
  return cleaned;
}

/** The title from its lines; a block without one takes the opening list's, else its first sentence (with a warning). */
function blockTitle(st: ParseState, b: Block, titleParts: string[], cleaned: BodyLine[]): string {
  const { lines, warnings, listEntries } = st;
  let title = joinWrapped(titleParts);
  // "… mot alvorlige hendelser." → no final period, but keep "mv." and other abbreviations.
  if (/\.$/.test(title) && !/(?:^|\s)(?:mv|mm|m\.m|osv|bl\.a|jf|etc|inkl|ca|nr)\.$/i.test(title)) title = title.slice(0, -1).trim();
  if (title === "") {
    const entry =
      listEntries.find((e) => e.letter === b.letter && sameId(e.id, b.id)) ?? listEntries.find((e) => sameId(e.id, b.id));
    if (entry && entry.title !== "") {
      title = entry.title;
      warnings.push({ line: lines[b.start].no, message: `${b.id} har ingen tittel i selve oppdraget – bruker tittelen fra oversikten på linje ${lines[entry.idx].no}` });
    } else {
      const first = cleaned.map((c) => c.text).join(" ").split(/(?<=[.!?])\s/)[0] ?? "";
      title = first.length > 120 ? `${first.slice(0, 117).trim()} …` : first;
      warnings.push({ line: lines[b.start].no, message: `${b.id} har ingen tittel – bruker første setning i teksten` });
    }
  }
  return title;
}

/** "Presisering av TB…" in the head (clarifies), "erstatter TB…" (replaces). */
function blockRelations(b: Block, title: string, cleaned: BodyLine[]): ParsedRelation[] {
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
  return relations;
}

/** The block's deadlines, and the letter's year end where the assignment as a whole has none. */
function blockDeadlines(st: ParseState, b: Block, title: string, cleaned: BodyLine[]): ParsedDeadline[] {
  const l = st.letters[b.letter];
  const { warnings } = st;
  const relatedIds = findIds(title).map((x) => x.id);
  const deadlines = extractDeadlines({ id: b.id, year: l.year, lines: cleaned, tableRow: b.tableRow, relatedIds }, warnings);
  // A table row's deadline cell that names a reporting point ("Årsrapporten", "Løpende", "Avtales nærmere").
  // The cell: the row's own, the end of its first line, or a line of its own below it.
  if (b.tableRow && !deadlines.some((d) => d.label === null)) {
    const cells = [b.cellBody ?? null, cleaned[0] ? tableRowCells(cleaned[0].text, l.year, false).deadline : null, ...cleaned.slice(1, 5).map((c) => c.text)];
    const point = cells.map((c) => (c ? reportingPointDeadline(c, l.year, cleaned[0]?.no ?? null) : null)).find((d) => d !== null);
    if (point) deadlines.push(point);
  }
  // No deadline for the whole assignment: it is to be done within the letter's year (section 1.4),
  // also when only some deliverables are dated (the undated ones fall back to the year's end),
  // unless a deliverable already runs to the year's end or later (#18 item 8).
  const yearEnd = `${l.year}-12-31`;
  if (!deadlines.some((d) => d.label === null || (d.date !== null && d.date >= yearEnd))) deadlines.push(defaultDeadline(l.year));
  return deadlines;
}

/** A block read into an assignment (owners, title, text, deadlines, relations); marks its lines covered. */
export function buildAssignment(st: ParseState, b: Block): ParsedAssignment {
  const { lines, warnings, content, covered } = st;
  const r: BlockReading = { depts: [...b.inlineDepts], names: [], end: b.end, goal: null };
  const { titleParts, next } = readHead(st, b, r);
  const cleaned = cleanBody(readBody(st, b, next, r));
  const { title, opening } = withoutOpeningSentence(blockTitle(st, b, titleParts, cleaned));
  if (opening) cleaned.unshift({ no: lines[b.start].no, text: opening });
  const lineNo = lines[b.start].no;
  if (cleaned.length === 0) warnings.push({ line: lineNo, message: `${b.id} (${shortTitle(title)}) har ingen tekst` });

  let lastLine = b.start;
  for (let k = b.start; k <= r.end; k++) if (content(k)) lastLine = k;
  for (let k = b.start; k <= r.end; k++) covered[k] = true;
  const relations = blockRelations(b, title, cleaned);
  // A table row's note is no deadline cell: its dates and references are the note's.
  const deadlines = blockDeadlines(st, b, title, b.cellNote ? cleaned.slice(0, b.cellBody ? 1 : 0) : cleaned);
  return {
    id: b.id,
    hasId: b.hasId,
    letter: b.letter,
    title,
    departments: r.depts,
    area: null,
    goal: r.goal,
    body: cleaned.map((c) => c.text).join("\n"),
    line: lineNo,
    endLine: lines[lastLine].no,
    deadlines,
    relations,
    ...(r.depts.length === 0 && r.names.length > 0 ? { ownerNames: r.names } : {}),
  };
}

/** "… kommunesektoren Norsk helsenett SF skal:": a sentence's opening that a converter joined to the heading above it. */
const RE_OPENING_AT_TITLE_END = new RegExp(
  `^(\\S.*?\\S)\\s+((?:${AGENCY_NAME}|Direktoratet|Virksomheten|Instituttet|Tilsynet|Etaten|Selskapet|Foretaket)\\s+skal\\s*:)$`,
  "u",
);

/** The title without a sentence opening at its end, and that opening (the assignment's text begins with it). */
function withoutOpeningSentence(title: string): { title: string; opening: string | null } {
  const m = / skal\s*:$/.test(title) ? RE_OPENING_AT_TITLE_END.exec(title) : null;
  return m ? { title: m[1], opening: m[2] } : { title, opening: null };
}

/** Owners written by name alone in `text` ("Kommunalavdelingen"), added to the reading; whether there were any. */
function addOwnerNames(r: BlockReading, text: string): boolean {
  const names = departmentNamesOnly(text);
  if (names) r.names = uniq([...r.names, ...names]);
  return names !== null;
}

/** The area of a line in a supplementary letter: the last area heading above it in its letter. */
export function areaForSupp(st: ParseState, idx: number, li: number): string | null {
  let code: string | null = null;
  for (let k = st.letters[li].start; k < idx; k++) if (st.suppAreaHeadings.has(k)) code = st.suppAreaHeadings.get(k) ?? null;
  return code;
}

/** The part a block with an ID is in a supplementary letter (see classifyPart). */
/** A later letter's block: what it is to the assignment it names (original, addition, clarification). */
export function classify(st: ParseState, a: ParsedAssignment): void {
  const l = st.letters[a.letter];
  const idYearHere = idYear(a.id) ?? l.year;
  const part = classifyPart({
    id: a.id,
    title: a.title,
    body: a.body,
    idYear: idYearHere,
    letterYear: l.year,
    section: st.sectionAt(a.line - 1, a.letter),
    clarifies: a.relations.find((r) => r.type === "clarifies")?.target ?? null,
  });
  a.kind = part.kind;
  a.target = part.target;
}

/** The head line's own title and owners: "ID: TB… Eieravdeling HOD: FHA Title", "TB2026-1 Title Avd. HOD: DIG, BSA". */
function inlineHead(rest: string, names: Map<string, string>): { inlineTitle: string; inlineDepts: string[]; deptLabelSeen: boolean } {
  const lab = RE_DEPT_LABEL.exec(rest);
  if (!lab) return { inlineTitle: rest, inlineDepts: [], deptLabelSeen: false };
  const before = rest.slice(0, lab.index).trim();
  const after = rest.slice(lab.index + lab[0].length);
  const codes = parseCodes(after, names);
  const afterTitle = (codes ? codes.rest : after).replace(/^\s*[.:–-]\s*/, "").trim();
  return {
    inlineTitle: [before.replace(/[\s:–-]+$/u, ""), afterTitle].filter((s) => s !== "").join(" "),
    inlineDepts: codes ? codes.codes : [],
    deptLabelSeen: true,
  };
}

/** Phase "blocks -> assignments": each definition's block read into an assignment (owners, title, text, deadlines, relations, part kind). */
export function phaseBlocks(st: ParseState): void {
  const { warnings, letters, defs, areaAtLine, nextBoundary } = st;
  const assignments: ParsedAssignment[] = [];
  const firstDefLine = new Map<string, number>();
  const seenIds = new Map<string, ParsedAssignment>();
  for (const d of defs) {
    const l = letters[d.letter];
    // A table row is its line (and the lines it wrapped onto); what follows the table is not its text.
    const end = d.cells ? d.idx : nextBoundary(d.idx, l.end) - 1;
    const row = d.cells
      ? { inlineTitle: d.cells.title, inlineDepts: d.cells.owners, deptLabelSeen: false, fixedTitle: true, tableRow: true, cellBody: d.cells.deadline, cellNote: d.cells.note }
      : inlineHead(d.rest, st.departmentCodes);
    const a = buildAssignment(st, { id: d.id, hasId: true, letter: d.letter, start: d.idx, end, newLayout: !d.hasLabel && d.rest === "", ...row });
    a.area = areaAtLine(d.idx)?.code ?? (l.kind === "main" ? null : areaForSupp(st, d.idx, d.letter));
    if (l.kind === "supplementary") classify(st, a);
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
}

/** Phase "events": postponements ("Utsettelse av …", "settes i bero"). */
export function phaseEvents(st: ParseState): void {
  const { lines, content, letters, eventLines, nextBoundary, assignments, covered } = st;
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
