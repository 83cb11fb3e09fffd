import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Heading, Paragraph, Table } from "~/components/ds";
import { AgreeDeadlineForm } from "~/components/agree-form";
import { FormErrorSummary } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { getDatabase } from "~/db/connection.server";
import { agreeDeadline, deadlineOwners, deadlinesToAgree } from "~/models/deadline.server";
import { deadlineAgreementSchema, FIXED_DEADLINE_MESSAGE } from "~/domain/deadline-agreement.server";
import { fieldErrors, formText } from "~/lib/forms";
import { assignmentPath, safeRedirectTarget } from "~/lib/urls";
import { AgencySwitcher } from "~/components/agency-switcher";
import { withAgency } from "~/domain/agency";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Frister som skal avklares – Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const mineOnly = user.role === "departement";
  const url = new URL(args.request.url);
  const choice = await readAgencyChoice(getDatabase().db, url.searchParams);
  const rows = await deadlinesToAgree(getDatabase().db, mineOnly ? user.departments : null, choice.multi ? (choice.agency?.id ?? null) : null);
  return {
    agencies: choice.agencies,
    agency: choice.multi ? (choice.agency?.slug ?? null) : null,
    multi: choice.multi,
    mineOnly,
    departments: user.departments,
    saved: url.searchParams.get("lagret") === "1",
    rows: rows.map((r) => {
      const owners = r.departments ? r.departments.split("/") : [];
      return { ...r, owners, mayAgree: can(user, "frist:avtal", owners) };
    }),
  };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const parsed = deadlineAgreementSchema.safeParse({
    deadlineId: form.get("deadlineId") ?? "",
    date: form.get("date") ?? "",
    reference: form.get("reference") ?? "",
  });
  const db = getDatabase().db;
  const deadline = parsed.success ? await deadlineOwners(db, parsed.data.deadlineId) : null;
  // Authorise against the deadline's own departments before saying anything about the input.
  const user = await requireUser(args, "frist:avtal", deadline?.owners);
  if (!parsed.success) return data({ deadlineId: formText(form, "deadlineId"), errors: fieldErrors(parsed.error) }, { status: 400 });
  if (!deadline) return data({ deadlineId: String(parsed.data.deadlineId), errors: { date: "Fant ikke fristen." } as Record<string, string> }, { status: 404 });
  const saved = await agreeDeadline(db, { id: deadline.id, key: deadline.key, label: deadline.label }, parsed.data.date, parsed.data.reference, user.actor);
  if (saved !== "saved") {
    const message = saved === "fixed" ? FIXED_DEADLINE_MESSAGE : "Fant ikke fristen.";
    return data({ deadlineId: String(deadline.id), errors: { date: message } as Record<string, string> }, { status: saved === "fixed" ? 409 : 404 });
  }
  const back = new URL(safeRedirectTarget(formText(form, "tilbake"), "/frister"), "http://x");
  back.searchParams.set("lagret", "1");
  return redirect(`${back.pathname}${back.search}${back.hash}`);
}

export default function DeadlinesToAgree() {
  const { rows, mineOnly, departments, saved, agencies, agency, multi } = useLoaderData<typeof loader>();
  const back = withAgency("/frister", agency, agencies.length);
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Frister som skal avklares
      </Heading>
      <Paragraph>
        Frister brevet lar stå åpne («avklares i dialog med departementet», «14 dager etter mottatt oppdrag», «settes i bero»).
        {mineOnly ? ` Viser oppdrag for ${departments.join(", ")}.` : ""} Når en dato er avtalt, kommer fristen med i lister,
        kalendere og varsler.
      </Paragraph>
      {saved && !actionData ? (
        <Alert data-color="success" role="status">
          Den avtalte fristen er lagret.
        </Alert>
      ) : null}
      <FormErrorSummary errors={actionData?.errors} fieldIds={{ date: `avtalt-${actionData?.deadlineId}`, reference: `referanse-${actionData?.deadlineId}` }} />
      <AgencySwitcher agencies={agencies} current={agency} />
      <Paragraph role="status">{rows.length === 1 ? "1 frist venter" : `${rows.length} frister venter`}</Paragraph>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <Table zebra border data-size="sm">
            <caption className="visually-hidden">Frister som venter på avklaring</caption>
            <thead>
              <tr>
                <th scope="col">Oppdrag</th>
                {multi ? <th scope="col">Virksomhet</th> : null}
                <th scope="col">Avdeling</th>
                <th scope="col">Slik står det i brevet</th>
                <th scope="col">Avtal dato</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const what = `${r.has_id ? r.key : r.title}${r.label ? ` (${r.label})` : ""}`;
                return (
                  <tr key={r.id}>
                    <td>
                      <AppLink to={assignmentPath(r.key, null, multi ? r.agency : null)}>
                        {r.has_id ? `${r.key} ` : ""}
                        {r.title}
                      </AppLink>
                      {r.label ? <div className="muted">{r.label}</div> : null}
                    </td>
                    {multi ? <td>{r.agency_name}</td> : null}
                    <td>{r.owners.join(", ")}</td>
                    <td>
                      <q>{r.phrase}</q> {r.state === "on_hold" ? <span className="muted">(satt i bero)</span> : null}
                    </td>
                    <td>
                      {r.mayAgree ? (
                        <AgreeDeadlineForm
                          deadlineId={r.id}
                          what={what}
                          back={back}
                          errors={actionData?.deadlineId === String(r.id) ? actionData.errors : undefined}
                        />
                      ) : (
                        <span className="muted">Avtales av eieravdelingen</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </div>
      ) : null}
    </div>
  );
}
