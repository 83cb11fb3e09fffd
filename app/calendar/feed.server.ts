/**
 * iCalendar feeds (RFC 5545) through ical-generator: one all-day event per deadline and
 * deliverable, stable UIDs, SEQUENCE and LAST-MODIFIED that grow when something changes, and
 * CANCELLED events once an assignment is finished, postponed, closed or replaced.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { FeedDeadline } from "~/models/deadline.server";
import { dayOffNote } from "~/domain/holidays";
import { STATUS_LABELS } from "~/domain/status";
import { assignmentPath } from "~/lib/urls";

export const FEED_HOST = "oppdragsoversikt";

function cancelled(d: FeedDeadline): boolean {
  return d.status === "fullfort" || d.status === "utsatt" || d.status === "avsluttet" || d.replacedBy !== null;
}

/** `multiAgency`: the register holds several agencies: name the agency, and link with it. */
export function buildFeed(options: { name: string; deadlines: FeedDeadline[]; baseUrl: string; multiAgency?: boolean }): string {
  const calendar = ical({
    name: options.name,
    description: `Frister fra Oppdragsoversikt: ${options.name}`,
    prodId: { company: "Oppdragsoversikt", product: "frister", language: "NB" },
    method: ICalCalendarMethod.PUBLISH,
    timezone: "Europe/Oslo",
    ttl: 60 * 60,
  });
  for (const d of options.deadlines) {
    if (d.state !== "dated" || !d.date) continue;
    const id = d.hasId ? d.key : "Uten ID";
    const label = d.label ? ` – ${d.label}` : "";
    const note = dayOffNote(d.date);
    const link = `${options.baseUrl}${assignmentPath(d.key, null, options.multiAgency ? d.agency : null)}`;
    const lines = [
      `${id}: ${d.title}`,
      options.multiAgency ? `Virksomhet: ${d.agencyName}` : null,
      d.label ? `Leveranse: ${d.label}` : null,
      `Eieravdeling: ${d.departments.join(", ") || "ikke oppgitt"}`,
      `Status: ${STATUS_LABELS[d.status]}${d.delivered ? " (levert)" : ""}`,
      d.agreedDate ? `Frist avtalt med departementet${d.agreedReference ? ` (${d.agreedReference})` : ""}` : `Frist i brevet: «${d.phrase}»`,
      note ? `Merk: fristen faller på en ${note}.` : null,
      d.replacedBy ? `Erstattet av ${d.replacedBy}.` : null,
      link,
    ];
    calendar.createEvent({
      id: `frist-${d.deadlineId}@${FEED_HOST}`,
      start: new Date(`${d.date}T12:00:00Z`),
      allDay: true,
      summary: `${d.delivered ? "Levert: " : ""}Frist ${id}${label}: ${d.title}${options.multiAgency ? ` (${d.agencyName})` : ""}`,
      description: lines.filter(Boolean).join("\n"),
      url: link,
      sequence: d.sequence,
      lastModified: new Date(d.lastModified),
      stamp: new Date(d.lastModified),
      status: cancelled(d) ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      categories: d.departments.map((name) => ({ name })),
    });
  }
  return calendar.toString();
}
