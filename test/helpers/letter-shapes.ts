import type { ParseResult, ParsedAssignment } from "../../app/domain/letter/types";
/** PDF text: every line ends in a space, as the extraction leaves it. */
export const asPdf = (text: string) => text.replace(/\n/g, " \n");

/** The same letter as Word text (a paragraph per line) and as PDF text. */
export const shapes = (text: string) => [["Word", text], ["PDF", asPdf(text)]] as const;

/**
 * A main letter with one section of assignments between its introduction and its budget chapter:
 * subject, reference and date, "1 Innledning", "2 <heading>" with `section`, "3 Budsjett".
 */
export function letterWithSection(head: { subject: string; reference: string; date: string; intro: string; heading: string }, section: string[]): string {
  return [
    head.subject,
    "",
    `Vår ref ${head.reference}`,
    `Dato ${head.date}`,
    "",
    "1 Innledning",
    "",
    head.intro,
    "",
    `2 ${head.heading}`,
    "",
    ...section,
    "",
    "3 Budsjett",
    "",
    "Midlene stilles til disposisjon.",
  ].join("\n");
}

/** The assignment `id` of a parse result; throws naming the IDs found when it is not there. */
export function byId(r: ParseResult, id: string): ParsedAssignment {
  const a = r.assignments.find((x) => x.id === id);
  if (!a) throw new Error(`${id} mangler; fant ${r.assignments.map((x) => x.id).join(", ") || "ingen"}`);
  return a;
}

/** An assignment's deadlines as their dates, or their state where they have none ("to_be_agreed"). */
export const dated = (a: ParsedAssignment) => a.deadlines.map((d) => (d.state === "dated" ? d.date : d.state));
