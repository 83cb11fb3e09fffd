import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { LetterText } from "~/components/letter-text";
import { useEffect, useRef } from "react";
import { Alert, Button, Heading, Link, Paragraph, Table } from "~/components/ds";
import { AgreeDeadlineForm } from "~/components/agree-form";
import { StatusForm } from "~/components/status-form";
import { can } from "~/auth/permissions";
import { getDatabase } from "~/db/connection.server";
import { findAssignmentForWrite, recordDelivery, recordStatusUpdate } from "~/models/status-event.server";
import { deliverableSchema, statusUpdateSchema } from "~/domain/status-update.server";
import { readAsOf } from "~/lib/as-of";
import { fieldErrors, formText } from "~/lib/forms";
import { DeadlineText } from "~/components/deadline-text";
import { StatusTag } from "~/components/status-tag";
import { requireUser } from "~/auth/guards.server";
import { assignmentsWithKey, getAssignmentDetail } from "~/models/assignment.server";
import { AGENCY_PARAM, withAgency } from "~/domain/agency";
import { listAgencies } from "~/models/agency.server";
import { formatDateLong, formatDateShort, formatDateTime, formatLineRange, todayInOslo } from "~/domain/format";
import { letterLine, PART_KIND_LABELS } from "~/domain/parts";
import { RELATION_LABELS } from "~/domain/relations";
import { statusLabel } from "~/domain/status";
import { assignmentPath } from "~/lib/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.assignment.hasId ? `${data.assignment.key} ` : ""}${data.assignment.title} – Oppdragsoversikt` : "Fant ikke oppdraget – Oppdragsoversikt" },
];

