/**
 * What later (supplementary) letters do to assignments: which part a block is (original /
 * addition / clarification), IDs announced without text (exempt, "Ettersendes"), and explicit
 * changes (withdrawal, deadline change, owner change). Pure functions over strings, used by the
 * parser's "blocks → assignments" and "events" phases; tested in test/unit/parser-later-letters.test.ts.
 */
import { findDatePhrases } from "./dates";
import { findIds, sameId } from "./ids";
import type { EventType, ParsedAssignment, ParsedDeadline, PartKind } from "./types";

/**
 * Unnumbered section headings of a supplementary letter. They end the text before them, and
 * "Presisering av tidligere oppdrag" makes the blocks under it clarifications.
 */
export const RE_SUPPLEMENT_SECTION =
  /^(?:Nye\s+oppdrag|Nytt\s+oppdrag|Presisering(?:er)?\s+av\s+(?:tidligere\s+|tidlegare\s+)?(?:gitte\s+|gitt\s+)?oppdrag|Endret\s+frist|Endrede\s+frister|Endring(?:er)?\s+i\s+(?:tildelingen|fristene?|oppdrag(?:ene)?|ansvar)|Endret\s+ansvar|Oppdrag\s+som\s+(?:utgår|bortfaller|trekkes\s+tilbake)|Utgåtte\s+oppdrag|Budsjettendringer)\s*:?$/i;

export type SupplementSection = "new" | "clarification" | "other";

export function supplementSectionKind(heading: string): SupplementSection {
  if (/^Nye?t?\s+oppdrag/i.test(heading)) return "new";
  if (/^Presisering/i.test(heading)) return "clarification";
  return "other";
}

/** "Unntatt offentlighet"; in nynorsk "unnateke offentlegheit", "unnteke frå offentleg innsyn". */
export const RE_EXEMPT = /\b(?:unntatt|unnateke|unnteke)\s+(?:(?:fra|frå)\s+)?offentle?i?g(?:het|heit|\s+innsyn)?/i;
/** The same words with the parentheses around them, as an opening list writes them: "(unntatt offentlighet)". */
const RE_EXEMPT_REMARK = new RegExp(`\\(?\\s*${RE_EXEMPT.source}[^)]*\\)?`, "i");

/**
 * An entry of the opening list announced without its text: "(unntatt offentlighet). For
 * detaljer se eget vedlegg", "Nasjonal plan for legevakt. Ettersendes". Null for an ordinary
 * entry (whose block follows in the letter) or a change ("utgår").
 */
export function announcedEntry(entry: string): { title: string; exempt: boolean } | null {
  const exempt = RE_EXEMPT.test(entry);
  const later = /\bettersendes\b|\bettersendast\b|\bblir\s+ettersendt\b|\bsendes\s+(?:senere|separat|ut\s+senere)\b|\b(?:se|sjå)\s+(?:eget|eige)\s+vedlegg\b|\bi\s+(?:eget|eige)\s+vedlegg\b/i.test(entry);
  if (!exempt && !later) return null;
  const title = entry
    .replace(RE_EXEMPT_REMARK, "")
    .replace(/\bfor\s+detalj[ae]r\s+(?:se|sjå)\s+(?:eget|eige)\s+vedlegg\b.*$/i, "")
    .replace(/\b(?:(?:se|sjå)\s+(?:eget|eige)\s+vedlegg|i\s+(?:eget|eige)\s+vedlegg|ettersendes|ettersendast|blir\s+ettersendt|sendes\s+(?:senere|separat|ut\s+senere))\b.*$/i, "")
    .replace(/^[\s.,:;–-]+|[\s.,:;–-]+$/gu, "")
    .trim();
  return { title: title === "" ? "Unntatt offentlighet" : title, exempt };
}

/** Does a list entry or sentence withdraw an assignment? */
/** Bokmål and nynorsk: "utgår", "bortfaller", "trekkes tilbake"; "fell bort", "blir trekt tilbake". */
const RE_WITHDRAWAL =
  /\b(?:utgår|bortfaller|fell\s+bort|trekkes\s+tilbake|trekkjast\s+tilbake|(?:er|blir|vert)\s+tru?e?kke?t(?:\s+tilbake)?|skal(?:\s+derfor)?\s+ikke\s+lenger\s+(?:gjennomføres|utføres|følges\s+opp))(?![\p{L}])/iu;
/** "Oppdrag TB2026-12 avsluttes." / "… trekkes herved.": the verb ends the sentence ("…, som avsluttes i år" is no withdrawal). */
const RE_WITHDRAWAL_AT_END = /\b(?:avsluttes|avsluttast|trekkes|trekkjast)(?:\s+(?:herved|med\s+dette|no|nå))?\s*[.!]?$/iu;
const CHANGED = String.raw`(?:endres|endrast|utsettes|utsetjast|forskyves|flyttes|flyttast|forlenges|forlengjast|settes|setjast|(?:er|blir|vert)\s+(?:endra|endret|utsett|utsatt|flytta|flyttet|forlengd|forlenget|forlenga|sett|satt))`;
/**
 * What introduces a new deadline, the date right after it: "Fristen for TB2026-12 endres (fra 1. mai)
 * til", "… er utsatt til", "Departementet utsetter fristen for … til", "Ny frist for … er", "TB2026-12
 * får ny frist", "TB2026-12 utsettes til" (bokmål and nynorsk).
 */
