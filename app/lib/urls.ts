/** URL helpers shared by routes. Pure. */
import { hasControlCharacters } from "~/domain/text";

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

/** A base that no real request has: a target that resolves anywhere else is another origin. */
const REDIRECT_BASE = "http://oppdragsoversikt.invalid";

/**
 * The one check for a redirect target taken from the request (`neste` after sign-in, `tilbake`
 * after a saved form): it must be a path on this site. The target is URL-parsed the way a
 * browser parses it (tabs and newlines dropped, `\` read as `/`), so `/%09/evil.example` and
 * `/\evil.example` are seen as the other site they lead to; raw control characters are refused
 * outright (a CR/LF would also split the Location header). The answer is the parsed path, query
 * and fragment, percent-encoded and therefore pure ASCII, safe for a header. Anything else gives
 * `fallback`.
 */
export function safeRedirectTarget(target: string | null | undefined, fallback = "/"): string {
  if (!target || target.length > 2000 || !target.startsWith("/")) return fallback;
  if (hasControlCharacters(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Parsing may still have produced "//…" from dot segments ("/./\\x"): never hand that out.
  return path.startsWith("//") || path.startsWith("/\\") ? fallback : path;
}
