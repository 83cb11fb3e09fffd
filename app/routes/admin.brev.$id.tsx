import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading, Paragraph, Table } from "~/components/ds";
import { SelectField } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { cancelUpload, confirmUpload, getUpload, previewUpload, setAgencyOverride, setDepartmentOverride } from "~/db/letter-uploads.server";
import { TextField } from "~/components/form";
import { AGENCY_NAME_MAX } from "~/domain/agency";
import { AgencyError } from "~/models/agency.server";
import { listDepartments } from "~/db/queries.server";
import { formatDateLong, formatDateTime } from "~/domain/format";
import { assignmentPath } from "~/lib/urls";
import { formText } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Forhåndsvisning av brev – Oppdragsoversikt" }];

const RELATION: Record<string, string> = { replaces: "erstatter", clarifies: "presiserer", postpones: "utsetter" };

function uploadId(params: LoaderFunctionArgs["params"]): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Fant ikke opplastingen.", { status: 404 });
  return id;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "brev:importer");
  const db = getDb();
  const upload = await getUpload(db, uploadId(args.params));
  if (!upload) throw new Response("Fant ikke opplastingen.", { status: 404 });
  const lines = upload.text.split("\n");
  const context = (line: number) => lines.slice(Math.max(0, line - 3), line + 2).join("\n");
  const url = new URL(args.request.url);
  if (upload.status !== "venter") {
    return { upload: { ...upload, text: "" }, preview: null, departments: [], done: url.searchParams.get("ferdig"), chooseAgency: null };
  }
  const [{ parsed, summary: maybeSummary, overrides, agency }, departments] = await Promise.all([previewUpload(db, upload), listDepartments(db)]);
  if (!maybeSummary) {
    return { upload: { ...upload, text: "" }, departments: [], done: null, preview: null, chooseAgency: { ...agency, letters: parsed.letters } };
  }
  const summary = maybeSummary;
  const created = parsed.assignments.filter((a) => summary.assignments.created.includes(a.id));
  // Codes to choose from: those in the database and those the letter itself uses.
  const codes = [...new Set([...departments.map((d) => d.code), ...parsed.departments.map((d) => d.code)])].sort();
  return {
    upload: { ...upload, text: "" },
    departments: codes.map((code) => ({ code })),
    done: null,
    chooseAgency: null,
    preview: {
      agency: { ...agency, created: summary.agency?.created ?? false },
      letters: parsed.letters,
      created: created.map((a) => ({ key: a.id, hasId: a.hasId, title: a.title, departments: a.departments, deadlines: a.deadlines.length, area: a.area })),
      changes: Object.entries(summary.changes).map(([key, fields]) => ({ key, title: parsed.assignments.find((a) => a.id === key)?.title ?? key, fields })),
      unchanged: summary.assignments.unchanged,
      relations: summary.relations,
      postponements: summary.postponements,
      warnings: summary.warnings.map((w) => ({ ...w, context: w.line > 0 ? context(w.line) : "" })),
      // Those the text left without an owner, including those given one in this preview.
      withoutDepartment: parsed.assignments
        .filter((a) => a.departments.length === 0 || overrides.departments?.[a.id])
        .map((a) => ({ key: a.id, hasId: a.hasId, title: a.title })),
      overrides: overrides.departments ?? {},
      changed: summary.changed,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, "brev:importer");
  const id = uploadId(args.params);
  const db = getDb();
  const upload = await getUpload(db, id);
  if (!upload) throw new Response("Fant ikke opplastingen.", { status: 404 });
  if (upload.status !== "venter") return data({ message: "Denne opplastingen er allerede behandlet." }, { status: 409 });
  const form = await args.request.formData();
  const intent = formText(form, "intent");
  if (intent === "avbryt") {
    await cancelUpload(db, id, user.actor);
    return redirect(`/admin/brev/${id}?ferdig=avbrutt`);
  }
  if (intent === "bekreft") {
    try {
      await confirmUpload(db, id, user.actor);
    } catch (error) {
      if (error instanceof AgencyError) return data({ message: error.message }, { status: 400 });
      throw error;
    }
    return redirect(`/admin/brev/${id}?ferdig=importert`);
  }
  if (intent === "virksomhet") {
    const name = formText(form, "virksomhet");
    if (name.length > AGENCY_NAME_MAX) return data({ message: `Virksomhetens navn kan ha høyst ${AGENCY_NAME_MAX} tegn.` }, { status: 400 });
    await setAgencyOverride(db, id, name);
    return redirect(`/admin/brev/${id}#virksomhet`);
  }
  if (intent === "avdeling") {
    const key = formText(form, "key").slice(0, 100);
    const code = formText(form, "avdeling").toUpperCase();
    if (code && !/^[A-ZÆØÅ]{2,6}$/.test(code)) return data({ message: "Ugyldig avdelingskode." }, { status: 400 });
    await setDepartmentOverride(db, id, key, code ? [code] : []);
    return redirect(`/admin/brev/${id}#uten-avdeling`);
  }
  return data({ message: "Ukjent handling." }, { status: 400 });
}

