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
import { formatDateLong, formatDeadlineDate, todayInOslo } from "~/domain/format";
import { overviewFigures } from "~/domain/progress";
import { readAsOf } from "~/lib/as-of";
import { chooseYear } from "~/lib/urls";
import { AgencySwitcher } from "~/components/agency-switcher";
import { withAgency } from "~/domain/agency";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.year ? `Oversikt ${data.year} – Oppdragsoversikt` : "Oversikt – Oppdragsoversikt" },
];

/** What an attention row needs on the page (the loader data is sent to the browser too). */
function attentionRow(r: ListRow, agency: string | null) {
  return {
    key: r.key,
    /** The agency's slug for the link, when the register holds several. */
    agency,
    hasId: r.hasId,
    title: r.title,
    departments: r.departments,
    status: r.status,
    firstPassed: r.firstPassed,
    nextDeadline: r.nextDeadline,
    nextDeadlinePrecision: r.nextDeadlinePrecision,
    nextDeadlineLabel: r.nextDeadlineLabel,
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  const db = getDb();
  // One agency's letters at a time (its areas are its own): the chosen one, else the user's own.
  const choice = await readAgencyChoice(db, url.searchParams, { required: true, preferred: user.agencies });
  const agencyId = choice.agency?.id ?? null;
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null, name: choice.multi ? (choice.agency?.name ?? null) : null };
  const years = await listYears(db, agencyId);
  const year = chooseYear(url.searchParams.get("aar"), years);
  const asOf = readAsOf(url);
  if (year === null) return { years, year: null, asOf: null, soonUntil: null, figures: null, overdue: [], dueSoon: [], agency };
  const today = asOf?.date ?? todayInOslo();
  const [areaRows, facts] = await Promise.all([
    listAreas(db, year, agencyId),
    queryOverview(db, { year, asOfInstant: asOf?.instant ?? null, today, pick: ATTENTION_ROWS, agencyId }),
  ]);
  const attention = (r: ListRow) => attentionRow(r, agency.current);
  return {
    agency,
    years,
    year,
    asOf: asOf?.date ?? null,
    soonUntil: dueSoonLimit(today),
    figures: overviewFigures(facts.counts, areaRows, user.departments),
    overdue: facts.overdue.map(attention),
    dueSoon: facts.dueSoon.map(attention),
  };
}

type AttentionRow = ReturnType<typeof attentionRow>;

function AttentionTable({ rows, caption, dateHeading, date, asOf }: { rows: AttentionRow[]; caption: string; dateHeading: string; date: (r: AttentionRow) => string | null; asOf: string | null }) {
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
            const d = date(r);
            return (
              <tr key={r.key}>
                <AssignmentIdCell row={r} />
                <td>
                  <AssignmentTitleLink row={r} asOf={asOf} />
                </td>
                <td>{r.departments.length ? r.departments.join(", ") : <span className="muted">Ikke oppgitt</span>}</td>
                <td className="nowrap">
                  {d ? <time dateTime={d}>{formatDeadlineDate(d, d === r.nextDeadline ? r.nextDeadlinePrecision : "day")}</time> : null}
                  {d && d === r.nextDeadline && r.nextDeadlineLabel ? <span className="muted"> ({r.nextDeadlineLabel})</span> : null}
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
  const { years, year, asOf, soonUntil, figures, overdue, dueSoon, agency } = useLoaderData<typeof loader>();
  const keep = (path: string) => withAgency(path, agency.current, agency.list.length);
  if (year === null || !figures) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Oversikt
        </Heading>
        <AgencySwitcher agencies={agency.list} current={agency.current} all={false} />
        <Paragraph>Det er ikke lastet inn noen tildelingsbrev ennå.</Paragraph>
      </div>
    );
  }
  const base = { ...readFilter(new URLSearchParams()), year, asOf, agency: agency.current };
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
        {agency.name ? ` – ${agency.name}` : ""}
      </Heading>
      <div className="filter-row">
        <AgencySwitcher agencies={agency.list} current={agency.current} all={false} keep={{ per: asOf }} />
        <YearSwitcher years={years} current={year} keep={{ virksomhet: agency.current }} />
        <AsOfForm asOf={asOf} keep={agency.current ? { aar: String(year), virksomhet: agency.current } : { aar: String(year) }} />
      </div>
      {asOf ? (
        <Alert data-color="info">
          Tallene viser status per {formatDateLong(asOf)}. <RemixLink to={keep(`/?aar=${year}`)}>Vis status nå</RemixLink>
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
                date={(r) => r.firstPassed}
                asOf={asOf}
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
                date={(r) => r.nextDeadline}
                asOf={asOf}
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
                  <RemixLink to={keep(`/avdeling/${encodeURIComponent(d.code)}?aar=${year}${asOf ? `&per=${asOf}` : ""}`)}>
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
