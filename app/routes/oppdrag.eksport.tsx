import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { queryAssignments } from "~/models/assignment-list.server";
import { listYears } from "~/models/assignment.server";
import { readFilter } from "~/domain/assignment-filter";
import { todayInOslo } from "~/domain/format";
import { REGISTER_FORMATS, type RegisterFormat } from "~/domain/register";
import { renderRegisterFile } from "~/export/register-files.server";
import { readAsOf } from "~/lib/as-of";
import { chooseYear } from "~/lib/urls";
import { loadRegister } from "~/models/register.server";
import { readAgencyChoice } from "~/models/agency.server";

/**
 * Resource route: the register (as `register:export` writes it) for the assignments the list
 * shows with the same filters, as Excel, CSV or JSON (`?format=xlsx|csv|json` plus the list's parameters).
 */
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const url = new URL(args.request.url);
  const text = (message: string, status: number) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const format = url.searchParams.get("format") ?? "";
  if (!(REGISTER_FORMATS as readonly string[]).includes(format)) return text("Ukjent format. Velg xlsx, csv eller json.", 400);
  const asOf = readAsOf(url);
  const db = getDatabase().db;
  // The list's agency choice (`?virksomhet=`; absent or unknown: every agency), as on the list.
  const choice = await readAgencyChoice(db, url.searchParams);
  const agencyId = choice.multi ? (choice.agency?.id ?? null) : null;
  const filter = readFilter(url.searchParams);
  const year = chooseYear(filter.year ? String(filter.year) : null, await listYears(db, agencyId));
  if (year === null) return text("Det finnes ingen oppdrag å laste ned.", 404);
  const rows = await queryAssignments(db, { year, asOfInstant: asOf?.instant ?? null, today: asOf?.date ?? todayInOslo(), filter: { ...filter, year }, agencyId });
  const entries = await loadRegister(db, { ids: rows.map((r) => r.id) });
  const file = await renderRegisterFile(entries, format as RegisterFormat);
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="oppdrag-${year}.${file.extension}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
