import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Button, Heading, Link, Paragraph, Table } from "~/components/ds";
import { FormErrorSummary, NewPasswordFields, TextField } from "~/components/form";
import { RoleAndDepartmentFields } from "~/components/user-fields";
import { requireUser } from "~/auth/guards.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { ROLE_LABELS } from "~/auth/permissions";
import { newUserSchema } from "~/auth/user-schema.server";
import { getDatabase } from "~/db/connection.server";
import { listDepartments } from "~/models/assignment.server";
import { createUser, listUsers, UserError } from "~/models/user.server";
import { formatDateTime } from "~/domain/format";
import { fieldErrors, formText, formTexts } from "~/lib/forms";
import { caseHandlerAgencyProblem, listAgencies } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Brukere – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "bruker:administrer");
  const db = getDatabase().db;
  const [users, departments, agencies] = await Promise.all([listUsers(db), listDepartments(db), listAgencies(db)]);
  return { users, departments, agencies };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, "bruker:administrer");
  const form = await args.request.formData();
  const values = {
    email: formText(form, "email"),
    name: formText(form, "name"),
    role: formText(form, "role"),
    departments: formTexts(form, "departments"),
    agencies: formTexts(form, "agencies"),
    password: formText(form, "password"),
    password2: formText(form, "password2"),
  };
  const keep = { email: values.email.slice(0, 254), name: values.name.slice(0, 200), role: values.role, departments: values.departments, agencies: values.agencies.map(Number) };
  const parsed = newUserSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: keep }, { status: 400 });
  const agencyProblem = await caseHandlerAgencyProblem(getDatabase().db, parsed.data.role, parsed.data.agencies);
  if (agencyProblem) return data({ errors: { agencies: agencyProblem } as Record<string, string>, values: keep }, { status: 400 });
  try {
    const id = await createUser(getDatabase().db, { ...parsed.data, temporaryPassword: true }, user.actor);
    return redirect(`/admin/brukere/${id}?opprettet=1`);
  } catch (error) {
    if (error instanceof UserError) return data({ errors: { email: error.message } as Record<string, string>, values: keep }, { status: 409 });
    throw error;
  }
}

export default function UsersPage() {
  const { users, departments, agencies } = useLoaderData<typeof loader>();
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Brukere
      </Heading>
      <div className="table-wrap">
        <Table zebra border data-size="sm">
          <caption className="visually-hidden">Alle brukere</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">E-post</th>
              <th scope="col">Rolle</th>
              <th scope="col">Avdelinger</th>
              {agencies.length > 1 ? <th scope="col">Virksomheter</th> : null}
              <th scope="col">Status</th>
              <th scope="col">Opprettet</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link asChild>
                    <AppLink to={`/admin/brukere/${u.id}`}>{u.name}</AppLink>
                  </Link>
                </td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.departments.join(", ") || <span className="muted">–</span>}</td>
                {agencies.length > 1 ? <td>{u.agencies.map((id) => agencyName.get(id)).join(", ") || <span className="muted">–</span>}</td> : null}
                <td>{u.disabled_at ? "Deaktivert" : "Aktiv"}</td>
                <td>{formatDateTime(u.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>

      <section aria-labelledby="ny-bruker" className="stack narrow">
        <Heading level={2} data-size="md" id="ny-bruker">
          Ny bruker
        </Heading>
        <Paragraph>Passordet du setter her er midlertidig: brukeren må velge et nytt ved første innlogging.</Paragraph>
        <FormErrorSummary errors={errors} />
        <Form method="post" className="stack" noValidate>
          <TextField name="name" label="Navn" defaultValue={actionData?.values.name} error={errors?.name} required />
          <TextField name="email" label="E-postadresse" type="email" defaultValue={actionData?.values.email} error={errors?.email} required />
          <RoleAndDepartmentFields
            departments={departments}
            role={(actionData?.values.role as never) ?? undefined}
            selected={actionData?.values.departments}
            errors={errors}
            agencies={agencies}
            selectedAgencies={actionData?.values.agencies}
          />
          <NewPasswordFields errors={errors} minLength={MIN_PASSWORD_LENGTH} />
          <Button type="submit">Opprett bruker</Button>
        </Form>
      </section>
    </div>
  );
}
