import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Alert, Heading, Paragraph, Table } from "~/components/ds";
import { AsOfForm } from "~/components/as-of-form";
import { NextDeadline } from "~/components/next-deadline";
import { AssignmentIdCell, AssignmentTitleLink } from "~/components/assignment-cells";
import { StatusTag } from "~/components/status-tag";
import { YearSwitcher } from "~/components/year-switcher";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { listOpenDeadlines, queryAssignments, sortRows, type ListRow } from "~/models/assignment-list.server";
import { findDepartment, listYears } from "~/models/assignment.server";
import { departmentBuckets, SOON_DAYS } from "~/domain/department-view";
import { formatDateLong, todayInOslo } from "~/domain/format";
import { readAsOf } from "~/lib/as-of";
import { assignmentPath, chooseYear } from "~/lib/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Avdeling ${data.department.code} – Oppdragsoversikt` : "Avdeling – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const code = (args.params.kode ?? "").toUpperCase();
  const db = getDatabase().db;
  const department = await findDepartment(db, code);
  if (!department) throw new Response(`Fant ikke avdelingen «${code.slice(0, 20)}».`, { status: 404 });
  const url = new URL(args.request.url);
  const asOf = readAsOf(url);
  const years = await listYears(db);
  const year = chooseYear(url.searchParams.get("aar"), years);
  const today = asOf?.date ?? todayInOslo();
  if (year === null) return { department, years, year: null, asOf: null, today, buckets: null, open: [] };
  const rows = await queryAssignments(db, { year, asOfInstant: asOf?.instant ?? null, today, filter: { department: code } });
  const buckets = departmentBuckets(sortRows(rows, "frist", false));
  const open = await listOpenDeadlines(db, year, code);
  return { department, years, year, asOf: asOf?.date ?? null, today, buckets, open };
}

function Rows({ rows, caption, asOf, today }: { rows: ListRow[]; caption: string; asOf: string | null; today: string }) {
  return (
    <div className="table-wrap">
      <Table zebra border data-size="sm">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Tittel</th>
            <th scope="col">Frist</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <AssignmentIdCell row={r} />
              <td>
                <AssignmentTitleLink row={r} asOf={asOf} />
              </td>
              <td>
                <NextDeadline row={r} today={today} />
              </td>
              <td>
                <StatusTag status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

export default function DepartmentPage() {
  const { department, years, year, asOf, today, buckets, open } = useLoaderData<typeof loader>();
  const title = department.name ? `${department.code} – ${department.name}` : `Avdeling ${department.code}`;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {year === null || !buckets ? (
        <Paragraph>Ingen oppdrag er lastet inn.</Paragraph>
      ) : (
        <>
          <div className="filter-row">
            <YearSwitcher years={years} current={year} />
            <AsOfForm asOf={asOf} keep={{ aar: String(year) }} />
          </div>
          {asOf ? <Alert data-color="info">Status per {formatDateLong(asOf)}.</Alert> : null}
          {(
            [
              ["forfalt", `Forfalt (${buckets.overdue.length})`, buckets.overdue, "Ingen forfalte oppdrag."],
              ["snart", `Frist innen ${SOON_DAYS} dager (${buckets.soon.length})`, buckets.soon, `Ingen åpne oppdrag har frist de neste ${SOON_DAYS} dagene.`],
              ["resten", `Øvrige oppdrag (${buckets.rest.length})`, buckets.rest, "Ingen andre oppdrag."],
            ] as const
          ).map(([id, heading, rows, empty]) => (
            <section key={id} aria-labelledby={`avd-${id}`} className="stack">
              <Heading level={2} data-size="md" id={`avd-${id}`}>
                {heading}
              </Heading>
              {rows.length ? <Rows rows={rows} caption={heading} asOf={asOf} today={today} /> : <Paragraph>{empty}</Paragraph>}
            </section>
          ))}
          <section aria-labelledby="avd-avklares" className="stack">
            <Heading level={2} data-size="md" id="avd-avklares">
              Frister som skal avklares med departementet ({open.length})
            </Heading>
            {open.length === 0 ? (
              <Paragraph>Ingen frister venter på avklaring.</Paragraph>
            ) : (
              <ul>
                {open.map((d) => (
                  <li key={d.id}>
                    <RemixLink to={assignmentPath(d.key)}>
                      {d.has_id ? `${d.key} ` : ""}
                      {d.title}
                    </RemixLink>
                    {d.label ? ` – ${d.label}` : ""}: <q>{d.phrase}</q> {d.state === "on_hold" ? "(satt i bero)" : ""}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