const RE_DEADLINE_CHANGES = [
  new RegExp(String.raw`\bfrist(?:en|ene|ane)?\b.{0,80}?\b${CHANGED}\s+(?:fra\s+.{1,40}?\s+)?til\s+`, "iu"),
  /\b(?:utsetter|utset|forlenger|forlengjer|flytter|endrer|endrar)\s+fristen\s+for\s+.{1,80}?\s+(?:fra\s+.{1,40}?\s+)?til\s+/iu,
  /\bny\s+frist(?:en)?\s+for\s+.{1,80}?\s+(?:er|blir|vert|settes\s+til|blir\s+sett\s+til)\s+/iu,
  /\b(?:(?:får|fått|gis|gjevast)\s+ny\s+frist|ny\s+frist\s*:)\s*/iu,
  /\b(?:utsettes|utsetjast|(?:er|blir|vert)\s+(?:utsatt|utsett))\s+til\s+/iu,
];
/**
 * The owner label changed: "Ansvarlig avdeling for TB2025-03 endres (fra BBA) til KOMM", "Ny
 * ansvarlig avdeling for TB2025-03 er KOMM", "TB2025-03: Ansvarlig avdeling endres …". The codes
 * in capitals (case matters: "til og med" is no code).
 */
const RE_OWNER_LABEL_CHANGE =
  /\b[Aa]nsvarl[ie]g\s+avdeling\b.{0,60}?(?:\b(?:endres|endrast|er\s+endret|er\s+endra|blir\s+endret|blir\s+endra|vert\s+endra)\s+(?:(?:fra|frå)\s+[A-ZÆØÅ]{2,5}\s+)?til|\ber)\s+([A-ZÆØÅ]{2,5}(?:\s*(?:,|\/|&|og)\s*[A-ZÆØÅ]{2,5})*)(?![\p{L}])/u;
const RE_OWNER_CHANGE = /\bansvar(?:et)?\s+for\s+.{0,60}?\b(?:flyttes|flyttast|overføres|overførast|overtas|går\s+over|(?:blir|vert)\s+(?:flytta|flyttet|overført))\s+(?:(?:fra|frå)\s+[A-ZÆØÅ]{2,5}\s+)?til\s+([A-ZÆØÅ]{2,5}(?:\s*(?:,|\/|&|og)\s*[A-ZÆØÅ]{2,5})*)(?![\p{L}])/iu;

/**
 * Put on hold: "settes i bero", "blir sett i bero", "legges i bero", "utsettes inntil videre" (also
 * nynorsk). One pattern for an assignment's deadline on hold (deadlines.ts) and a later letter's
 * postponement of an assignment.
 */
export const RE_ON_HOLD =
  /\b(?:settes|setjast|satt|sett|er\s+satt|blir\s+satt|blir\s+sett|stilles|legges|leggjast)\s+i\s+bero\b|\b(?:utsettes|utsetjast|blir\s+utsett|blir\s+utsatt)\s+(?:inntil\s+videre|inntil\s+vidare|på\s+ubestemt\s+tid)\b/i;

export interface FoundChange {
  type: EventType;
  target: string;
  deadline?: ParsedDeadline;
  departments?: string[];
}

/**
 * Explicit changes in one sentence of a later letter, each naming exactly one assignment:
 * "TB2026-61 utgår", "Oppdrag TB2026-48 bortfaller", "trekkes tilbake"; "Fristen for TB2026-12
 * utsettes/endres til 1. mai 2026"; "Ansvaret for TB2026-33 flyttes til SHA"; "TB2026-30 settes i
 * bero" (a postponement). `year` is the
 * letter's (implied year of "1. mai"); `line` the sentence's line.
 */
