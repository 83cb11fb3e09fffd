import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ds";
import { AssignmentForm } from "~/components/assignment-form";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { assignmentForEdit, saveManualAssignment } from "~/use-cases/manual.server";
import { listAreas, listDepartments } from "~/models/assignment.server";
import { readAssignmentForm } from "~/lib/manual-form.server";
import { assignmentPath } from "~/lib/urls";
import { AGENCY_PARAM } from "~/domain/agency";
import { getAgencyBySlug, listAgencies } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Rett oppdrag – Oppdragsoversikt" }];

async function load(key: string, request: Request) {
  const db = getDatabase().db;
  const slug = new URL(request.url).searchParams.get(AGENCY_PARAM);
  const agency = slug ? await getAgencyBySlug(db, slug) : undefined;
  const a = slug && !agency ? null : await assignmentForEdit(db, key.slice(0, 200), agency?.id ?? null);
  if (!a) throw new Response(`Fant ikke oppdraget «${key.slice(0, 60)}».`, { status: 404 });
  return a;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "brev:importer");
  const a = await load(args.params.key ?? "", args.request);
  const db = getDatabase().db;
  const [own, departments] = await Promise.all([listAreas(db, a.year, a.agency_id), listDepartments(db)]);
  // Every goal area of its year; an earlier year's assignment known only from a later letter
  // (its own year's areas unknown) is offered the areas of that letter's year.
  const areas = own.length === 0 && a.known_only_from_letter ? await listAreas(db, a.letter_year, a.agency_id) : own;
  return { a, areas, departments };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, "brev:importer");
  const a = await load(args.params.key ?? "", args.request);
  const form = await args.request.formData();
  form.set("year", String(a.year));
  const read = readAssignmentForm(form);
  if (!read.ok) return data({ errors: read.errors, values: read.values }, { status: 400 });
  const db = getDatabase().db;
  await saveManualAssignment(db, read.data, user.actor, a.key, a.agency_name);
  const multi = (await listAgencies(db)).length > 1;
  const path = assignmentPath(a.key, null, multi ? a.agency_slug : null);
  return redirect(`${path}${path.includes("?") ? "&" : "?"}lagret=rettet`);
}

export default function CorrectAssignment() {
  const { a, areas, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <Heading level={1} data-size="lg">
        Rett {a.has_id ? a.key : "oppdrag"}: {a.title}
      </Heading>
      <Paragraph>
        Rettelsen lagres som en endring med navnet ditt og grunnen du oppgir. Statushistorikken berøres ikke. Feltene du retter, beholder
        rettelsen din også når brevet importeres på nytt.
      </Paragraph>
      <AssignmentForm
        values={{
          year: a.year,
          id: a.key,
          title: a.title,
          body: a.body,
          area: a.area_code ?? "",
          departments: a.departments,
          deadline: a.deadline ?? "",
          source: "",
          ...(actionData?.values ?? {}),
        }}
        errors={actionData?.errors}
        years={[a.year]}
        areas={areas}
        departments={departments}
        editing
      />
    </div>
  );
}
