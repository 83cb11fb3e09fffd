/**
 * Deadline rules. Pure; dates are ISO calendar dates (yyyy-MM-dd), compared as strings.
 */
import { CLOSED_STATUSES, type StatusCode } from "./status";
import type { DeadlineState } from "~/domain/letter/types";

export interface DeadlineLike {
  date: string | null;
  state: DeadlineState;
  label: string | null;
  is_default?: number | boolean;
  /** A delivered deliverable's deadline no longer counts as passed. */
  delivered?: boolean;
}

/** The earliest dated deadline on or after `today`, else null. */
export function nextDeadline<T extends DeadlineLike>(deadlines: readonly T[], today: string): T | null {
  let best: T | null = null;
  for (const d of deadlines) {
    if (d.state !== "dated" || !d.date || d.date < today || d.delivered) continue;
    if (!best || d.date < (best.date as string)) best = d;
  }
  return best;
}

/** Dated deadlines that have passed (strictly before `today`). */
export function passedDeadlines<T extends DeadlineLike>(deadlines: readonly T[], today: string): T[] {
  return deadlines.filter((d) => d.state === "dated" && d.date !== null && d.date < today && !d.delivered);
}

/**
 * An assignment is overdue when one of its deadlines has passed and it is neither
 * Fullført, Utsatt nor Avsluttet.
 */
export function isOverdue(status: StatusCode, deadlines: readonly DeadlineLike[], today: string): boolean {
  if (CLOSED_STATUSES.includes(status)) return false;
  return passedDeadlines(deadlines, today).length > 0;
}

/** True when a deadline waits for agreement with the ministry or is on hold. */
export function isOpenEnded(d: DeadlineLike): boolean {
  return d.state !== "dated";
}
