import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph, Table } from "~/components/ds";
import { AsOfForm } from "~/components/as-of-form";
import { DeadlineText } from "~/components/deadline-text";
import { ProgressFigures } from "~/components/progress-figures";
import { StatusTag } from "~/components/status-tag";
import { YearSwitcher } from "~/components/year-switcher";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { queryAssignments } from "~/db/list.server";
import { listAreas, listYears } from "~/db/queries.server";
import { filterToSearch, readFilter } from "~/domain/assignment-filter";
import { formatDateLong, todayInOslo } from "~/domain/format";
import { groupByArea } from "~/domain/overview";
import { byArea, byDepartment, summarize } from "~/domain/progress";
import type { StatusCode } from "~/domain/status";
import { readAsOf } from "~/lib/as-of";
import { assignmentPath, chooseYear } from "~/lib/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.year ? `Oversikt ${data.year} – Oppdragsoversikt` : "Oversikt – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  const db = getDb();
  const years = await listYears(db);
  const year = chooseYear(url.searchParams.get("aar"), years);
  const asOf = readAsOf(url);
  const mine = user.departments;
  if (year === null) return { years, year: null, asOf: null, areas: [], departments: [], groups: [], total: 0, mine };
  const today = asOf?.date ?? todayInOslo();
  const [areaRows, rows] = await Promise.all([
    listAreas(db, year),
    queryAssignments(db, { year, asOfInstant: asOf?.instant ?? null, today }),
  ]);
  const areaNames = new Map(areaRows.map((a) => [a.code, a.name]));
  const areas = byArea(rows, areaRows.map((a) => a.code)).map((g) => ({
    code: g.code,
    name: g.code ? (areaNames.get(g.code) ?? `Område ${g.code}`) : "Uten område",
    progress: summarize(g.rows),
  }));
  const departments = byDepartment(rows)
    .map((g) => ({ code: g.code, progress: summarize(g.rows) }))
    // A department user's own departments come first.
    .sort((a, b) => Number(mine.includes(b.code)) - Number(mine.includes(a.code)));
  const groups = groupByArea(rows, areaRows).map((g) => ({
    code: g.code,
    name: g.name,
    assignments: g.assignments.map((a) => ({
      key: a.key,
      hasId: a.hasId,
      title: a.title,
      departments: a.departments,
      status: a.status,
      supplementary: a.letterKind === "supplementary",
      overdue: a.overdue,
      next: a.nextDeadline
        ? { date: a.nextDeadline, precision: a.nextDeadlinePrecision, label: a.nextDeadlineLabel, state: "dated" as const, is_default: 0 }
        : null,
      openEnded: a.openEnded,
    })),
  }));
  return { years, year, asOf: asOf?.date ?? null, areas, departments, groups, total: rows.length, mine };
}

export default function Overview() {
  const { years, year, asOf, areas, departments, groups, total, mine } = useLoaderData<typeof loader>();
  if (year === null) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Oversikt
        </Heading>
        <Paragraph>Det er ikke lastet inn noen tildelingsbrev ennå.</Paragraph>
      </div>
    );
  }
  const base = readFilter(new URLSearchParams());
  const listLink = (changes: { area?: string | null; department?: string; status?: StatusCode; overdue?: boolean }) =>
    `/oppdrag${filterToSearch(
      { ...base, year, asOf },
      {
        area: changes.area ?? null,
        department: changes.department ?? null,
        statuses: changes.status ? [changes.status] : [],
        overdue: changes.overdue ?? false,
      },
    )}`;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Oversikt {year}
      </Heading>
      <div className="filter-row">
        <YearSwitcher years={years} current={year} />
        <AsOfForm asOf={asOf} keep={{ aar: String(year) }} />
      </div>
      {asOf ? (
        <Alert data-color="info">
          Tallene viser status per {formatDateLong(asOf)}. <RemixLink to={`/?aar=${year}`}>Vis status nå</RemixLink>
        </Alert>
      ) : null}
      <Paragraph>
        <RemixLink to={listLink({})}>{total} oppdrag</RemixLink> i tildelingsbrevet og tilleggsbrevene for {year}.
      </Paragraph>

      <section aria-labelledby="per-omrade" className="stack">
        <Heading level={2} data-size="md" id="per-omrade">
          Fremdrift per område
        </Heading>
        <div className="cards">
          {areas.map((area) => {
            const label = area.code ? `${area.code} ${area.name}` : area.name;
            return (
              <section key={area.code ?? "none"} className="card" aria-label={label}>
                <Heading level={3} data-size="xs">
                  {label}
                </Heading>
                <ProgressFigures
                  progress={area.progress}
                  label={label}
                  link={(c) => listLink({ area: area.code, status: c.status, overdue: c.overdue })}
                />
              </section>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="per-avdeling" className="stack">
        <Heading level={2} data-size="md" id="per-avdeling">
          Per avdeling i departementet
        </Heading>
        <div className="cards">
          {departments.map((d) => (
            <section key={d.code} className="card" aria-label={`Avdeling ${d.code}`}>
              <Heading level={3} data-size="xs">
                <RemixLink to={`/avdeling/${encodeURIComponent(d.code)}${asOf ? `?per=${asOf}` : ""}`}>{d.code}</RemixLink>
                {mine.includes(d.code) ? <span className="muted"> (din avdeling)</span> : null}
              </Heading>
              <ProgressFigures
                progress={d.progress}
                label={`avdeling ${d.code}`}
                link={(c) => listLink({ department: d.code, status: c.status, overdue: c.overdue })}
              />
            </section>
          ))}
        </div>
      </section>

      <section aria-labelledby="alle-oppdrag" className="stack">
        <Heading level={2} data-size="md" id="alle-oppdrag">
          Alle oppdrag per område
        </Heading>
        {groups.map((group) => {
          const headingId = `omrade-${group.code ?? "uten"}`.replace(/\./g, "-");
          const label = group.code ? `${group.code} ${group.name}` : group.name;
          return (
            <section key={group.code ?? "none"} aria-labelledby={headingId} className="stack">
              <Heading level={3} data-size="sm" id={headingId}>
                {label}
              </Heading>
              <div className="table-wrap">
                <Table zebra border data-size="sm">
                  <caption className="visually-hidden">Oppdrag i område {label}</caption>
                  <thead>
                    <tr>
                      <th scope="col">ID</th>
                      <th scope="col">Tittel</th>
                      <th scope="col">Avdeling</th>
                      <th scope="col">Neste frist</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.assignments.map((a) => (
                      <tr key={a.key}>
                        <td className="nowrap">{a.hasId ? a.key : <span className="muted">Uten ID</span>}</td>
                        <td>
                          <Link asChild>
                            <RemixLink to={assignmentPath(a.key, asOf)}>{a.title}</RemixLink>
                          </Link>
                          {a.supplementary ? <span className="muted"> (tillegg)</span> : null}
                        </td>
                        <td>{a.departments.length ? a.departments.join(", ") : <span className="muted">Ikke oppgitt</span>}</td>
                        <td>
                          {a.next ? (
                            <DeadlineText deadline={a.next} />
                          ) : a.openEnded ? (
                            <span className="muted">Avklares med departementet</span>
                          ) : (
                            <span className="muted">Ingen kommende</span>
                          )}
                          {a.overdue ? <span className="overdue"> (forfalt)</span> : null}
                        </td>
                        <td>
                          <StatusTag status={a.status} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            </section>
          );
        })}
      </section>
    </div>
  );
}
