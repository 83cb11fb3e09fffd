/** Phase "later letters": what a later letter does to earlier assignments (addition, clarification, withdrawal, deadline or owner change) and the IDs it only announces. */
import { defaultDeadline } from "../deadlines";
import { findDatePhrases } from "../dates";
import { findIds, idMention, idYear, sameId } from "../ids";
import { RE_EXEMPT, announcedEntry, changesInSentence, changesToOthers, deadlineChangeOfRow } from "../later-letters";
import type { ParsedEvent } from "../types";
import type { ParseState } from "./state";

/** A text's sentences: a full stop, "!" or "?" before a capital or an ID ends one; "1. mai" does not. */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\p{Lu}|TB|TTB)/u);
}

/** Each assignment's year, exemption, mentions of other IDs, and part kind ("original" unless a later letter's block said otherwise). */
function completeParts(st: ParseState): void {
  const { letters, assignments } = st;
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
}

/**
 * IDs announced only in a later letter's opening list: "(unntatt offentlighet). For detaljer se
 * eget vedlegg", "<title>. Ettersendes". Registered without text; the opening list creates nothing else.
 */
function announcedOnly(st: ParseState): void {
  const { lines, letters, listEntries, assignments } = st;
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
}

/** A sentence that may change an assignment, with the line (index) it starts on. */
interface Candidate {
  sentence: string;
  idx: number;
}

/** The sentences of a later letter's free text: its content lines outside blocks, lists and boundaries, paragraph by paragraph. */
function freeTextSentences(st: ParseState, li: number): Candidate[] {
  const { lines, content, listEntries, boundary, covered } = st;
  const l = st.letters[li];
  const listIdx = new Set(listEntries.filter((e) => e.letter === li).map((e) => e.idx));
  const out: Candidate[] = [];
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
      out.push({ sentence, idx: at });
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
  return out;
}

/**
 * Sentences inside the letter's blocks that change another assignment ("Fristen for ID 2026-03
 * endres til …" after the text of 2026-02): that assignment's change, not the block's.
 */
function changesInsideBlocks(st: ParseState, li: number): Candidate[] {
  const l = st.letters[li];
  const out: Candidate[] = [];
  for (const a of st.assignments) {
    if (a.letter !== li || a.announcedOnly) continue;
    const related = [a.id, ...findIds(a.title).map((x) => x.id)];
    const sentences = a.body.split(/\n\s*\n/).flatMap((paragraph) => sentencesOf(paragraph.replace(/\n/g, " ")));
    for (const sentence of sentences) {
      if (changesToOthers(sentence, l.year, a.line, related).length > 0) out.push({ sentence, idx: a.line - 1 });
    }
  }
  return out;
}

/**
 * Explicit changes a later letter makes, in its free text, its opening list and inside its blocks:
 * withdrawal ("utgår", "bortfaller", "trekkes tilbake"), deadline change ("fristen for … endres/
 * utsettes til …"), owner change ("ansvaret for … flyttes til SHA"). The first sentence to make a
 * change of a kind to an assignment gives it; a postponement heading already gives a deadline.
 */
function explicitChanges(st: ParseState, li: number): ParsedEvent[] {
  const { lines, listEntries, events } = st;
  const l = st.letters[li];
  const entryLines = new Set(listEntries.map((e) => e.idx));
  // `sentence` is read for changes; `text` is what the letter says, as it says it (a list entry
  // with its lead), and `line` the entry itself, where the sentence read was made from them.
  const candidates: { sentence: string; idx: number; text?: string; line?: string }[] = [
    ...freeTextSentences(st, li),
    ...listEntries.filter((e) => e.letter === li).map((e) => {
      const lead = listLead(st, e.idx, entryLines);
      const sentence = listEntrySentence(lead, e.id, e.title, l.year);
      const said = `${lead}${idMention(e.id)} ${e.title}`;
      return sentence === said ? { sentence, idx: e.idx } : { sentence, idx: e.idx, text: said, line: lines[e.idx].text.replace(/^\S+\s+/, "") };
    }),
    ...changesInsideBlocks(st, li),
  ];
  const found: ParsedEvent[] = [];
  for (const { sentence, idx, text: said = sentence, line } of candidates) {
    for (const c of changesInSentence(sentence, l.year, lines[idx].no)) {
      if (found.some((f) => f.type === c.type && sameId(f.target, c.target))) continue;
      if (events.some((ev) => ev.letter === li && ev.type === "postponement" && sameId(ev.target, c.target) && c.type !== "withdrawal")) continue;
      const ev: ParsedEvent = { type: c.type, target: c.target, letter: li, line: lines[idx].no, source: null, text: said.replace(/\s+/g, " ").trim().slice(0, 600) };
      if (c.deadline) ev.deadline = line ? { ...c.deadline, text: line } : c.deadline;
      if (c.departments) ev.departments = c.departments;
      found.push(ev);
    }
  }
  return found;
}

