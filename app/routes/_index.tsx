import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Alert, Heading, Paragraph, Table } from "~/components/ds";
import { AsOfForm } from "~/components/as-of-form";
import { ProgressTable, type CountChoice } from "~/components/progress-table";
import { AssignmentIdCell, AssignmentTitleLink } from "~/components/assignment-cells";
import { StatusTag } from "~/components/status-tag";
import { YearSwitcher } from "~/components/year-switcher";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { queryOverview, type ListRow } from "~/db/list.server";
import { listAreas, listYears } from "~/db/queries.server";
import { filterToSearch, readFilter } from "~/domain/assignment-filter";
import { ATTENTION_ROWS, dueSoonLimit, SOON_DAYS } from "~/domain/attention";
import { formatDateLong, todayInOslo } from "~/domain/format";
import { NextDeadline } from "~/components/next-deadline";
import { overviewFigures } from "~/domain/progress";
import { readAsOf } from "~/lib/as-of";
import { chooseYear } from "~/lib/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.year ? `Oversikt ${data.year} – Oppdragsoversikt` : "Oversikt – Oppdragsoversikt" },
];

/** What an attention row needs on the page (the loader data is sent to the browser too). */
function attentionRow(r: ListRow) {
  return {
    key: r.key,
    hasId: r.hasId,
    title: r.title,
    departments: r.departments,
    status: r.status,
    overdue: r.overdue,
    openEnded: r.openEnded,
    firstPassed: r.firstPassed,
    firstPassedPrecision: r.firstPassedPrecision,
    firstPassedLabel: r.firstPassedLabel,
    nextDeadline: r.nextDeadline,
    nextDeadlinePrecision: r.nextDeadlinePrecision,
    nextDeadlineLabel: r.nextDeadlineLabel,
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  const db = getDb();
  const years = await listYears(db);
  const year = chooseYear(url.searchParams.get("aar"), years);
  const asOf = readAsOf(url);
  const today = asOf?.date ?? todayInOslo();
  if (year === null) return { years, year: null, asOf: null, today, soonUntil: null, figures: null, overdue: [], dueSoon: [] };
  const [areaRows, facts] = await Promise.all([
    listAreas(db, year),
    queryOverview(db, { year, asOfInstant: asOf?.instant ?? null, today, pick: ATTENTION_ROWS }),
  ]);
  return {
    years,
    year,
    asOf: asOf?.date ?? null,
    today,
    soonUntil: dueSoonLimit(today),
    figures: overviewFigures(facts.counts, areaRows, user.departments),
    overdue: facts.overdue.map(attentionRow),
    dueSoon: facts.dueSoon.map(attentionRow),
  };
}

type AttentionRow = ReturnType<typeof attentionRow>;

function AttentionTable({ rows, caption, dateHeading, asOf, today }: { rows: AttentionRow[]; caption: string; dateHeading: string; asOf: string | null; today: string }) {
  return (
    <div className="table-wrap">
      <Table zebra border data-size="sm">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Oppdrag</th>
            <th scope="col">Avdeling</th>
            <th scope="col">{dateHeading}</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            return (
              <tr key={r.key}>
                <AssignmentIdCell row={r} />
                <td>
                  <AssignmentTitleLink row={r} asOf={asOf} />
                </td>
                <td>{r.departments.length ? r.departments.join(", ") : <span className="muted">Ikke oppgitt</span>}</td>
                <td>
                  <NextDeadline row={r} today={today} />
                </td>
                <td>
                  <StatusTag status={r.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}

export default function Overview() {
  const { years, year, asOf, today, soonUntil, figures, overdue, dueSoon } = useLoaderData<typeof loader>();
  if (year === null || !figures) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Oversikt
        </Heading>
        <Paragraph>Det er ikke lastet inn noen tildelingsbrev ennå.</Paragraph>
      </div>
    );
  }
  const base = { ...readFilter(new URLSearchParams()), year, asOf };
  const listLink = (scope: { area?: string; department?: string }, c: CountChoice = {}) =>
    `/oppdrag${filterToSearch(base, {
      area: scope.area ?? null,
      department: scope.department ?? null,
      statuses: c.status ? [c.status] : [],
      overdue: c.overdue ?? false,
      dueSoon: c.dueSoon ?? false,
      sort: c.dueSoon ? "frist" : "id",
    })}`;
  const { total } = figures;
  const areaLabel = (a: { code: string | null; name: string }) => (a.code ? `${a.code} ${a.name}` : a.name);
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
        <RemixLink to={listLink({})}>Alle {total.total} oppdrag</RemixLink> i tildelingsbrevet og tilleggsbrevene for {year}:{" "}
        {Math.round(total.done * 100)} % ferdig, {total.overdue} forfalt, {total.dueSoon} med frist innen {SOON_DAYS} dager.
      </Paragraph>

      <section aria-labelledby="per-omrade" className="stack">
        <Heading level={2} data-size="md" id="per-omrade">
          Fremdrift per område
        </Heading>
        <ProgressTable
          caption="Antall oppdrag per område og status. Hvert tall lenker til listen over oppdragene. Ferdig: fullført eller avsluttet."
          rowHeading="Område"
          rows={figures.areas.map((a) => ({
            key: a.code ?? "uten",
            header: areaLabel(a),
            name: `i ${areaLabel(a)}`,
            progress: a.progress,
            // The list cannot filter on "no area"; those numbers are shown without a link.
            link: a.code ? (c: CountChoice) => listLink({ area: a.code! }, c) : null,
          }))}
          footer={{ key: "sum", header: "Alle områder", name: `i ${year}`, progress: total, link: (c) => listLink({}, c) }}
        />
      </section>

      <section aria-labelledby="oppfolging" className="stack">
        <Heading level={2} data-size="md" id="oppfolging">
          Trenger oppfølging
        </Heading>
        <section aria-labelledby="forfalt" className="stack">
          <Heading level={3} data-size="sm" id="forfalt">
            Forfalt ({total.overdue})
          </Heading>
          {overdue.length === 0 ? (
            <Paragraph>Ingen oppdrag har passert en frist uten å være levert.</Paragraph>
          ) : (
            <>
              <AttentionTable
                rows={overdue}
                caption={`Forfalte oppdrag, de som har ventet lengst først${total.overdue > overdue.length ? ` (${overdue.length} av ${total.overdue})` : ""}`}
                dateHeading="Forfalt siden"
                asOf={asOf}
                today={today}
              />
              <Paragraph>
                <RemixLink to={listLink({}, { overdue: true })}>
                  {total.overdue > overdue.length ? `Se alle ${total.overdue} forfalte oppdrag i listen` : "Se de forfalte oppdragene i listen"}
                </RemixLink>
              </Paragraph>
            </>
          )}
        </section>
        <section aria-labelledby="snart" className="stack">
          <Heading level={3} data-size="sm" id="snart">
            Frist innen {SOON_DAYS} dager ({total.dueSoon})
          </Heading>
          {dueSoon.length === 0 ? (
            <Paragraph>Ingen åpne oppdrag har frist {soonUntil ? `til og med ${formatDateLong(soonUntil)}` : `de neste ${SOON_DAYS} dagene`}.</Paragraph>
          ) : (
            <>
              <AttentionTable
                rows={dueSoon}
                caption={`Oppdrag med frist innen ${SOON_DAYS} dager, tidligste frist først${total.dueSoon > dueSoon.length ? ` (${dueSoon.length} av ${total.dueSoon})` : ""}`}
                dateHeading="Frist"
                asOf={asOf}
                today={today}
              />
              <Paragraph>
                <RemixLink to={listLink({}, { dueSoon: true })}>
                  {total.dueSoon > dueSoon.length
                    ? `Se alle ${total.dueSoon} oppdrag med frist innen ${SOON_DAYS} dager i listen`
                    : `Se oppdragene med frist innen ${SOON_DAYS} dager i listen`}
                </RemixLink>
              </Paragraph>
            </>
          )}
        </section>
      </section>

      <section aria-labelledby="per-avdeling" className="stack">
        <Heading level={2} data-size="md" id="per-avdeling">
          Per avdeling i departementet
        </Heading>
        {figures.departments.length === 0 ? (
          <Paragraph>Ingen oppdrag med eieravdeling å vise.</Paragraph>
        ) : (
          <ProgressTable
            caption="Antall oppdrag per eieravdeling og status. Et oppdrag med flere eieravdelinger telles hos hver av dem."
            rowHeading="Avdeling"
            rows={figures.departments.map((d) => ({
              key: d.code,
              header: (
                <>
                  <RemixLink to={`/avdeling/${encodeURIComponent(d.code)}?aar=${year}${asOf ? `&per=${asOf}` : ""}`}>
                    {d.code}
                    <span className="visually-hidden"> – avdelingens side</span>
                  </RemixLink>
                  {d.mine ? <span className="muted"> (din avdeling)</span> : null}
                </>
              ),
              name: `i avdeling ${d.code}`,
              progress: d.progress,
              link: (c: CountChoice) => listLink({ department: d.code }, c),
            }))}
          />
        )}
      </section>
    </div>
  );
}
