/**
 * The parts of an assignment and how they read in Norwegian. Pure: shared by pages and exports.
 * An assignment is its original (the letter that gave it) plus what later letters add or change.
 */
/** What a later letter did to an assignment (stored in assignment_parts.kind); the original lives in `assignments`. */
export const STORED_PART_KINDS = ["addition", "clarification", "change", "withdrawal", "postponement"] as const;
export type StoredPartKind = (typeof STORED_PART_KINDS)[number];

/** A part as the register export and the pages name it: the original or a stored part. */
export type ExportPartKind = "original" | StoredPartKind;

export const PART_KIND_LABELS: Record<ExportPartKind, string> = {
  original: "Opprinnelig oppdrag",
  addition: "Tillegg",
  clarification: "Presisering",
  change: "Endring",
  withdrawal: "Utgår",
  postponement: "Utsettelse",
};

/** "Supplerende tildelingsbrev nr. 1 2026, ref. 25/1234-12, 12. februar 2026" (date formatted by the caller). */
export function letterLine(letter: { title: string; reference: string | null; date: string | null }, formatDate: (iso: string) => string): string {
  return [letter.title, letter.reference ? `ref. ${letter.reference}` : null, letter.date ? formatDate(letter.date) : null].filter(Boolean).join(", ");
}
