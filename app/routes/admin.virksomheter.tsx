import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Heading, Paragraph, Table } from "~/components/ds";
import { FormErrorSummary, TextField } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { AGENCY_NAME_MAX, AGENCY_SHORT_NAME_MAX } from "~/domain/agency";
import { formText } from "~/lib/forms";
import { AgencyError, addAgency, agencyUsage, changeAgency, getAgency, listAgencies } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Virksomheter – Oppdragsoversikt" }];

/** Agencies (virksomheter): list with use, add one, rename one. Admins only. */
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "virksomhet:administrer");
  const db = getDatabase().db;
  const [agencies, usage] = await Promise.all([listAgencies(db), agencyUsage(db)]);
  const url = new URL(args.request.url);
  return {
    agencies: agencies.map((a) => ({ ...a, ...(usage.get(a.id) ?? { letters: 0, assignments: 0, users: 0 }) })),
    saved: url.searchParams.get("lagret"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, "virksomhet:administrer");
  const db = getDatabase().db;
  const form = await args.request.formData();
  const intent = formText(form, "intent");
  const name = formText(form, "name").slice(0, AGENCY_NAME_MAX + 1);
  const shortName = formText(form, "shortName").slice(0, AGENCY_SHORT_NAME_MAX + 1) || null;
  try {
    if (intent === "ny") {
      const created = await addAgency(db, { name, shortName }, admin.actor);
      return redirect(`/admin/virksomheter?lagret=${encodeURIComponent(created.slug)}`);
    }
    if (intent === "endre") {
      const id = Number(formText(form, "id"));
      if (!Number.isInteger(id) || id <= 0 || !(await getAgency(db, id))) return data({ intent, id: formText(form, "id"), error: "Fant ikke virksomheten." }, { status: 404 });
      const after = await changeAgency(db, id, { name, shortName }, admin.actor);
      return redirect(`/admin/virksomheter?lagret=${encodeURIComponent(after.slug)}`);
    }
  } catch (error) {
    if (error instanceof AgencyError) return data({ intent, id: formText(form, "id"), error: error.message }, { status: 400 });
    throw error;
  }
  return data({ intent, id: "", error: "Ukjent handling." }, { status: 400 });
}

export default function AgenciesPage() {
  const { agencies, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const newError = actionData?.intent === "ny" ? actionData.error : undefined;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Virksomheter
      </Heading>
      <Paragraph>
        Virksomhetene brevene er adressert til. En virksomhet opprettes også når et brev til en ny mottaker importeres. Oppdrag-ID-er
        er unike per virksomhet og år, så to virksomheters «TB2026-1» holdes fra hverandre. Saksbehandlere knyttes til virksomheter
        under <AppLink to="/admin/brukere">Brukere</AppLink>.
      </Paragraph>
      {saved && !actionData ? (
        <Alert data-color="success" role="status">
          Virksomheten er lagret.
        </Alert>
      ) : null}
      {actionData?.intent === "endre" ? (
        <Alert data-color="danger" role="alert">
          {actionData.error}
        </Alert>
      ) : null}
      <div className="table-wrap">
        <Table zebra border data-size="sm">
          <caption className="visually-hidden">Alle virksomheter</caption>
          <thead>
            <tr>
              <th scope="col">Navn og kortnavn</th>
              <th scope="col">I adresser</th>
              <th scope="col">Brev</th>
              <th scope="col">Oppdrag</th>
              <th scope="col">Brukere</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id}>
                <td>
                  <Form method="post" className="filter-row agency-edit" aria-label={`Endre ${a.name}`}>
                    <input type="hidden" name="intent" value="endre" />
                    <input type="hidden" name="id" value={a.id} />
                    <TextField id={`navn-${a.id}`} name="name" label="Navn" defaultValue={a.name} maxLength={AGENCY_NAME_MAX} required />
                    <TextField id={`kort-${a.id}`} name="shortName" label="Kortnavn" defaultValue={a.short_name ?? ""} maxLength={AGENCY_SHORT_NAME_MAX} />
                    <Button type="submit" variant="secondary" data-size="sm">
                      Lagre
                    </Button>
                  </Form>
                </td>
                <td>
                  <code>?virksomhet={a.slug}</code>
                </td>
                <td>{a.letters}</td>
                <td>{a.assignments}</td>
                <td>{a.users}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {agencies.length === 0 ? <Paragraph>Ingen virksomheter ennå.</Paragraph> : null}

      <section aria-labelledby="ny-virksomhet" className="stack narrow">
        <Heading level={2} data-size="md" id="ny-virksomhet">
          Ny virksomhet
        </Heading>
        <FormErrorSummary errors={newError ? { name: newError } : undefined} fieldIds={{ name: "ny-navn" }} />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="ny" />
          <TextField id="ny-navn" name="name" label="Navn" description="Slik brevene skriver det, for eksempel «Folkehelseinstituttet»." maxLength={AGENCY_NAME_MAX} error={newError} required />
          <TextField id="ny-kortnavn" name="shortName" label="Kortnavn (valgfritt)" description="For eksempel «FHI»." maxLength={AGENCY_SHORT_NAME_MAX} />
          <Button type="submit">Opprett virksomhet</Button>
        </Form>
      </section>
    </div>
  );
}
