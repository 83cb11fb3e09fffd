import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Heading, Paragraph, Table } from "~/components/ds";
import { AsOfForm } from "~/components/as-of-form";
import { ProgressTable, type CountChoice } from "~/components/progress-table";
import { AssignmentIdCell, AssignmentTitleLink, DeadlineAndStatusCells, DepartmentsCell } from "~/components/assignment-cells";
import { YearSwitcher } from "~/components/year-switcher";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { countAssignments, queryOpenByDeadline, queryOverview, tableRow, type ListRow, type TableRow } from "~/models/assignment-list.server";
import { deleteSavedFilter, listSavedFilters, myAssignmentIds } from "~/models/saved-filter.server";
import { formText } from "~/lib/forms";
import { listAreas, listYears } from "~/models/assignment.server";
import { filterToSearch, readFilter } from "~/domain/assignment-filter";
import { ATTENTION_ROWS, dueSoonLimit, SOON_DAYS } from "~/domain/attention";
import { endOfDayInOslo, formatDateLong, todayInOslo } from "~/domain/format";
import { overviewFigures } from "~/domain/progress";
import { readAsOf } from "~/lib/as-of";
import { chooseYear } from "~/lib/urls";
import { AgencySwitcher } from "~/components/agency-switcher";
import { chooseAgency, withAgency, type AgencyRef } from "~/domain/agency";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.year ? `Oversikt ${data.year} – Oppdragsoversikt` : "Oversikt – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  const db = getDatabase().db;
  // One agency's letters at a time (its areas are its own): the chosen one, else the user's own.
  const choice = await readAgencyChoice(db, url.searchParams, { required: true, preferred: user.agencies });
  const agencyId = choice.agency?.id ?? null;
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null, name: choice.multi ? (choice.agency?.name ?? null) : null };
  const years = await listYears(db, agencyId);
  const year = chooseYear(url.searchParams.get("aar"), years);
  const asOf = readAsOf(url);
  const today = asOf?.date ?? todayInOslo();
  if (year === null) return { years, year: null, start: null, asOf: null, today, soonUntil: null, figures: null, overdue: [], dueSoon: [], agency };
  const [areaRows, facts] = await Promise.all([
    listAreas(db, year, agencyId),
    queryOverview(db, { year, asOfInstant: asOf?.instant ?? null, today, pick: ATTENTION_ROWS, agencyId }),
  ]);
  const attention = (r: ListRow) => tableRow(r, agency.current);
  const start = await startFacts(user, year, asOf?.instant ?? null, today, { id: agencyId, slug: agency.current, list: choice.agencies });
  return {
    agency,
    years,
    year,
    start,
    asOf: asOf?.date ?? null,
    today,
    soonUntil: dueSoonLimit(today),
    figures: overviewFigures(facts.counts, areaRows, user.departments),
    overdue: facts.overdue.map(attention),
    dueSoon: facts.dueSoon.map(attention),
  };
}

/**
 * Where the user works (#18 item 2): a case handler's open assignments (their departments' and
 * those they have updated) in the agency shown, and every user's saved filters with their current
 * counts (each in the agency it was saved with, or every agency).
 */
async function startFacts(
  user: Awaited<ReturnType<typeof requireUser>>,
  year: number,
  asOfInstant: string | null,
  today: string,
  agency: { id: number | null; slug: string | null; list: AgencyRef[] },
) {
  const db = getDatabase().db;
  const saved = await listSavedFilters(db, user.id);
  const filters = await Promise.all(
    saved.map(async (f) => {
      const filter = readFilter(new URLSearchParams(f.query));
      const chosen = chooseAgency(filter.agency, agency.list);
      const count = await countAssignments(db, {
        year: filter.year ?? year,
        asOfInstant: filter.asOf ? endOfDayInOslo(filter.asOf) : null,
        today: filter.asOf ?? todayInOslo(),
        filter,
        agencyId: chosen?.id ?? null,
      });
      return { id: f.id, name: f.name, query: f.query, count };
    }),
  );
  let mine: { total: number; rows: TableRow[] } | null = null;
  if (user.role === "saksbehandler" || user.role === "admin") {
    const ids = await myAssignmentIds(db, user, year, agency.id);
    const open = await queryOpenByDeadline(db, { year, asOfInstant, today, ids, pick: ATTENTION_ROWS, agencyId: agency.id });
    mine = { total: open.total, rows: open.rows.map((r) => tableRow(r, agency.slug)) };
  }
  return { role: user.role, departments: user.departments, filters, mine };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const form = await args.request.formData();
  const id = Number(formText(form, "filter"));
  if (formText(form, "intent") === "slett-filter" && Number.isInteger(id) && id > 0) await deleteSavedFilter(getDatabase().db, user.id, id);
  return redirect("/#start");
}

