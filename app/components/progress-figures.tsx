import { Link as RemixLink } from "@remix-run/react";
import { STATUS_CODES, STATUS_LABELS, type StatusCode } from "~/domain/status";
import type { Progress } from "~/domain/progress";
import { formatDeadlineDate } from "~/domain/format";
import { assignmentPath } from "~/lib/urls";

/**
 * The figures of one area or department. Every number links to the list filtered the same way
 * (`link` builds that URL from status / overdue choices).
 */
export function ProgressFigures({
  progress,
  link,
  label,
}: {
  progress: Progress;
  link: (choice: { status?: StatusCode; overdue?: boolean }) => string;
  label: string;
}) {
  const percent = Math.round(progress.done * 100);
  return (
    <div className="progress-figures">
      <p>
        <RemixLink to={link({})}>{progress.total} oppdrag</RemixLink>
        {progress.overdue > 0 ? (
          <>
            {" · "}
            <RemixLink to={link({ overdue: true })} className="overdue">
              {progress.overdue} forfalt
            </RemixLink>
          </>
        ) : (
          " · ingen forfalt"
        )}
      </p>
      <div className="progress-line">
        <progress max={100} value={percent} aria-label={`Andel ferdig i ${label}`}>
          {percent} %
        </progress>
        <span>{percent} % ferdig</span>
      </div>
      <ul className="status-counts" aria-label={`Antall per status i ${label}`}>
        {STATUS_CODES.filter((s) => progress.byStatus[s] > 0).map((s) => (
          <li key={s}>
            <RemixLink to={link({ status: s })}>
              {STATUS_LABELS[s]}: {progress.byStatus[s]}
            </RemixLink>
          </li>
        ))}
      </ul>
      {progress.next.length > 0 ? (
        <div>
          <p className="muted">Neste frister:</p>
          <ul className="next-deadlines">
            {progress.next.map((n) => (
              <li key={n.key}>
                <time dateTime={n.date}>{formatDeadlineDate(n.date, n.precision)}</time>:{" "}
                <RemixLink to={assignmentPath(n.key)}>
                  {n.key.startsWith("uten-id") ? "" : `${n.key} `}
                  {n.title}
                </RemixLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
