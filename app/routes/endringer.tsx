import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Button, Heading, Paragraph, Table } from "~/components/ds";
import { SelectField, TextField } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { listAreas, listDepartments, listYears } from "~/models/assignment.server";
import { queryChanges } from "~/models/changes.server";
import { CHANGE_KIND_LABELS, CHANGE_KINDS, CHANGES_PAGE_SIZE, changeFilterToSearch, readChangeFilter } from "~/domain/change-filter";
import { describeChange, effectiveDay } from "~/domain/change-text";
import { formatDateLong, formatDateShort, formatDateTime, todayInOslo } from "~/domain/format";
import { lastVisitCookie, nextLastVisit, readLastVisit } from "~/lib/last-visit";
import { assignmentPath } from "~/lib/urls";
import { AgencySelect } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";
import { subDays, format, parseISO } from "date-fns";

export const meta: MetaFunction = () => [{ title: "Endringer – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const url = new URL(args.request.url);
  const today = todayInOslo();
  const db = getDatabase().db;
  const choice = await readAgencyChoice(db, url.searchParams);
  const agencyId = choice.multi ? (choice.agency?.id ?? null) : null;
  // An unknown agency in the URL means every agency, as on the list.
  const filter = { ...readChangeFilter(url.searchParams, format(subDays(parseISO(today), 7), "yyyy-MM-dd")), agency: choice.multi ? (choice.agency?.slug ?? null) : null };
  const years = await listYears(db, agencyId);
  const [areas, departments, result] = await Promise.all([
    listAreas(db, filter.year ?? years[0] ?? Number(today.slice(0, 4)), agencyId),
    listDepartments(db),
    queryChanges(db, filter, { limit: CHANGES_PAGE_SIZE, offset: (filter.page - 1) * CHANGES_PAGE_SIZE }),
  ]);
  const visit = readLastVisit(args.request.headers.get("Cookie"));
  const next = nextLastVisit(visit, today);
  const secure = url.protocol === "https:" || (process.env.PUBLIC_URL ?? "").startsWith("https:");
  return data(
    {
      filter,
      years,
      areas,
      departments,
      agency: { list: choice.agencies, multi: choice.multi },
      total: result.total,
      pages: Math.max(1, Math.ceil(result.total / CHANGES_PAGE_SIZE)),
      rows: result.rows.map((r) => ({
        ...r,
        // The agency in links and a column only when the register holds several.
        agency: choice.multi ? r.agency : null,
        day: effectiveDay(r.effective, (d) => todayInOslo(d)),
        what: describeChange(r),
      })),
      lastVisit: next.previous,
    },
    { headers: { "Set-Cookie": lastVisitCookie(next, secure) } },
  );
}

export default function ChangesPage() {
  const { filter, years, areas, departments, agency, total, pages, rows, lastVisit } = useLoaderData<typeof loader>();
  const basisText = filter.basis === "registrert" ? "registrert" : "med virkning";
  const agencyColumn = agency.multi && !filter.agency;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Endringer {basisText} etter {formatDateLong(filter.since)}
      </Heading>
      <Form method="get" className="stack" aria-label="Velg endringer">
        <div className="filter-row">
          <TextField name="siden" id="siden" label="Etter dato" type="date" defaultValue={filter.since} />
          <SelectField
            id="etter"
            name="etter"
            label="Regnet fra"
            value={filter.basis}
            options={[
              { value: "virkning", label: "Når endringen gjaldt" },
              { value: "registrert", label: "Når den ble registrert" },
            ]}
          />
          {agency.multi ? <AgencySelect agencies={agency.list} current={filter.agency} all id="e-virksomhet" /> : null}
          <SelectField id="e-aar" name="aar" label="År" value={filter.year ? String(filter.year) : ""} empty="Alle" options={years.map((y) => ({ value: String(y) }))} />
          <SelectField id="e-avdeling" name="avdeling" label="Avdeling" value={filter.department} empty="Alle" options={departments.map((d) => ({ value: d.code }))} />
          <SelectField id="e-omrade" name="omrade" label="Område" value={filter.area} empty="Alle" options={areas.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))} />
          <SelectField id="e-type" name="type" label="Type" value={filter.kind} empty="Alle" options={CHANGE_KINDS.map((k) => ({ value: k, label: CHANGE_KIND_LABELS[k] }))} />
          <Button type="submit" variant="secondary">
            Vis
          </Button>
        </div>
      </Form>
      <Paragraph className="filter-row">
        {lastVisit ? (
          <AppLink to={changeFilterToSearch(filter, { since: lastVisit, basis: "registrert", page: 1 })}>
            {`Siden forrige besøk (${formatDateShort(lastVisit)})`}
          </AppLink>
        ) : null}
        <a href={`/endringer/eksport${changeFilterToSearch(filter, { page: 1 })}`} download>
          Last ned som Excel
        </a>
      </Paragraph>
      <Paragraph role="status" id="antall-endringer">
        {total === 1 ? "1 endring" : `${total} endringer`}
        {pages > 1 ? ` – side ${filter.page} av ${pages}` : ""}
      </Paragraph>
      {rows.length === 0 ? null : (
        <div className="table-wrap">
          <Table zebra border data-size="sm">
            <caption className="visually-hidden">Endringer, nyeste først</caption>
            <thead>
              <tr>
                <th scope="col">Gjelder fra</th>
                <th scope="col">Oppdrag</th>
                {agencyColumn ? <th scope="col">Virksomhet</th> : null}
                <th scope="col">Endring</th>
                <th scope="col">Av, registrert</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td className="nowrap">
                    <time dateTime={r.day}>{formatDateShort(r.day)}</time>
                  </td>
                  <td>
                    <AppLink to={assignmentPath(r.key, null, r.agency)}>
                      {r.hasId ? `${r.key} ` : ""}
                      {r.title}
                    </AppLink>
                  </td>
                  {agencyColumn ? <td>{r.agencyName}</td> : null}
                  <td>
                    {r.what}
                    {r.comment ? <div className="history__comment">{r.comment}</div> : null}
                  </td>
                  <td>
                    {r.who}
                    <div className="muted">{formatDateTime(r.written)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <Pagination page={filter.page} pages={pages} to={(p) => changeFilterToSearch(filter, { page: p })} />
    </div>
  );
}
