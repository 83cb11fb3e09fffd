/**
 * A department's assignments in the order they need attention: overdue first, then those due
 * within 30 days, then the rest. Pure.
 */
import { addDays, format, parseISO } from "date-fns";

export const SOON_DAYS = 30;

export function departmentBuckets<T extends { overdue: boolean; nextDeadline: string | null }>(rows: readonly T[], today: string) {
  const limit = format(addDays(parseISO(today), SOON_DAYS), "yyyy-MM-dd");
  const overdue: T[] = [];
  const soon: T[] = [];
  const rest: T[] = [];
  for (const r of rows) {
    if (r.overdue) overdue.push(r);
    else if (r.nextDeadline && r.nextDeadline <= limit) soon.push(r);
    else rest.push(r);
  }
  return { overdue, soon, rest };
}
