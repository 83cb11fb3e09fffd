/** Validation of an assignment made or corrected by hand (zod). Pure. */
import { z } from "zod";
import { cleanText, isValidIsoDate } from "./text";
import { normalisePlainId, parseId } from "./letter/ids";

export const manualAssignmentSchema = z.object({
  year: z.string().regex(/^\d{4}$/, "Velg år.").transform(Number),
  id: z
    .string()
    .transform((v) => normalisePlainId(v.trim().toUpperCase()))
    // Every form the letters print: TB2024-12, TTB2024-3, an agency's 2026-01 or 13/2024.
    .refine(
      (v) => v === "" || /^[A-ZÆØÅ]{1,6}\d{4}-\d{1,4}$/.test(v) || parseId(v) !== null,
      "ID skrives som i brevene, for eksempel TB2024-12, TTB2024-3, 2026-01 eller 13/2024, eller la feltet stå tomt.",
    )
    .transform((v) => (v === "" ? null : v)),
  title: z.string().transform(cleanText).pipe(z.string().min(1, "Skriv en tittel.").max(300, "Tittelen kan ha høyst 300 tegn.")),
  body: z.string().transform(cleanText).pipe(z.string().max(20_000, "Teksten kan ha høyst 20 000 tegn.")),
  area: z
    .string()
    .refine((v) => v === "" || /^\d+(\.\d+)*$/.test(v), "Velg et område.")
    .transform((v) => (v === "" ? null : v)),
  departments: z.array(z.string().regex(/^[A-ZÆØÅ]{2,6}$/, "Ugyldig avdelingskode.")).max(10),
  deadline: z
    .string()
    .refine((v) => v === "" || isValidIsoDate(v), "Skriv inn en gyldig dato (dd.mm.åååå), eller la feltet stå tomt.")
    .transform((v) => (v === "" ? null : v)),
  source: z
    .string()
    .transform(cleanText)
    .pipe(z.string().min(3, "Skriv hvor oppdraget er gitt, for eksempel «E-post fra KTA 12.03.2024».").max(300, "Høyst 300 tegn.")),
});

export type ManualAssignmentForm = z.infer<typeof manualAssignmentSchema>;
