import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Alert, Button, Heading, Paragraph, Table } from "~/components/ds";
import { SelectField, TextField } from "~/components/form";
import { Choice } from "~/components/user-fields";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { cancelUpload, confirmUpload, getUpload, previewUpload, setAgencyOverride, setDepartmentOverride, setItemOverride } from "~/use-cases/letter-uploads.server";
import { listAreas, listDepartments } from "~/models/assignment.server";
import { PART_KIND_LABELS } from "~/domain/parts";
import { AGENCY_NAME_MAX } from "~/domain/agency";
import { AgencyError, findAgencyByName } from "~/models/agency.server";
import { formatDateLong, formatDateTime } from "~/domain/format";
import { assignmentPath } from "~/lib/urls";
import { isSyntheticId } from "~/domain/letter/ids";
import { formText } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Forhåndsvisning av brev – Oppdragsoversikt" }];

const RELATION: Record<string, string> = { replaces: "erstatter", clarifies: "presiserer", postpones: "utsetter" };

function uploadId(params: LoaderFunctionArgs["params"]): number {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Fant ikke opplastingen.", { status: 404 });
  return id;
}

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args, "brev:importer");
  const db = getDatabase().db;
  const upload = await getUpload(db, uploadId(args.params));
  if (!upload) throw new Response("Fant ikke opplastingen.", { status: 404 });
  const lines = upload.text.split("\n");
  const context = (line: number) => lines.slice(Math.max(0, line - 3), line + 2).join("\n");
  const url = new URL(args.request.url);
  if (upload.status !== "venter") {
    return { upload: { ...upload, text: "", parsed: null }, preview: null, departments: [], areas: [], done: url.searchParams.get("ferdig"), chooseAgency: null };
  }
  const [{ original, parsed, summary: maybeSummary, overrides, items, agency }, departments] = await Promise.all([previewUpload(db, upload), listDepartments(db)]);
  if (!maybeSummary) {
    // Several agencies and a letter that does not say which: the admin chooses before anything else.
    return { upload: { ...upload, text: "", parsed: null }, departments: [], areas: [], done: null, preview: null, chooseAgency: { ...agency, letters: parsed.letters } };
  }
  const summary = maybeSummary;
  // Codes to choose from: those in the database and those the letter itself uses.
  const codes = [...new Set([...departments.map((d) => d.code), ...parsed.departments.map((d) => d.code)])].sort();
  // Areas to choose from: the letter's own and those of its year in the database.
  const year = parsed.letters.find((l) => l.kind === "main")?.year ?? parsed.letters[0]?.year ?? null;
  const chosenAgency = agency.chosen ? await findAgencyByName(db, agency.chosen) : undefined;
  const areaRows = year && chosenAgency ? await listAreas(db, year, chosenAgency.id) : [];
  const areas = [...new Map([...areaRows.map((a) => [a.code, a.name] as const), ...parsed.areas.map((a) => [a.code, a.name] as const)]).entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code, "nb", { numeric: true }));
  const importedDepartments = new Map(items.filter((i) => i.block !== null).map((i) => [i.block!, i.departments]));
  const blockOf = (ref: string | null) => (ref?.startsWith("b") ? original.assignments[Number(ref.slice(1))] : undefined);
  const view = items
    .filter((i) => i.action !== "unchanged" || i.warnings.length > 0)
    .map((i) => {
      const block = i.block !== null ? parsed.assignments[i.block] : undefined;
      const letter = parsed.letters[i.letter];
      return {
        ref: i.ref,
        key: i.key,
        hasId: block?.hasId ?? true,
        action: i.action,
        kindLabel: PART_KIND_LABELS[i.kind],
        title: i.action === "new" ? (block?.title ?? i.title) : i.title,
        partTitle: i.action === "added" ? (block?.title ?? null) : null,
        letter: letter ? `${letter.title}${letter.date ? `, ${formatDateLong(letter.date)}` : ""}` : "",
        // As imported: an owner the letter names without code has the register's code here.
        departments: block ? (i.departments.length > 0 ? i.departments : block.departments) : [],
        area: block?.area ?? null,
        deadlines: block?.deadlines.length ?? 0,
        changes: i.changes,
        warnings: i.warnings,
        knownOnly: i.knownOnly,
        exempt: i.exempt,
        corrected: !!(i.ref && overrides.items?.[i.ref]),
      };
    });
  const editRef = url.searchParams.get("punkt");
  const editBlock = blockOf(editRef);
  const editing =
    editRef && /^[be]\d{1,6}$/.test(editRef)
      ? {
          ref: editRef,
          key: editBlock?.id ?? original.events[Number(editRef.slice(1))]?.target ?? editRef,
          isBlock: editRef.startsWith("b"),
          title: overrides.items?.[editRef]?.title ?? editBlock?.title ?? "",
          area: overrides.items?.[editRef]?.area ?? editBlock?.area ?? "",
          department: overrides.items?.[editRef]?.departments?.[0] ?? editBlock?.departments[0] ?? "",
          skip: overrides.items?.[editRef]?.skip ?? false,
        }
      : null;
  const skipped = Object.entries(overrides.items ?? {})
    .filter(([, o]) => o.skip)
    .map(([ref]) => {
      const b = blockOf(ref);
      const e = ref.startsWith("e") ? original.events[Number(ref.slice(1))] : undefined;
      return { ref, text: b ? `${b.hasId ? `${b.id} ` : ""}${b.title}` : e ? `${e.target}: ${e.text}` : ref };
    });
  return {
    upload: { ...upload, text: "", parsed: null },
    departments: codes.map((code) => ({ code })),
    areas,
    done: null,
    chooseAgency: null,
    preview: {
      agency: { ...agency, created: summary.agency?.created ?? false },
      letters: parsed.letters,
      created: view.filter((i) => i.action === "new"),
      added: view.filter((i) => i.action === "added"),
      changedItems: view.filter((i) => i.action === "changed"),
      withdrawn: view.filter((i) => i.action === "withdrawn" || i.action === "postponed"),
      notes: view.filter((i) => i.action === "unchanged"),
      skipped,
      editing,
      unchanged: summary.assignments.unchanged,
      relations: summary.relations,
      postponements: summary.postponements,
      warnings: summary.warnings.map((w) => ({ ...w, context: w.line > 0 ? context(w.line) : "" })),
      // Those the text left without an owner, including those given one in this preview.
      // (An owner the text names without code, which the register knows by name, has its code.)
      withoutDepartment: parsed.assignments
        .filter((a, index) => (a.kind ?? "original") === "original" && ((importedDepartments.get(index) ?? a.departments).length === 0 || overrides.departments?.[a.id]))
        .map((a) => ({ key: a.id, hasId: a.hasId, title: a.title })),
      overrides: overrides.departments ?? {},
      changed: summary.changed,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args, "brev:importer");
  const id = uploadId(args.params);
  const db = getDatabase().db;
  const upload = await getUpload(db, id);
  if (!upload) throw new Response("Fant ikke opplastingen.", { status: 404 });
  if (upload.status !== "venter") return data({ message: "Denne opplastingen er allerede behandlet." }, { status: 409 });
  const form = await args.request.formData();
  const intent = formText(form, "intent");
  if (intent === "avbryt") {
    await cancelUpload(db, id, user.actor);
    return redirect(`/admin/brev/${id}?ferdig=avbrutt`);
  }
  if (intent === "bekreft") {
    try {
      await confirmUpload(db, id, user.actor);
    } catch (error) {
      if (error instanceof AgencyError) return data({ message: error.message }, { status: 400 });
      throw error;
    }
    return redirect(`/admin/brev/${id}?ferdig=importert`);
  }
  if (intent === "punkt" || intent === "punkt-fjern") {
    const ref = formText(form, "ref");
    if (!/^[be]\d{1,6}$/.test(ref)) return data({ message: "Ukjent punkt i forhåndsvisningen." }, { status: 400 });
    if (intent === "punkt-fjern") {
      await setItemOverride(db, id, ref, null);
      return redirect(`/admin/brev/${id}#punkter`);
    }
    const title = formText(form, "tittel").trim().slice(0, 500);
    const area = formText(form, "omrade").trim();
    const code = formText(form, "avdeling").toUpperCase();
    if (area && !/^\d{1,2}(\.\d{1,2}){0,2}$/.test(area)) return data({ message: "Ugyldig område." }, { status: 400 });
    if (code && !/^[A-ZÆØÅ]{2,6}$/.test(code)) return data({ message: "Ugyldig avdelingskode." }, { status: 400 });
    const skip = form.get("utelat") === "ja";
    await setItemOverride(db, id, ref, {
      ...(skip ? { skip: true } : {}),
      ...(title ? { title } : {}),
      ...(area ? { area } : {}),
      ...(code ? { departments: [code] } : {}),
    });
    return redirect(`/admin/brev/${id}#punkter`);
  }
  if (intent === "virksomhet") {
    const name = formText(form, "virksomhet");
    if (name.length > AGENCY_NAME_MAX) return data({ message: `Virksomhetens navn kan ha høyst ${AGENCY_NAME_MAX} tegn.` }, { status: 400 });
    await setAgencyOverride(db, id, name);
    return redirect(`/admin/brev/${id}#virksomhet`);
  }
  if (intent === "avdeling") {
    const key = formText(form, "key").slice(0, 100);
    const code = formText(form, "avdeling").toUpperCase();
    if (code && !/^[A-ZÆØÅ]{2,6}$/.test(code)) return data({ message: "Ugyldig avdelingskode." }, { status: 400 });
    await setDepartmentOverride(db, id, key, code ? [code] : []);
    return redirect(`/admin/brev/${id}#uten-avdeling`);
  }
  return data({ message: "Ukjent handling." }, { status: 400 });
}

