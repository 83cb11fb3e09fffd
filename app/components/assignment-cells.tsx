import { AppLink } from "~/components/app-link";
import { NextDeadline } from "~/components/next-deadline";
import { StatusTag } from "~/components/status-tag";
import type { DeadlineFacts } from "~/domain/deadline-focus";
import type { DeadlinePrecision } from "~/domain/letter/types";
import type { StatusCode } from "~/domain/status";
import { assignmentPath } from "~/lib/urls";

/** The ID cell of an assignment row: its ID, or "Uten ID" for an assignment the letter gave none. */
export function AssignmentIdCell({ row }: { row: { key: string; hasId: boolean } }) {
  return <td className="nowrap">{row.hasId ? row.key : <span className="muted">Uten ID</span>}</td>;
}

/**
 * The assignment's title as a link to its page (as of `asOf` when the table shows an as-of view;
 * `row.agency`: the agency's slug, set only when the register holds several).
 */
export function AssignmentTitleLink({ row, asOf }: { row: { key: string; title: string; agency?: string | null }; asOf: string | null }) {
  return (
    <AppLink className="ds-link" to={assignmentPath(row.key, asOf, row.agency)}>
      {row.title}
    </AppLink>
  );
}

/** The ministry departments an assignment names, or "Ikke oppgitt". */
export function DepartmentsCell({ departments }: { departments: readonly string[] }) {
  return <td>{departments.length ? departments.join(", ") : <span className="muted">Ikke oppgitt</span>}</td>;
}

/** The last two cells of every assignment table: the deadline the row shows (with days) and the status. */
export function DeadlineAndStatusCells({
  row,
  today,
}: {
  row: DeadlineFacts & { nextDeadlinePrecision: DeadlinePrecision | null; status: StatusCode };
  today: string;
}) {
  return (
    <>
      <td>
        <NextDeadline row={row} today={today} />
      </td>
      <td>
        <StatusTag status={row.status} />
      </td>
    </>
  );
}
