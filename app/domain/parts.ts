/**
 * The parts of an assignment and how they read in Norwegian. Pure: shared by pages and exports.
 * An assignment is its original (the letter that gave it) plus what later letters add or change.
 */
export type ExportPartKind = "original" | "addition" | "clarification" | "change" | "withdrawal" | "postponement";

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
