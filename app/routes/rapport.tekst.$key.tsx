import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ds";
import { ReportTextForm } from "~/components/report-text-form";
import { StatusTag } from "~/components/status-tag";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { listYears } from "~/models/assignment.server";
import { currentReportText, findReportAssignment, saveReportTexts, statusOnReportDate } from "~/models/report.server";
import { formatDateLong } from "~/domain/format";
import { reportTextSchema } from "~/domain/report-text.server";
import { readReportArea, readReportParams, reportPath } from "~/lib/report-params";
import { formText } from "~/lib/forms";
import { AGENCY_PARAM } from "~/domain/agency";
import { listAgencies } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Rapporttekst – Oppdragsoversikt" }];

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const db = getDatabase().db;
  const key = (args.params.key ?? "").slice(0, 200);
  const url = new URL(args.request.url);
  // Keys are unique per agency: `?virksomhet=` names the agency when two use the same key.
  const assignment = await findReportAssignment(db, key, url.searchParams.get(AGENCY_PARAM));
  if (!assignment) throw new Response(`Fant ikke oppdraget «${key.slice(0, 60)}».`, { status: 404 });
  const multi = (await listAgencies(db)).length > 1;
  const { asOfDate } = readReportParams(url, await listYears(db, assignment.agency_id));
  const reportDate = asOfDate ?? `${assignment.year}-12-31`;
  return { db, assignment, reportDate, agency: multi ? assignment.agency_slug : null };
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "rapport:rediger");
  const { db, assignment, reportDate, agency } = await load(args);
  await requireUser(args, "rapport:rediger", { agency: assignment.agency_id });
  const current = await currentReportText(db, assignment.id, reportDate);
  const status = await statusOnReportDate(db, assignment.id, reportDate);
  return { assignment, reportDate, agency, previewArea: readReportArea(new URL(args.request.url)), status, ...current };
}

export async function action(args: ActionFunctionArgs) {
  await requireUser(args, "rapport:rediger");
  const { db, assignment, reportDate, agency } = await load(args);
  const user = await requireUser(args, "rapport:rediger", { agency: assignment.agency_id });
  const form = await args.request.formData();
  const parsed = reportTextSchema.safeParse(form.get("text") ?? "");
  if (!parsed.success) return data({ error: parsed.error.issues[0].message, text: formText(form, "text").slice(0, 20000), conflict: null }, { status: 400 });
  // The same version rule as status: a text saved by someone else meanwhile is not overwritten unseen.
  const version = Number(formText(form, "versjon"));
  const result = await saveReportTexts(
    db,
    assignment.year,
    reportDate,
    [{ key: assignment.key, text: parsed.data, baseVersion: Number.isInteger(version) ? version : -1 }],
    user.actor,
    new Date(),
    assignment.agency_id,
  );
  if (result.conflicts.length) {
    const c = result.conflicts[0];
    return data({ error: undefined, text: parsed.data, conflict: { text: c.text, author: c.author, writtenAt: c.writtenAt, version: c.version } }, { status: 409 });
  }
  return redirect(reportPath(assignment.year, reportDate, readReportArea(new URL(args.request.url)), "forhandsvisning", agency));
}

export default function ReportTextPage() {
  const { assignment, reportDate, agency, previewArea, status, text, version, latestComment, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <Heading level={1} data-size="lg">
        Rapporttekst: {assignment.has_id ? `${assignment.key} ` : ""}
        {assignment.title}
      </Heading>
      <Paragraph>
        For rapporten per {formatDateLong(reportDate)}. Status da: <StatusTag status={status} />
      </Paragraph>
      <ReportTextForm
        label="Forklaring i rapporten"
        description={
          text
            ? "Teksten som står i rapporten nå. Endringer lagres som en ny versjon."
            : latestComment?.trim()
              ? "Forslaget er den siste kommentaren på oppdraget. Rediger den til en kortfattet forklaring."
              : "Oppdraget har ingen kommentar å foreslå. Skriv en kortfattet forklaring."
        }
        defaultValue={actionData?.text ?? text ?? latestComment ?? ""}
        error={actionData?.error}
        history={history}
        backTo={reportPath(assignment.year, reportDate, previewArea, "", agency)}
        version={actionData?.conflict?.version ?? version}
        conflict={actionData?.conflict ?? null}
      />
    </div>
  );
}
