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
import { loadReportPreview } from "~/db/report.server";
import { formatDateLong } from "~/domain/format";
import { ALL_AREAS, PREVIEW_COLUMNS, quickAsOfDates } from "~/domain/report";
import { readReportArea, readReportParams, reportPath } from "~/lib/report-params";
import { assignmentPath } from "~/lib/urls";
import { AgencySelect, AgencySwitcher } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.report ? `Rapport ${data.report.year} per ${data.report.asOfDate} – Oppdragsoversikt` : "Rapport – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const db = getDb();
  const url = new URL(args.request.url);
  // The annual-report table is per agency: one at a time (the chosen one, else the user's own).
  const choice = await readAgencyChoice(db, url.searchParams, { required: true, preferred: user.agencies });
  const agencyId = choice.agency?.id ?? null;
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null, name: choice.multi ? (choice.agency?.name ?? null) : null };
  const years = await listYears(db, agencyId);
  const { year, asOfDate } = readReportParams(url, years);
  if (year === null || asOfDate === null) return { years, report: null, mayEdit: false, chosen: null, agency };
  const chosen = readReportArea(url);
  const report = await loadReportPreview(db, { year, asOfDate, area: chosen, agencyId });
  return { years, report, mayEdit: can(user, "rapport:rediger", agencyId === null ? undefined : { agency: agencyId }), chosen, agency };
}

export default function ReportPage() {
  const { years, report, mayEdit, chosen, agency } = useLoaderData<typeof loader>();
  const slug = agency.current;
  if (!report) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Rapport
        </Heading>
        <AgencySwitcher agencies={agency.list} current={agency.current} all={false} />
        <Paragraph>Det er ikke lastet inn noen tildelingsbrev ennå.</Paragraph>
      </div>
    );
  }
  const q = `${slug ? `virksomhet=${encodeURIComponent(slug)}&` : ""}aar=${report.year}&per=${report.asOfDate}`;
  // Edit pages return to the area shown when the user chose one (or the page showed one).
  const back = report.shown === ALL_AREAS ? chosen : report.shown;
  const withArea = back ? `&omrade=${encodeURIComponent(back)}` : "";
  const textLink = (key: string) => `/rapport/tekst/${encodeURIComponent(key)}?${q}${withArea}`;
  const exportLink = (format: string, draft: boolean, orientation?: string) =>
    `/rapport/eksport?${q}&format=${format}${draft ? "&utkast=1" : ""}${orientation ? `&retning=${orientation}` : ""}`;
  const single = report.shown === ALL_AREAS ? null : (report.areas[0] ?? null);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Statusrapport for oppdrag {report.year}
        {agency.name ? ` – ${agency.name}` : ""}
      </Heading>
      <Form method="get" className="filter-row" aria-label="Velg år og dato">
        {agency.list.length > 1 ? <AgencySelect agencies={agency.list} current={slug} all={false} id="r-virksomhet" /> : null}
        <YearSelect years={years} current={report.year} id="r-aar" />
        <TextField name="per" id="r-per" label="Status per dato" type="date" defaultValue={report.asOfDate} />
        {chosen ? <input type="hidden" name="omrade" value={chosen} /> : null}
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
                <RemixLink to={reportPath(report.year, d.date, chosen, "", slug)}>{d.label}</RemixLink>
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
          {report.missingCount === 0 ? "Alle oppdrag har forklaring" : `${report.missingCount} oppdrag mangler forklaring`}
        </Heading>
        {report.missingCount === 0 ? (
          <Paragraph>Alle oppdrag som ikke er fullført har en forklaring, slik tildelingsbrevet krever (punkt 4.2).</Paragraph>
        ) : (
          <>
            <Paragraph>
              Tildelingsbrevet krever en kortfattet forklaring for alle oppdrag som ikke er fullført. Den endelige rapporten kan ikke
              lages før {single ? "alle" : "disse"} har forklaring{single ? "." : ":"}
            </Paragraph>
            {single ? (
              <Paragraph>
                {report.missing.length > 0 ? `${report.missing.length} av dem er i ${single.heading}` : `Ingen av dem er i ${single.heading}`};{" "}
                <a href="#omrader">se antallet i de andre områdene</a>.
              </Paragraph>
            ) : null}
            {report.missing.length > 0 ? (
              <ul>
                {report.missing.map((r) => (
                  <li key={r.key}>
                    <RemixLink to={mayEdit ? textLink(r.key) : assignmentPath(r.key, null, slug)}>
                      {r.id === "Uten ID" ? "" : `${r.id} `}
                      {r.title}
                    </RemixLink>{" "}
                    ({r.statusLabel})
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="eksport" className="stack">
        <Heading level={2} data-size="md" id="eksport">
          Last ned
        </Heading>
        <Paragraph>Filene har hele tabellen for alle områder, også avdeling, frist og beskrivelse av oppdraget.</Paragraph>
        {report.missingCount === 0 ? (
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
        <nav aria-label="Områder i rapporten" id="omrader">
          <ul className="status-counts area-nav">
            {report.areaLinks.map((a) => (
              <li key={a.param}>
                <RemixLink
                  to={reportPath(report.year, report.asOfDate, a.param, "", slug)}
                  aria-current={report.shown === a.param ? "page" : undefined}
                >
                  {a.heading}
                </RemixLink>{" "}
                <span className="muted">
                  ({a.count} oppdrag
                  {a.missing > 0 ? `, ${a.missing} uten forklaring` : ""})
                </span>
              </li>
            ))}
            <li>
              <RemixLink to={reportPath(report.year, report.asOfDate, ALL_AREAS, "", slug)} aria-current={report.shown === ALL_AREAS ? "page" : undefined}>
                Alle områder
              </RemixLink>{" "}
              <span className="muted">({report.rowCount} oppdrag)</span>
            </li>
          </ul>
        </nav>
        {report.areas.map((area) => {
          const id = `rapport-${area.code ?? "uten"}`.replace(/\./g, "-");
          return (
            <section key={area.param} aria-labelledby={id} className="stack">
              <Heading level={3} data-size="sm" id={id}>
                {area.heading}
              </Heading>
              <div className="table-wrap">
                <Table border data-size="sm" className="report-table">
                  <caption className="visually-hidden">Status for oppdrag i {area.heading}</caption>
                  <thead>
                    <tr>
                      {PREVIEW_COLUMNS.map((c) => (
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
                          <RemixLink to={assignmentPath(r.key, null, slug)}>{r.title}</RemixLink>
                          {r.letterNote ? <div className="muted">{r.letterNote}</div> : null}
                        </td>
                        <td>
                          <StatusTag status={r.status} />
                        </td>
                        <td>
                          {r.comment ? <span className="history__comment">{r.comment}</span> : null}
                          {r.explanationMissing ? <strong className="overdue">Mangler forklaring. </strong> : null}
                          {mayEdit ? (
                            <>
                              {" "}
                              <RemixLink to={textLink(r.key)} aria-label={`${r.comment ? "Endre forklaring" : "Skriv forklaring"} for ${r.id === "Uten ID" ? r.title : r.id}`}>
                                {r.comment ? "Endre" : "Skriv forklaring"}
                              </RemixLink>
                            </>
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
                  <RemixLink to={`/rapport/vurdering/${encodeURIComponent(area.code)}?${q}${withArea}`}>
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
