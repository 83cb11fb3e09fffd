import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading, Paragraph, Table } from "~/components/ds";
import { TextField } from "~/components/form";
import { YearSelect } from "~/components/year-switcher";
import { StatusTag } from "~/components/status-tag";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getDb } from "~/db/connection.server";
import { listYears } from "~/db/queries.server";
import { loadReport } from "~/db/report.server";
import { formatDateLong } from "~/domain/format";
import { quickAsOfDates, REPORT_COLUMNS } from "~/domain/report";
import { readReportParams } from "~/lib/report-params";
import { assignmentPath } from "~/lib/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.report ? `Rapport ${data.report.year} per ${data.report.asOfDate} – Oppdragsoversikt` : "Rapport – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const db = getDb();
  const years = await listYears(db);
  const { year, asOfDate } = readReportParams(new URL(args.request.url), years);
  if (year === null || asOfDate === null) return { years, report: null, mayEdit: false };
  const report = await loadReport(db, { year, asOfDate, draft: false });
  return { years, report, mayEdit: can(user, "rapport:rediger") };
}

export default function ReportPage() {
  const { years, report, mayEdit } = useLoaderData<typeof loader>();
  if (!report) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Rapport
        </Heading>
        <Paragraph>Det er ikke lastet inn noen tildelingsbrev ennå.</Paragraph>
      </div>
    );
  }
  const q = `aar=${report.year}&per=${report.asOfDate}`;
  const textLink = (key: string) => `/rapport/tekst/${encodeURIComponent(key)}?${q}`;
  const exportLink = (format: string, draft: boolean, orientation?: string) =>
    `/rapport/eksport?${q}&format=${format}${draft ? "&utkast=1" : ""}${orientation ? `&retning=${orientation}` : ""}`;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Statusrapport for oppdrag {report.year}
      </Heading>
      <Form method="get" className="filter-row" aria-label="Velg år og dato">
        <YearSelect years={years} current={report.year} id="r-aar" />
        <TextField name="per" id="r-per" label="Status per dato" type="date" defaultValue={report.asOfDate} />
        <Button type="submit" variant="secondary">
          Vis rapport
        </Button>
      </Form>
      <nav aria-label="Hurtigvalg for dato">
        <ul className="status-counts">
          {quickAsOfDates(report.year).map((d) => (
            <li key={d.date}>
              {d.date === report.asOfDate ? (
                <strong aria-current="true">{d.label}</strong>
              ) : (
                <RemixLink to={`?aar=${report.year}&per=${d.date}`}>{d.label}</RemixLink>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <Paragraph>
        {report.rowCount} oppdrag, status per {formatDateLong(report.asOfDate)}.
      </Paragraph>

      <section aria-labelledby="mangler" className="stack">
        <Heading level={2} data-size="md" id="mangler">
          {report.missing.length === 0 ? "Alle oppdrag har forklaring" : `${report.missing.length} oppdrag mangler forklaring`}
        </Heading>
        {report.missing.length === 0 ? (
          <Paragraph>Alle oppdrag som ikke er fullført har en forklaring, slik tildelingsbrevet krever (punkt 4.2).</Paragraph>
        ) : (
          <>
            <Paragraph>
              Tildelingsbrevet krever en kortfattet forklaring for alle oppdrag som ikke er fullført. Den endelige rapporten kan ikke
              lages før disse har forklaring:
            </Paragraph>
            <ul>
              {report.missing.map((r) => (
                <li key={r.key}>
                  <RemixLink to={mayEdit ? textLink(r.key) : assignmentPath(r.key)}>
                    {r.id === "Uten ID" ? "" : `${r.id} `}
                    {r.title}
                  </RemixLink>{" "}
                  ({r.statusLabel})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="eksport" className="stack">
        <Heading level={2} data-size="md" id="eksport">
          Last ned
        </Heading>
        {report.missing.length === 0 ? (
          <ul className="status-counts">
            <li>
              <a href={exportLink("docx", false, "landscape")}>Endelig rapport, Word (liggende)</a>
            </li>
            <li>
              <a href={exportLink("docx", false, "portrait")}>Endelig rapport, Word (stående)</a>
            </li>
            <li>
              <a href={exportLink("xlsx", false)}>Endelig rapport, Excel</a>
            </li>
            <li>
              <a href={exportLink("csv", false)}>Endelig rapport, CSV</a>
            </li>
          </ul>
        ) : (
          <Alert data-color="warning">Den endelige rapporten kan ikke lastes ned før alle forklaringer er skrevet. Et utkast kan lastes ned.</Alert>
        )}
        <ul className="status-counts">
          <li>
            <a href={exportLink("docx", true, "landscape")}>Utkast, Word (liggende)</a>
          </li>
          <li>
            <a href={exportLink("docx", true, "portrait")}>Utkast, Word (stående)</a>
          </li>
          <li>
            <a href={exportLink("xlsx", true)}>Utkast, Excel</a>
          </li>
          <li>
            <a href={exportLink("csv", true)}>Utkast, CSV</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="forhandsvisning" className="stack">
        <Heading level={2} data-size="md" id="forhandsvisning">
          Forhåndsvisning
        </Heading>
        {report.areas.map((area) => {
          const id = `rapport-${area.code ?? "uten"}`.replace(/\./g, "-");
          return (
            <section key={area.code ?? "none"} aria-labelledby={id} className="stack">
              <Heading level={3} data-size="sm" id={id}>
                {area.heading}
              </Heading>
              <div className="table-wrap">
                <Table border data-size="sm" className="report-table">
                  <caption className="visually-hidden">Status for oppdrag i {area.heading}</caption>
                  <thead>
                    <tr>
                      {REPORT_COLUMNS.map((c) => (
                        <th key={c} scope="col">
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {area.rows.map((r) => (
                      <tr key={r.key} className={r.explanationMissing ? "row-missing" : undefined}>
                        <td className="nowrap">{r.id}</td>
                        <td>
                          <RemixLink to={assignmentPath(r.key)}>{r.title}</RemixLink>
                          {r.letterNote ? <div className="muted">{r.letterNote}</div> : null}
                        </td>
                        <td>{r.departments}</td>
                        <td>{r.deadline}</td>
                        <td>
                          <StatusTag status={r.status} />
                        </td>
                        <td>{r.description}</td>
                        <td>
                          {r.comment ? <span className="history__comment">{r.comment}</span> : null}
                          {r.explanationMissing ? <strong className="overdue">Mangler forklaring. </strong> : null}
                          {mayEdit ? (
                            <RemixLink to={textLink(r.key)} aria-label={`Skriv rapporttekst for ${r.id === "Uten ID" ? r.title : r.id}`}>
                              {r.comment ? "Endre" : "Skriv forklaring"}
                            </RemixLink>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
              <div className="stack">
                <Heading level={4} data-size="xs">
                  Samlet vurdering
                </Heading>
                <Paragraph className="history__comment">{area.assessment || <span className="muted">Ikke skrevet ennå.</span>}</Paragraph>
                {mayEdit && area.code ? (
                  <RemixLink to={`/rapport/vurdering/${encodeURIComponent(area.code)}?${q}`}>
                    {area.assessment ? "Endre samlet vurdering" : "Skriv samlet vurdering"} for {area.heading}
                  </RemixLink>
                ) : null}
              </div>
            </section>
          );
        })}
      </section>
    </div>
  );
}
