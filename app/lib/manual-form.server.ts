/** Reading the manual assignment form (shared by the create and correct routes). */
import { manualAssignmentSchema } from "~/domain/manual-assignment";
import { fieldErrors } from "./forms";

export function readAssignmentForm(form: FormData) {
  const raw = {
    year: String(form.get("year") ?? form.get("aar") ?? ""),
    id: String(form.get("id") ?? ""),
    title: String(form.get("title") ?? ""),
    body: String(form.get("body") ?? ""),
    area: String(form.get("area") ?? ""),
    departments: form.getAll("departments").map(String),
    deadline: String(form.get("deadline") ?? ""),
    source: String(form.get("source") ?? ""),
  };
  const parsed = manualAssignmentSchema.safeParse(raw);
  const values = { ...raw, year: /^\d{4}$/.test(raw.year) ? Number(raw.year) : null, title: raw.title.slice(0, 400), body: raw.body.slice(0, 25_000), source: raw.source.slice(0, 400) };
  return parsed.success ? { ok: true as const, data: parsed.data, values } : { ok: false as const, errors: fieldErrors(parsed.error), values };
}
