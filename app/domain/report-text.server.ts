/** Validation of report texts (zod). Pure; `.server` keeps zod out of the browser bundle. */
import { z } from "zod";
import { cleanText, MAX_REPORT_TEXT } from "./text";

export const reportTextSchema = z
  .string({ error: "Teksten må være tekst." })
  .max(MAX_REPORT_TEXT * 2, `Teksten kan ha høyst ${MAX_REPORT_TEXT} tegn.`)
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, "Teksten kan ikke være tom. Skriv en forklaring.")
      .max(MAX_REPORT_TEXT, `Teksten kan ha høyst ${MAX_REPORT_TEXT} tegn.`),
  );
