/**
 * Validation of a status update (form or any other input), with Norwegian messages. Pure.
 */
import { z } from "zod";
import { COMMENT_REQUIRED, STATUS_CODES, STATUS_LABELS } from "./status";

export const MAX_COMMENT_LENGTH = 4000;

/** Control characters other than tab and newline are dropped; CRLF becomes LF. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").trim();
}

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

/** A calendar date as yyyy-MM-dd that really exists (31.06 does not). */
export function isValidIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days && y >= 1900 && y <= 2200;
}

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