export function changesInSentence(sentence: string, year: number, line: number): FoundChange[] {
  // Only a sentence that can name an ID: a TB or plain form, or an ID of another form after its label ("oppdrag O 002").
  if (!/TB|\d{4}-\d|\d\/\d{4}|(?:ID|ppdrag\w*)\s[^.]{0,24}\d/.test(sentence)) return [];
  const ids = uniqueIds(sentence);
  if (ids.length !== 1) return [];
  const target = ids[0];
  const text = sentence.replace(/\s+/g, " ").trim();
  for (const re of RE_DEADLINE_CHANGES) {
    const dc = re.exec(text);
    if (!dc) continue;
    const phrase = findDatePhrases(text.slice(dc.index + dc[0].length), year > 0 ? year : null)[0];
    const d = phrase && phrase.index <= 2 ? phrase.result : null;
    if (d && d.ok && d.date) {
      return [
        {
          type: "deadline_change",
          target,
          deadline: { date: d.date, precision: d.precision, label: null, text: text.replace(/[.;]+$/, ""), isDefault: false, state: "dated", line },
        },
      ];
    }
  }
  const oc = RE_OWNER_CHANGE.exec(text) ?? RE_OWNER_LABEL_CHANGE.exec(text);
  if (oc) {
    const departments = oc[1].split(/\s*(?:,|\/|&|\bog\b)\s*/u).filter((c) => c !== "");
    return [{ type: "owner_change", target, departments }];
  }
  // Withdrawn, not done: "anses som utført og avsluttes" closes a delivered assignment.
  if ((RE_WITHDRAWAL.test(text) || RE_WITHDRAWAL_AT_END.test(text)) && !/\b(?:utgår|bortfaller|avsluttes)\s+ikke\b|\bikke\s+(?:utgår|bortfaller|avsluttes)|\b(?:utført|levert|fullført|gjennomført)\b/i.test(text)) {
    return [{ type: "withdrawal", target }];
  }
  if (RE_ON_HOLD.test(text)) return [{ type: "postponement", target }];
  return [];
}

/**
 * A row of a table of changed deadlines ("TB2025-01 Kartlegge … 1. juni 2025 1. september 2025"
 * under "ID Oppdrag Opprinnelig frist Ny frist"): the change to its last deadline cell, the new
 * one, its phrase the cell.
 */
export function deadlineChangeOfRow(target: string, deadlineCell: string | null, year: number, line: number): FoundChange | null {
  const phrase = deadlineCell ? findDatePhrases(deadlineCell, year > 0 ? year : null).at(-1) : undefined;
  const d = phrase?.result;
  if (!d || !d.ok || !d.date) return null;
  return { type: "deadline_change", target, deadline: { date: d.date, precision: d.precision, label: null, text: deadlineCell!, isDefault: false, state: "dated", line } };
}

/**
 * The changes a sentence makes to assignments other than `own` (a block's ID and the IDs its title
 * is about): "Fristen for ID 2026-03 endres til …" written inside 2026-02's text.
 */
export function changesToOthers(sentence: string, year: number, line: number, own: readonly string[]): FoundChange[] {
  return changesInSentence(sentence, year, line).filter((c) => !own.some((id) => sameId(id, c.target)));
}

/** The IDs a text names, each once whatever its padding, in order. */
export function uniqueIds(text: string): string[] {
  const out: string[] = [];
  for (const x of findIds(text)) if (!out.some((o) => sameId(o, x.id))) out.push(x.id);
  return out;
}

/**
 * Which part a block with an ID is, in a supplementary letter.
 * addition: "Det vises til oppdrag TB2026-17. Følgende delleveranser …" (the block's own ID);
 * clarification: a title "Presisering av …", a "clarifies" relation, a block under "Presisering av
 *   tidligere oppdrag", or an ID of an earlier year;
 * otherwise original. `target` is the assignment added to.
 */
export function classifyPart(input: {
  id: string;
  title: string;
  body: string;
  idYear: number;
  letterYear: number;
  section: SupplementSection | null;
  clarifies: string | null;
}): { kind: PartKind; target: string | null } {
  const head = input.body.replace(/\s+/g, " ").slice(0, 400);
  const refersToItself = new RegExp(`\\b(?:vises|viser|henvises|vist)\\s+til\\s+(?:oppdrag(?:et)?\\s+)?(?:ID\\s*:?\\s*)?${escapeRe(input.id)}(?![\\d])`, "i").test(head);
  if (refersToItself || (/\bdelleveranse|\bdeloppdrag|som\s+(?:en|ein)\s+del\s+av\s+(?:det|oppdraget)\b/i.test(head) && /\b(?:vises|vist)\s+til\s+oppdrag/i.test(head))) {
    return { kind: "addition", target: input.id };
  }
  if (input.clarifies) return { kind: "clarification", target: input.clarifies };
  if (/^Presisering/i.test(input.title) || input.section === "clarification" || (input.letterYear > 0 && input.idYear < input.letterYear)) {
    return { kind: "clarification", target: input.id };
  }
  return { kind: "original", target: null };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A later letter's block that is only a part of an earlier assignment (an addition or a
 * clarification under that assignment's ID), not an assignment of its own: it has that
 * assignment's owners, and the import writes it as a part. "TTB2023-04 Presisering av TB2023-18",
 * under an ID of its own, is its own assignment (and a clarification of the other).
 */
export function isPartOnly(a: Pick<ParsedAssignment, "kind" | "hasId" | "id" | "target">): boolean {
  return (a.kind ?? "original") !== "original" && !(a.hasId && (a.target ?? a.id) !== a.id);
}
