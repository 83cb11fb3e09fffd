import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Heading, Link, Paragraph, Table } from "@digdir/designsystemet-react";
import { DeadlineText } from "~/components/deadline-text";
import { StatusTag } from "~/components/status-tag";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { getAssignmentDetail } from "~/db/queries.server";
import { formatDateLong, formatDateTime } from "~/domain/format";
import { RELATION_LABELS } from "~/domain/relations";
import { statusLabel } from "~/domain/status";
import { assignmentPath } from "~/lib/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.assignment.hasId ? `${data.assignment.key} ` : ""}${data.assignment.title} – Oppdragsoversikt` : "Fant ikke oppdraget – Oppdragsoversikt" },
];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const { params } = args;
  const key = params.id ?? "";
  if (key.length > 200) throw new Response("Ugyldig oppdrags-ID.", { status: 400 });
  const detail = await getAssignmentDetail(getDb(), key);
  if (!detail) {
    throw new Response(`Fant ikke oppdraget «${key.slice(0, 60)}». Sjekk ID-en, eller finn oppdraget i oversikten.`, {
      status: 404,
    });
  }
  return detail;
}

export default function AssignmentPage() {
  const { assignment: a, departments, deadlines, outgoing, incoming, events, changes } = useLoaderData<typeof loader>();
  const letterText = [
    a.letter_title,
    a.letter_reference ? `ref. ${a.letter_reference}` : null,
    a.letter_date ? formatDateLong(a.letter_date) : null,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <article className="stack" aria-labelledby="oppdrag-tittel">
      <Paragraph>
        <Link asChild>
          <RemixLink to={`/?aar=${a.year}`}>Tilbake til oversikten {a.year}</RemixLink>
        </Link>
      </Paragraph>
      <Heading level={1} data-size="lg" id="oppdrag-tittel">
        {a.hasId ? `${a.key} ` : ""}
        {a.title}
      </Heading>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusTag status={a.status} />
        </dd>
        <dt>ID</dt>
        <dd>{a.hasId ? a.key : "Oppdraget har ingen ID i brevet"}</dd>
        <dt>Eieravdeling</dt>
        <dd>
          {departments.length
            ? departments.map((d) => (d.name ? `${d.code} (${d.name})` : d.code)).join(", ")
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
          {letterText} <span className="muted">(linje {a.source_line}–{a.source_end_line} i kildeteksten)</span>
        </dd>
      </dl>

      <section aria-labelledby="frister" className="stack">
        <Heading level={2} data-size="md" id="frister">
          Frister og delleveranser
        </Heading>
        {deadlines.length === 0 ? (
          <Paragraph>Ingen frister registrert.</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table border data-size="sm">
              <thead>
                <tr>
                  <th scope="col">Leveranse</th>
                  <th scope="col">Frist</th>
                  <th scope="col">Slik står det i brevet</th>
                </tr>
              </thead>
              <tbody>
                {deadlines.map((d) => (
                  <tr key={d.id}>
                    <td>{d.label ?? "Oppdraget"}</td>
                    <td>
                      <DeadlineText deadline={d} />
                    </td>
                    <td>{d.is_default ? <span className="muted">{d.phrase}</span> : <q>{d.phrase}</q>}</td>
                  </tr>
                ))}
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
                  <RemixLink to={assignmentPath(r.key)}>
                    {r.key} {r.title}
                  </RemixLink>
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
                <RemixLink to={assignmentPath(r.key)}>
                  {r.key} {r.title}
                </RemixLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="tekst" className="stack">
        <Heading level={2} data-size="md" id="tekst">
          Tekst fra brevet
        </Heading>
        <div className="body-text">{a.body || <span className="muted">Ingen brødtekst.</span>}</div>
      </section>

      <section aria-labelledby="historikk" className="stack">
        <Heading level={2} data-size="md" id="historikk">
          Historikk
        </Heading>
        {events.length === 0 ? (
          <Paragraph>Ingen statusendringer ennå. Status er {statusLabel("ikke_startet").toLowerCase()}.</Paragraph>
        ) : (
          <ol className="stack">
            {events.map((e) => (
              <li key={e.version}>
                <strong>{statusLabel(e.status)}</strong> – {e.actor_name},{" "}
                {e.letter_id ? formatDateLong(e.effective_at.slice(0, 10)) : formatDateTime(e.effective_at)}
                {e.comment ? <div>{e.comment}</div> : null}
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
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </article>
  );
}
