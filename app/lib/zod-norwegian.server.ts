/**
 * Norwegian default messages for zod (issue 17: «Too big: expected string to have <=2000
 * characters» reached the page). Schemas still give their own messages; this only answers the
 * checks that have none. Imported for its effect by entry.server.tsx (the app) and by
 * app/auth/user-schema.server.ts (the CLI).
 */
import { z } from "zod";

type Issue = z.core.$ZodRawIssue;

export function norwegianZodMessage(issue: Issue): string {
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return `Teksten er for lang (høyst ${String(issue.maximum)} tegn).`;
      if (issue.origin === "array" || issue.origin === "set") return `For mange valg (høyst ${String(issue.maximum)}).`;
      return `Verdien er for stor (høyst ${String(issue.maximum)}).`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "Feltet må fylles ut." : `Teksten er for kort (minst ${String(issue.minimum)} tegn).`;
      if (issue.origin === "array" || issue.origin === "set") return `Velg minst ${String(issue.minimum)}.`;
      return `Verdien er for liten (minst ${String(issue.minimum)}).`;
    case "invalid_type":
      return "Feltet mangler eller har feil form.";
    case "invalid_value":
      return "Ugyldig valg.";
    case "invalid_format":
      return issue.format === "email" ? "Skriv inn en gyldig e-postadresse." : "Ugyldig format.";
    default:
      return "Ugyldig verdi.";
  }
}

z.config({ localeError: norwegianZodMessage });
