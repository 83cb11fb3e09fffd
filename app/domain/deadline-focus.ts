/**
 * "Dates that tell" (#18 item 1): the one deadline a row in a list should show, and how far it is
 * from today (or the as-of day). For an overdue assignment that is the earliest missed deadline
 * and the days since; otherwise the next deadline and the days left. Pure.
 */
import type { DeadlinePrecision } from "~/domain/letter/types";

export interface DeadlineFacts {
  overdue: boolean;
  /** The earliest passed, undelivered deadline (date, precision, deliverable label). */
  firstPassed: string | null;
  firstPassedPrecision?: DeadlinePrecision | null;
  firstPassedLabel?: string | null;
  nextDeadline: string | null;
  nextDeadlinePrecision: DeadlinePrecision | null;
  nextDeadlineLabel: string | null;
  openEnded?: boolean;
}

export type DeadlineFocus =
  | { kind: "missed"; date: string; precision: DeadlinePrecision | null; label: string | null; days: number }
  | { kind: "next"; date: string; precision: DeadlinePrecision | null; label: string | null; days: number }
  | { kind: "open" }
  | { kind: "none" };

const DAY_MS = 86_400_000;

/** Whole calendar days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The deadline a list shows for an assignment, measured against `today`. */
export function deadlineFocus(row: DeadlineFacts, today: string): DeadlineFocus {
  if (row.overdue && row.firstPassed) {
    return {
      kind: "missed",
      date: row.firstPassed,
      precision: row.firstPassedPrecision ?? "day",
      label: row.firstPassedLabel ?? null,
      days: daysBetween(row.firstPassed, today),
    };
  }
  if (row.nextDeadline) {
    return { kind: "next", date: row.nextDeadline, precision: row.nextDeadlinePrecision, label: row.nextDeadlineLabel, days: daysBetween(today, row.nextDeadline) };
  }
  return row.openEnded ? { kind: "open" } : { kind: "none" };
}

/** The date a list sorts "Frist" by: the missed deadline for an overdue row, else the next one. */
export function focusDate(row: DeadlineFacts): string | null {
  return row.overdue && row.firstPassed ? row.firstPassed : row.nextDeadline;
}

/** "1 dag", "12 dager". */
function dayCount(n: number): string {
  return n === 1 ? "1 dag" : `${n} dager`;
}

/** "12 dager over fristen", "i dag", "i morgen", "om 30 dager". */
export function describeDays(focus: DeadlineFocus): string {
  if (focus.kind === "missed") return `${dayCount(focus.days)} over fristen`;
  if (focus.kind === "next") {
    if (focus.days === 0) return "i dag";
    if (focus.days === 1) return "i morgen";
    return `om ${dayCount(focus.days)}`;
  }
  return "";
}
