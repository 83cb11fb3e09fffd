/**
 * What needs attention in a year's assignments. Pure.
 *
 * - overdue: a deadline has passed (not delivered) and the status is neither Fullført, Utsatt
 *   nor Avsluttet (docs/domain.md; `isOverdue` in ./deadlines);
 * - due soon: not overdue, not Fullført/Utsatt/Avsluttet, and the next open deadline is within
 *   `SOON_DAYS` days of today (or of the as-of date).
 *
 * The list query computes both in SQL (`app/models/assignment-list.server.ts`) with the limit from
 * `dueSoonLimit`, so the overview, the list filter (`snart=1`) and the department page agree.
 */

export const SOON_DAYS = 30;

/** How many rows of each kind the overview shows before linking to the whole filtered list. */
export const ATTENTION_ROWS = 10;

/** The last day (yyyy-MM-dd) that counts as due soon, measured from `today` (yyyy-MM-dd). */
export function dueSoonLimit(today: string, days = SOON_DAYS): string {
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
