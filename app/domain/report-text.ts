/** Validation of report texts (zod). Pure. */
import { z } from "zod";
import { cleanText } from "./status-update";

export const MAX_REPORT_TEXT = 8000;

export const reportTextSchema = z
  .string({ error: "Teksten må være tekst." })
  .max(MAX_REPORT_TEXT * 2, `Teksten kan ha høyst ${MAX_REPORT_TEXT} tegn.`)
  .transform(cleanText)
  .pipe(z.string().max(MAX_REPORT_TEXT, `Teksten kan ha høyst ${MAX_REPORT_TEXT} tegn.`));
