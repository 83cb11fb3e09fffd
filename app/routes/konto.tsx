import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { z } from "zod";
import { FormErrorSummary, NewPasswordFields, TextField } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { ROLE_LABELS } from "~/auth/permissions";
import { passwordSchema } from "~/auth/user-schema.server";
import { getDb } from "~/db/connection.server";
import { changeOwnPassword } from "~/db/users.server";
import { fieldErrors } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Min konto – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  return {
    user: { name: user.name, email: user.email, role: user.role, departments: user.departments },
    mustChange: user.mustChangePassword,
    changed: url.searchParams.get("endret") === "1",
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const form = await args.request.formData();
  const schema = z
    .object({
      current: z.string().min(1, "Skriv inn passordet du har nå.").max(1024),
      password: passwordSchema({ email: user.email, name: user.name }),
      password2: z.string(),
    })
    .refine((v) => v.password === v.password2, { path: ["password2"], message: "Passordene er ikke like." })
    .refine((v) => v.password !== v.current, { path: ["password"], message: "Velg et annet passord enn det du har nå." });
  const parsed = schema.safeParse({
    current: form.get("current") ?? "",
    password: form.get("password") ?? "",
    password2: form.get("password2") ?? "",
  });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const ok = await changeOwnPassword(getDb(), user.id, parsed.data.current, parsed.data.password, user.actor, user.sessionHash);
  if (!ok) return data({ errors: { current: "Passordet du har nå er feil." } as Record<string, string> }, { status: 400 });
  return redirect("/konto?endret=1");
}

export default function AccountPage() {
  const { user, mustChange, changed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="stack narrow">
      <Heading level={1} data-size="lg">
        Min konto
      </Heading>
      {mustChange ? (
        <Alert data-color="warning">
          Passordet ditt ble satt av en administrator. Velg et nytt passord som bare du kjenner, før du går videre.
        </Alert>
      ) : null}
      {changed && !actionData ? (
        <Alert data-color="success" role="status">
          Passordet er endret. Du er logget ut på andre enheter.
        </Alert>
      ) : null}
      <dl className="facts">
        <dt>Navn</dt>
        <dd>{user.name}</dd>
        <dt>E-post</dt>
        <dd>{user.email}</dd>
        <dt>Rolle</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        {user.departments.length ? (
          <>
            <dt>Avdelinger</dt>
            <dd>{user.departments.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="bytt-passord" className="stack">
        <Heading level={2} data-size="md" id="bytt-passord">
          Bytt passord
        </Heading>
        <FormErrorSummary errors={errors} />
        <Form method="post" className="stack" noValidate>
          <TextField name="current" label="Passordet du har nå" type="password" autoComplete="current-password" error={errors?.current} required />
          <NewPasswordFields errors={errors} minLength={MIN_PASSWORD_LENGTH} label="Nytt passord" note="En setning du husker er et godt passord." />
          <Button type="submit">Bytt passord</Button>
        </Form>
      </section>
      <Paragraph className="muted">Glemt passordet? Be en administrator om å sette et nytt.</Paragraph>
    </div>
  );
}
