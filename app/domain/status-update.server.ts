/**
 * Validation of a status update or delivery (form or any other input), with Norwegian messages.
 * Pure; `.server` keeps zod out of the browser bundle.
 */
import { z } from "zod";
import { COMMENT_REQUIRED, STATUS_CODES, STATUS_LABELS } from "./status";
import { cleanText, isValidIsoDate, MAX_COMMENT_LENGTH } from "./text";

export const statusUpdateSchema = z
  .object({
    status: z.enum(STATUS_CODES, { error: "Velg en status." }),
    comment: z
      .string({ error: "Kommentaren må være tekst." })
      .max(MAX_COMMENT_LENGTH * 2, `Kommentaren kan ha høyst ${MAX_COMMENT_LENGTH} tegn.`)
      .transform(cleanText)
      .pipe(z.string().max(MAX_COMMENT_LENGTH, `Kommentaren kan ha høyst ${MAX_COMMENT_LENGTH} tegn.`)),
    version: z
      .string({ error: "Skjemaet mangler versjon. Last siden på nytt." })
      .regex(/^\d{1,9}$/, "Skjemaet mangler versjon. Last siden på nytt.")
      .transform(Number),
  })
  .superRefine((value, ctx) => {
    if (COMMENT_REQUIRED.includes(value.status) && value.comment.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: `Skriv en kommentar: den kreves når status er «${STATUS_LABELS[value.status]}».`,
      });
    }
  });

export type StatusUpdateInput = z.infer<typeof statusUpdateSchema>;

export const deliverableSchema = z.object({
  deadlineId: z
    .string({ error: "Ukjent delleveranse." })
    .regex(/^[1-9]\d{0,9}$/, "Ukjent delleveranse.")
    .transform(Number),
  delivered: z.enum(["ja", "nei"], { error: "Velg om delleveransen er levert." }),
  deliveredOn: z.string().optional(),
}).superRefine((value, ctx) => {
  if (value.delivered === "ja" && !(value.deliveredOn && isValidIsoDate(value.deliveredOn))) {
    ctx.addIssue({ code: "custom", path: ["deliveredOn"], message: "Skriv inn en gyldig leveransedato (dd.mm.åååå)." });
  }
});
