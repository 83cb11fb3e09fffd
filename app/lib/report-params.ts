/** Year and report date from the report pages' URLs. Pure. */
import { isValidIsoDate } from "~/domain/status-update";
import { chooseYear } from "./urls";

export function readReportParams(url: URL, years: readonly number[]): { year: number | null; asOfDate: string | null } {
  const year = chooseYear(url.searchParams.get("aar"), years);
  if (year === null) return { year: null, asOfDate: null };
  const raw = url.searchParams.get("per");
  if (raw && !isValidIsoDate(raw)) {
    throw new Response(`«${raw.slice(0, 20)}» er ikke en gyldig dato. Bruk formen åååå-mm-dd, for eksempel ${year}-12-31.`, { status: 400 });
  }
  return { year, asOfDate: raw ?? `${year}-12-31` };
}
