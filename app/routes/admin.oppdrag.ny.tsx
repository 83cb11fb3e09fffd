import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "~/components/ds";
import { AssignmentForm } from "~/components/assignment-form";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { AssignmentExistsError, saveManualAssignment } from "~/use-cases/manual.server";
import { listAreas, listDepartments, listYears } from "~/models/assignment.server";
import { readAssignmentForm } from "~/lib/manual-form.server";
import { assignmentPath } from "~/lib/urls";
import { AgencySwitcher } from "~/components/agency-switcher";
import { readAgencyChoice } from "~/models/agency.server";

export const meta: MetaFunction = () => [{ title: "Nytt oppdrag – Oppdragsoversikt" }];

/** The agency (`?virksomhet=`, one at a time: areas and keys are the agency's own) and its choices. */
async function choices(params: URLSearchParams) {
  const db = getDatabase().db;
  const choice = await readAgencyChoice(db, params, { required: true });
  const agencyId = choice.agency?.id ?? null;
  const known = await listYears(db, agencyId);
  const thisYear = new Date().getUTCFullYear();
  const years = [...new Set([...known, thisYear, (known[0] ?? thisYear) + 1])].sort((a, b) => b - a);
  const year = known[0] ?? thisYear;
  const [areas, departments] = await Promise.all([listAreas(db, year, agencyId), listDepartments(db)]);
  const agency = { list: choice.agencies, current: choice.multi ? (choice.agency?.slug ?? null) : null, name: choice.agency?.name ?? null, id: agencyId };
  return { years, year, areas, departments, agency };
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "brev:importer");
  return choices(new URL(args.request.url).searchParams);
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, "brev:importer");
  const read = readAssignmentForm(await args.request.formData());
  if (!read.ok) return data({ errors: read.errors, values: read.values }, { status: 400 });
  const db = getDatabase().db;
  const { agency } = await choices(new URL(args.request.url).searchParams);
  try {
    // The ID check is inside the write's transaction (per agency: keys are the agency's own).
    const { key } = await saveManualAssignment(db, read.data, user.actor, undefined, agency.name);
    const path = assignmentPath(key, null, agency.current);
    return redirect(`${path}${path.includes("?") ? "&" : "?"}lagret=opprettet`);
  } catch (error) {
    if (!(error instanceof AssignmentExistsError)) throw error;
    return data({ errors: { id: `${error.message} Rett det i stedet.` } as Record<string, string>, values: read.values }, { status: 409 });
  }
}

export default function NewAssignment() {
  const { years, year, areas, departments, agency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <Heading level={1} data-size="lg">
        Nytt oppdrag utenfor brev
      </Heading>
      <Paragraph>For oppdrag gitt på e-post eller i møter. De får samme historikk og oppfølging som oppdrag fra brev.</Paragraph>
      <AgencySwitcher agencies={agency.list} current={agency.current} all={false} />
      {agency.current ? <Paragraph>Oppdraget registreres på {agency.name}.</Paragraph> : null}
      <AssignmentForm
        values={{ year, id: "", title: "", body: "", area: "", departments: [], deadline: "", source: "", ...(actionData?.values ?? {}) }}
        errors={actionData?.errors}
        years={years}
        areas={areas}
        departments={departments}
        editing={false}
      />
    </div>
  );
}
