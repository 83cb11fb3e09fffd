import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Heading, Paragraph } from "~/components/ds";
import { FormErrorSummary, TextField } from "~/components/form";
import { clientIp, getCurrentUser } from "~/auth/guards.server";
import { destroySession, readSessionToken, sessionCookieHeader } from "~/auth/session.server";
import { signIn } from "~/auth/sign-in.server";
import { signInSchema } from "~/auth/user-schema.server";
import { getDatabase } from "~/db/connection.server";
import { countUsers } from "~/models/user.server";
import { fieldErrors, formText } from "~/lib/forms";
import { safeRedirectTarget } from "~/lib/urls";

export const meta: MetaFunction = () => [{ title: "Logg inn – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const next = safeRedirectTarget(url.searchParams.get("neste"));
  if (await getCurrentUser(args)) throw redirect(next);
  const noUsers = (await countUsers(getDatabase().db)) === 0;
  return {
    next,
    noUsers,
    setupAvailable: noUsers && args.context.isLocalRequest === true,
    signedOut: url.searchParams.get("utlogget") === "1",
  };
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const form = await request.formData();
  const parsed = signInSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    neste: form.get("neste") ?? undefined,
  });
  const email = typeof form.get("email") === "string" ? formText(form, "email").slice(0, 254) : "";
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), email }, { status: 400 });
  // Decided before the session exists: a target that cannot be sent is never the reason a made session goes unsent.
  const next = safeRedirectTarget(parsed.data.neste);
  const db = getDatabase().db;
  const result = await signIn(db, {
    email: parsed.data.email,
    password: parsed.data.password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok) {
    return data(
      { errors: { _form: result.message } as Record<string, string>, email },
      { status: result.reason === "throttled" ? 429 : result.reason === "busy" ? 503 : 401 },
    );
  }
  // A session presented before sign-in is ended: the new one has a fresh ID.
  const old = readSessionToken(request);
  if (old) await destroySession(db, old);
  return redirect(next, { headers: { "Set-Cookie": sessionCookieHeader(request, result.token) } });
}

export default function SignIn() {
  const { next, noUsers, setupAvailable, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors;
  return (
    <div className="stack narrow">
      <Heading level={1} data-size="lg">
        Logg inn
      </Heading>
      {signedOut && !actionData ? (
        <Alert data-color="success" role="status">
          Du er logget ut.
        </Alert>
      ) : null}
      {noUsers ? (
        <Alert data-color="info">
          <Paragraph>
            Det finnes ingen brukere ennå.{" "}
            {setupAvailable ? (
              <a href="/oppsett">Opprett den første administratoren</a>
            ) : (
              <>
                Opprett den første administratoren med <code>npm run --silent user:create -- --role admin</code>, eller åpne
                oppsettsiden fra serveren selv (localhost).
              </>
            )}
          </Paragraph>
        </Alert>
      ) : null}
      <FormErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="neste" value={next} />
        <TextField
          name="email"
          label="E-postadresse"
          type="email"
          autoComplete="username"
          defaultValue={actionData?.email ?? ""}
          error={errors?.email}
          required
        />
        <TextField
          name="password"
          label="Passord"
          type="password"
          autoComplete="current-password"
          error={errors?.password}
          required
        />
        <Button type="submit" disabled={busy}>
          {busy ? "Logger inn …" : "Logg inn"}
        </Button>
      </Form>
    </div>
  );
}
