/** Reading the manual assignment form (shared by the create and correct routes). */
import { manualAssignmentSchema } from "~/domain/manual-assignment.server";
import { fieldErrors, formText, formTexts } from "./forms";

export function readAssignmentForm(form: FormData) {
  const raw = {
    year: formText(form, "year") || formText(form, "aar"),
    id: formText(form, "id"),
    title: formText(form, "title"),
    body: formText(form, "body"),
    area: formText(form, "area"),
    departments: formTexts(form, "departments"),
    deadline: formText(form, "deadline"),
    source: formText(form, "source"),
  };
  const parsed = manualAssignmentSchema.safeParse(raw);
  const values = { ...raw, year: /^\d{4}$/.test(raw.year) ? Number(raw.year) : null, title: raw.title.slice(0, 400), body: raw.body.slice(0, 25_000), source: raw.source.slice(0, 400) };
  return parsed.success ? { ok: true as const, data: parsed.data, values } : { ok: false as const, errors: fieldErrors(parsed.error), values };
}
