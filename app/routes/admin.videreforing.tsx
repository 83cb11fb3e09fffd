import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Fieldset, Heading, Paragraph } from "~/components/ds";
import { StatusTag } from "~/components/status-tag";
import { Choice } from "~/components/user-fields";
import { YearSwitcher } from "~/components/year-switcher";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { carryOver, carryOverCandidates } from "~/use-cases/manual.server";
import { listYears } from "~/models/assignment.server";
import { assignmentPath, chooseYear } from "~/lib/urls";
import { AgencySwitcher } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";
import { formText, formTexts } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Videreføring – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "brev:importer");
  const db = getDatabase().db;
  const url = new URL(args.request.url);
  // One agency at a time: keys are unique per agency.
  const choice = await readAgencyChoice(db, url.searchParams, { required: true });
  const agencyId = choice.agency?.id ?? null;
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null };
  const years = await listYears(db, agencyId);
  const year = chooseYear(url.searchParams.get("aar"), years);
  return { years, year, candidates: year === null ? [] : await carryOverCandidates(db, year, agencyId), agency };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, "brev:importer");
  const form = await args.request.formData();
  const year = Number(form.get("aar"));
  const keys = formTexts(form, "oppdrag").slice(0, 1000);
  if (!Number.isInteger(year) || keys.length === 0) {
    return data({ done: [] as string[], error: "Velg minst ett oppdrag som skal videreføres." }, { status: 400 });
  }
  const db = getDatabase().db;
  const choice = await readAgencyChoice(db, new URLSearchParams({ virksomhet: formText(form, "virksomhet") }), { required: true });
  const done = await carryOver(db, year, keys, user.actor, choice.agency?.id ?? null);
  return data({ done, error: null });
}

export default function CarryOver() {
  const { years, year, candidates, agency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Videreføre uferdige oppdrag {year ? `fra ${year} til ${year + 1}` : ""}
      </Heading>
      <AgencySwitcher agencies={agency.list} current={agency.current} all={false} />
      {year ? <YearSwitcher years={years} current={year} keep={{ virksomhet: agency.current }} /> : null}
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {actionData.error}
        </Alert>
      ) : null}
      {actionData?.done.length ? (
        <Alert data-color="success" role="status">
          Videreført: {actionData.done.join(", ")}. De nye oppdragene lenker til de opprinnelige, som beholder historikken sin.
        </Alert>
      ) : null}
      <Paragraph>
        Oppdrag som ikke er fullført, avsluttet eller utsatt. Et videreført oppdrag blir et nytt oppdrag i neste år (for eksempel
        TB2023-05/2024) med lenke tilbake.
      </Paragraph>
      {candidates.length === 0 ? (
        <Paragraph>Ingen uferdige oppdrag å videreføre.</Paragraph>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="aar" value={year ?? ""} />
          {agency.current ? <input type="hidden" name="virksomhet" value={agency.current} /> : null}
          <Fieldset>
            <Fieldset.Legend>Velg oppdrag ({candidates.length})</Fieldset.Legend>
            {candidates.map((c) => (
              <div key={c.key} className="filter-row">
                <Choice type="checkbox" id={`v-${c.id}`} name="oppdrag" value={c.key} label={`${c.has_id ? c.key : "Uten ID"} ${c.title}`} />
                <StatusTag status={c.status} />
                <AppLink to={assignmentPath(c.key, null, agency.current)} aria-label={`Åpne ${c.has_id ? c.key : c.title}`}>
                  Åpne
                </AppLink>
              </div>
            ))}
          </Fieldset>
          <div>
            <Button type="submit">Viderefør valgte</Button>
          </div>
        </Form>
      )}
    </div>
  );
}