/** The rows of tables of changed deadlines, each a deadline change of its assignment (in any letter: the table says so). */
function deadlineTableChanges(st: ParseState): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  for (const row of st.deadlineRows) {
    const l = st.letters[row.letter];
    const line = st.lines[row.idx].no;
    const change = row.previous && row.deadline ? `frist endret fra ${row.previous} til ${row.deadline}` : row.deadline ? `ny frist ${row.deadline}` : "";
    const text = [`${idMention(row.id)} ${row.title}`.trim(), change].filter((s) => s !== "").join(" – ");
    const found = deadlineChangeOfRow(row.id, row.deadline, l.year, line);
    if (!found) {
      st.warnings.push({ line, message: `Fant ingen ny frist for ${row.id} i tabellen over endrede frister – sjekk fristen` });
      continue;
    }
    if (out.some((e) => sameId(e.target, row.id))) continue;
    out.push({ type: "deadline_change", target: found.target, letter: row.letter, line, source: null, text, deadline: found.deadline });
  }
  return out;
}

/** A lead that gives new deadlines without naming one ("Følgende oppdrag får ny frist:", "Fristene endres slik:"). */
const RE_NEW_DEADLINES_LEAD = /\b(?:(?:får|gis|gjev|får\s+følgende)\s+nye?\s+frist(?:er)?|nye\s+frister|ny\s+frist|frist(?:en|ene)?\s+(?:endres|utsettes|forlenges|flyttes|blir\s+endra?t?))\b/i;

/**
 * A list entry as the sentence its lead makes of it: "<lead> oppdrag X <title>". Under a lead that
 * gives new deadlines without a date of its own, an entry that is its ID and a date ("– TB2025-01:
 * 1. september 2025") says "Ny frist for TB2025-01 er 1. september 2025."
 */
function listEntrySentence(lead: string, id: string, title: string, year: number): string {
  if (lead === "" || !RE_NEW_DEADLINES_LEAD.test(lead) || findDatePhrases(lead, year > 0 ? year : null).length > 0) return `${lead}${idMention(id)} ${title}`;
  // The entry's date: right after its ID ("TB2025-01: 1. september 2025"), or ending it ("TB2025-01 Kartlegge … – 1. september 2025").
  const dates = findDatePhrases(title, year > 0 ? year : null);
  const first = dates.at(0);
  const last = dates.at(-1);
  const date = first && first.index <= 2 ? first : last && last.end === title.replace(/[.)\s]+$/, "").length ? last : undefined;
  return date ? `Ny frist for ${idMention(id)} er ${title.slice(date.index, date.end)}.` : `${lead}${idMention(id)} ${title}`;
}

/**
 * The paragraph that leads into the list an entry at line `idx` stands in, when it ends in ":"
 * ("Etter dialog med direktoratet utgår følgende oppdrag:"), with a space after it; else "". What
 * the lead says (utgår, settes i bero, fristene utsettes til …) is said of each entry.
 * `entryLines`: the lines of the letter's list entries.
 */
function listLead(st: ParseState, idx: number, entryLines: ReadonlySet<number>): string {
  const { lines } = st;
  const isEntry = (j: number) => entryLines.has(j);
  // A lower-case line that goes on with the entry above it (its title wrapped), not with the lead.
  const wrappedEntry = (j: number) => {
    let up = j;
    while (up >= 0 && /^\p{Ll}/u.test(lines[up].text)) up--;
    return up >= 0 && up < j && isEntry(up);
  };
  let k = idx - 1;
  // Back over the entries above it in the same list, and the lines their titles wrapped onto.
  while (k >= 0 && (lines[k].blank || lines[k].noise || isEntry(k) || wrappedEntry(k)) && idx - k < 60) k--;
  if (k < 0 || !/:$/.test(lines[k].text) || st.headingAt.has(k)) return "";
  const parts: string[] = [];
  for (let j = k; j >= 0 && !lines[j].blank && !st.headingAt.has(j) && parts.length < 4; j--) parts.unshift(lines[j].text);
  return `${parts.join(" ")} `;
}

/** Phase "later letters": defaults for the part fields, IDs announced only in an opening list, explicit changes (withdrawal, deadline change, owner change). */
export function phaseLaterLetters(st: ParseState): void {
  completeParts(st);
  announcedOnly(st);
  st.letters.forEach((l, li) => {
    if (l.kind === "supplementary") st.events.push(...explicitChanges(st, li));
  });
  st.events.push(...deadlineTableChanges(st));
  // Keep document order.
  st.assignments.sort((a, b) => a.line - b.line);
}

/**
 * A block whose text is exempt from public access: its title says so ("Oppdrag unntatt
 * offentlighet jf. Offl. § 15 tredje ledd"), or its short body refers to a separate enclosure
 * for that reason. A long text that mentions exemption in passing is not.
 */
function isExemptBlock(title: string, body: string): boolean {
  if (RE_EXEMPT.test(title)) return true;
  return body.length <= 200 && RE_EXEMPT.test(body) && /\b(?:eget|eige)\s+vedlegg\b/i.test(body);
}
