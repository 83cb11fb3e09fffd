/**
 * Which reminder a deadline is due for on a given day. Pure.
 *   forfalt: the deadline has passed (and the assignment is open, the deliverable not delivered);
 *   3d:      due within 3 days (today included);
 *   14d:     due within 14 days.
 * Each kind is sent once per deadline, recipient and deadline date: a moved deadline can be
 * reminded of again.
 */
import { differenceInCalendarDays, parseISO } from "date-fns";
import { CLOSED_STATUSES, type StatusCode } from "./status";

/** Reminder kinds; the database stores these codes (reminder_log.kind, reminder_opt_outs.kind). */
export const REMINDER_KINDS = ["14d", "3d", "forfalt"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_LABELS: Record<ReminderKind, string> = {
  "14d": "Frister de neste 14 dagene",
  "3d": "Frister de neste 3 dagene",
  forfalt: "Forfalte frister",
};

export function reminderKind(
  deadline: { date: string; delivered: boolean },
  status: StatusCode,
  today: string,
): ReminderKind | null {
  if (deadline.delivered || CLOSED_STATUSES.includes(status)) return null;
  const days = differenceInCalendarDays(parseISO(deadline.date), parseISO(today));
  if (days < 0) return "forfalt";
  if (days <= 3) return "3d";
  if (days <= 14) return "14d";
  return null;
}
