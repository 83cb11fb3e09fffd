import type { DeadlinePrecision } from "~/domain/letter/types";
import { formatDeadlineDate } from "~/domain/format";

/** The next deadline of a list row, with an overdue marker. */
export function NextDeadline({
  row,
}: {
  row: { nextDeadline: string | null; nextDeadlinePrecision: DeadlinePrecision | null; overdue: boolean; openEnded?: boolean };
}) {
  return (
    <>
      {row.nextDeadline ? (
        <time dateTime={row.nextDeadline}>{formatDeadlineDate(row.nextDeadline, row.nextDeadlinePrecision)}</time>
      ) : row.openEnded ? (
        <span className="muted">Avklares</span>
      ) : (
        <span className="muted">–</span>
      )}
      {row.overdue ? <span className="overdue"> (forfalt)</span> : null}
    </>
  );
}
