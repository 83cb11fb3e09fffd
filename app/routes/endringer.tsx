import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Button, Heading, Paragraph, Table } from "~/components/ds";
import { TextField } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { listChangesSince } from "~/db/list.server";
import { listYears } from "~/db/queries.server";
import { endOfDayInOslo, formatDateLong, formatDateTime, todayInOslo } from "~/domain/format";
import { isStatusCode, statusLabel } from "~/domain/status";
import { readDateParam } from "~/lib/as-of";
import { assignmentPath, chooseYear } from "~/lib/urls";
import { AgencySwitcher } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";
import { subDays, format, parseISO } from "date-fns";

export const meta: MetaFunction = () => [{ title: "Endringer – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const url = new URL(args.request.url);
  const since = readDateParam(url, "siden") ?? format(subDays(parseISO(todayInOslo()), 7), "yyyy-MM-dd");
  const db = getDb();
  const choice = await readAgencyChoice(db, url.searchParams);
  const agencyId = choice.multi ? (choice.agency?.id ?? null) : null;
  const years = await listYears(db, agencyId);
  const year = url.searchParams.get("aar") ? chooseYear(url.searchParams.get("aar"), years) : null;
  // "Changed since 1 March" means after the end of 1 March in Norway.
  const all = await listChangesSince(db, endOfDayInOslo(since), year, 500, agencyId);
  const names = new Map(choice.agencies.map((a) => [a.slug, a.name]));
  const rows = all.map((r) => ({ ...r, agency: choice.multi ? r.agency : null, agencyName: choice.multi ? (names.get(r.agency) ?? null) : null }));
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null, multi: choice.multi };
  return { since, year, rows, agency };
}

export default function ChangesPage() {
  const { since, year, rows, agency } = useLoaderData<typeof loader>();
  const agencyColumn = agency.multi && !agency.current;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Endringer etter {formatDateLong(since)}
      </Heading>
      <AgencySwitcher agencies={agency.list} current={agency.current} keep={{ siden: since, aar: year }} />
      <AsOfDate since={since} year={year} agency={agency.current} />
      <Paragraph role="status">{rows.length === 1 ? "1 endring" : `${rows.length} endringer`}</Paragraph>
      {rows.length === 0 ? null : (
        <div className="table-wrap">
          <Table zebra border data-size="sm">
            <caption className="visually-hidden">Endringer, nyeste først</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Oppdrag</th>
                {agencyColumn ? <th scope="col">Virksomhet</th> : null}
                <th scope="col">Endring</th>
                <th scope="col">Av</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td className="nowrap">{formatDateTime(r.at)}</td>
                  <td>
                    <RemixLink to={assignmentPath(r.key, null, r.agency)}>
                      {r.key.startsWith("uten-id") ? "" : `${r.key} `}
                      {r.title}
                    </RemixLink>
                  </td>
                  {agencyColumn ? <td>{r.agencyName}</td> : null}
                  <td>
                    {r.kind === "status" && isStatusCode(r.what) ? `Status: ${statusLabel(r.what)}` : r.what}
                    {r.comment ? <div className="history__comment">{r.comment}</div> : null}
                  </td>
                  <td>{r.who}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </div>
  );
}

function AsOfDate({ since, year, agency }: { since: string; year: number | null; agency: string | null }) {
  return (
    <Form method="get" className="filter-row" aria-label="Velg dato">
      {year ? <input type="hidden" name="aar" value={year} /> : null}
      {agency ? <input type="hidden" name="virksomhet" value={agency} /> : null}
      <TextField name="siden" id="siden" label="Vis endringer etter dato" type="date" defaultValue={since} />
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </Form>
  );
}