async function loadDetail(key: string, agency: string | null, asOf: string | null = null) {
  if (key.length > 200) throw new Response("Ugyldig oppdrags-ID.", { status: 400 });
  const db = getDatabase().db;
  // Keys are unique per agency: a key two agencies use, asked for without the agency, goes to
  // the list of both (`?virksomhet=` picks one).
  const all = await assignmentsWithKey(db, key);
  const matches = agency ? all.filter((m) => m.slug === agency) : all;
  if (matches.length > 1) throw redirect(`/oppdrag?q=${encodeURIComponent(key)}`);
  const detail = matches[0] ? await getAssignmentDetail(db, key, { asOf, agencyId: matches[0].agency_id }) : null;
  if (!detail) {
    throw new Response(`Fant ikke oppdraget «${key.slice(0, 60)}». Sjekk ID-en, eller finn oppdraget i oversikten.`, {
      status: 404,
    });
  }
  return detail;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  const asOf = readAsOf(url);
  const detail = await loadDetail(args.params.id ?? "", url.searchParams.get(AGENCY_PARAM), asOf?.instant ?? null);
  const owners = detail.departments.map((d) => d.code);
  const target = { owners, agency: detail.assignment.agency_id };
  const multi = (await listAgencies(getDatabase().db)).length > 1;
  return {
    ...detail,
    /** The agency's slug for links, when the register holds several agencies. */
    agency: multi ? detail.assignment.agency_slug : null,
    asOf: asOf?.date ?? null,
    saved: url.searchParams.get("lagret"),
    today: todayInOslo(),
    may: {
      updateStatus: can(user, "status:oppdater", target),
      updateDeliverables: can(user, "leveranse:oppdater", target),
      correct: can(user, "brev:importer"),
      agreeDeadlines: can(user, "frist:avtal", owners),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  // Signed in before anything is looked up: an anonymous POST must not learn whether an ID exists.
  await requireUser(args);
  const form = await args.request.formData();
  const intent = formText(form, "intent");
  const app = getDatabase();
  // Writes need only the assignment's id and owners (one prepared statement), not the whole page.
  const agency = new URL(args.request.url).searchParams.get(AGENCY_PARAM);
  const detail = findAssignmentForWrite(app, (args.params.id ?? "").slice(0, 200), agency);
  if (!detail) throw new Response("Fant ikke oppdraget.", { status: 404 });
  const target = { owners: detail.owners, agency: detail.agency };
  const back = (saved: string, hash: string) => `${new URL(args.request.url).pathname}?${agency ? `${AGENCY_PARAM}=${encodeURIComponent(agency)}&` : ""}lagret=${saved}#${hash}`;

  if (intent === "status") {
    const user = await requireUser(args, "status:oppdater", target);
    const raw = { status: form.get("status") ?? "", comment: form.get("comment") ?? "", version: form.get("version") ?? "" };
    const values = { status: typeof raw.status === "string" ? raw.status : "", comment: typeof raw.comment === "string" ? raw.comment.slice(0, 10_000) : "" };
    const parsed = statusUpdateSchema.safeParse(raw);
    if (!parsed.success) return data({ intent: "status" as const, errors: fieldErrors(parsed.error), values }, { status: 400 });
    const result = await recordStatusUpdate(app, {
      assignmentId: detail.id,
      baseVersion: parsed.data.version,
      status: parsed.data.status,
      comment: parsed.data.comment || null,
      actor: user.actor,
    });
    if (!result.ok && result.reason === "conflict") {
      return data({ intent: "status" as const, values, conflict: result.current, version: result.version }, { status: 409 });
    }
    if (!result.ok) throw new Response("Fant ikke oppdraget.", { status: 404 });
    return redirect(back("status", "lagret"));
  }

  if (intent === "leveranse") {
    const user = await requireUser(args, "leveranse:oppdater", target);
    const parsed = deliverableSchema.safeParse({
      deadlineId: form.get("deadlineId"),
      delivered: form.get("delivered"),
      deliveredOn: form.get("deliveredOn") ?? undefined,
    });
    if (!parsed.success) {
      return data({ intent: "leveranse" as const, deadlineId: formText(form, "deadlineId"), errors: fieldErrors(parsed.error) }, { status: 400 });
    }
    const result = await recordDelivery(app, {
      assignmentId: detail.id,
      deadlineId: parsed.data.deadlineId,
      deliveredOn: parsed.data.delivered === "ja" ? (parsed.data.deliveredOn ?? null) : null,
      actor: user.actor,
    });
    if (!result.ok && result.reason === "not_found") {
      return data({ intent: "leveranse" as const, deadlineId: String(parsed.data.deadlineId), errors: { deliveredOn: "Ukjent delleveranse for dette oppdraget." } as Record<string, string> }, { status: 400 });
    }
    return redirect(back("leveranse", "lagret"));
  }

  await requireUser(args);
  return data({ intent: "ukjent" as const, deadlineId: "", errors: { _form: "Ukjent handling." } as Record<string, string> }, { status: 400 });
}

/**
 * Remix skips reloading the page's data after an action answers 4xx. After a 409 the data is
 * exactly what changed (someone else saved): reload it so the status, history and version shown
 * agree with the alert, as they do without JavaScript. Other refusals (400) change nothing.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

/** Focus the confirmation after a save (also after a client-side redirect to the same page). */
function useFocusOnSaved(saved: string | null) {
  const ref = useRef<HTMLDivElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (saved) ref.current?.focus();
  }, [saved, location.key]);
  return ref;
}

const SAVED: Record<string, string> = {
  "1": "Den avtalte fristen er lagret.",
  opprettet: "Oppdraget er opprettet.",
  rettet: "Rettelsen er lagret.",
  status: "Statusen er lagret.",
  leveranse: "Leveransen er lagret.",
};

