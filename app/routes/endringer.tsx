import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Button, Heading, Paragraph, Table } from "~/components/ds";
import { TextField } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { listChangesSince } from "~/models/assignment-list.server";
import { listYears } from "~/models/assignment.server";
import { endOfDayInOslo, formatDateLong, formatDateTime, todayInOslo } from "~/domain/format";
import { isStatusCode, statusLabel } from "~/domain/status";
import { readDateParam } from "~/lib/as-of";
import { assignmentPath, chooseYear } from "~/lib/urls";
import { subDays, format, parseISO } from "date-fns";

export const meta: MetaFunction = () => [{ title: "Endringer – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const url = new URL(args.request.url);
  const since = readDateParam(url, "siden") ?? format(subDays(parseISO(todayInOslo()), 7), "yyyy-MM-dd");
  const db = getDb();
  const years = await listYears(db);
  const year = url.searchParams.get("aar") ? chooseYear(url.searchParams.get("aar"), years) : null;
  // "Changed since 1 March" means after the end of 1 March in Norway.
  const rows = await listChangesSince(db, endOfDayInOslo(since), year);
  return { since, year, rows };
}

export default function ChangesPage() {
  const { since, year, rows } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Endringer etter {formatDateLong(since)}
      </Heading>
      <AsOfDate since={since} year={year} />
      <Paragraph role="status">{rows.length === 1 ? "1 endring" : `${rows.length} endringer`}</Paragraph>
      {rows.length === 0 ? null : (
        <div className="table-wrap">
          <Table zebra border data-size="sm">
            <caption className="visually-hidden">Endringer, nyeste først</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Oppdrag</th>
                <th scope="col">Endring</th>
                <th scope="col">Av</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td className="nowrap">{formatDateTime(r.at)}</td>
                  <td>
                    <RemixLink to={assignmentPath(r.key)}>
                      {r.key.startsWith("uten-id") ? "" : `${r.key} `}
                      {r.title}
                    </RemixLink>
                  </td>
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

function AsOfDate({ since, year }: { since: string; year: number | null }) {
  return (
    <Form method="get" className="filter-row" aria-label="Velg dato">
      {year ? <input type="hidden" name="aar" value={year} /> : null}
      <TextField name="siden" id="siden" label="Vis endringer etter dato" type="date" defaultValue={since} />
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </Form>
  );
}
