/**
 * Reading an assignment ID where a letter writes it: at the start of a line, after its label
 * ("ID:", "Oppdrag", "Oppdrag nr.", "Oppdragsnummer"), in brackets ("[TB2025-5] Title"), at the
 * end of a title line ("Title (TB2025-5)"), after a postponement heading's label, or as an entry
 * of a later letter's opening list. Whether such a line defines an assignment is the parser's
 * question (parse.ts, `definitionAt`). The ID grammar itself is ids.ts. Pure.
 */
import { leadingId } from "./ids";
import { BULLET_CLASS } from "./bullets";

/**
 * A label before an ID at the start of a line: "ID:", "ID", "Oppdrag", "Oppdrag nr.", "Oppdrag:",
 * "Oppdragsnummer", "Oppdrag ID:". With a capital letter: "oppdrag TB2026-20" at a line's start
 * is a sentence the PDF wrapped ("… jf. / oppdrag TB2026-20 3d.").
 */
const LINE_ID_LABEL = String.raw`^(?:(?:Oppdrags?-)?(ID|Id)\s*([:.])?\s*|(?:(?:Oppdrag|OPPDRAG)(?:\s+[Nn][Rr]\.?)?|Oppdragsnr\.?|Oppdragsnummer)\s*:?\s+(?:(?:ID|Id)\s*[:.]?\s*)?)`;
const RE_LINE_ID_LABEL = new RegExp(LINE_ID_LABEL);
/** After a bullet (an opening list) the label may be in lower case: "– oppdrag 13/2024 …". */
const RE_LIST_ID_LABEL = new RegExp(LINE_ID_LABEL, "i");

/** An ID at the start of a line, with the label before it and the text after it. */
export interface LineId {
  id: string;
  idYear: number;
  /** "ID:" (with colon or full stop), "ID" (without), "Oppdrag" (also "Oppdrag nr."), or none. */
  label: "ID:" | "ID" | "Oppdrag" | null;
  /** The text after the ID, without a ":" / "–" right after it. */
  rest: string;
}

/**
 * The one reader of "an ID at the start of a line": a TB-form ID, labelled or not ("TB2026-1",
 * "ID: TB2023-01"), or a plain-form ID after its label ("ID: 2026-01", "Oppdrag 13/2024"). Whether
 * the line defines an assignment is the caller's question (phaseDefinitions). The label must be
 * capitalised ("oppdrag TB2026-20" at a line's start is a wrapped sentence) unless `labelInAnyCase`
 * (an entry of an opening list, after its bullet).
 */
export function idAtLineStart(t: string, labelInAnyCase = false): LineId | null {
  if (!(labelInAnyCase ? /^[[(]?(?:ID|T?TB|Oppdrag)/i : /^[[(]?(?:ID|Id|T?TB|Oppdrag|OPPDRAG)/).test(t)) return null;
  // "[TB2025-5] Title", "(TB2025-5) Title": the ID in brackets.
  const bracket = /^[[(]/.test(t);
  const inner = bracket ? t.slice(1) : t;
  const lab = (labelInAnyCase ? RE_LIST_ID_LABEL : RE_LINE_ID_LABEL).exec(inner);
  const label = lab ? (lab[1] ? (lab[2] ? "ID:" : "ID") : "Oppdrag") : null;
  const after = lab ? inner.slice(lab[0].length) : inner;
  // After "ID:" any short code with a number is the ID; a year-number or TB form stays what it is.
  const found = leadingId(after, label !== null, label === "ID:" && lab?.[2] === ":");
  if (!found) return null;
  let rest = after.slice(found.length);
  if (bracket && !/^\s*[\])]/.test(rest)) return null;
  if (bracket) rest = rest.replace(/^\s*[\])]/, "");
  rest = rest.replace(/^\s*[:–-]\s*/, "").trim();
  return { id: found.id, idYear: found.year, label, rest };
}

/**
 * A title line that ends in its ID ("Kartlegging av rasutsatte strekninger (TB2025-5)", "3.1.1
 * Tilsyn med legevakt (ID: 2026-03)", "… – TB2025-5"): the ID and the title before it. A plain
 * form needs its label there ("(ID 2026-03)"), so "(2025-26)" stays a period.
 */
const RE_TRAILING_ID = new RegExp(
  String.raw`^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+)?(\p{Lu}.{2,160}?)\s*(?:[([]\s*((?:ID|Oppdrag)\s*:?\s*)?([^()[\]]{6,16})\s*[)\]]|[–-]\s+((?:ID|Oppdrag)\s*:?\s*)?(\S{6,16}))\.?$`,
  "u",
);
export function idAtLineEnd(t: string): LineId | null {
  if (t.length > 200 || !/\d[)\]]?\.?$/.test(t)) return null;
  const m = RE_TRAILING_ID.exec(t);
  if (!m) return null;
  const labelled = (m[2] ?? m[4]) !== undefined;
  const token = (m[3] ?? m[5]).trim();
  const found = leadingId(token, labelled);
  if (!found || found.length < token.length) return null;
  return { id: found.id, idYear: found.year, label: null, rest: m[1].trim() };
}

/** The ID after an optional label ("oppdrag", "oppdraget nr.", "ID:") at the start of `text`. */
export function idAfterLabel(text: string): string | null {
  const lab = /^(?:oppdrag(?:et)?\s+)?(?:nr\.?\s*)?(?:ID\s*:?\s*)?/i.exec(text);
  const label = lab?.[0] ?? "";
  return leadingId(text.slice(label.length), label !== "")?.id ?? null;
}

const RE_LIST_BULLET = new RegExp(`^${BULLET_CLASS}\\s*`, "u");
/**
 * "- TTB2023-02 Title", "• Oppdrag 13/2024 Title", also "– oppdrag 13/2024 …" (after a bullet the
 * label may be in lower case): an entry of a supplementary letter's opening list.
 */
export function listIdAt(t: string): LineId | null {
  const b = RE_LIST_BULLET.exec(t);
  return b ? idAtLineStart(t.slice(b[0].length), true) : null;
}
