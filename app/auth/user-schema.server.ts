/**
 * Validation of user forms and CLI input (zod), with Norwegian messages. Pure.
 */
import { z } from "zod";
import "~/lib/zod-norwegian.server";
import { hasControlCharacters } from "~/domain/text";
import { passwordProblems } from "./password-policy.server";
import { ROLES } from "./permissions";

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Skriv inn e-postadressen.")
  .max(254, "E-postadressen er for lang.")
  .pipe(z.email("Skriv inn en gyldig e-postadresse, for eksempel navn@hdir.no."))
  .transform((email) => email.toLowerCase());

export const nameSchema = z
  .string()
  .trim()
  .min(1, "Skriv inn navnet.")
  .max(200, "Navnet kan ha høyst 200 tegn.")
  // Control characters (NUL, CR/LF, tab, DEL, C1, line separators) would break the audit log and e-mail headers.
  .refine((name) => !hasControlCharacters(name), "Navnet kan ikke inneholde kontrolltegn eller linjeskift.");

export const roleSchema = z.enum(ROLES, { error: "Velg en rolle." });

export const departmentsSchema = z
  .array(z.string().trim().regex(/^[A-ZÆØÅ]{2,6}$/, "Avdelingskoder skrives med 2–6 store bokstaver, for eksempel FHA."))
  .max(50, "Velg høyst 50 avdelinger.");

/** Agency ids from the form's checkboxes. */
export const agenciesSchema = z.array(z.coerce.number().int().positive("Ukjent virksomhet.")).max(100);

/** A password checked against the policy; `context` lets it refuse the user's own e-mail. */
export function passwordSchema(context: { email?: string; name?: string } = {}) {
  return z.string().superRefine((value, ctx) => {
    for (const message of passwordProblems(value, context)) ctx.addIssue({ code: "custom", message });
  });
}

export const newUserSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    role: roleSchema,
    departments: departmentsSchema.default([]),
    agencies: agenciesSchema.default([]),
    // Checked here without context so its errors show together with the other fields' ...
    password: passwordSchema(),
    password2: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    // ... and here again with the e-mail, once the fields themselves are valid.
    const contextual = passwordProblems(value.password, { email: value.email, name: value.name });
    for (const message of contextual.filter((m) => !passwordProblems(value.password).includes(m))) {
      ctx.addIssue({ code: "custom", path: ["password"], message });
    }
    if (value.password2 !== undefined && value.password2 !== value.password) {
      ctx.addIssue({ code: "custom", path: ["password2"], message: "Passordene er ikke like." });
    }
    if (value.role === "departement" && value.departments.length === 0) {
      ctx.addIssue({ code: "custom", path: ["departments"], message: "En departementsbruker må knyttes til minst én avdeling." });
    }
  });

/** Department codes typed as "FHA, KTA" or "FHA/KTA". */
export function splitDepartmentCodes(text: string): string[] {
  return text
    .split(/[\s,/]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

/** The sign-in form (the password is checked against the stored hash, not the policy). */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "Skriv inn e-postadressen din.").max(254, "E-postadressen er for lang."),
  password: z.string().min(1, "Skriv inn passordet ditt.").max(1024, "Passordet er for langt."),
  neste: z.string().max(2000, "Adressen du skulle videre til, er for lang.").optional(),
});

/** An administrator's edit of a user: a department user needs at least one department. */
export const userEditSchema = z
  .object({ name: nameSchema, role: roleSchema, departments: departmentsSchema, agencies: agenciesSchema.optional() })
  .refine((v) => v.role !== "departement" || v.departments.length > 0, {
    path: ["departments"],
    message: "En departementsbruker må knyttes til minst én avdeling.",
  });
