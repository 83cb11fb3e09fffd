/**
 * A department's assignments in the order they need attention: overdue first, then those due
 * soon (within SOON_DAYS, see ./attention), then the rest. Pure.
 */
import type { StatusCode } from "./status";

export { SOON_DAYS } from "./attention";

/**
 * Statuses the department page across all agencies counts instead of listing: work that is done
 * (postponed assignments stay listed: they come back).
 */
export const FOLDED_STATUSES: readonly StatusCode[] = ["fullfort", "avsluttet"];

/**
 * Overdue, due soon and the rest. With `foldDone`, finished assignments (FOLDED_STATUSES) are
 * left out of `rest` and only counted in `done`: the page across all agencies shows what is
 * still open and links to the rest.
 */
export function departmentBuckets<T extends { overdue: boolean; dueSoon: boolean; status: StatusCode }>(
  rows: readonly T[],
  options: { foldDone?: boolean } = {},
) {
  const overdue: T[] = [];
  const soon: T[] = [];
  const rest: T[] = [];
  let done = 0;
  for (const r of rows) {
    if (r.overdue) overdue.push(r);
    else if (r.dueSoon) soon.push(r);
    else if (options.foldDone && FOLDED_STATUSES.includes(r.status)) done += 1;
    else rest.push(r);
  }
  return { overdue, soon, rest, done };
}
