import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Heading, Link, Paragraph, Table } from "~/components/ds";
import { AsOfForm } from "~/components/as-of-form";
import { AssignmentIdCell, AssignmentTitleLink, DeadlineAndStatusCells } from "~/components/assignment-cells";
import { YearSwitcher } from "~/components/year-switcher";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { listOpenDeadlines, queryAssignments, sortRows, tableRow, type TableRow } from "~/models/assignment-list.server";
import { findDepartment, listYears } from "~/models/assignment.server";
import { departmentBuckets, FOLDED_STATUSES, SOON_DAYS } from "~/domain/department-view";
import { filterToSearch, readFilter } from "~/domain/assignment-filter";
import { formatDateLong, todayInOslo } from "~/domain/format";
import { readAsOf } from "~/lib/as-of";
import { assignmentPath, chooseYear } from "~/lib/urls";
import { AgencySwitcher } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";

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
  // A ministry department owns assignments in every agency it steers: all of them, grouped by
  // agency, unless `?virksomhet=` picks one.
  const choice = await readAgencyChoice(db, url.searchParams);
  const agencyId = choice.multi ? (choice.agency?.id ?? null) : null;
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null, multi: choice.multi };
  const years = await listYears(db, agencyId);
  const year = chooseYear(url.searchParams.get("aar"), years);
  const today = asOf?.date ?? todayInOslo();
  if (year === null) return { department, years, year: null, asOf: null, today, groups: null, open: [], agency, foldDone: false };
  const rows = await queryAssignments(db, { year, asOfInstant: asOf?.instant ?? null, today, filter: { department: code }, agencyId });
  const sorted = sortRows(rows, "frist", false);
  // Across all agencies the page lists what is open and counts finished work per agency (decision
  // 088); one agency's page lists everything. Only what the rows render goes to the page (tableRow).
  const foldDone = choice.multi && agencyId === null;
  const bucketsOf = (agencyRows: typeof rows) => {
    const { overdue, soon, rest, done } = departmentBuckets(agencyRows, { foldDone });
    const lean = (list: typeof rows) => list.map((r) => tableRow(r, choice.multi ? r.agency : null));
    return { overdue: lean(overdue), soon: lean(soon), rest: lean(rest), done };
  };
  const groups = (choice.multi ? choice.agencies : [null])
    .map((a) => ({ agency: a ? { name: a.name, slug: a.slug } : null, buckets: bucketsOf(a ? sorted.filter((r) => r.agency === a.slug) : sorted) }))
    .filter((g) => !choice.multi || g.buckets.overdue.length + g.buckets.soon.length + g.buckets.rest.length + g.buckets.done > 0);
  const open = await listOpenDeadlines(db, year, code, agencyId);
  return { department, years, year, asOf: asOf?.date ?? null, today, groups, open, agency, foldDone };
}

type Row = TableRow;

