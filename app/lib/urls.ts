/** URL helpers shared by routes. Pure. */

/**
 * An assignment's page, optionally as it stood on a date (`?per=`) and of an agency
 * (`?virksomhet=`, needed only when the register holds several: keys are unique per agency).
 */
export function assignmentPath(key: string, asOf?: string | null, agency?: string | null): string {
  const params = [agency ? `virksomhet=${encodeURIComponent(agency)}` : null, asOf ? `per=${asOf}` : null].filter(Boolean);
  return `/oppdrag/${encodeURIComponent(key)}${params.length ? `?${params.join("&")}` : ""}`;
}

/** The year asked for in the URL if the database has it, else the latest year; null when empty. */
export function chooseYear(requested: string | null, years: readonly number[]): number | null {
  const wanted = requested && /^\d{4}$/.test(requested) ? Number(requested) : null;
  if (wanted !== null && years.includes(wanted)) return wanted;
  return years[0] ?? null;
}
