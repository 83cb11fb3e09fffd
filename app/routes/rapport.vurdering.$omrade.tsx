import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ds";
import { ReportTextForm } from "~/components/report-text-form";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { listYears } from "~/models/assignment.server";
import { currentAssessment, findReportArea, saveAssessment } from "~/models/report.server";
import { formatDateLong } from "~/domain/format";
import { reportTextSchema } from "~/domain/report-text.server";
import { readReportArea, readReportParams, reportPath } from "~/lib/report-params";
import { formText } from "~/lib/forms";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Samlet vurdering – Oppdragsoversikt" }];

/** The area is the agency's own (`?virksomhet=`; with one agency, that one). */
async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const db = getDatabase().db;
  const url = new URL(args.request.url);
  const choice = await readAgencyChoice(db, url.searchParams);
  const agencyId = choice.agency?.id ?? null;
  const { year, asOfDate } = readReportParams(url, await listYears(db, agencyId));
  const code = (args.params.omrade ?? "").slice(0, 10);
  const area = year === null || agencyId === null ? undefined : await findReportArea(db, year, code, agencyId);
  if (!area || year === null || asOfDate === null) throw new Response(`Fant ikke området «${code}».`, { status: 404 });
  return { db, year, asOfDate, area, agencyId: agencyId as number, agency: choice.multi ? (choice.agency?.slug ?? null) : null };
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "rapport:rediger");
  const { db, year, asOfDate, area, agencyId, agency } = await load(args);
  await requireUser(args, "rapport:rediger", { agency: agencyId });
  return { year, asOfDate, area, agency, previewArea: readReportArea(new URL(args.request.url)), ...(await currentAssessment(db, year, area.code, asOfDate, agencyId)) };
}

export async function action(args: ActionFunctionArgs) {
  await requireUser(args, "rapport:rediger");
  const { db, year, asOfDate, area, agencyId, agency } = await load(args);
  const user = await requireUser(args, "rapport:rediger", { agency: agencyId });
  const form = await args.request.formData();
  const parsed = reportTextSchema.safeParse(form.get("text") ?? "");
  if (!parsed.success) return data({ error: parsed.error.issues[0].message, text: formText(form, "text").slice(0, 20000) }, { status: 400 });
  await saveAssessment(db, year, area.code, asOfDate, parsed.data, user.actor, new Date(), agencyId);
  return redirect(reportPath(year, asOfDate, readReportArea(new URL(args.request.url)), "forhandsvisning", agency));
}

export default function AssessmentPage() {
  const { year, asOfDate, area, previewArea, text, history, agency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <Heading level={1} data-size="lg">
        Samlet vurdering: {area.code} {area.name}
      </Heading>
      <Paragraph>For rapporten per {formatDateLong(asOfDate)}.</Paragraph>
      <ReportTextForm
        label="Samlet vurdering"
        description="Områdets samlede vurdering slik den skal stå i rapporten. Endringer lagres som en ny versjon."
        defaultValue={actionData?.text ?? text ?? ""}
        error={actionData?.error}
        history={history}
        backTo={reportPath(year, asOfDate, previewArea, "", agency)}
      />
    </div>
  );
}
