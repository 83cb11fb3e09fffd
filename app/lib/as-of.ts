/** Reading the "as of" date (`?per=yyyy-MM-dd`) from a URL. Pure. */
import { isValidIsoDate } from "~/domain/status-update";
import { endOfDayInOslo } from "~/domain/format";

export interface AsOf {
  /** The calendar date asked for. */
  date: string;
  /** The last instant of that day in Norway, for comparing with event times. */
  instant: string;
}

/** null when absent; throws a 400 response with a Norwegian message when malformed. */
export function readAsOf(url: URL): AsOf | null {
  const raw = url.searchParams.get("per");
  if (!raw) return null;
  if (!isValidIsoDate(raw)) {
    throw new Response(`«${raw.slice(0, 20)}» er ikke en gyldig dato. Bruk formen åååå-mm-dd, for eksempel 2023-08-31.`, {
      status: 400,
    });
  }
  return { date: raw, instant: endOfDayInOslo(raw) };
}
