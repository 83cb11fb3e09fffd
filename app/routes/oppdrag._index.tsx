import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Pagination } from "~/components/pagination";
import { Alert, Button, Fieldset, Heading, Paragraph, Table } from "~/components/ds";
import { SelectField, TextField } from "~/components/form";
import { YearSelect } from "~/components/year-switcher";
import { AssignmentIdCell, AssignmentTitleLink, DeadlineAndStatusCells, DepartmentsCell } from "~/components/assignment-cells";
import { Choice } from "~/components/user-fields";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { queryAssignments, sortRows, tableRow, type ListRow } from "~/models/assignment-list.server";
import { listAreas, listDepartments, listGoals, listYears } from "~/models/assignment.server";
import { describeFilter, filterToSearch, PAGE_SIZE, readFilter, SORT_KEYS, SORT_LABELS, type AssignmentFilter } from "~/domain/assignment-filter";
import { searchSnippets } from "~/models/search.server";
import { saveFilter } from "~/models/saved-filter.server";
import { formText } from "~/lib/forms";
import { SearchSnippet } from "~/components/search-snippet";
import { formatDateLong, todayInOslo } from "~/domain/format";
import { SOON_DAYS } from "~/domain/attention";
import { STATUS_CODES, STATUS_LABELS } from "~/domain/status";
import { readAsOf } from "~/lib/as-of";
import { chooseYear } from "~/lib/urls";
import { AgencySelect } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.filter.year ? `Oppdrag ${data.filter.year} (${data.total} treff) – Oppdragsoversikt` : "Oppdrag – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const url = new URL(args.request.url);
  const asOf = readAsOf(url); // a malformed date is a 400 with a message, not silently ignored
  const db = getDatabase().db;
  const choice = await readAgencyChoice(db, url.searchParams);
  const agencyId = choice.multi ? (choice.agency?.id ?? null) : null;
  const years = await listYears(db, agencyId);
  const parsed = readFilter(url.searchParams);
  const year = chooseYear(parsed.year ? String(parsed.year) : null, years);
  // The agency stays in the URL only when there is a choice to keep.
  const filter: AssignmentFilter = { ...parsed, agency: choice.multi ? (choice.agency?.slug ?? null) : null, year };
  const agencies = { list: choice.agencies, multi: choice.multi };
  const today = asOf?.date ?? todayInOslo();
  const saved = url.searchParams.get("lagret") === "filter";
  if (year === null) return { years, filter, today, saved, total: 0, rows: [], pages: 1, areas: [], goals: [], departments: [], snippets: {}, agencies };
  const [all, areas, goals, departments] = await Promise.all([
    queryAssignments(db, { year, asOfInstant: asOf?.instant ?? null, today, filter, agencyId }),
    listAreas(db, year, agencyId),
    listGoals(db, year, agencyId),
    listDepartments(db),
  ]);
  const names = new Map(choice.agencies.map((a) => [a.slug, a.name]));
  // What the table renders (tableRow) and the list's own columns; the page sends no more.
  const withAgency = (r: ListRow) => ({
    ...tableRow(r, choice.multi ? r.agency : null),
    id: r.id,
    letterKind: r.letterKind,
    areaCode: r.areaCode,
    agencyName: choice.multi ? (names.get(r.agency) ?? null) : null,
  });
  const sorted = sortRows(all, filter.sort, filter.descending);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const shown = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const snippets = filter.query ? Object.fromEntries(await searchSnippets(db, filter.query, shown.map((r) => r.id))) : {};
  return {
    years,
    filter: { ...filter, page },
    today,
    saved,
    total: sorted.length,
    rows: shown.map(withAgency),
    snippets: snippets as Record<number, string>,
    pages,
    areas,
    goals,
    departments,
    agencies,
  };
}

/** Saves the current filter under a name for the signed-in user; it then shows on the start page. */
export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const form = await args.request.formData();
  const search = filterToSearch({ ...readFilter(new URLSearchParams(formText(form, "sok"))), page: 1 });
  const error = await saveFilter(getDatabase().db, user.id, formText(form, "navn"), search);
  if (error) return data({ error }, { status: 400 });
  return redirect(`/oppdrag${search}&lagret=filter`);
}

