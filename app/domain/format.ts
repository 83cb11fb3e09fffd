/**
 * Norwegian formatting of dates and times (date-fns, locale nb). Pure.
 */
import { format, parseISO } from "date-fns";
import { nb } from "date-fns/locale";
import type { DeadlinePrecision } from "~/domain/letter/types";

/** "1. juli 2023" */
export function formatDateLong(isoDate: string): string {
  return format(parseISO(isoDate), "d. MMMM yyyy", { locale: nb });
}

/** "01.07.2023" */
export function formatDateShort(isoDate: string): string {
  return format(parseISO(isoDate), "dd.MM.yyyy", { locale: nb });
}

/** "juli 2023" */
export function formatMonth(isoDate: string): string {
  return format(parseISO(isoDate), "LLLL yyyy", { locale: nb });
}

/** A deadline date shown with its precision: a day, a month, or a year. */
export function formatDeadlineDate(isoDate: string, precision: DeadlinePrecision | null): string {
  if (precision === "month") return formatMonth(isoDate);
  if (precision === "year") return `innen utgangen av ${isoDate.slice(0, 4)}`;
  return formatDateLong(isoDate);
}

// Intl.DateTimeFormat instances are made once: constructing one costs ≈ 0.1 ms (locale and time
// zone data), formatting with it ≈ 5 µs. A page with a long history formats dozens of instants.
const OSLO_DATE_TIME = new Intl.DateTimeFormat("nb-NO", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const OSLO_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" });
const OSLO_OFFSET = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Oslo", timeZoneName: "shortOffset" });

/** "1. juli 2023 kl. 14:05" in Norwegian time. */
export function formatDateTime(isoInstant: string): string {
  const date = new Date(isoInstant);
  const parts = OSLO_DATE_TIME.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}. ${get("month")} ${get("year")} kl. ${get("hour")}:${get("minute")}`;
}

/** Today's date in Norway as yyyy-MM-dd. */
export function todayInOslo(now: Date = new Date()): string {
  return OSLO_DAY.format(now);
}

/** The UTC instant of the last millisecond of a calendar day in Norway (for "as of" views). */
export function endOfDayInOslo(isoDate: string): string {
  const noon = new Date(`${isoDate}T12:00:00Z`);
  const offset = OSLO_OFFSET.formatToParts(noon).find((p) => p.type === "timeZoneName")?.value; // "GMT+1" / "GMT+2"
  const hours = Number(offset?.replace("GMT", "") || 0);
  const end = new Date(`${isoDate}T23:59:59.999Z`);
  return new Date(end.getTime() - hours * 3_600_000).toISOString();
}

/** Where in a letter's text something stands: "linje 35", "linje 35–48"; "" when unknown. */
export function formatLineRange(start: number | null, end: number | null): string {
  if (start === null) return "";
  return end === null || end <= start ? `linje ${start}` : `linje ${start}–${end}`;
}