function Rows({ rows, caption, asOf, today }: { rows: Row[]; caption: string; asOf: string | null; today: string }) {
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
              <DeadlineAndStatusCells row={r} today={today} />
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/**
 * Overdue, due soon and the rest; headings one level below `level`'s parent (2 alone, 3 under an
 * agency). `done`: finished assignments counted instead of listed, with `doneLink` to list them.
 */
function Buckets({
  buckets,
  asOf,
  today,
  level,
  prefix,
  doneLink,
}: {
  buckets: { overdue: Row[]; soon: Row[]; rest: Row[]; done: number };
  asOf: string | null;
  today: string;
  level: 2 | 3;
  prefix: string;
  doneLink: string | null;
}) {
  const restHeading = doneLink ? `Øvrige åpne oppdrag (${buckets.rest.length})` : `Øvrige oppdrag (${buckets.rest.length})`;
  return (
    <>
      {(
        [
          ["forfalt", `Forfalt (${buckets.overdue.length})`, buckets.overdue, "Ingen forfalte oppdrag."],
          ["snart", `Frist innen ${SOON_DAYS} dager (${buckets.soon.length})`, buckets.soon, `Ingen åpne oppdrag har frist de neste ${SOON_DAYS} dagene.`],
          ["resten", restHeading, buckets.rest, doneLink ? "Ingen andre åpne oppdrag." : "Ingen andre oppdrag."],
        ] as const
      ).map(([id, heading, rows, empty]) => (
        <section key={id} aria-labelledby={`avd-${prefix}${id}`} className="stack">
          <Heading level={level} data-size={level === 2 ? "md" : "sm"} id={`avd-${prefix}${id}`}>
            {heading}
          </Heading>
          {rows.length ? <Rows rows={rows} caption={heading} asOf={asOf} today={today} /> : <Paragraph>{empty}</Paragraph>}
          {id === "resten" && doneLink && buckets.done > 0 ? (
            <Paragraph>
              {buckets.done === 1 ? "Ett fullført eller avsluttet oppdrag er" : `${buckets.done} fullførte eller avsluttede oppdrag er`} ikke listet her.{" "}
              <Link asChild>
                <AppLink to={doneLink}>Vis dem i oppdragslisten</AppLink>
              </Link>
            </Paragraph>
          ) : null}
        </section>
      ))}
    </>
  );
}

/** The list of one agency's finished assignments of this department (the link under a folded group). */
function doneListLink(code: string, year: number, agency: string, asOf: string | null): string {
  const none = readFilter(new URLSearchParams());
  return `/oppdrag${filterToSearch(none, { agency, year, department: code, statuses: [...FOLDED_STATUSES], asOf })}`;
}

export default function DepartmentPage() {
  const { department, years, year, asOf, today, groups, open, agency, foldDone } = useLoaderData<typeof loader>();
  const title = department.name ? `${department.code} – ${department.name}` : `Avdeling ${department.code}`;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      {year === null || !groups ? (
        <Paragraph>Ingen oppdrag er lastet inn.</Paragraph>
      ) : (
        <>
          <div className="filter-row">
            <AgencySwitcher agencies={agency.list} current={agency.current} keep={{ aar: String(year), per: asOf }} />
            <YearSwitcher years={years} current={year} keep={{ virksomhet: agency.current }} />
            <AsOfForm asOf={asOf} keep={agency.current ? { aar: String(year), virksomhet: agency.current } : { aar: String(year) }} />
          </div>
          {asOf ? <Alert data-color="info">Status per {formatDateLong(asOf)}.</Alert> : null}
          {agency.multi && groups.length === 0 ? <Paragraph>Avdelingen har ingen oppdrag i {year}.</Paragraph> : null}
          {foldDone && groups.length > 0 ? (
            <Paragraph>
              Avdelingens åpne oppdrag i alle virksomheter. Fullførte og avsluttede oppdrag telles per virksomhet; velg en
              virksomhet for å se alle avdelingens oppdrag der.
            </Paragraph>
          ) : null}
          {groups.map((g) =>
            g.agency ? (
              <section key={g.agency.slug} aria-labelledby={`avd-v-${g.agency.slug}`} className="stack">
                <Heading level={2} data-size="md" id={`avd-v-${g.agency.slug}`}>
                  {g.agency.name}
                </Heading>
                <Buckets
                  buckets={g.buckets}
                  asOf={asOf}
                  today={today}
                  level={3}
                  prefix={`${g.agency.slug}-`}
                  doneLink={foldDone ? doneListLink(department.code, year, g.agency.slug, asOf) : null}
                />
              </section>
            ) : (
              <Buckets key="alle" buckets={g.buckets} asOf={asOf} today={today} level={2} prefix="" doneLink={null} />
            ),
          )}
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
                    <AppLink to={assignmentPath(d.key, null, agency.multi ? d.agency : null)}>
                      {d.has_id ? `${d.key} ` : ""}
                      {d.title}
                    </AppLink>
                    {agency.multi ? ` (${d.agency_name})` : ""}
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
