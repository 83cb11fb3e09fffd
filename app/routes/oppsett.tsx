import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Button, Heading, Paragraph } from "~/components/ds";
import { FormErrorSummary, NewPasswordFields, TextField } from "~/components/form";
import { clientIp } from "~/auth/guards.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { createSession, sessionCookieHeader } from "~/auth/session.server";
import { newUserSchema } from "~/auth/user-schema.server";
import { getDatabase } from "~/db/connection.server";
import { countUsers, createUser, UserError } from "~/models/user.server";
import { fieldErrors, formText } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Første oppsett – Oppdragsoversikt" }];

/** The one-time setup page: only while no user exists, and only from this machine. */
async function assertSetupAllowed(args: LoaderFunctionArgs | ActionFunctionArgs) {
  if ((await countUsers(getDatabase().db)) > 0) {
    throw new Response("Oppsettet er allerede gjort. Logg inn, eller be en administrator om en bruker.", { status: 404 });
  }
  // Loopback to loopback, no proxy trusted, Host (and Origin) naming this machine: see
  // isLocalRequest in app/http/server.server.ts. Behind a proxy only the CLI may create the first admin.
  if (args.context.isLocalRequest !== true) {
    throw new Response(
      "Oppsettsiden kan bare åpnes fra serveren selv (localhost). Du kan også bruke kommandoen «npm run --silent user:create».",
      { status: 403 },
    );
  }
}

export async function loader(args: LoaderFunctionArgs) {
  await assertSetupAllowed(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await assertSetupAllowed(args);
  const form = await args.request.formData();
  const values = {
    email: formText(form, "email"),
    name: formText(form, "name"),
    role: "admin",
    departments: [],
    password: formText(form, "password"),
    password2: formText(form, "password2"),
  };
  const parsed = newUserSchema.safeParse(values);
  const keep = { email: values.email.slice(0, 254), name: values.name.slice(0, 200) };
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: keep }, { status: 400 });
  const db = getDatabase().db;
  let userId: number;
  try {
    userId = await createUser(
      db,
      parsed.data,
      { userId: null, name: `oppsettsiden (${parsed.data.email})`, ip: clientIp(args.context), userAgent: args.request.headers.get("User-Agent") },
      "oppsett:første-admin",
    );
  } catch (error) {
    if (error instanceof UserError) return data({ errors: { _form: error.message } as Record<string, string>, values: keep }, { status: 409 });
    throw error;
  }
  const token = await createSession(db, userId, { ip: clientIp(args.context), userAgent: args.request.headers.get("User-Agent") });
  return redirect("/", { headers: { "Set-Cookie": sessionCookieHeader(args.request, token) } });
}

export default function Setup() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="stack narrow">
      <Heading level={1} data-size="lg">
        Første oppsett
      </Heading>
      <Paragraph>
        Det finnes ingen brukere ennå. Opprett den første administratoren. Siden forsvinner når brukeren er opprettet.
      </Paragraph>
      <FormErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <TextField name="name" label="Navn" autoComplete="name" defaultValue={actionData?.values.name} error={errors?.name} required />
        <TextField
          name="email"
          label="E-postadresse"
          type="email"
          autoComplete="username"
          defaultValue={actionData?.values.email}
          error={errors?.email}
          required
        />
        <NewPasswordFields errors={errors} minLength={MIN_PASSWORD_LENGTH} note="En setning du husker er et godt passord." />
        <Button type="submit">Opprett administrator</Button>
      </Form>
    </div>
  );
}
