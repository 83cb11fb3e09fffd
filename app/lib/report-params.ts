/** Year, report date and preview area from the report pages' URLs. Pure. */
import type { ReportDocumentOptions } from "~/domain/report-document";
import { readDateParam } from "./as-of";
import { chooseYear } from "./urls";

export function readReportParams(url: URL, years: readonly number[]): { year: number | null; asOfDate: string | null } {
  const year = chooseYear(url.searchParams.get("aar"), years);
  if (year === null) return { year: null, asOfDate: null };
  return { year, asOfDate: readDateParam(url, "per") ?? `${year}-12-31` };
}

/**
 * The preview's area (`?omrade=`): an area code such as "2.1", "uten" (no area) or "alle";
 * null when absent or malformed (the preview then shows its default).
 */
export function readReportArea(url: URL): string | null {
  const value = url.searchParams.get("omrade");
  return value && /^([0-9][0-9.]{0,9}|uten|alle)$/.test(value) ? value : null;
}

/**
 * The report page for a year and date, optionally on one area, optionally at an anchor;
 * `agency`: the agency's slug, given only when the register holds several.
 */
export function reportPath(year: number, asOfDate: string, area: string | null = null, hash = "", agency: string | null = null): string {
  return `/rapport?${agency ? `virksomhet=${encodeURIComponent(agency)}&` : ""}aar=${year}&per=${asOfDate}${area ? `&omrade=${encodeURIComponent(area)}` : ""}${hash ? `#${hash}` : ""}`;
}

/**
 * The file options of `/rapport/eksport`: `retning=portrait|landscape` (portrait by default),
 * `status=ord|farger` (words by default), `beskrivelse=1` (a short excerpt of the letter's text).
 * Unknown values fall back to the defaults.
 */
export function readExportOptions(url: URL): ReportDocumentOptions {
  return {
    orientation: url.searchParams.get("retning") === "landscape" ? "landscape" : "portrait",
    statusStyle: url.searchParams.get("status") === "farger" ? "colours" : "words",
    includeDescription: url.searchParams.get("beskrivelse") === "1",
  };
}
