import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Button, Field, Heading, Label, Paragraph, Table, Textarea, ValidationMessage } from "~/components/ds";
import { FormErrorSummary } from "~/components/form";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { createUpload, listUploads } from "~/use-cases/letter-uploads.server";
import { formatDateTime } from "~/domain/format";
import { parseLetter } from "~/domain/letter/parse";
import { extractLetterText, MAX_UPLOAD_BYTES } from "~/letters/extract.server";
import { isRequestTooLarge, limitRequestBody } from "~/lib/request-limit.server";
import { formText } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Importer brev – Oppdragsoversikt" }];

const STATUS: Record<string, string> = { venter: "Venter på bekreftelse", importert: "Importert", avbrutt: "Avbrutt" };

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "brev:importer");
  return { uploads: await listUploads(getDatabase().db) };
}

const MAX_REQUEST_BYTES = 2 * MAX_UPLOAD_BYTES + 64 * 1024;

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, "brev:importer");
  let form: FormData;
  try {
    // One file or one pasted text of at most MAX_UPLOAD_BYTES each, plus the form's other fields.
    const request = limitRequestBody(args.request, MAX_REQUEST_BYTES);
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || isRequestTooLarge(error)) {
      return data({ errors: { fil: "Filen eller teksten er for stor. Største tillatte størrelse er 10 MB." } as Record<string, string> }, { status: 413 });
    }
    return data({ errors: { fil: "Opplastingen kunne ikke leses. Prøv igjen." } as Record<string, string> }, { status: 400 });
  }
  const file = form.get("fil");
  const pasted = typeof form.get("tekst") === "string" ? formText(form, "tekst") : "";
  let result;
  let name: string;
  if (file && typeof file !== "string" && file.size > 0) {
    name = file.name || "brev";
    result = await extractLetterText(name, new Uint8Array(await file.arrayBuffer()));
  } else if (pasted.trim()) {
    name = "innlimt tekst";
    result = pasted.length > MAX_UPLOAD_BYTES ? { ok: false as const, message: "Teksten er for lang." } : { ok: true as const, text: pasted.replace(/\r\n?/g, "\n"), kind: "tekst" as const };
  } else if (file && typeof file !== "string" && file.name) {
    return data({ errors: { fil: `Filen «${file.name.slice(0, 100)}» er tom (0 byte). Velg filen med brevet på nytt, eller lim inn teksten.` } as Record<string, string> }, { status: 400 });
  } else {
    return data({ errors: { fil: "Velg en fil, eller lim inn teksten i brevet." } as Record<string, string> }, { status: 400 });
  }
  if (!result.ok) return data({ errors: { fil: result.message } as Record<string, string> }, { status: 400 });
  // Parsed once: the preview and the import read this parse (stored with the upload).
  const parsed = parseLetter(result.text);
  if (parsed.assignments.length === 0 && parsed.events.length === 0) {
    return data(
      {
        errors: {
          fil: "Fant ingen oppdrag i teksten. Er det et brev med oppdrag, med ID-er (for eksempel «ID: TB2023-01 …», «ID: 2026-01 …» eller «Oppdrag 13/2024 …») eller nummerert under en overskrift «Oppdrag»? Ingenting er lagret.",
        } as Record<string, string>,
      },
      { status: 400 },
    );
  }
  const db = getDatabase().db;
  const id = await createUpload(db, { userId: user.id, sourceName: name, kind: result.kind, text: result.text, parsed }, user.actor);
  return redirect(`/admin/brev/${id}`);
}

export default function LetterUpload() {
  const { uploads } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Importer tildelingsbrev
      </Heading>
      <Paragraph>
        Last opp et tildelingsbrev eller et tillegg som PDF, Word (.docx) eller tekst, eller lim inn teksten. Du får se nøyaktig hva
        som blir lagt til og endret før noe lagres. Oppdrag gitt på e-post eller i møter legger du inn under{" "}
        <AppLink to="/admin/oppdrag/ny">Nytt oppdrag</AppLink>.
      </Paragraph>
      <FormErrorSummary errors={errors} fieldIds={{ fil: "fil" }} />
      <Form method="post" encType="multipart/form-data" className="stack narrow" noValidate>
        <Field>
          <Label htmlFor="fil">Fil med brevet</Label>
          <Paragraph data-size="sm" id="fil-beskrivelse" className="muted">
            PDF med tekst (ikke skannet), Word (.docx) eller tekst (.txt eller .md), høyst 10 MB.
          </Paragraph>
          <input
            className="ds-input"
            type="file"
            id="fil"
            name="fil"
            accept=".pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown"
            aria-describedby={["fil-beskrivelse", errors?.fil ? "fil-feil" : null].filter(Boolean).join(" ")}
            aria-invalid={errors?.fil ? true : undefined}
          />
          {errors?.fil ? <ValidationMessage id="fil-feil">{errors.fil}</ValidationMessage> : null}
        </Field>
        <Field>
          <Label htmlFor="tekst">… eller lim inn teksten</Label>
          <Textarea id="tekst" name="tekst" rows={6} />
        </Field>
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? "Leser brevet …" : "Vis forhåndsvisning"}
          </Button>
        </div>
      </Form>

      <section aria-labelledby="tidligere" className="stack">
        <Heading level={2} data-size="md" id="tidligere">
          Tidligere opplastinger
        </Heading>
        {uploads.length === 0 ? (
          <Paragraph>Ingen ennå.</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table zebra border data-size="sm">
              <caption className="visually-hidden">Tidligere opplastinger</caption>
              <thead>
                <tr>
                  <th scope="col">Fil</th>
                  <th scope="col">Lastet opp</th>
                  <th scope="col">Av</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {uploads.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <AppLink to={`/admin/brev/${u.id}`}>{u.source_name}</AppLink>
                    </td>
                    <td>{formatDateTime(u.created_at)}</td>
                    <td>{u.user_name}</td>
                    <td>{STATUS[u.status]}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}
