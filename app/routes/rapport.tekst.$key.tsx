import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ds";
import { ReportTextForm } from "~/components/report-text-form";
import { StatusTag } from "~/components/status-tag";
import { requireUser } from "~/auth/guards.server";
import { getDb } from "~/db/connection.server";
import { listYears } from "~/db/queries.server";
import { currentReportText, saveReportText } from "~/db/report.server";
import { endOfDayInOslo, formatDateLong } from "~/domain/format";
import { reportTextSchema } from "~/domain/report-text.server";
import { readReportArea, readReportParams, reportPath } from "~/lib/report-params";
import { formText } from "~/lib/forms";
import { assignmentsWithKey } from "~/db/queries.server";
import { AGENCY_PARAM } from "~/domain/agency";
import { listAgencies } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Rapporttekst – Oppdragsoversikt" }];

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const db = getDb();
  const key = (args.params.key ?? "").slice(0, 200);
  const url = new URL(args.request.url);
  // Keys are unique per agency: `?virksomhet=` names the agency when two use the same key.
  const slug = url.searchParams.get(AGENCY_PARAM);
  const matches = (await assignmentsWithKey(db, key)).filter((m) => !slug || m.slug === slug);
  const assignment =
    matches.length === 1
      ? await db.selectFrom("assignments as a").select(["a.id", "a.key", "a.has_id", "a.title", "a.year", "a.agency_id"]).where("a.id", "=", matches[0]!.id).executeTakeFirst()
      : undefined;
  if (!assignment) throw new Response(`Fant ikke oppdraget «${key.slice(0, 60)}».`, { status: 404 });
  const multi = (await listAgencies(db)).length > 1;
  const { asOfDate } = readReportParams(url, await listYears(db, assignment.agency_id));
  const reportDate = asOfDate ?? `${assignment.year}-12-31`;
  return { db, assignment, reportDate, agency: multi ? matches[0]!.slug : null };
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "rapport:rediger");
  const { db, assignment, reportDate } = await load(args);
  await requireUser(args, "rapport:rediger", { agency: assignment.agency_id });
  const current = await currentReportText(db, assignment.id, reportDate);
  const status = await db
    .selectFrom("status_events")
    .select("status")
    .where("assignment_id", "=", assignment.id)
    .where("effective_at", "<=", endOfDayInOslo(reportDate))
    .orderBy("effective_at", "desc")
    .orderBy("version", "desc")
    .executeTakeFirst();
  return { assignment, reportDate, previewArea: readReportArea(new URL(args.request.url)), status: status?.status ?? "ikke_startet", ...current };
}

export async function action(args: ActionFunctionArgs) {
  await requireUser(args, "rapport:rediger");
  const { db, assignment, reportDate, agency } = await load(args);
  const user = await requireUser(args, "rapport:rediger", { agency: assignment.agency_id });
  const form = await args.request.formData();
  const parsed = reportTextSchema.safeParse(form.get("text") ?? "");
  if (!parsed.success) return data({ error: parsed.error.issues[0].message, text: formText(form, "text").slice(0, 20000) }, { status: 400 });
  await saveReportText(db, assignment, reportDate, parsed.data, user.actor);
  return redirect(reportPath(assignment.year, reportDate, readReportArea(new URL(args.request.url)), "forhandsvisning", agency));
}

export default function ReportTextPage() {
  const { assignment, reportDate, previewArea, status, text, latestComment, history } = useLoaderData<typeof loader>();
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
            : "Forslaget er den siste kommentaren på oppdraget. Rediger den til en kortfattet forklaring."
        }
        defaultValue={actionData?.text ?? text ?? latestComment ?? ""}
        error={actionData?.error}
        history={history}
        backTo={reportPath(assignment.year, reportDate, previewArea)}
      />
    </div>
  );
}
