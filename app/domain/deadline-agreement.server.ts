/** Validation of an agreed deadline (date and where it was agreed), zod. Pure; `.server` keeps zod out of the browser bundle. */
import { z } from "zod";
import { cleanText, isValidIsoDate } from "./text";
import type { DeadlineState } from "./letter/types";

export const deadlineAgreementSchema = z.object({
  deadlineId: z.string().regex(/^[1-9]\d{0,9}$/, "Ukjent frist.").transform(Number),
  date: z.string().refine(isValidIsoDate, "Skriv inn en gyldig dato (dd.mm.åååå)."),
  reference: z
    .string()
    .transform(cleanText)
    .pipe(z.string().min(3, "Skriv en referanse: hvilken e-post eller hvilket brev fristen er avtalt i.").max(300, "Referansen kan ha høyst 300 tegn.")),
});

/**
 * Only a deadline the letter left open (to be agreed, on hold, or a date that could not be read)
 * can be agreed. A dated deadline is the ministry's own and changes only with a new letter; the
 * form is hidden for those, and this rule refuses a direct POST as well.
 */
export function isAgreeable(letterState: DeadlineState): boolean {
  return letterState !== "dated";
}

export const FIXED_DEADLINE_MESSAGE = "Denne fristen står fast i tildelingsbrevet og kan ikke avtales på nytt. Den endres bare med et nytt brev.";
