import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Fieldset, Heading, Paragraph, Table } from "~/components/ds";
import { Choice } from "~/components/user-fields";
import { TextField } from "~/components/form";
import { YearSelect } from "~/components/year-switcher";
import { StatusTag } from "~/components/status-tag";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getDatabase } from "~/db/connection.server";
import { listYears } from "~/models/assignment.server";
import { loadReportPreview, loadReportTextHistory } from "~/models/report.server";
import { formatDateLong, formatDateTime } from "~/domain/format";
import { ALL_AREAS, PREVIEW_COLUMNS, quickAsOfDates } from "~/domain/report";
import { readReportArea, readReportParams, reportPath } from "~/lib/report-params";
import { assignmentPath } from "~/lib/urls";
import { AgencySelect, AgencySwitcher } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";

/** The page shows this many versions of the texts; the Excel file has them all. */
const HISTORY_SHOWN = 300;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.report ? `${data.report.title} – Oppdragsoversikt` : "Rapport – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const db = getDatabase().db;
  const url = new URL(args.request.url);
  // The annual-report table is per agency: one at a time (the chosen one, else the user's own).
  const choice = await readAgencyChoice(db, url.searchParams, { required: true, preferred: user.agencies });
  const agencyId = choice.agency?.id ?? null;
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null, name: choice.multi ? (choice.agency?.name ?? null) : null };
  const years = await listYears(db, agencyId);
  const { year, asOfDate } = readReportParams(url, years);
  if (year === null || asOfDate === null) return { years, report: null, history: [], mayEdit: false, chosen: null, agency };
  const chosen = readReportArea(url);
  const [report, history] = await Promise.all([
    loadReportPreview(db, { year, asOfDate, area: chosen, agencyId }),
    loadReportTextHistory(db, year, asOfDate, HISTORY_SHOWN, agencyId),
  ]);
  return { years, report, history, mayEdit: can(user, "rapport:rediger", agencyId === null ? undefined : { agency: agencyId }), chosen, agency };
}

