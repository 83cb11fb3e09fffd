/**
 * Norwegian formatting of dates and times (date-fns, locale nb). Pure.
 */
import { format, parseISO } from "date-fns";
import { nb } from "date-fns/locale";
import type { DeadlinePrecision } from "~/domain/letter/types";

// A page shows the same few dates many times (a list's deadlines, a history's days), and
// date-fns' parseISO + format cost ≈ 5–10 µs a call: each date is formatted once per pattern,
// at most 4,000 kept (≈ 0.5 MB; a page formats a few hundred).
const formattedDates = new Map<string, string>();

function formatIsoDate(isoDate: string, pattern: string): string {
  const key = `${pattern}|${isoDate}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = format(parseISO(isoDate), pattern, { locale: nb });
    if (formattedDates.size >= 4_000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

/** "1. juli 2023" */
export function formatDateLong(isoDate: string): string {
  return formatIsoDate(isoDate, "d. MMMM yyyy");
}

/** "01.07.2023" */
export function formatDateShort(isoDate: string): string {
  return formatIsoDate(isoDate, "dd.MM.yyyy");
}

/** "juli 2023" */
export function formatMonth(isoDate: string): string {
  return formatIsoDate(isoDate, "LLLL yyyy");
}

/** A deadline date shown with its precision: a day, a month, or a year. */
export function formatDeadlineDate(isoDate: string, precision: DeadlinePrecision | null): string {
  if (precision === "month") return formatMonth(isoDate);
  if (precision === "year") return `innen utgangen av ${isoDate.slice(0, 4)}`;
  return formatDateLong(isoDate);
}

// Intl.DateTimeFormat instances are made once: constructing one costs ≈ 0.1 ms (locale and time
// zone data). Formatting to parts in a time zone still costs ≈ 5–15 µs, and a page with a long
// history formats a hundred instants: Norway's UTC offset is read once per UTC hour (it changes
// only on the hour, at 01:00 UTC in March and October) and the rest is arithmetic.
const OSLO_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" });
const OSLO_OFFSET = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Oslo", timeZoneName: "shortOffset" });
const MONTH_NAMES_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];
const HOUR_MS = 3_600_000;
const offsetByUtcHour = new Map<number, number>();

/** Norway's offset from UTC at `instant`, in milliseconds ("GMT+1" → 3,600,000). */
function osloOffsetMs(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    const name = OSLO_OFFSET.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT"; // "GMT+1" / "GMT+2"
    const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/.exec(name);
    offset = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * HOUR_MS + Number(m[3] ?? 0) * 60_000) : 0;
    if (offsetByUtcHour.size >= 100_000) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "1. juli 2023 kl. 14:05" in Norwegian time. */
export function formatDateTime(isoInstant: string): string {
  const instant = new Date(isoInstant);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Ugyldig tidspunkt: «${isoInstant}»`);
  const local = new Date(instant.getTime() + osloOffsetMs(instant)); // Norway's wall clock, read with the UTC getters
  return `${local.getUTCDate()}. ${MONTH_NAMES_NB[local.getUTCMonth()]} ${local.getUTCFullYear()} kl. ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

/** Today's date in Norway as yyyy-MM-dd. */
export function todayInOslo(now: Date = new Date()): string {
  return OSLO_DAY.format(now);
}

/** The UTC instant of the last millisecond of a calendar day in Norway (for "as of" views). */
export function endOfDayInOslo(isoDate: string): string {
  const offset = osloOffsetMs(new Date(`${isoDate}T12:00:00Z`));
  const end = new Date(`${isoDate}T23:59:59.999Z`);
  return new Date(end.getTime() - offset).toISOString();
}

/** Where in a letter's text something stands: "linje 35", "linje 35–48"; "" when unknown. */
export function formatLineRange(start: number | null, end: number | null): string {
  if (start === null) return "";
  return end === null || end <= start ? `linje ${start}` : `linje ${start}–${end}`;
}