function AttentionTable({ rows, caption, dateHeading, asOf, today }: { rows: TableRow[]; caption: string; dateHeading: string; asOf: string | null; today: string }) {
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
                <DepartmentsCell departments={r.departments} />
                <DeadlineAndStatusCells row={r} today={today} />
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}

export default function Overview() {
  const { years, year, start, asOf, today, soonUntil, figures, overdue, dueSoon, agency } = useLoaderData<typeof loader>();
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
          Tallene viser status per {formatDateLong(asOf)}. <AppLink to={keep(`/?aar=${year}`)}>Vis status nå</AppLink>
        </Alert>
      ) : null}
      {start ? <StartSection start={start} figures={figures} year={year} asOf={asOf} today={today} keep={keep} /> : null}
      <Paragraph>
        <AppLink to={listLink({})}>Alle {total.total} oppdrag</AppLink> i tildelingsbrevet og tilleggsbrevene for {year}:{" "}
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
                <AppLink to={listLink({}, { overdue: true })}>
                  {total.overdue > overdue.length ? `Se alle ${total.overdue} forfalte oppdrag i listen` : "Se de forfalte oppdragene i listen"}
                </AppLink>
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
                <AppLink to={listLink({}, { dueSoon: true })}>
                  {total.dueSoon > dueSoon.length
                    ? `Se alle ${total.dueSoon} oppdrag med frist innen ${SOON_DAYS} dager i listen`
                    : `Se oppdragene med frist innen ${SOON_DAYS} dager i listen`}
                </AppLink>
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
                  <AppLink to={keep(`/avdeling/${encodeURIComponent(d.code)}?aar=${year}${asOf ? `&per=${asOf}` : ""}`)}>
                    {d.code}
                    <span className="visually-hidden"> – avdelingens side</span>
                  </AppLink>
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

type StartFacts = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["start"]>;
type Figures = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["figures"]>;

/** The top of the start page: the user's departments, their own open assignments, saved filters. */
function StartSection({
  start,
  figures,
  year,
  asOf,
  today,
  keep,
}: {
  start: StartFacts;
  figures: Figures;
  year: number;
  asOf: string | null;
  today: string;
  keep: (path: string) => string;
}) {
  const mineDepartments = figures.departments.filter((d) => d.mine);
  if (mineDepartments.length === 0 && !start.mine && start.filters.length === 0) return null;
  const per = asOf ? `&per=${asOf}` : "";
  return (
    <section aria-labelledby="start" className="stack start-section">
      <Heading level={2} data-size="md" id="start">
        {start.role === "departement" ? "Dine avdelinger" : "Din oversikt"}
      </Heading>
      {mineDepartments.length ? (
        <ul className="start-cards">
          {mineDepartments.map((d) => (
            <li key={d.code}>
              <AppLink to={keep(`/avdeling/${encodeURIComponent(d.code)}?aar=${year}${per}`)}>
                <strong>{d.code}</strong>: {d.progress.total} oppdrag
              </AppLink>
              <div className="muted">
                <span className={d.progress.overdue ? "overdue" : undefined}>{d.progress.overdue} forfalt</span>, {d.progress.dueSoon} med frist innen {SOON_DAYS} dager,{" "}
                {Math.round(d.progress.done * 100)} % ferdig
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {start.filters.length ? (
        <>
          <Heading level={3} data-size="sm" id="lagrede-filtre">
            Lagrede filtre
          </Heading>
          <ul className="saved-filters">
            {start.filters.map((f) => (
              <li key={f.id}>
                <AppLink to={`/oppdrag${f.query}`}>
                  {f.name} ({f.count})
                </AppLink>
                <Form method="post" action="/?index" className="inline">
                  <input type="hidden" name="intent" value="slett-filter" />
                  <input type="hidden" name="filter" value={f.id} />
                  <Button type="submit" variant="tertiary" data-size="sm" aria-label={`Slett filteret ${f.name}`}>
                    Slett
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {start.mine ? (
        <>
          <Heading level={3} data-size="sm" id="mine">
            Mine og mine avdelingers åpne oppdrag ({start.mine.total})
          </Heading>
          {start.mine.rows.length ? (
            <AttentionTable rows={start.mine.rows} caption="Mine og mine avdelingers åpne oppdrag, etter frist" dateHeading="Frist" asOf={asOf} today={today} />
          ) : (
            <Paragraph>Du har ingen åpne oppdrag ennå. Oppdrag du oppdaterer, og oppdrag i avdelingene dine, vises her.</Paragraph>
          )}
        </>
      ) : null}
      <Paragraph>
        <a href="#per-omrade">Hele departementets oversikt for {year}</a>
      </Paragraph>
    </section>
  );
}
