/**
 * Reading dates from URLs (`?per=yyyy-MM-dd`, `?siden=…`). Pure.
 *
 * What "as of" means, everywhere (`?per=` pages, reports, exports; decision 052): a status counts
 * from its effective date (`latestStatusSql`), an agreed deadline from the day it was agreed
 * (`effectiveDeadlinesAt`), a delivery from the day delivered (`deliveredOnSql`), a letter from
 * its date. The SQL for each is in `app/models/assignment.server.ts` and nowhere else.
 */
import { isValidIsoDate } from "~/domain/text";
import { endOfDayInOslo } from "~/domain/format";

export interface AsOf {
  /** The calendar date asked for. */
  date: string;
  /** The last instant of that day in Norway, for comparing with event times. */
  instant: string;
}

/** A date parameter: null when absent; a 400 response with a Norwegian message when malformed. */
export function readDateParam(url: URL, name: string): string | null {
  const raw = url.searchParams.get(name);
  if (!raw) return null;
  if (!isValidIsoDate(raw)) {
    throw new Response(`«${raw.slice(0, 20)}» er ikke en gyldig dato. Bruk formen åååå-mm-dd, for eksempel 2023-08-31.`, {
      status: 400,
    });
  }
  return raw;
}

/** The "as of" view (`?per=`), or null for now. */
export function readAsOf(url: URL): AsOf | null {
  const date = readDateParam(url, "per");
  return date ? { date, instant: endOfDayInOslo(date) } : null;
}
