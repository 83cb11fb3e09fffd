/**
 * Output of the letter parser. The JSON printed by `npm run letter:parse` is exactly a
 * `ParseResult` (see the CLI contract in README.md), so field names here are part of a
 * public contract: add fields freely, never rename or remove one.
 */

export type LetterKind = "main" | "supplementary";

export interface ParsedLetter {
  kind: LetterKind;
  /** Budget year the letter belongs to, e.g. 2023. */
  year: number;
  /** ISO date (yyyy-MM-dd) from the letter's "Dato" field, null when the text does not say. */
  date: string | null;
  /** Case reference ("Vår ref"), e.g. "23/2173", null when the text does not say. */
  reference: string | null;
  title: string;
  /** 1-based first and last line of the letter in the source text. */
  startLine: number;
  endLine: number;
}

export type DeadlinePrecision = "day" | "month" | "year";

/**
 * dated: a real calendar date;
 * to_be_agreed: "avklares i dialog med departementet", "avtales nærmere", relative deadlines
 *   such as "14 dager etter mottatt oppdrag" (no date until agreed);
 * on_hold: "settes i bero".
 */
export type DeadlineState = "dated" | "to_be_agreed" | "on_hold";

export interface ParsedDeadline {
  /** ISO date; for month precision the last day of the month, for year precision 31 December. */
  date: string | null;
  precision: DeadlinePrecision | null;
  /** Deliverable label, e.g. "Delleveranse 1", "Deloppdrag 3"; null for the assignment itself. */
  label: string | null;
  /** The original phrase, whitespace-normalised, e.g. "Frist: 1. juli 2023". */
  text: string;
  /** True for the implied end-of-year deadline when the letter gives none (letter section 1.4). */
  isDefault: boolean;
  state: DeadlineState;
  /** 1-based source line of the phrase, null for the default deadline. */
  line: number | null;
}

export type RelationType = "replaces" | "clarifies";

export interface ParsedRelation {
  type: RelationType;
  /** Target assignment ID; may belong to an earlier year and be unknown to the database. */
  target: string;
}

export interface ParsedAssignment {
  /** The assignment ID ("TB2023-05", "TTB2023-22") or, for assignments without one, a stable
   *  synthetic key that can never match a real ID (see `isSyntheticId`). */
  id: string;
  /** False for assignments that have no ID in the letter. */
  hasId: boolean;
  /** Index into `ParseResult.letters`. */
  letter: number;
  title: string;
  /** Owning department codes as written in the letter, e.g. ["EHE", "KTA", "SHA"]. */
  departments: string[];
  /** Goal area code, e.g. "2.1"; null when it cannot be determined. */
  area: string | null;
  /** Goal, e.g. "Mål 2"; null when the text does not say. */
  goal: string | null;
  body: string;
  /** 1-based line where the assignment starts, and its last line. */
  line: number;
  endLine: number;
  deadlines: ParsedDeadline[];
  relations: ParsedRelation[];
}

export interface ParsedEvent {
  type: "postponement";
  /** The assignment being postponed. */
  target: string;
  letter: number;
  line: number;
  /** The assignment (in a supplementary letter) that carries the postponement, if any. */
  source: string | null;
  text: string;
}

export interface ParseWarning {
  line: number;
  message: string;
}

export interface ParsedArea {
  code: string; // "2.1"
  name: string; // "Folkehelse"
}

export interface ParsedGoal {
  code: string; // "Mål 1"
  area: string | null; // "2.1"
  title: string;
}

export interface ParsedDepartment {
  code: string; // "FHA"
  name: string | null; // "Folkehelseavdelingen" when the text gives it
}

export interface ParseResult {
  letters: ParsedLetter[];
  assignments: ParsedAssignment[];
  events: ParsedEvent[];
  warnings: ParseWarning[];
  areas: ParsedArea[];
  goals: ParsedGoal[];
  departments: ParsedDepartment[];
}
