import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Fieldset, Heading, Paragraph } from "~/components/ds";
import { Choice } from "~/components/user-fields";
import { activeCalendarToken, createCalendarToken, revokeCalendarTokens } from "~/models/calendar-token.server";
import { reminderOptOuts, setWantedReminders } from "~/models/reminder-opt-out.server";
import { formatDateTime } from "~/domain/format";
import { REMINDER_KINDS, REMINDER_LABELS } from "~/domain/reminders";
import { z } from "zod";
import { FormErrorSummary, NewPasswordFields, TextField } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { changeOwnPassword } from "~/auth/password-change.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy";
import { ROLE_LABELS } from "~/auth/permissions";
import { passwordSchema } from "~/auth/user-schema.server";
import { getDatabase } from "~/db/connection.server";
import { fieldErrors, formText, formTexts } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Min konto – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  const db = getDatabase().db;
  const [token, optOuts] = await Promise.all([
    activeCalendarToken(db, user.id),
    reminderOptOuts(db, user.id),
  ]);
  return {
    user: { name: user.name, email: user.email, role: user.role, departments: user.departments },
    mustChange: user.mustChangePassword,
    changed: url.searchParams.get("endret") === "1",
    notice: url.searchParams.get("melding"),
    calendarSince: token?.created_at ?? null,
    optedOut: optOuts,
    remindersApply: user.role === "departement" || user.role === "saksbehandler",
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const form = await args.request.formData();
  const intent = formText(form, "intent") || "passord";
  const db = getDatabase().db;
  if (intent === "kalender-ny") {
    const token = await createCalendarToken(db, user.id, user.actor);
    const origin = process.env.PUBLIC_URL?.replace(/\/$/, "") || new URL(args.request.url).origin;
    const feeds = [
      { label: "Mine frister", url: `${origin}/kalender/${token}/mine.ics` },
      ...user.departments.map((code) => ({ label: `Avdeling ${code}`, url: `${origin}/kalender/${token}/avdeling-${code}.ics` })),
    ];
    return data({ intent: "kalender-ny" as const, feeds, errors: undefined });
  }
  if (intent === "kalender-trekk") {
    await revokeCalendarTokens(db, user.id, user.actor);
    return redirect("/konto?melding=kalender-trukket#kalender");
  }
  if (intent === "varsler") {
    await setWantedReminders(db, user.id, new Set(formTexts(form, "varsel")), user.actor);
    return redirect("/konto?melding=varsler#varsler");
  }
  const schema = z
    .object({
      current: z.string().min(1, "Skriv inn passordet du har nå.").max(1024, "Passordet er for langt."),
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
  if (!parsed.success) return data({ intent: "passord" as const, feeds: undefined, errors: fieldErrors(parsed.error) }, { status: 400 });
  const changed = await changeOwnPassword(db, user, parsed.data.current, parsed.data.password);
  if (!changed.ok) {
    return data({ intent: "passord" as const, feeds: undefined, errors: { current: changed.message } as Record<string, string> }, { status: changed.status });
  }
  return redirect("/konto?endret=1");
}

export default function AccountPage() {
  const { user, mustChange, changed, notice, calendarSince, optedOut, remindersApply } = useLoaderData<typeof loader>();
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

      <section aria-labelledby="kalender" className="stack">
        <Heading level={2} data-size="md" id="kalender">
          Frister i kalenderen (Outlook)
        </Heading>
        {notice === "kalender-trukket" ? (
          <Alert data-color="success" role="status">
            Kalenderlenken er trukket tilbake. Kalendere som bruker den, får ikke flere oppdateringer.
          </Alert>
        ) : null}
        {actionData?.feeds ? (
          <Alert data-color="info" role="status">
            <Paragraph>Kopier lenkene nå: av sikkerhetshensyn vises de bare denne ene gangen.</Paragraph>
            <ul>
              {actionData.feeds.map((f) => (
                <li key={f.url}>
                  {f.label}: <code className="feed-url">{f.url}</code>
                </li>
              ))}
            </ul>
            <Paragraph>
              I Outlook: Kalender → Legg til kalender → Abonner fra nettet (eller «Fra Internett»), lim inn lenken og lagre.
              Outlook henter endringer selv.
            </Paragraph>
          </Alert>
        ) : calendarSince ? (
          <Paragraph>Du har en aktiv kalenderlenke, laget {formatDateTime(calendarSince)}.</Paragraph>
        ) : (
          <Paragraph>Lag en hemmelig lenke som Outlook kan abonnere på. Den viser fristene dine og avdelingens.</Paragraph>
        )}
        <div className="filter-row">
          <Form method="post">
            <input type="hidden" name="intent" value="kalender-ny" />
            <Button type="submit" variant={calendarSince ? "secondary" : "primary"}>
              {calendarSince ? "Lag ny lenke (den gamle slutter å virke)" : "Lag kalenderlenke"}
            </Button>
          </Form>
          {calendarSince ? (
            <Form method="post">
              <input type="hidden" name="intent" value="kalender-trekk" />
              <Button type="submit" variant="tertiary" data-color="danger">
                Trekk tilbake lenken
              </Button>
            </Form>
          ) : null}
        </div>
      </section>

      {remindersApply ? (
        <section aria-labelledby="varsler" className="stack">
          <Heading level={2} data-size="md" id="varsler">
            Varsler på e-post
          </Heading>
          {notice === "varsler" ? (
            <Alert data-color="success" role="status">
              Varslingsvalgene er lagret.
            </Alert>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="varsler" />
            <Fieldset>
              <Fieldset.Legend>Send meg en samlet e-post om</Fieldset.Legend>
              {REMINDER_KINDS.map((kind) => (
                <Choice key={kind} type="checkbox" id={`varsel-${kind}`} name="varsel" value={kind} label={REMINDER_LABELS[kind]} defaultChecked={!optedOut.includes(kind)} />
              ))}
            </Fieldset>
            <div>
              <Button type="submit" variant="secondary">
                Lagre varslingsvalg
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
