import type { DeadlinePrecision } from "~/domain/letter/types";
import { deadlineFocus, describeDays, type DeadlineFacts } from "~/domain/deadline-focus";
import { formatDateShort, formatDeadlineDate } from "~/domain/format";

/**
 * The deadline a list row shows (app/domain/deadline-focus.ts): the missed one with the days late
 * for an overdue assignment, else the next one with the days left; with the deliverable it
 * belongs to. `today` is today or the as-of day.
 */
export function NextDeadline({ row, today }: { row: DeadlineFacts & { nextDeadlinePrecision: DeadlinePrecision | null }; today: string }) {
  const focus = deadlineFocus(row, today);
  if (focus.kind === "open") return <span className="muted">Avklares</span>;
  if (focus.kind === "none") return <span className="muted">–</span>;
  return (
    <span className="deadline-focus">
      <time dateTime={focus.date} title={formatDateShort(focus.date)}>
        {formatDeadlineDate(focus.date, focus.precision)}
      </time>
      <span className={focus.kind === "missed" ? "overdue" : "muted"}>
        {focus.kind === "missed" ? "Forfalt: " : ""}
        {describeDays(focus)}
      </span>
      {focus.label ? <span className="muted">{focus.label}</span> : null}
    </span>
  );
}
