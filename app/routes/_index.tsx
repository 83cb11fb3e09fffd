import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Heading, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { DeadlineText } from "~/components/deadline-text";
import { StatusTag } from "~/components/status-tag";
import { YearSwitcher } from "~/components/year-switcher";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { listAreas, listAssignments, listYears } from "~/db/queries.server";
import { nextDeadline } from "~/domain/deadlines";
import { todayInOslo } from "~/domain/format";
import { groupByArea } from "~/domain/overview";
import { assignmentPath, chooseYear } from "~/lib/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.year ? `Oversikt ${data.year} – Oppdragsoversikt` : "Oversikt – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const { request } = args;
  const db = getDb();
  const years = await listYears(db);
  const year = chooseYear(new URL(request.url).searchParams.get("aar"), years);
  if (year === null) return { years, year: null, groups: [], total: 0 };
  const today = todayInOslo();
  const [areas, assignments] = await Promise.all([listAreas(db, year), listAssignments(db, year)]);
  const groups = groupByArea(assignments, areas).map((g) => ({
    code: g.code,
    name: g.name,
    assignments: g.assignments.map((a) => ({
      key: a.key,
      hasId: a.hasId,
      title: a.title,
      departments: a.departments,
      status: a.status,
      supplementary: a.letterKind === "supplementary",
      next: nextDeadline(a.deadlines, today),
      openEnded: a.deadlines.some((d) => d.state !== "dated"),
    })),
  }));
  return { years, year, groups, total: assignments.length };
}

export default function Overview() {
  const { years, year, groups, total } = useLoaderData<typeof loader>();
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
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Oppdrag i tildelingsbrevet {year}
      </Heading>
      <YearSwitcher years={years} current={year} />
      <Paragraph>
        {total} oppdrag fordelt på {groups.length} områder.
      </Paragraph>
      {groups.map((group) => {
        const headingId = `omrade-${group.code ?? "uten"}`.replace(/\./g, "-");
        return (
          <section key={group.code ?? "none"} aria-labelledby={headingId} className="stack">
            <Heading level={2} data-size="md" id={headingId}>
              {group.code ? `${group.code} ${group.name}` : group.name}
            </Heading>
            <div className="table-wrap">
              <Table zebra border data-size="sm">
                <caption className="visually-hidden">
                  Oppdrag i område {group.code ? `${group.code} ${group.name}` : group.name}
                </caption>
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
                          <RemixLink to={assignmentPath(a.key)}>{a.title}</RemixLink>
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
    </div>
  );
}