export default function AssignmentList() {
  const { years, filter, today, total, rows, pages, areas, goals, departments, snippets, saved, agencies } = useLoaderData<typeof loader>();
  const active = describeFilter(filter, SOON_DAYS);
  const saveError = useActionData<typeof action>()?.error;
  const agencyColumn = agencies.multi && !filter.agency;
  const sortLink = (key: AssignmentFilter["sort"]) =>
    filterToSearch(filter, { sort: key, descending: filter.sort === key ? !filter.descending : false, page: 1 });
  const ariaSort = (key: AssignmentFilter["sort"]) =>
    filter.sort === key ? (filter.descending ? "descending" : "ascending") : undefined;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Oppdrag {filter.year ?? ""}
        {filter.agency ? ` – ${agencies.list.find((a) => a.slug === filter.agency)?.name ?? ""}` : ""}
      </Heading>
      {filter.asOf ? (
        <Alert data-color="info">
          Status per {formatDateLong(filter.asOf)}.{" "}
          <AppLink to={filterToSearch(filter, { asOf: null }) || "?"}>Vis status nå</AppLink>
        </Alert>
      ) : null}
      <Form method="get" className="stack filters" aria-labelledby="filter-tittel">
        <Heading level={2} className="visually-hidden" id="filter-tittel">
          Filter
        </Heading>
        <div className="filter-row">
          {agencies.multi ? <AgencySelect agencies={agencies.list} current={filter.agency} all id="f-virksomhet" /> : null}
          <YearSelect years={years} current={filter.year} id="f-aar" />
          <TextField name="q" id="f-q" label="Søk i ID, tittel, tekst og kommentarer" type="search" defaultValue={filter.query} />
          <Button type="submit">Søk</Button>
          {active.length || filter.query ? (
            <AppLink to={`?aar=${filter.year ?? ""}${filter.agency ? `&virksomhet=${filter.agency}` : ""}`}>Nullstill filter</AppLink>
          ) : null}
        </div>
        {/* The other filters fold into one line that says which are set (#18 item 7). */}
        <details className="filter-more">
          <summary>
            Flere filtre
            {active.length ? (
              <>
                : <span className="filter-more__active">{active.join(" · ")}</span>
              </>
            ) : (
              <span className="muted"> (ingen valgt)</span>
            )}
          </summary>
          <div className="stack">
            <div className="filter-row">
              <SelectField id="f-omrade" name="omrade" label="Område" value={filter.area} empty="Alle" options={areas.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))} />
              <SelectField id="f-mal" name="mal" label="Mål" value={filter.goal} empty="Alle" options={goals.map((g) => ({ value: g.code }))} />
              <SelectField id="f-avdeling" name="avdeling" label="Avdeling" value={filter.department} empty="Alle" options={departments.map((d) => ({ value: d.code }))} />
            </div>
            <Fieldset>
              <Fieldset.Legend>Status</Fieldset.Legend>
              <div className="filter-row">
                {STATUS_CODES.map((s) => (
                  <Choice key={s} type="checkbox" id={`f-status-${s}`} name="status" value={s} label={STATUS_LABELS[s]} defaultChecked={filter.statuses.includes(s)} />
                ))}
              </div>
            </Fieldset>
            <div className="filter-row">
              <TextField name="frist_fra" id="f-frist-fra" label="Frist fra" type="date" defaultValue={filter.deadlineFrom ?? ""} />
              <TextField name="frist_til" id="f-frist-til" label="Frist til" type="date" defaultValue={filter.deadlineTo ?? ""} />
              <TextField name="per" id="f-per" label="Status per dato" type="date" defaultValue={filter.asOf ?? ""} />
            </div>
            <Fieldset>
              <Fieldset.Legend>Vis bare</Fieldset.Legend>
              <div className="filter-row">
                <Choice type="checkbox" id="f-forfalt" name="forfalt" value="1" label="Forfalte" defaultChecked={filter.overdue} />
                <Choice type="checkbox" id="f-snart" name="snart" value="1" label={`Frist innen ${SOON_DAYS} dager`} defaultChecked={filter.dueSoon} />
                <Choice type="checkbox" id="f-delleveranser" name="delleveranser" value="1" label="Med delleveranser" defaultChecked={filter.hasDeliverables} />
                <Choice type="checkbox" id="f-uten-id" name="uten_id" value="1" label="Uten ID" defaultChecked={filter.withoutId} />
              </div>
            </Fieldset>
            <div>
              <Button type="submit">Bruk filter</Button>
            </div>
          </div>
        </details>
        {filter.sort !== "id" ? <input type="hidden" name="sorter" value={filter.sort} /> : null}
        {filter.descending ? <input type="hidden" name="retning" value="synkende" /> : null}
      </Form>

      <Paragraph role="status" aria-live="polite" id="treff">
        {total === 1 ? "1 treff" : `${total} treff`}
        {pages > 1 ? ` – side ${filter.page} av ${pages}` : ""}
      </Paragraph>
      {total > 0 ? (
        <Paragraph className="filter-row">
          <span>Last ned som</span>
          <a href={`/oppdrag/eksport${filterToSearch({ ...filter, page: 1 }, {}) || "?"}&format=xlsx`} download>
            Excel<span className="visually-hidden"> (oppdragene i listen, med frister og senere brev)</span>
          </a>
          <span aria-hidden="true">/</span>
          <a href={`/oppdrag/eksport${filterToSearch({ ...filter, page: 1 }, {}) || "?"}&format=csv`} download>
            CSV<span className="visually-hidden"> (oppdragene i listen, med frister og senere brev)</span>
          </a>
        </Paragraph>
      ) : null}

      {rows.length === 0 ? (
        <Paragraph>Ingen oppdrag passer med filteret.</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table zebra border data-size="sm">
            <caption className="visually-hidden">Oppdrag som passer med filteret, sortert etter {SORT_LABELS[filter.sort].toLowerCase()}</caption>
            <thead>
              <tr>
                {(["id", "tittel", "omrade"] as const).map((k) => (
                  <th key={k} scope="col" aria-sort={ariaSort(k)}>
                    <AppLink to={sortLink(k)}>{SORT_LABELS[k]}</AppLink>
                  </th>
                ))}
                {agencyColumn ? <th scope="col">Virksomhet</th> : null}
                <th scope="col">Avdeling</th>
                {(["frist", "status"] as const).map((k) => (
                  <th key={k} scope="col" aria-sort={ariaSort(k)}>
                    <AppLink to={sortLink(k)}>{SORT_LABELS[k]}</AppLink>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <AssignmentIdCell row={r} />
                  <td>
                    <AssignmentTitleLink row={r} asOf={filter.asOf} />
                    {r.letterKind === "supplementary" ? <span className="muted"> (tillegg)</span> : null}
                    {snippets[r.id] ? <SearchSnippet marked={snippets[r.id]} /> : null}
                  </td>
                  <td>{r.areaCode ?? ""}</td>
                  {agencyColumn ? <td>{r.agencyName}</td> : null}
                  <DepartmentsCell departments={r.departments} />
                  <DeadlineAndStatusCells row={r} today={today} />
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <Pagination page={filter.page} pages={pages} to={(p) => filterToSearch(filter, { page: p })} numbered />
      {active.length || filter.query ? (
        <Form method="post" action={`/oppdrag?index`} className="filter-row" aria-label="Lagre filteret">
          <input type="hidden" name="sok" value={filterToSearch({ ...filter, page: 1 })} />
          <TextField name="navn" id="filter-navn" label="Lagre filteret som" error={saveError} maxLength={80} />
          <Button type="submit" variant="secondary">
            Lagre filter
          </Button>
          {saved ? (
            <span role="status" className="muted">
              Filteret er lagret. Du finner det på oversikten.
            </span>
          ) : null}
        </Form>
      ) : null}
      <Paragraph data-size="sm" className="muted">
        Sortert etter {SORT_LABELS[filter.sort].toLowerCase()}, {filter.descending ? "synkende" : "stigende"}. Mulige sorteringer:{" "}
        {SORT_KEYS.map((k) => SORT_LABELS[k]).join(", ")}.
      </Paragraph>
    </div>
  );
}
