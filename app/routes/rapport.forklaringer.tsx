import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { useEffect, useRef, type MouseEvent } from "react";
import { Alert, Button, Field, Heading, Label, Paragraph, Textarea, ValidationMessage } from "~/components/ds";
import { StatusTag } from "~/components/status-tag";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { listYears } from "~/models/assignment.server";
import { loadExplanationSheet, saveReportTexts, type ExplanationConflict } from "~/models/report.server";
import { formatDateLong, formatDateTime } from "~/domain/format";
import { explanationItems } from "~/domain/report";
import { reportTextSchema } from "~/domain/report-text.server";
import { formText, formTexts } from "~/lib/forms";
import { readReportParams, reportPath } from "~/lib/report-params";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Forklaringer til rapporten ${data.year} per ${data.asOfDate} – Oppdragsoversikt` : "Forklaringer – Oppdragsoversikt" },
];

/**
 * The report is per agency, like the report page the link comes from (`?virksomhet=`, else the
 * user's own agency); only a user who may edit that agency's report texts gets the page.
 */
async function params(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requireUser(args, "rapport:rediger");
  const db = getDatabase().db;
  const url = new URL(args.request.url);
  const choice = await readAgencyChoice(db, url.searchParams, { required: true, preferred: user.agencies });
  const agencyId = choice.agency?.id ?? null;
  const { year, asOfDate } = readReportParams(url, await listYears(db, agencyId));
  if (year === null || asOfDate === null) throw new Response("Det finnes ingen oppdrag å rapportere på.", { status: 404 });
  await requireUser(args, "rapport:rediger", agencyId === null ? undefined : { agency: agencyId });
  const agency = choice.multi ? (choice.agency?.slug ?? null) : null;
  return { db, url, user, year, asOfDate, agencyId, agency, agencyName: choice.multi ? (choice.agency?.name ?? null) : null, all: url.searchParams.get("alle") === "1" };
}

function pagePath(year: number, asOfDate: string, all: boolean, agency: string | null, saved?: number) {
  const v = agency ? `virksomhet=${encodeURIComponent(agency)}&` : "";
  return `/rapport/forklaringer?${v}aar=${year}&per=${asOfDate}${all ? "&alle=1" : ""}${saved !== undefined ? `&lagret=${saved}` : ""}`;
}

export async function loader(args: LoaderFunctionArgs) {
  const { db, url, year, asOfDate, all, agencyId, agency, agencyName } = await params(args);
  const items = await loadExplanationSheet(db, { year, asOfDate, agencyId });
  const { shown, missing } = explanationItems(items, all);
  const saved = Number(url.searchParams.get("lagret"));
  return {
    year,
    asOfDate,
    all,
    agency,
    agencyName,
    items: shown,
    missing,
    total: items.length,
    saved: Number.isInteger(saved) && saved >= 0 && url.searchParams.has("lagret") ? saved : null,
  };
}

interface ActionResult {
  saved: number;
  errors: Record<string, string>;
  conflicts: ExplanationConflict[];
  /** What the writer typed, by assignment key, to keep it. */
  typed: Record<string, string>;
  /** Text taken over from the latest comment (the one-action choice without JavaScript). */
  adopted?: string;
}

export async function action(args: ActionFunctionArgs) {
  const { db, user, year, asOfDate, all, agencyId, agency } = await params(args);
  const form = await args.request.formData();
  const keys = formTexts(form, "key").map((k) => k.slice(0, 200));
  const versions = formTexts(form, "versjon");
  const texts = formTexts(form, "tekst");
  const typed: Record<string, string> = {};
  keys.forEach((key, i) => (typed[key] = (texts[i] ?? "").slice(0, 20000)));

  // "Bruk siste kommentar" without JavaScript: fill that field, save nothing yet.
  const adopt = formText(form, "bruk-kommentar");
  if (adopt) {
    const items = await loadExplanationSheet(db, { year, asOfDate, agencyId });
    const item = items.find((i) => i.key === adopt);
    if (item?.latestComment) typed[adopt] = item.latestComment;
    return data<ActionResult>({ saved: 0, errors: {}, conflicts: [], typed, adopted: adopt });
  }

  const errors: Record<string, string> = {};
  const submissions = keys.map((key, i) => {
    const parsed = reportTextSchema.safeParse(texts[i] ?? "");
    if (!parsed.success && (texts[i] ?? "").trim() !== "") errors[key] = parsed.error.issues[0].message;
    const version = Number(versions[i]);
    return { key, text: parsed.success ? parsed.data : "", baseVersion: Number.isInteger(version) && version >= 0 ? version : -1 };
  });
  if (keys.length === 0 || keys.length !== versions.length || keys.length !== texts.length) {
    return data<ActionResult>({ saved: 0, errors: { _form: "Skjemaet er ufullstendig. Last siden på nytt og prøv igjen." }, conflicts: [], typed }, { status: 400 });
  }
  if (Object.keys(errors).length > 0) return data<ActionResult>({ saved: 0, errors, conflicts: [], typed }, { status: 400 });

  const result = await saveReportTexts(db, year, asOfDate, submissions, user.actor, new Date(), agencyId);
  for (const key of result.empty) errors[key] = "Forklaringen kan ikke være tom. Skriv en forklaring, eller la den stå som den var.";
  if (result.conflicts.length === 0 && result.empty.length === 0) {
    throw redirect(`${pagePath(year, asOfDate, all, agency, result.saved.length)}#bekreftelse`);
  }
  return data<ActionResult>({ saved: result.saved.length, errors, conflicts: result.conflicts, typed }, { status: result.conflicts.length ? 409 : 400 });
}

