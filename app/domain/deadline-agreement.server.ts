/** Validation of an agreed deadline (date and where it was agreed), zod. Pure; `.server` keeps zod out of the browser bundle. */
import { z } from "zod";
import { cleanText, isValidIsoDate } from "./text";

export const deadlineAgreementSchema = z.object({
  deadlineId: z.string().regex(/^[1-9]\d{0,9}$/, "Ukjent frist.").transform(Number),
  date: z.string().refine(isValidIsoDate, "Skriv inn en gyldig dato (dd.mm.åååå)."),
  reference: z
    .string()
    .transform(cleanText)
    .pipe(z.string().min(3, "Skriv en referanse: hvilken e-post eller hvilket brev fristen er avtalt i.").max(300, "Referansen kan ha høyst 300 tegn.")),
});
