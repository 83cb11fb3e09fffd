import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildFeed } from "~/calendar/feed.server";
import { getDatabase } from "~/db/connection.server";
import { userForCalendarToken } from "~/models/calendar-token.server";
import { findDepartment } from "~/models/assignment.server";
import { deadlinesFor } from "~/models/deadline.server";
import { AGENCY_PARAM } from "~/domain/agency";
import { listAgencies, userAgencyIds } from "~/models/agency.server";

/**
 * Calendar feeds for Outlook and other clients: `/kalender/<token>/mine.ics` (the user's own
 * deadlines) and `/kalender/<token>/avdeling-<KODE>.ics`, each across every agency or, with
 * `?virksomhet=<slug>`, one agency's (a case handler's own feed: their agencies). The secret token replaces the session,
 * so a calendar can poll; a revoked token gets 403 and nothing else.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const text = (message: string, status: number) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const db = getDatabase().db;
  const user = await userForCalendarToken(db, params.token ?? "");
  if (!user) return text("Kalenderlenken er ugyldig eller trukket tilbake. Lag en ny lenke under Min konto.", 403);
  const feed = params.feed ?? "";
  const department = /^avdeling-([A-ZÆØÅ]{2,6})\.ics$/.exec(feed)?.[1];
  if (feed !== "mine.ics" && !department) return text("Ukjent kalender. Bruk mine.ics eller avdeling-KODE.ics.", 404);
  if (department) {
    const exists = await findDepartment(db, department);
    if (!exists) return text(`Ukjent avdeling ${department}.`, 404);
  }
  const agencies = await listAgencies(db);
  const slug = new URL(request.url).searchParams.get(AGENCY_PARAM);
  const agency = slug ? agencies.find((a) => a.slug === slug) : undefined;
  if (slug && !agency) return text(`Ukjent virksomhet ${slug.slice(0, 60)}.`, 404);
  // A case handler's own feed: the agencies they work for (a department's: every agency).
  const own = user.role === "saksbehandler" && agencies.length > 1 ? await userAgencyIds(db, user.id) : null;
  const scope = { agencyId: agency?.id ?? null, agencies: department ? null : own };
  const deadlines = await deadlinesFor(db, department ? { kind: "department", code: department, ...scope } : { kind: "user", userId: user.id, departments: user.departments, ...scope });
  const baseUrl = process.env.PUBLIC_URL?.replace(/\/$/, "") || new URL(request.url).origin;
  const body = buildFeed({
    name: `${department ? `Oppdragsfrister ${department}` : `Mine oppdragsfrister (${user.name})`}${agency && agencies.length > 1 ? ` – ${agency.name}` : ""}`,
    deadlines,
    baseUrl,
    multiAgency: agencies.length > 1,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${feed}"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
