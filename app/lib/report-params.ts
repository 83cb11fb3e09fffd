/** Year and report date from the report pages' URLs. Pure. */
import { readDateParam } from "./as-of";
import { chooseYear } from "./urls";

export function readReportParams(url: URL, years: readonly number[]): { year: number | null; asOfDate: string | null } {
  const year = chooseYear(url.searchParams.get("aar"), years);
  if (year === null) return { year: null, asOfDate: null };
  return { year, asOfDate: readDateParam(url, "per") ?? `${year}-12-31` };
}
