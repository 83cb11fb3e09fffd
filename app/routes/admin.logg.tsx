import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { Button, Heading, Paragraph, Table } from "~/components/ds";
import { SelectField, TextField } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { listAudit, listAuditActions } from "~/models/audit.server";
import { getDatabase } from "~/db/connection.server";
import { formatDateTime } from "~/domain/format";

export const meta: MetaFunction = () => [{ title: "Revisjonslogg – Oppdragsoversikt" }];

const isoDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "logg:les");
  const url = new URL(args.request.url);
  const filter = {
    action: url.searchParams.get("handling")?.slice(0, 60) || null,
    actor: url.searchParams.get("hvem")?.slice(0, 120) || null,
    from: isoDate(url.searchParams.get("fra")),
    to: isoDate(url.searchParams.get("til")),
    page: Math.max(1, Math.min(10_000, Number(url.searchParams.get("side")) || 1)),
  };
  const db = getDatabase().db;
  const [result, actions] = await Promise.all([listAudit(db, filter), listAuditActions(db)]);
  return { ...result, actions, filter };
}

export default function AuditPage() {
  const { rows, total, page, pageSize, actions, filter } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const params = new URLSearchParams();
    if (filter.action) params.set("handling", filter.action);
    if (filter.actor) params.set("hvem", filter.actor);
    if (filter.from) params.set("fra", filter.from);
    if (filter.to) params.set("til", filter.to);
    params.set("side", String(p));
    return `?${params}`;
  };
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Revisjonslogg
      </Heading>
      <Paragraph>Alle endringer og innlogginger. Loggen kan ikke endres eller slettes.</Paragraph>
      <Form method="get" className="filter-row">
        <SelectField id="handling" name="handling" label="Handling" value={filter.action} empty="Alle" options={actions.map((a) => ({ value: a }))} />
        <TextField name="hvem" id="hvem" label="Hvem (navn eller e-post)" defaultValue={filter.actor ?? ""} />
        <TextField name="fra" id="fra" label="Fra dato" type="date" defaultValue={filter.from ?? ""} />
        <TextField name="til" id="til" label="Til dato" type="date" defaultValue={filter.to ?? ""} />
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
      </Form>
      <Paragraph role="status">{total} hendelser</Paragraph>
      <div className="table-wrap" role="region" aria-label="Hendelser i revisjonsloggen" tabIndex={0}>
        <Table zebra border data-size="sm">
          <caption className="visually-hidden">Hendelser i revisjonsloggen</caption>
          <thead>
            <tr>
              <th scope="col">Tid</th>
              <th scope="col">Hvem</th>
              <th scope="col">Handling</th>
              <th scope="col">Gjelder</th>
              <th scope="col">Detaljer</th>
              <th scope="col">Fra adresse</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatDateTime(r.created_at)}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>{r.target ?? ""}</td>
                <td className="details-cell">{r.details ?? ""}</td>
                <td>{r.ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <Pagination page={page} pages={pages} to={pageLink} />
    </div>
  );
}