export default function ExplanationsPage() {
  const { year, asOfDate, all, agency, agencyName, items, missing, total, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const message = useRef<HTMLDivElement>(null);
  const conflicts = new Map((result?.conflicts ?? []).map((c) => [c.key, c]));
  const errors = result?.errors ?? {};
  const problems = (result?.conflicts.length ?? 0) + Object.keys(errors).length;
  const signature = `${saved}|${result ? JSON.stringify([result.saved, result.conflicts.map((c) => c.version), Object.keys(errors)]) : ""}`;

  // After a save (or a refused one), focus moves to the message that says what happened.
  useEffect(() => {
    if (saved !== null || (result && !result.adopted)) message.current?.focus();
  }, [signature, saved, result]);

  const adoptInBrowser = (key: string, comment: string) => (event: MouseEvent<HTMLButtonElement>) => {
    const field = document.getElementById(`tekst-${key}`) as HTMLTextAreaElement | null;
    if (!field) return;
    event.preventDefault();
    field.value = comment;
    field.focus();
  };

  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Forklaringer til rapporten {year}
        {agencyName ? ` – ${agencyName}` : ""}
      </Heading>
      <Paragraph>
        Status per {formatDateLong(asOfDate)}. Tildelingsbrevet krever en kortfattet forklaring for alle oppdrag som ikke er fullført.{" "}
        <AppLink to={reportPath(year, asOfDate, null, "", agency)}>Tilbake til rapporten</AppLink>
      </Paragraph>

      <div id="bekreftelse" ref={message} tabIndex={-1} className="stack">
        {result && problems > 0 ? (
          <Alert data-color={result.conflicts.length ? "warning" : "danger"} role="alert">
            <Heading level={2} data-size="xs">
              {result.saved > 0 ? `${result.saved} ${result.saved === 1 ? "forklaring er lagret" : "forklaringer er lagret"}, men ` : ""}
              {problems === 1 ? "én forklaring er ikke lagret" : `${problems} forklaringer er ikke lagret`}
            </Heading>
            {result.conflicts.length > 0 ? (
              <Paragraph>
                Noen andre har lagret en nyere tekst mens du skrev. Den nyere teksten står over feltet ditt, og teksten din er tatt vare
                på. Se over, og lagre på nytt hvis din skal gjelde.
              </Paragraph>
            ) : null}
            <ul>
              {[...result.conflicts.map((c) => c.key), ...Object.keys(errors).filter((k) => k !== "_form")].map((key) => (
                <li key={key}>
                  <a href={`#tekst-${key}`}>{items.find((i) => i.key === key)?.id ?? key}</a>: {errors[key] ?? "en nyere tekst er lagret"}
                </li>
              ))}
              {errors._form ? <li>{errors._form}</li> : null}
            </ul>
          </Alert>
        ) : saved !== null && !result ? (
          <Alert data-color="success">
            {saved === 0 ? "Ingen endringer å lagre." : saved === 1 ? "1 forklaring er lagret." : `${saved} forklaringer er lagret.`}{" "}
            {missing === 0 ? "Alle oppdrag har forklaring; den endelige rapporten kan lastes ned." : `${missing} oppdrag mangler fortsatt forklaring.`}
          </Alert>
        ) : null}
      </div>

      <Heading level={2} data-size="md" id="mangler-antall">
        {missing === 0 ? "Alle oppdrag har forklaring" : `${missing} oppdrag mangler forklaring`}
      </Heading>
      <nav aria-label="Hvilke oppdrag">
        <ul className="status-counts">
          <li>
            {all ? <AppLink to={pagePath(year, asOfDate, false, agency)}>Vis oppdrag som ikke er fullført</AppLink> : <strong aria-current="true">Oppdrag som ikke er fullført</strong>}
          </li>
          <li>
            {all ? <strong aria-current="true">Alle {total} oppdrag</strong> : <AppLink to={pagePath(year, asOfDate, true, agency)}>Vis alle {total} oppdrag</AppLink>}
          </li>
        </ul>
      </nav>

      {items.length === 0 ? (
        <Paragraph>Alle oppdrag er fullført; ingen forklaring trengs.</Paragraph>
      ) : (
        <Form method="post" action={pagePath(year, asOfDate, all, agency)} className="stack" noValidate aria-label="Forklaringer">
          <ol className="explanations">
            {items.map((item) => {
              const fieldId = `tekst-${item.key}`;
              const conflict = conflicts.get(item.key);
              const error = errors[item.key];
              const typed = result?.typed[item.key];
              const described = [`${fieldId}-om`, conflict ? `${fieldId}-nyere` : null, error ? `${fieldId}-feil` : null].filter(Boolean).join(" ");
              return (
                <li key={item.key} className={`explanation stack${item.explanationMissing ? " row-missing" : ""}`}>
                  <input type="hidden" name="key" value={item.key} />
                  <input type="hidden" name="versjon" value={conflict ? conflict.version : item.version} />
                  <Field>
                    <Label htmlFor={fieldId}>
                      {item.id === "Uten ID" ? "" : `${item.id} `}
                      {item.title}
                    </Label>
                    <div id={`${fieldId}-om`} className="muted explanation__facts">
                      Status: <StatusTag status={item.status} />. Frist: {item.deadlines.join("; ") || "ikke oppgitt"}.{" "}
                      {item.explanationMissing ? <strong className="overdue">Mangler forklaring.</strong> : null}
                      {item.author && item.writtenAt ? (
                        <>
                          {" "}
                          Sist skrevet av {item.author} {formatDateTime(item.writtenAt)}
                          {item.versions > 1 ? ` (${item.versions} versjoner)` : ""}.
                        </>
                      ) : null}
                    </div>
                    {item.latestComment ? (
                      <div className="explanation__comment">
                        <span className="muted">Siste kommentar: </span>
                        <span className="history__comment">{item.latestComment}</span>{" "}
                        <Button
                          type="submit"
                          name="bruk-kommentar"
                          value={item.key}
                          variant="tertiary"
                          data-size="sm"
                          aria-label={`Bruk som forklaring for ${item.id === "Uten ID" ? item.title : item.id} (siste kommentar)`}
                          onClick={adoptInBrowser(item.key, item.latestComment)}
                        >
                          Bruk som forklaring
                        </Button>
                      </div>
                    ) : null}
                    {conflict ? (
                      <div id={`${fieldId}-nyere`} className="explanation__conflict">
                        <strong>
                          Nyere tekst av {conflict.author}, {formatDateTime(conflict.writtenAt)}:
                        </strong>{" "}
                        <span className="history__comment">{conflict.text}</span>
                      </div>
                    ) : null}
                    <Textarea
                      id={fieldId}
                      name="tekst"
                      rows={3}
                      defaultValue={typed ?? item.text ?? ""}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={described}
                    />
                    {error ? <ValidationMessage id={`${fieldId}-feil`}>{error}</ValidationMessage> : null}
                  </Field>
                </li>
              );
            })}
          </ol>
          <div className="filter-row">
            <Button type="submit" name="lagre" value="1" disabled={navigation.state === "submitting"}>
              Lagre alle forklaringer
            </Button>
            <AppLink to={reportPath(year, asOfDate, null, "", agency)}>Tilbake til rapporten</AppLink>
          </div>
        </Form>
      )}
    </div>
  );
}
