/**
 * A department's assignments in the order they need attention: overdue first, then those due
 * soon (within SOON_DAYS, see ./attention), then the rest. Pure.
 */
export { SOON_DAYS } from "./attention";

export function departmentBuckets<T extends { overdue: boolean; dueSoon: boolean }>(rows: readonly T[]) {
  const overdue: T[] = [];
  const soon: T[] = [];
  const rest: T[] = [];
  for (const r of rows) {
    if (r.overdue) overdue.push(r);
    else if (r.dueSoon) soon.push(r);
    else rest.push(r);
  }
  return { overdue, soon, rest };
}
