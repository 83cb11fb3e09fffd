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
  /** (recipient, genre and number are always set by `parseLetter`.)
   *  The agency the letter is addressed to, as written ("Helsedirektoratet", "Norsk helsenett SF");
   *  null when the text does not say. Read from the title ("Tildelingsbrev 2026 til …",
   *  "Oppdragsdokument til … for 2026") or the address block. */
  recipient?: string | null;
  /** The genre word as written, lower-cased: "tildelingsbrev", "supplerende tildelingsbrev",
   *  "tillegg til tildelingsbrev", "oppdragsdokument", "oppdragsbrev", and for the later letters
   *  of the last two "supplerende …" / "tillegg til …" (a "Tilleggsdokument til
   *  oppdragsdokumentet" is "tillegg til oppdragsdokument"); null when unknown. */
  genre?: string | null;
  /** The number of a supplementary letter ("supplerende tildelingsbrev nr. 3"), else null. */
  number?: number | null;
  /** 1-based first and last line of the letter in the source text. */
  startLine: number;
  endLine: number;
}

export type DeadlinePrecision = "day" | "month" | "year";

/**
 * dated: a real calendar date;
 * to_be_agreed: "avklares i dialog med departementet", "avtales nærmere", relative deadlines
 *   such as "14 dager etter mottatt oppdrag" (no date until agreed);
 * on_hold: "settes i bero";
 * invalid: the letter gives an impossible date ("31.6.2026"): date null, the text kept, a warning.
 */
export type DeadlineState = "dated" | "to_be_agreed" | "on_hold" | "invalid";

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

/**
 * What an assignment block is within its letter.
 * original: the letter gives the assignment itself (the usual case, and every block of a main letter);
 * addition: a later letter adds deliverables or text to an assignment it names ("Det vises til
 *   oppdrag TB2026-17. Følgende delleveranser bes levert som en del av det: …");
 * clarification: "Presisering av (tidligere) oppdrag TB2026-17", "TTB2023-04 Presisering av TB2023-18".
 * The importer decides from the database whether the named assignment exists; an addition or
 * clarification never replaces the original's title, text, area, owners or deadlines.
 */
export type PartKind = "original" | "addition" | "clarification";

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
  /**
   * Owning departments the letter writes by name alone, without a code it gives anywhere
   * ("Ansvarlig avdeling: Kommunalavdelingen"); only when `departments` is empty. The import
   * takes the code the register knows for the name.
   */
  ownerNames?: string[];
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
  /** See PartKind; absent means "original". `parseLetter` always sets kind, target, year, exempt,
   *  announcedOnly and mentions (optional only for hand-built assignments, e.g. manual entry). For addition/clarification, `target` is the ID added
   *  to (for "TB2026-17" blocks that refer to themselves, target === id). */
  kind?: PartKind;
  target?: string | null;
  /** The assignment's own year: from its ID (TB2025-115 in a 2026 letter gives 2025), else the letter's. */
  year?: number;
  /** Text exempt from public access ("(unntatt offentlighet). For detaljer se eget vedlegg"). */
  exempt?: boolean;
  /** Announced by ID (and maybe title) without its text ("Ettersendes", "se eget vedlegg"). */
  announcedOnly?: boolean;
  /** Other assignment IDs only mentioned in the title or text ("ses i sammenheng med TB2026-5"),
   *  normalised, in order, without duplicates: references (links), never assignments or parts. */
  mentions?: string[];
}

/**
 * postponement: "Utsettelse av TB2023-31", "settes i bero";
 * withdrawal: "TB2026-61 utgår", "bortfaller", "trekkes tilbake";
 * deadline_change: "fristen for TB2026-12 endres/utsettes til 1. mai 2026" (`deadline` holds the new one);
 * owner_change: "ansvaret for TB2026-12 flyttes til SHA" (`departments` holds the new owners).
 */
export type EventType = "postponement" | "withdrawal" | "deadline_change" | "owner_change";

export interface ParsedEvent {
  type: EventType;
  /** The assignment being postponed. */
  target: string;
  letter: number;
  line: number;
  /** The assignment (in a supplementary letter) that carries the postponement, if any. */
  source: string | null;
  text: string;
  /** deadline_change: the new deadline. */
  deadline?: ParsedDeadline;
  /** owner_change: the new owning departments. */
  departments?: string[];
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
