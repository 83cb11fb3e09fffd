import type { ReactNode } from "react";
import { AppLink } from "~/components/app-link";
import { Table } from "~/components/ds";
import { SOON_DAYS } from "~/domain/attention";
import type { Progress } from "~/domain/progress";
import { STATUS_CODES, STATUS_LABELS, type StatusCode } from "~/domain/status";

/** Which slice of a row a number stands for; the row's `link` turns it into a list URL. */
export interface CountChoice {
  status?: StatusCode;
  overdue?: boolean;
  dueSoon?: boolean;
}

export interface ProgressTableRow {
  key: string;
  /** What the row header shows (text or a link). */
  header: ReactNode;
  /** The row's name in link texts: "i 2.1 Folkehelse", "i avdeling FHA". */
  name: string;
  progress: Progress;
  /** The filtered list for a choice; null: the numbers are not links. */
  link: ((choice: CountChoice) => string) | null;
}

/** A number that links to the list it counts, with a link text that makes sense on its own. */
function Count({ n, to, text }: { n: number; to: string | null; text: string }) {
  if (n === 0 || !to) return <>{n}</>;
  return (
    <AppLink to={to}>
      {n}
      <span className="visually-hidden"> {text}</span>
    </AppLink>
  );
}

/**
 * Assignments per status, overdue, due soon and the share done, one row per area or department.
 * Every number links to the list filtered the same way, so the list shows exactly that many.
 */
export function ProgressTable({ caption, rowHeading, rows, footer }: { caption: string; rowHeading: string; rows: ProgressTableRow[]; footer?: ProgressTableRow }) {
  const cells = (r: ProgressTableRow) => {
    const p = r.progress;
    const to = (c: CountChoice) => (r.link ? r.link(c) : null);
    const percent = Math.round(p.done * 100);
    return (
      <>
        <td className="num">
          <Count n={p.total} to={to({})} text={`oppdrag ${r.name}`} />
        </td>
        {STATUS_CODES.map((s) => (
          <td key={s} className="num">
            <Count n={p.byStatus[s]} to={to({ status: s })} text={`oppdrag ${r.name} med status ${STATUS_LABELS[s]}`} />
          </td>
        ))}
        <td className="num">
          {p.overdue > 0 ? (
            <span className="overdue">
              <Count n={p.overdue} to={to({ overdue: true })} text={`forfalte oppdrag ${r.name}`} />
            </span>
          ) : (
            0
          )}
        </td>
        <td className="num">
          <Count n={p.dueSoon} to={to({ dueSoon: true })} text={`oppdrag ${r.name} med frist innen ${SOON_DAYS} dager`} />
        </td>
        <td className="num nowrap">{percent} %</td>
      </>
    );
  };
  return (
    <div className="table-wrap">
      <Table zebra border data-size="sm" className="progress-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeading}</th>
            <th scope="col" className="num">
              Oppdrag
            </th>
            {STATUS_CODES.map((s) => (
              <th key={s} scope="col" className="num">
                {STATUS_LABELS[s]}
              </th>
            ))}
            <th scope="col" className="num">
              Forfalt
            </th>
            <th scope="col" className="num">
              Frist innen {SOON_DAYS} dager
            </th>
            <th scope="col" className="num">
              Ferdig
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.header}</th>
              {cells(r)}
            </tr>
          ))}
        </tbody>
        {footer ? (
          <tfoot>
            <tr>
              <th scope="row">{footer.header}</th>
              {cells(footer)}
            </tr>
          </tfoot>
        ) : null}
      </Table>
    </div>
  );
}