export default function ReportPage() {
  const { years, report, history, mayEdit, chosen, agency } = useLoaderData<typeof loader>();
  const slug = agency.current;
  // The latest version per assignment or area (history is newest first), and how many there are.
  const latest = new Map<string, { author: string; writtenAt: string; versions: number }>();
  for (const v of history) {
    const id = `${v.kind}:${v.target}`;
    const seen = latest.get(id);
    if (seen) seen.versions += 1;
    else latest.set(id, { author: v.author, writtenAt: v.writtenAt, versions: 1 });
  }
  const byline = (id: string) => {
    const v = latest.get(id);
    return v ? (
      <div className="muted byline">
        Skrevet av {v.author}, {formatDateTime(v.writtenAt)}
        {v.versions > 1 ? ` (${v.versions} versjoner)` : ""}
      </div>
    ) : null;
  };
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
  const exportLink = (format: string, draft: boolean) => `/rapport/eksport?${q}&format=${format}${draft ? "&utkast=1" : ""}`;
  const single = report.shown === ALL_AREAS ? null : (report.areas[0] ?? null);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {report.title}
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
                <AppLink to={reportPath(report.year, d.date, chosen, "", slug)}>{d.label}</AppLink>
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
        {mayEdit ? (
          <Paragraph>
            <AppLink to={`/rapport/forklaringer?${q}`}>Skriv alle forklaringer på én side</AppLink>
          </Paragraph>
        ) : null}
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
                    <AppLink to={mayEdit ? textLink(r.key) : assignmentPath(r.key, null, slug)}>
                      {r.id === "Uten ID" ? "" : `${r.id} `}
                      {r.title}
                    </AppLink>{" "}
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
        <Paragraph>
          Word og PDF er årsrapporttabellen per område (stående, status i ord); Excel og CSV har alle kolonnene, også beskrivelse av
          oppdraget. Andre valg står under.
        </Paragraph>
        {report.missingCount === 0 ? (
          <ul className="status-counts">
            <li>
              <a href={exportLink("docx", false)}>Endelig rapport, Word</a>
            </li>
            <li>
              <a href={exportLink("pdf", false)}>Endelig rapport, PDF</a>
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
            <a href={exportLink("docx", true)}>Utkast, Word</a>
          </li>
          <li>
            <a href={exportLink("pdf", true)}>Utkast, PDF</a>
          </li>
          <li>
            <a href={exportLink("xlsx", true)}>Utkast, Excel</a>
          </li>
          <li>
            <a href={exportLink("csv", true)}>Utkast, CSV</a>
          </li>
        </ul>
        <Form method="get" action="/rapport/eksport" reloadDocument className="stack export-options" aria-labelledby="eksportvalg">
          <Heading level={3} data-size="xs" id="eksportvalg">
            Last ned med valg
          </Heading>
          {slug ? <input type="hidden" name="virksomhet" value={slug} /> : null}
          <input type="hidden" name="aar" value={report.year} />
          <input type="hidden" name="per" value={report.asOfDate} />
          <div className="filter-row">
            <Fieldset>
              <Fieldset.Legend>Format</Fieldset.Legend>
              <Choice type="radio" id="eks-docx" name="format" value="docx" label="Word" defaultChecked />
              <Choice type="radio" id="eks-pdf" name="format" value="pdf" label="PDF" />
              <Choice type="radio" id="eks-xlsx" name="format" value="xlsx" label="Excel" />
            </Fieldset>
            <Fieldset>
              <Fieldset.Legend>Status vises som</Fieldset.Legend>
              <Choice type="radio" id="eks-ord" name="status" value="ord" label="Ord (I rute, Forsinket …)" defaultChecked />
              <Choice type="radio" id="eks-farger" name="status" value="farger" label="Fargekode (grønn, gul, rød) med forklaring" />
            </Fieldset>
            <Fieldset>
              <Fieldset.Legend>Sideretning (Word og PDF)</Fieldset.Legend>
              <Choice type="radio" id="eks-staaende" name="retning" value="portrait" label="Stående" defaultChecked />
              <Choice type="radio" id="eks-liggende" name="retning" value="landscape" label="Liggende" />
            </Fieldset>
            <Fieldset>
              <Fieldset.Legend>Innhold</Fieldset.Legend>
              <Choice type="checkbox" id="eks-beskrivelse" name="beskrivelse" value="1" label="Ta med et kort utdrag av oppdragsteksten" />
              <Choice
                type="checkbox"
                id="eks-utkast"
                name="utkast"
                value="1"
                label="Utkast (merket UTKAST)"
                defaultChecked={report.missingCount > 0}
              />
            </Fieldset>
          </div>
          <div>
            <Button type="submit" variant="secondary">
              Last ned
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="forhandsvisning" className="stack">
        <Heading level={2} data-size="md" id="forhandsvisning">
          Forhåndsvisning
        </Heading>
        <nav aria-label="Områder i rapporten" id="omrader">
          <ul className="status-counts area-nav">
            {report.areaLinks.map((a) => (
              <li key={a.param}>
                <AppLink
                  to={reportPath(report.year, report.asOfDate, a.param, "", slug)}
                  aria-current={report.shown === a.param ? "page" : undefined}
                >
                  {a.heading}
                </AppLink>{" "}
                <span className="muted">
                  ({a.count} oppdrag
                  {a.missing > 0 ? `, ${a.missing} uten forklaring` : ""})
                </span>
              </li>
            ))}
            <li>
              <AppLink to={reportPath(report.year, report.asOfDate, ALL_AREAS, "", slug)} aria-current={report.shown === ALL_AREAS ? "page" : undefined}>
                Alle områder
              </AppLink>{" "}
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
                          <AppLink to={assignmentPath(r.key, null, slug)}>{r.title}</AppLink>
                          {r.letterNote ? <div className="muted">{r.letterNote}</div> : null}
                        </td>
                        <td>
                          <StatusTag status={r.status} />
                        </td>
                        <td>
                          {r.comment ? <span className="history__comment">{r.comment}</span> : null}
                          {byline(`forklaring:${r.key}`)}
                          {r.explanationMissing ? <strong className="overdue">Mangler forklaring. </strong> : null}
                          {mayEdit ? (
                            <>
                              {" "}
                              <AppLink to={textLink(r.key)} aria-label={`${r.comment ? "Endre forklaring" : "Skriv forklaring"} for ${r.id === "Uten ID" ? r.title : r.id}`}>
                                {r.comment ? "Endre" : "Skriv forklaring"}
                              </AppLink>
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
                {area.code ? byline(`vurdering:${area.code}`) : null}
                {mayEdit && area.code ? (
                  <AppLink to={`/rapport/vurdering/${encodeURIComponent(area.code)}?${q}${withArea}`}>
                    {area.assessment ? "Endre samlet vurdering" : "Skriv samlet vurdering"} for {area.heading}
                  </AppLink>
                ) : null}
              </div>
            </section>
          );
        })}
      </section>

      <section aria-labelledby="teksthistorikk" className="stack">
        <Heading level={2} data-size="md" id="teksthistorikk">
          Historikk for rapporttekstene
        </Heading>
        {history.length === 0 ? (
          <Paragraph>Ingen forklaringer eller samlede vurderinger er skrevet for rapporten per {formatDateLong(report.asOfDate)} ennå.</Paragraph>
        ) : (
          <details>
            <summary>
              {history.length === HISTORY_SHOWN ? `De siste ${HISTORY_SHOWN} versjonene` : `${history.length} ${history.length === 1 ? "versjon" : "versjoner"}`}, sist{" "}
              {formatDateTime(history[0].writtenAt)} av {history[0].author}
            </summary>
            {history.length === HISTORY_SHOWN ? <Paragraph>Hele historikken er i Excel-filen (arket «Historikk»).</Paragraph> : null}
            <ol className="history">
              {history.map((v, i) => (
                <li key={i}>
                  <strong>{v.kind === "forklaring" ? "Forklaring" : "Samlet vurdering"}</strong> for {v.label}: {v.author}, {formatDateTime(v.writtenAt)}
                  <div className="history__comment">{v.text}</div>
                </li>
              ))}
            </ol>
          </details>
        )}
      </section>
    </div>
  );
}