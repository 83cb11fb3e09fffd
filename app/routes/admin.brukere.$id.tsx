import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Heading, Link, Paragraph } from "~/components/ds";
import { FormErrorSummary, TextField } from "~/components/form";
import { RoleAndDepartmentFields } from "~/components/user-fields";
import { requireUser } from "~/auth/guards.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { ROLE_LABELS } from "~/auth/permissions";
import { passwordSchema, userEditSchema } from "~/auth/user-schema.server";
import { getDatabase } from "~/db/connection.server";
import { listDepartments } from "~/models/assignment.server";
import { getUser, resetPassword, setUserDisabled, updateUser, UserError } from "~/models/user.server";
import { fieldErrors, formText, formTexts } from "~/lib/forms";
import { caseHandlerAgencyProblem, listAgencies } from "~/models/agency.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.user.name} – Brukere – Oppdragsoversikt` : "Bruker – Oppdragsoversikt" },
];

function userId(params: LoaderFunctionArgs["params"]): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Fant ikke brukeren.", { status: 404 });
  return id;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "bruker:administrer");
  const db = getDatabase().db;
  const user = await getUser(db, userId(args.params));
  if (!user) throw new Response("Fant ikke brukeren.", { status: 404 });
  const url = new URL(args.request.url);
  return { user, departments: await listDepartments(db), agencies: await listAgencies(db), notice: url.searchParams.get("melding") ?? (url.searchParams.get("opprettet") ? "opprettet" : null) };
}

export async function action(args: ActionFunctionArgs) {
  const admin = await requireUser(args, "bruker:administrer");
  const id = userId(args.params);
  const db = getDatabase().db;
  const target = await getUser(db, id);
  if (!target) throw new Response("Fant ikke brukeren.", { status: 404 });
  const form = await args.request.formData();
  const intent = formText(form, "intent");
  try {
    if (intent === "endre") {
      const parsed = userEditSchema.safeParse({
        name: formText(form, "name"),
        role: formText(form, "role"),
        departments: formTexts(form, "departments"),
        // Only when the form showed them (several agencies): otherwise they stay as they are.
        agencies: formText(form, "virksomheter_vist") ? formTexts(form, "agencies") : undefined,
      });
      if (!parsed.success) return data({ intent, errors: fieldErrors(parsed.error) }, { status: 400 });
      const agencyProblem = await caseHandlerAgencyProblem(db, parsed.data.role, parsed.data.agencies ?? target.agencies);
      if (agencyProblem) return data({ intent, errors: { agencies: agencyProblem } as Record<string, string> }, { status: 400 });
      await updateUser(db, id, parsed.data, admin.actor);
      return redirect(`/admin/brukere/${id}?melding=lagret`);
    }
    if (intent === "deaktiver" || intent === "aktiver") {
      if (intent === "deaktiver" && id === admin.id) {
        return data({ intent, errors: { _form: "Du kan ikke deaktivere din egen bruker." } as Record<string, string> }, { status: 400 });
      }
      await setUserDisabled(db, id, intent === "deaktiver", admin.actor);
      return redirect(`/admin/brukere/${id}?melding=${intent === "deaktiver" ? "deaktivert" : "aktivert"}`);
    }
    if (intent === "passord") {
      const password = formText(form, "password");
      const parsed = passwordSchema({ email: target.email, name: target.name }).safeParse(password);
      if (!parsed.success) {
        return data({ intent, errors: { password: parsed.error.issues[0].message } as Record<string, string> }, { status: 400 });
      }
      await resetPassword(db, id, password, admin.actor, { temporary: id !== admin.id });
      return redirect(`/admin/brukere/${id}?melding=passord`);
    }
  } catch (error) {
    if (error instanceof UserError) return data({ intent, errors: { _form: error.message } as Record<string, string> }, { status: 409 });
    throw error;
  }
  return data({ intent, errors: { _form: "Ukjent handling." } as Record<string, string> }, { status: 400 });
}

const NOTICES: Record<string, string> = {
  opprettet: "Brukeren er opprettet.",
  lagret: "Endringene er lagret.",
  deaktivert: "Brukeren er deaktivert og logget ut.",
  aktivert: "Brukeren er aktivert igjen.",
  passord: "Passordet er endret, og brukerens innlogginger er avsluttet.",
};

export default function UserPage() {
  const { user, departments, notice, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const editErrors = actionData?.intent === "endre" ? errors : undefined;
  return (
    <div className="stack narrow">
      <Paragraph>
        <Link asChild>
          <AppLink to="/admin/brukere">Tilbake til brukere</AppLink>
        </Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {user.name}
      </Heading>
      {notice && NOTICES[notice] ? (
        <Alert data-color="success" role="status">
          {NOTICES[notice]}
        </Alert>
      ) : null}
      <FormErrorSummary errors={errors} fieldIds={{ password: "felt-nytt-passord" }} />
      <dl className="facts">
        <dt>E-post</dt>
        <dd>{user.email}</dd>
        <dt>Rolle</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        <dt>Status</dt>
        <dd>{user.disabled_at ? "Deaktivert" : "Aktiv"}</dd>
      </dl>

      <section aria-labelledby="endre" className="stack">
        <Heading level={2} data-size="md" id="endre">
          Endre navn, rolle og avdelinger
        </Heading>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="endre" />
          <TextField name="name" label="Navn" defaultValue={user.name} error={editErrors?.name} required />
          <RoleAndDepartmentFields departments={departments} role={user.role} selected={user.departments} errors={editErrors} agencies={agencies} selectedAgencies={user.agencies} />
          <Button type="submit">Lagre endringer</Button>
        </Form>
      </section>

      <section aria-labelledby="passord" className="stack">
        <Heading level={2} data-size="md" id="passord">
          Nytt passord
        </Heading>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="passord" />
          <TextField
            id="felt-nytt-passord"
            name="password"
            label="Nytt passord"
            type="password"
            autoComplete="new-password"
            description={`Minst ${MIN_PASSWORD_LENGTH} tegn. Brukeren logges ut overalt og må velge et nytt passord ved neste innlogging.`}
            error={actionData?.intent === "passord" ? errors?.password : undefined}
            required
          />
          <Button type="submit" variant="secondary">
            Sett nytt passord
          </Button>
        </Form>
      </section>

      <section aria-labelledby="tilgang" className="stack">
        <Heading level={2} data-size="md" id="tilgang">
          Tilgang
        </Heading>
        <Form method="post">
          <input type="hidden" name="intent" value={user.disabled_at ? "aktiver" : "deaktiver"} />
          <Button type="submit" variant="secondary" data-color={user.disabled_at ? undefined : "danger"}>
            {user.disabled_at ? "Aktiver brukeren" : "Deaktiver brukeren"}
          </Button>
        </Form>
      </section>
    </div>
  );
}
