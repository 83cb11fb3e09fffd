/**
 * "Since my last visit" on /endringer: a cookie keeps the day of the current visit and the day of
 * the visit before it (`forrige|denne`, ISO dates). A new day moves "this" to "previous". Pure.
 */
import { isValidIsoDate } from "~/domain/text";

export const LAST_VISIT_COOKIE = "endringer_besok";

export function readLastVisit(cookieHeader: string | null): { previous: string | null; current: string | null } {
  const raw = (cookieHeader ?? "").split(/;\s*/).find((c) => c.startsWith(`${LAST_VISIT_COOKIE}=`))?.slice(LAST_VISIT_COOKIE.length + 1) ?? "";
  const [previous, current] = decodeURIComponent(raw).split("|");
  return { previous: previous && isValidIsoDate(previous) ? previous : null, current: current && isValidIsoDate(current) ? current : null };
}

/** The visit days after visiting on `today`: the earlier visit (if any) and today. */
export function nextLastVisit(visit: { previous: string | null; current: string | null }, today: string): { previous: string | null; current: string } {
  if (visit.current && visit.current < today) return { previous: visit.current, current: today };
  return { previous: visit.previous, current: today };
}

export function lastVisitCookie(visit: { previous: string | null; current: string }, secure: boolean): string {
  const value = encodeURIComponent(`${visit.previous ?? ""}|${visit.current}`);
  return `${LAST_VISIT_COOKIE}=${value}; Path=/endringer; Max-Age=31536000; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