/** The recipient agency: what the text says, confirmed or corrected (a new name creates the agency). */
function AgencyChoice({ fromText, chosen, known }: { fromText: string | null; chosen: string | null; known: string[] }) {
  return (
    <section aria-labelledby="virksomhet" className="stack">
      <Heading level={2} data-size="md" id="virksomhet">
        Mottaker (virksomhet)
      </Heading>
      <Paragraph>
        {fromText ? `Brevet er adressert til ${fromText}.` : "Brevet sier ikke hvilken virksomhet det er til."}{" "}
        {chosen ? `Oppdragene blir registrert på ${chosen}.` : "Velg virksomhet før du bekrefter."} Et nytt navn oppretter virksomheten.
      </Paragraph>
      <Form method="post" className="filter-row" aria-label="Velg mottaker">
        <input type="hidden" name="intent" value="virksomhet" />
        <TextField
          id="f-virksomhet"
          name="virksomhet"
          label="Virksomhet"
          defaultValue={chosen ?? ""}
          list="kjente-virksomheter"
          maxLength={AGENCY_NAME_MAX}
          autoComplete="off"
        />
        <datalist id="kjente-virksomheter">
          {known.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Button type="submit" variant="secondary" data-size="sm">
          Lagre mottaker
        </Button>
      </Form>
    </section>
  );
}

export default function LetterPreview() {
  const { upload, preview, departments, done, chooseAgency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (chooseAgency) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Forhåndsvisning: {upload.source_name}
        </Heading>
        {actionData?.message ? (
          <Alert data-color="danger" role="alert">
            {actionData.message}
          </Alert>
        ) : null}
        <Paragraph>Ingenting er lagret ennå. Registeret har flere virksomheter, og brevet sier ikke hvem det er til.</Paragraph>
        <AgencyChoice fromText={chooseAgency.fromText} chosen={chooseAgency.chosen} known={chooseAgency.known} />
        <Form method="post">
          <input type="hidden" name="intent" value="avbryt" />
          <Button type="submit" variant="secondary">
            Avbryt
          </Button>
        </Form>
      </div>
    );
  }
  if (!preview) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          {upload.source_name}
        </Heading>
        <Alert data-color={upload.status === "importert" ? "success" : "info"} role="status">
          {upload.status === "importert"
            ? "Brevet er importert."
            : done === "avbrutt"
              ? "Importen er avbrutt. Ingenting er lagret."
              : "Importen ble avbrutt. Ingenting ble lagret."}
          {upload.decided_at ? ` (${formatDateTime(upload.decided_at)})` : ""}
        </Alert>
        <Paragraph>
          <RemixLink to="/admin/brev">Tilbake til import</RemixLink> · <RemixLink to="/">Til oversikten</RemixLink>
        </Paragraph>
      </div>
    );
  }
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Forhåndsvisning: {upload.source_name}
      </Heading>
      <Paragraph>Ingenting er lagret ennå. Se over endringene, og bekreft eller avbryt nederst.</Paragraph>
      {actionData?.message ? (
        <Alert data-color="danger" role="alert">
          {actionData.message}
        </Alert>
      ) : null}
      <AgencyChoice fromText={preview.agency.fromText} chosen={preview.agency.chosen} known={preview.agency.known} />
      {preview.agency.created ? (
        <Paragraph>{preview.agency.chosen} er ny i registeret og blir opprettet når du bekrefter.</Paragraph>
      ) : null}
      {!preview.changed ? (
        <Alert data-color="info" role="status">
          Ingen endringer: databasen har allerede alt innholdet i dette brevet.
        </Alert>
      ) : null}

      <section aria-labelledby="brev" className="stack">
        <Heading level={2} data-size="md" id="brev">
          Brev i filen ({preview.letters.length})
        </Heading>
        <ul>
          {preview.letters.map((l, i) => (
            <li key={i}>
              {l.kind === "main" ? "Tildelingsbrev" : "Tillegg"} {l.year}: {l.title}
              {l.reference ? `, ref. ${l.reference}` : ""}
              {l.date ? `, ${formatDateLong(l.date)}` : ", udatert"}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="nye" className="stack">
        <Heading level={2} data-size="md" id="nye">
          Nye oppdrag ({preview.created.length})
        </Heading>
        {preview.created.length ? (
          <div className="table-wrap">
            <Table zebra border data-size="sm">
              <caption className="visually-hidden">Oppdrag som blir opprettet</caption>
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">Tittel</th>
                  <th scope="col">Avdeling</th>
                  <th scope="col">Område</th>
                  <th scope="col">Frister</th>
                </tr>
              </thead>
              <tbody>
                {preview.created.map((a) => (
                  <tr key={a.key}>
                    <td className="nowrap">{a.hasId ? a.key : "Uten ID"}</td>
                    <td>{a.title}</td>
                    <td>{a.departments.join(", ") || <strong className="overdue">Mangler</strong>}</td>
                    <td>{a.area ?? "–"}</td>
                    <td>{a.deadlines}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : (
          <Paragraph>Ingen nye oppdrag.</Paragraph>
        )}
      </section>

      <section aria-labelledby="endrede" className="stack">
        <Heading level={2} data-size="md" id="endrede">
          Endrede oppdrag ({preview.changes.length})
        </Heading>
        {preview.changes.length === 0 ? <Paragraph>Ingen oppdrag endres. {preview.unchanged} er uendret.</Paragraph> : null}
        {preview.changes.map((c) => (
          <div key={c.key} className="card stack">
            <Heading level={3} data-size="xs">
              <RemixLink to={assignmentPath(c.key)}>
                {c.key} {c.title}
              </RemixLink>
            </Heading>
            <dl className="facts">
              {c.fields.map((f) => (
                <div key={f.field} style={{ display: "contents" }}>
                  <dt>{f.field}</dt>
                  <dd>
                    <div>
                      Før: <del className="history__comment">{f.old || "–"}</del>
                    </div>
                    <div>
                      Etter: <ins className="history__comment">{f.new || "–"}</ins>
                    </div>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>

      {preview.relations.length + preview.postponements.length > 0 ? (
        <section aria-labelledby="relasjoner" className="stack">
          <Heading level={2} data-size="md" id="relasjoner">
            Relasjoner og utsettelser
          </Heading>
          <ul>
            {preview.relations.map((r, i) => (
              <li key={`r${i}`}>
                {r.source} {RELATION[r.type] ?? r.type} {r.target}
                {r.known ? "" : " (finnes ikke i databasen)"}
              </li>
            ))}
            {preview.postponements.map((p, i) => (
              <li key={`p${i}`}>
                {p.target} blir satt til Utsatt av «{p.letter}»{p.recorded ? "" : " (allerede registrert, eller oppdraget finnes ikke)"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview.withoutDepartment.length > 0 ? (
        <section aria-labelledby="uten-avdeling" className="stack">
          <Heading level={2} data-size="md" id="uten-avdeling">
            Oppdrag uten eieravdeling ({preview.withoutDepartment.length})
          </Heading>
          <Paragraph>Teksten sier ikke hvilken avdeling som eier disse. Velg avdeling før du bekrefter, eller la det stå åpent.</Paragraph>
          {preview.withoutDepartment.map((a) => (
            <Form key={a.key} method="post" className="filter-row" aria-label={`Velg avdeling for ${a.hasId ? a.key : a.title}`}>
              <input type="hidden" name="intent" value="avdeling" />
              <input type="hidden" name="key" value={a.key} />
              <SelectField
                id={`avd-${a.key}`}
                name="avdeling"
                label={`${a.hasId ? `${a.key} ` : ""}${a.title}`}
                value={preview.overrides[a.key]?.[0]}
                empty="Ikke valgt"
                options={departments.map((d) => ({ value: d.code }))}
              />
              <Button type="submit" variant="secondary" data-size="sm">
                Lagre valg
              </Button>
            </Form>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="advarsler" className="stack">
        <Heading level={2} data-size="md" id="advarsler">
          Advarsler ({preview.warnings.length})
        </Heading>
        {preview.warnings.length === 0 ? <Paragraph>Ingen advarsler.</Paragraph> : null}
        <ul className="stack">
          {preview.warnings.map((w, i) => (
            <li key={i}>
              {w.line > 0 ? `Linje ${w.line}: ` : ""}
              {w.message}
              {w.context ? <pre className="warning-context">{w.context}</pre> : null}
            </li>
          ))}
        </ul>
      </section>

      <div className="filter-row">
        <Form method="post">
          <input type="hidden" name="intent" value="bekreft" />
          <Button type="submit">{preview.changed ? "Bekreft og importer" : "Bekreft (ingen endringer)"}</Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="avbryt" />
          <Button type="submit" variant="secondary">
            Avbryt
          </Button>
        </Form>
      </div>
    </div>
  );
}
