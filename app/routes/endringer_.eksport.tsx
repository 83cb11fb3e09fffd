import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { readChangeFilter } from "~/domain/change-filter";
import { formatDateShort, todayInOslo } from "~/domain/format";
import { changesToXlsx } from "~/export/changes-xlsx.server";
import { queryChanges } from "~/models/changes.server";
import { readAgencyChoice } from "~/models/agency.server";

/** At most this many rows in one download; the page says how many there are. */
const MAX_ROWS = 20_000;

/** Resource route: the changes page's rows (same filter, all pages) as an Excel file. */
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const url = new URL(args.request.url);
  const db = getDatabase().db;
  const choice = await readAgencyChoice(db, url.searchParams);
  const filter = { ...readChangeFilter(url.searchParams, todayInOslo()), agency: choice.multi ? (choice.agency?.slug ?? null) : null };
  const { rows } = await queryChanges(db, filter, { limit: MAX_ROWS, offset: 0 });
  const body = await changesToXlsx(rows, `Endringer etter ${formatDateShort(filter.since)}`, { withAgency: choice.multi && !filter.agency });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="endringer-etter-${filter.since}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
