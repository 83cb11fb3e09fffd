import { Link as RemixLink } from "@remix-run/react";
import { Link } from "~/components/ds";
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
    <Link asChild>
      <RemixLink to={assignmentPath(row.key, asOf, row.agency)}>{row.title}</RemixLink>
    </Link>
  );
}