/** The recipient agency: what the text says, confirmed or corrected (a new name creates the agency). */
function AgencyChoice({ fromText, chosen, known }: { fromText: string | null; chosen: string | null; known: string[] }) {
  return (
    <section aria-labelledby="virksomhet" className="stack">
      <Heading level={2} data-size="md" id="virksomhet">
        Mottaker (virksomhet)
      </Heading>
      <Paragraph>
        {fromText ? `Brevet er adressert til ${fromText}.` : "Brevet sier ikke hvilken virksomhet det er til."}{" "}
        {chosen ? `Oppdragene blir registrert på ${chosen}.` : "Velg virksomhet før du bekrefter."} Et nytt navn oppretter virksomheten.
      </Paragraph>
      <Form method="post" className="filter-row" aria-label="Velg mottaker">
        <input type="hidden" name="intent" value="virksomhet" />
        <TextField
          id="f-virksomhet"
          name="virksomhet"
          label="Virksomhet"
          defaultValue={chosen ?? ""}
          list="kjente-virksomheter"
          maxLength={AGENCY_NAME_MAX}
          autoComplete="off"
        />
        <datalist id="kjente-virksomheter">
          {known.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Button type="submit" variant="secondary" data-size="sm">
          Lagre mottaker
        </Button>
      </Form>
    </section>
  );
}

export default function LetterPreview() {
  const { upload, preview, departments, areas, done, chooseAgency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (chooseAgency) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Forhåndsvisning: {upload.source_name}
        </Heading>
        {actionData?.message ? (
          <Alert data-color="danger" role="alert">
            {actionData.message}
          </Alert>
        ) : null}
        <Paragraph>Ingenting er lagret ennå. Registeret har flere virksomheter, og brevet sier ikke hvem det er til.</Paragraph>
        <AgencyChoice fromText={chooseAgency.fromText} chosen={chooseAgency.chosen} known={chooseAgency.known} />
        <CancelUploadForm />
      </div>
    );
  }
  if (!preview) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          {upload.source_name}
        </Heading>
        <Alert data-color={upload.status === "importert" ? "success" : "info"} role="status">
          {upload.status === "importert"
            ? "Brevet er importert."
            : done === "avbrutt"
              ? "Importen er avbrutt. Ingenting er lagret."
              : "Importen ble avbrutt. Ingenting ble lagret."}
          {upload.decided_at ? ` (${formatDateTime(upload.decided_at)})` : ""}
        </Alert>
        <Paragraph>
          <AppLink to="/admin/brev">Tilbake til import</AppLink> · <AppLink to="/">Til oversikten</AppLink>
        </Paragraph>
      </div>
    );
  }
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Forhåndsvisning: {upload.source_name}
      </Heading>
      <Paragraph>Ingenting er lagret ennå. Se over endringene, og bekreft eller avbryt nederst.</Paragraph>
      {actionData?.message ? (
        <Alert data-color="danger" role="alert">
          {actionData.message}
        </Alert>
      ) : null}
      <AgencyChoice fromText={preview.agency.fromText} chosen={preview.agency.chosen} known={preview.agency.known} />
      {preview.agency.created ? (
        <Paragraph>{preview.agency.chosen} er ny i registeret og blir opprettet når du bekrefter.</Paragraph>
      ) : null}
      {!preview.changed ? (
        <Alert data-color="info" role="status">
          Ingen endringer: databasen har allerede alt innholdet i dette brevet.
        </Alert>
      ) : null}

      <section aria-labelledby="brev" className="stack">
        <Heading level={2} data-size="md" id="brev">
          Brev i filen ({preview.letters.length})
        </Heading>
        <ul>
          {preview.letters.map((l, i) => (
            <li key={i}>
              {l.kind === "main" ? "Tildelingsbrev" : "Tillegg"} {l.year}: {l.title}
              {l.reference ? `, ref. ${l.reference}` : ""}
              {l.date ? `, ${formatDateLong(l.date)}` : ", udatert"}
            </li>
          ))}
        </ul>
      </section>

      {preview.editing ? (
        <section aria-labelledby="rett-punkt" className="card stack">
          <Heading level={2} data-size="md" id="rett-punkt">
            Rett eller utelat {preview.editing.key}
          </Heading>
          <Form method="post" className="stack" aria-labelledby="rett-punkt">
            <input type="hidden" name="intent" value="punkt" />
            <input type="hidden" name="ref" value={preview.editing.ref} />
            {preview.editing.isBlock ? (
              <>
                <TextField name="tittel" id="punkt-tittel" label="Tittel" defaultValue={preview.editing.title} />
                <SelectField
                  id="punkt-omrade"
                  name="omrade"
                  label="Område"
                  value={preview.editing.area}
                  empty="Som i brevet"
                  options={areas.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))}
                />
                <SelectField
                  id="punkt-avdeling"
                  name="avdeling"
                  label="Ansvarlig avdeling"
                  value={preview.editing.department}
                  empty="Som i brevet"
                  options={departments.map((d) => ({ value: d.code }))}
                />
              </>
            ) : null}
            <Choice type="checkbox" id="punkt-utelat" name="utelat" value="ja" label="Utelat dette punktet fra importen" defaultChecked={preview.editing.skip} />
            <div className="filter-row">
              <Button type="submit">Lagre rettelse</Button>
              <AppLink to={`/admin/brev/${upload.id}#punkter`}>Lukk uten å lagre</AppLink>
            </div>
          </Form>
        </section>
      ) : null}

      <div id="punkter" className="stack">
      <section aria-labelledby="nye" className="stack">
        <Heading level={2} data-size="md" id="nye">
          Nye oppdrag ({preview.created.length})
        </Heading>
        {preview.created.length ? (
          <div className="table-wrap">
            <Table zebra border data-size="sm">
              <caption className="visually-hidden">Oppdrag som blir opprettet</caption>
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">Tittel</th>
                  <th scope="col">Avdeling</th>
                  <th scope="col">Område</th>
                  <th scope="col">Frister</th>
                  <th scope="col">Merknad</th>
                  <th scope="col">
                    <span className="visually-hidden">Rett eller utelat</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.created.map((a) => (
                  <tr key={a.ref ?? a.key}>
                    <td className="nowrap">{a.hasId ? a.key : "Uten ID"}</td>
                    <td>{a.title}</td>
                    <td>{a.departments.join(", ") || <strong className="overdue">Mangler</strong>}</td>
                    <td>{a.area ?? "–"}</td>
                    <td>{a.deadlines}</td>
                    <td>
                      {[a.exempt ? "Unntatt offentlighet." : null, a.corrected ? "Rettet i forhåndsvisningen." : null, ...a.warnings].filter(Boolean).join(" ") || "–"}
                    </td>
                    <td>
                      {a.ref ? (
                        <AppLink to={`?punkt=${a.ref}#rett-punkt`} aria-label={`Rett eller utelat ${a.hasId ? a.key : a.title}`}>
                          Rett
                        </AppLink>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : (
          <Paragraph>Ingen nye oppdrag.</Paragraph>
        )}
      </section>

      <section aria-labelledby="tillegg" className="stack">
        <Heading level={2} data-size="md" id="tillegg">
          Lagt til i eksisterende oppdrag ({preview.added.length})
        </Heading>
        {preview.added.length === 0 ? <Paragraph>Ingen tillegg eller presiseringer til oppdrag som finnes fra før.</Paragraph> : null}
        {preview.added.map((c) => (
          <ItemCard key={`${c.ref}-${c.key}`} item={c} />
        ))}
      </section>

      <section aria-labelledby="endrede" className="stack">
        <Heading level={2} data-size="md" id="endrede">
          Endrede oppdrag ({preview.changedItems.length})
        </Heading>
        {preview.changedItems.length === 0 ? <Paragraph>Ingen oppdrag endres. {preview.unchanged} er uendret.</Paragraph> : null}
        {preview.changedItems.map((c) => (
          <ItemCard key={`${c.ref}-${c.key}`} item={c} />
        ))}
      </section>

      <section aria-labelledby="utgaar" className="stack">
        <Heading level={2} data-size="md" id="utgaar">
          Utgår eller utsettes ({preview.withdrawn.length})
        </Heading>
        {preview.withdrawn.length === 0 ? <Paragraph>Ingen oppdrag utgår eller utsettes.</Paragraph> : null}
        {preview.withdrawn.map((c) => (
          <ItemCard key={`${c.ref}-${c.key}`} item={c} />
        ))}
        {preview.notes.map((c) => (
          <ItemCard key={`${c.ref}-${c.key}`} item={c} />
        ))}
      </section>

      {preview.skipped.length > 0 ? (
        <section aria-labelledby="utelatt" className="stack">
          <Heading level={2} data-size="md" id="utelatt">
            Utelatt fra importen ({preview.skipped.length})
          </Heading>
          <ul>
            {preview.skipped.map((s) => (
              <li key={s.ref}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="punkt-fjern" />
                  <input type="hidden" name="ref" value={s.ref} />
                  {s.text}{" "}
                  <Button type="submit" variant="tertiary" data-size="sm" aria-label={`Ta med igjen: ${s.text}`}>
                    Ta med igjen
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      </div>

      {preview.relations.length + preview.postponements.length > 0 ? (
        <section aria-labelledby="relasjoner" className="stack">
          <Heading level={2} data-size="md" id="relasjoner">
            Relasjoner og utsettelser
          </Heading>
          <ul>
            {preview.relations.map((r, i) => (
              <li key={`r${i}`}>
                {r.source} {RELATION[r.type] ?? r.type} {r.target}
                {r.known ? "" : " (finnes ikke i databasen)"}
              </li>
            ))}
            {preview.postponements.map((p, i) => (
              <li key={`p${i}`}>
                {p.target} blir satt til Utsatt av «{p.letter}»{p.recorded ? "" : " (allerede registrert, eller oppdraget finnes ikke)"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview.withoutDepartment.length > 0 ? (
        <section aria-labelledby="uten-avdeling" className="stack">
          <Heading level={2} data-size="md" id="uten-avdeling">
            Oppdrag uten eieravdeling ({preview.withoutDepartment.length})
          </Heading>
          <Paragraph>Teksten sier ikke hvilken avdeling som eier disse. Velg avdeling før du bekrefter, eller la det stå åpent.</Paragraph>
          {preview.withoutDepartment.map((a) => (
            <Form key={a.key} method="post" className="filter-row" aria-label={`Velg avdeling for ${a.hasId ? a.key : a.title}`}>
              <input type="hidden" name="intent" value="avdeling" />
              <input type="hidden" name="key" value={a.key} />
              <SelectField
                id={`avd-${a.key}`}
                name="avdeling"
                label={`${a.hasId ? `${a.key} ` : ""}${a.title}`}
                value={preview.overrides[a.key]?.[0]}
                empty="Ikke valgt"
                options={departments.map((d) => ({ value: d.code }))}
              />
              <Button type="submit" variant="secondary" data-size="sm">
                Lagre valg
              </Button>
            </Form>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="advarsler" className="stack">
        <Heading level={2} data-size="md" id="advarsler">
          Advarsler ({preview.warnings.length})
        </Heading>
        {preview.warnings.length === 0 ? <Paragraph>Ingen advarsler.</Paragraph> : null}
        <ul className="stack">
          {preview.warnings.map((w, i) => (
            <li key={i}>
              {w.line > 0 ? `Linje ${w.line}: ` : ""}
              {w.message}
              {w.context ? <pre className="warning-context">{w.context}</pre> : null}
            </li>
          ))}
        </ul>
      </section>

      <div className="filter-row">
        <Form method="post">
          <input type="hidden" name="intent" value="bekreft" />
          <Button type="submit">{preview.changed ? "Bekreft og importer" : "Bekreft (ingen endringer)"}</Button>
        </Form>
        <CancelUploadForm />
      </div>
    </div>
  );
}

interface PreviewItem {
  ref: string | null;
  key: string;
  action: string;
  kindLabel: string;
  title: string;
  partTitle: string | null;
  letter: string;
  changes: Array<{ field: string; old: string | null; new: string | null }>;
  warnings: string[];
  knownOnly: boolean;
  corrected: boolean;
}

/** One item of the preview: the assignment, the letter, and exactly what changes (before → after). */
function ItemCard({ item }: { item: PreviewItem }) {
  const headingId = `punkt-${item.ref ?? item.key}`;
  // An assignment without ID is named by its title; its synthetic key means nothing to a reader.
  const id = isSyntheticId(item.key) ? null : item.key;
  return (
    <div className="card stack" aria-labelledby={headingId} role="group">
      <Heading level={3} data-size="xs" id={headingId}>
        <AppLink to={assignmentPath(item.key)}>
          {id ? `${id} ` : ""}
          {item.title}
        </AppLink>
      </Heading>
      <Paragraph className="muted">
        {item.kindLabel}
        {item.partTitle ? `: ${item.partTitle}` : ""} – {item.letter}
        {item.corrected ? " (rettet i forhåndsvisningen)" : ""}
      </Paragraph>
      {item.warnings.length ? (
        <Alert data-color="warning">
          {item.warnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        </Alert>
      ) : null}
      {item.changes.length ? (
        <dl className="facts">
          {item.changes.map((f, i) => (
            <div key={`${f.field}-${i}`} style={{ display: "contents" }}>
              <dt>{f.field}</dt>
              <dd>
                <div>
                  Før: <del className="history__comment">{f.old || "–"}</del>
                </div>
                <div>
                  Etter: <ins className="history__comment">{f.new || "–"}</ins>
                </div>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {item.ref ? (
        <Paragraph>
          <AppLink to={`?punkt=${item.ref}#rett-punkt`} aria-label={`Rett eller utelat ${id ?? item.title}`}>
            Rett eller utelat
          </AppLink>
        </Paragraph>
      ) : null}
    </div>
  );
}

/** Cancels the upload: nothing of it is imported (the same form wherever the page offers it). */
function CancelUploadForm() {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="avbryt" />
      <Button type="submit" variant="secondary">
        Avbryt
      </Button>
    </Form>
  );
}