export default function AssignmentPage() {
  const { assignment: a, departments, deadlines, outgoing, incoming, events, changes, parts, asOf, saved, may, today, agency } =
    useLoaderData<typeof loader>();
  const invalidDeadlines = deadlines.filter((d) => d.letterState === "invalid");
  const partLetter = new Map(parts.map((p) => [p.id, p]));
  const actionData = useActionData<typeof action>();
  const savedRef = useFocusOnSaved(saved && SAVED[saved] && !actionData ? saved : null);
  const statusState = actionData && actionData.intent === "status" ? actionData : undefined;
  const deliveryState = actionData && actionData.intent === "leveranse" ? actionData : undefined;
  const letterText = letterLine({ title: a.letter_title, reference: a.letter_reference, date: a.letter_date }, formatDateLong);
  return (
    <article className="stack" aria-labelledby="oppdrag-tittel">
      <Paragraph>
        <Link asChild>
          <AppLink to={withAgency(`/oppdrag?aar=${a.year}`, agency, agency ? 2 : 1)}>Alle oppdrag {a.year}{agency ? ` – ${a.agency_name}` : ""}</AppLink>
        </Link>
      </Paragraph>
      <Heading level={1} data-size="lg" id="oppdrag-tittel">
        {a.hasId ? `${a.key} ` : ""}
        {a.title}
      </Heading>
      {asOf ? (
        <Alert data-color="info">
          Du ser oppdraget slik det stod per {formatDateLong(asOf)}.{" "}
          <AppLink to={assignmentPath(a.key, null, agency)}>Vis slik det er nå</AppLink>
        </Alert>
      ) : null}
      {a.known_only_from_letter ? (
        <Alert data-color="warning">
          Oppdraget er bare kjent fra «{letterText}». Brevet som ga oppdraget ({a.year}) er ikke importert, så opprinnelig tekst, område og
          frister kan mangle.
        </Alert>
      ) : null}
      {a.exempt ? (
        <Alert data-color="info">
          Teksten i dette oppdraget er unntatt offentlighet{a.announced_only ? " og står ikke i brevet (se eget vedlegg)" : ""}.
          {departments.length === 0 ? " Ansvarlig avdeling er ikke kjent før en administrator setter den." : ""}
        </Alert>
      ) : a.announced_only ? (
        <Alert data-color="info">Oppdraget er varslet i brevet uten tekst (ettersendes).</Alert>
      ) : null}
      {invalidDeadlines.length > 0 ? (
        <Alert data-color="warning">
          Brevet gir en ugyldig dato:{" "}
          {invalidDeadlines.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ", " : ""}
              <q>{d.phrase}</q>
            </span>
          ))}
          . Fristen er lagret uten dato og må avklares eller rettes.
        </Alert>
      ) : null}
      {saved && SAVED[saved] && !actionData ? (
        // Focused on arrival (autoFocus works without JavaScript; the hook after client-side redirects).
        // eslint-disable-next-line jsx-a11y/no-autofocus -- a status message focused on purpose
        <Alert data-color="success" role="status" id="lagret" tabIndex={-1} autoFocus ref={savedRef}>
          {SAVED[saved]}
        </Alert>
      ) : null}
      <dl className="facts">
        {agency ? (
          <>
            <dt>Virksomhet</dt>
            <dd>{a.agency_name}</dd>
          </>
        ) : null}
        <dt>Status{asOf ? ` per ${formatDateShort(asOf)}` : ""}</dt>
        <dd>
          <StatusTag status={a.status} />
        </dd>
        <dt>ID</dt>
        <dd>{a.hasId ? a.key : "Oppdraget har ingen ID i brevet"}</dd>
        <dt>Eieravdeling</dt>
        <dd>
          {departments.length
            ? departments.map((d, i) => (
                <span key={d.code}>
                  {i > 0 ? ", " : ""}
                  <AppLink to={`/avdeling/${encodeURIComponent(d.code)}`}>{d.name ? `${d.code} (${d.name})` : d.code}</AppLink>
                </span>
              ))
            : "Ikke oppgitt i brevet"}
        </dd>
        <dt>Område</dt>
        <dd>{a.area_code ? `${a.area_code} ${a.area_name ?? ""}`.trim() : "Ikke oppgitt"}</dd>
        {a.goal_code ? (
          <>
            <dt>Mål</dt>
            <dd>{a.goal_title ? `${a.goal_code}: ${a.goal_title}` : a.goal_code}</dd>
          </>
        ) : null}
        <dt>Gitt i</dt>
        <dd>
          {letterText} {a.source_line !== null ? <span className="muted">({formatLineRange(a.source_line, a.source_end_line)} i kildeteksten)</span> : null}
        </dd>
      </dl>

      {(may.updateStatus || may.correct) && !asOf ? (
        <Paragraph className="filter-row">
          {may.updateStatus ? <a href="#oppdater">Gå til oppdatering av status</a> : null}
          {may.correct ? <AppLink to={withAgency(`/admin/oppdrag/${encodeURIComponent(a.key)}`, agency, agency ? 2 : 1)}>Rett oppdraget</AppLink> : null}
        </Paragraph>
      ) : null}
      <div className={may.updateStatus && !asOf ? "detail-layout" : undefined}>
      <div className="stack detail-layout__main">
      <section aria-labelledby="frister" className="stack">
        <Heading level={2} data-size="md" id="frister">
          Frister og delleveranser
        </Heading>
        {deadlines.length === 0 ? (
          <Paragraph>Ingen frister registrert.</Paragraph>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="frister" tabIndex={0}>
            <Table border data-size="sm">
              <thead>
                <tr>
                  <th scope="col">Leveranse</th>
                  <th scope="col">Frist</th>
                  <th scope="col">Slik står det i brevet</th>
                  <th scope="col">Levert</th>
                </tr>
              </thead>
              <tbody>
                {deadlines.map((d) => {
                  const error = deliveryState && deliveryState.deadlineId === String(d.id) ? deliveryState.errors : undefined;
                  const label = d.label ?? "Oppdraget";
                  return (
                    <tr key={d.id}>
                      <td>
                        {label}
                        {d.partId !== null && partLetter.get(d.partId) ? (
                          <div className="muted">Fra {partLetter.get(d.partId)!.letter_title}</div>
                        ) : null}
                      </td>
                      <td>
                        <DeadlineText deadline={d} />
                        {d.state === "dated" && d.date && d.date < today && !d.delivery?.delivered_on && a.status !== "fullfort" ? (
                          <span className="overdue"> Fristen er passert</span>
                        ) : null}
                      </td>
                      <td>
                        {d.is_default ? <span className="muted">{d.phrase}</span> : <q>{d.phrase}</q>}
                        {d.agreed ? (
                          <div className="muted">
                            Avtalt {formatDateShort(d.agreed.date)} av {d.agreed.by} ({d.agreed.reference})
                          </div>
                        ) : null}
                        {may.agreeDeadlines && !asOf && d.letterState !== "dated" ? (
                          <AgreeDeadlineForm deadlineId={d.id} what={label} back={assignmentPath(a.key, null, agency)} />
                        ) : null}
                      </td>
                      <td>
                        {d.delivery?.delivered_on ? (
                          <span>
                            Levert {formatDateShort(d.delivery.delivered_on)}{" "}
                            <span className="muted">({d.delivery.actor_name})</span>
                          </span>
                        ) : (
                          <span className="muted">Ikke levert</span>
                        )}
                        {may.updateDeliverables && !asOf ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="leveranse" />
                            <input type="hidden" name="deadlineId" value={d.id} />
                            {d.delivery?.delivered_on ? (
                              <>
                                <input type="hidden" name="delivered" value="nei" />
                                <Button type="submit" variant="tertiary" data-size="sm" aria-label={`Angre levert: ${label}`}>
                                  Angre levert
                                </Button>
                              </>
                            ) : (
                              <>
                                <input type="hidden" name="delivered" value="ja" />
                                <label htmlFor={`levert-${d.id}`} className="visually-hidden">
                                  Leveransedato for {label}
                                </label>
                                <input
                                  type="date"
                                  id={`levert-${d.id}`}
                                  name="deliveredOn"
                                  defaultValue={today}
                                  className="ds-input"
                                  data-size="sm"
                                  aria-invalid={error?.deliveredOn ? true : undefined}
                                  aria-describedby={error?.deliveredOn ? `levert-${d.id}-feil` : undefined}
                                />
                                <Button type="submit" variant="secondary" data-size="sm" aria-label={`Marker som levert: ${label}`}>
                                  Marker som levert
                                </Button>
                                {error?.deliveredOn ? (
                                  <span id={`levert-${d.id}-feil`} className="field-error">
                                    {error.deliveredOn}
                                  </span>
                                ) : null}
                              </>
                            )}
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          </div>
        )}
      </section>

      {outgoing.length + incoming.length > 0 ? (
        <section aria-labelledby="relasjoner" className="stack">
          <Heading level={2} data-size="md" id="relasjoner">
            Relasjoner
          </Heading>
          <ul>
            {outgoing.map((r) => (
              <li key={`o-${r.type}-${r.key}`}>
                {RELATION_LABELS[r.type].outgoing}{" "}
                {r.title ? (
                  <AppLink to={assignmentPath(r.key, null, agency)}>
                    {r.key} {r.title}
                  </AppLink>
                ) : (
                  <>
                    {r.key} <span className="muted">(ikke i databasen)</span>
                  </>
                )}
              </li>
            ))}
            {incoming.map((r) => (
              <li key={`i-${r.type}-${r.key}`}>
                {RELATION_LABELS[r.type].incoming}{" "}
                <AppLink to={assignmentPath(r.key, null, agency)}>
                  {r.key} {r.title}
                </AppLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="tekst" className="stack">
        <Heading level={2} data-size="md" id="tekst">
          {parts.length ? "Oppdraget og senere brev" : "Tekst fra brevet"}
        </Heading>
        <ol className="parts stack" aria-label="Opprinnelig oppdrag og senere brev, i rekkefølge">
          <li className="part">
            <Heading level={3} data-size="xs">
              {a.known_only_from_letter ? "Slik det er kjent" : PART_KIND_LABELS.original}: {letterText}
            </Heading>
            {a.body ? <LetterText text={a.body} /> : <Paragraph className="muted">{a.exempt ? "Unntatt offentlighet." : "Ingen brødtekst."}</Paragraph>}
          </li>
          {parts.map((p) => (
            <li key={p.id} className="part">
              <Heading level={3} data-size="xs">
                {PART_KIND_LABELS[p.kind]}
                {p.source_key ? ` (${p.source_key})` : ""}:{" "}
                {letterLine({ title: p.letter_title, reference: p.letter_reference, date: p.letter_date }, formatDateLong)}
              </Heading>
              {p.title ? <Paragraph className="part__title">{p.title}</Paragraph> : null}
              {p.body ? <LetterText text={p.body} /> : null}
              {p.departments.length ? <Paragraph className="muted">Ansvarlig avdeling i HOD: {p.departments.join(", ")}</Paragraph> : null}
              {deadlines.some((d) => d.partId === p.id) ? (
                <ul>
                  {deadlines
                    .filter((d) => d.partId === p.id)
                    .map((d) => (
                      <li key={d.id}>
                        <DeadlineText deadline={d} withLabel /> <span className="muted">(<q>{d.phrase}</q>)</span>
                      </li>
                    ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="historikk" className="stack">
        <Heading level={2} data-size="md" id="historikk">
          Historikk
        </Heading>
        {events.length === 0 ? (
          <Paragraph>Ingen statusendringer{asOf ? " på denne datoen" : " ennå"}. Status er {statusLabel("ikke_startet").toLowerCase()}.</Paragraph>
        ) : (
          <ol className="history">
            {events.map((e) => (
              <li key={e.version}>
                <strong>{statusLabel(e.status)}</strong> – {e.actor_name},{" "}
                {e.letter_id ? formatDateLong(e.effective_at.slice(0, 10)) : formatDateTime(e.effective_at)}
                {e.comment ? <div className="history__comment">{e.comment}</div> : null}
              </li>
            ))}
          </ol>
        )}
        {changes.length > 0 ? (
          <>
            <Heading level={3} data-size="sm">
              Endringer fra brevimport
            </Heading>
            <ul>
              {changes.map((c, i) => (
                <li key={i}>
                  {c.field === "opprettet" ? "Opprettet fra brevet" : `Endret ${c.field}`}, {formatDateTime(c.created_at)}
                  {c.actor && !c.actor.startsWith("system") ? <span className="muted"> ({c.actor})</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      </div>
      {may.updateStatus && !asOf ? (
        <aside className="detail-layout__aside card" aria-label="Oppdater status">
          <StatusForm key={a.version} current={a.status} version={a.version} state={statusState} />
        </aside>
      ) : null}
      </div>
    </article>
  );
}
