import { Form } from "@remix-run/react";
import { Button, Field, Fieldset, Label, Paragraph, Textarea, ValidationMessage } from "~/components/ds";
import { FormErrorSummary, SelectField, TextField } from "./form";
import { Choice } from "./user-fields";
import { YearSelect } from "./year-switcher";

export interface AssignmentFormValues {
  year: number | null;
  id: string;
  title: string;
  body: string;
  area: string;
  departments: string[];
  deadline: string;
  source: string;
}

/** Create or correct an assignment by hand. Plain form: works without JavaScript. */
export function AssignmentForm({
  values,
  errors,
  years,
  areas,
  departments,
  editing,
}: {
  values: AssignmentFormValues;
  errors?: Record<string, string>;
  years: number[];
  areas: Array<{ code: string; name: string }>;
  departments: Array<{ code: string; name: string | null }>;
  editing: boolean;
}) {
  return (
    <>
      <FormErrorSummary errors={errors} fieldIds={{ year: "aar", area: "omrade", departments: "avd-0", body: "tekst" }} />
      <Form method="post" className="stack" noValidate>
        {editing ? <input type="hidden" name="year" value={values.year ?? ""} /> : <YearSelect years={years} current={values.year} />}
        {editing ? null : (
          <TextField name="id" label="ID (valgfritt)" description="Som i brevene, for eksempel TB2024-12, 2026-01 eller 13/2024. La stå tomt hvis oppdraget ikke har ID." defaultValue={values.id} error={errors?.id} />
        )}
        <TextField name="title" label="Tittel" defaultValue={values.title} error={errors?.title} required />
        <Field>
          <Label htmlFor="tekst">Tekst</Label>
          <Textarea
            id="tekst"
            name="body"
            rows={8}
            defaultValue={values.body}
            aria-invalid={errors?.body ? true : undefined}
            aria-describedby={errors?.body ? "tekst-feil" : undefined}
          />
          {errors?.body ? <ValidationMessage id="tekst-feil">{errors.body}</ValidationMessage> : null}
        </Field>
        <SelectField id="omrade" name="area" label="Område" value={values.area} empty="Ikke valgt" options={areas.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))} />
        <Fieldset>
          <Fieldset.Legend>Eieravdeling</Fieldset.Legend>
          {departments.map((d, i) => (
            <Choice key={d.code} type="checkbox" id={`avd-${i}`} name="departments" value={d.code} label={d.name ? `${d.code} – ${d.name}` : d.code} defaultChecked={values.departments.includes(d.code)} />
          ))}
        </Fieldset>
        <TextField name="deadline" label="Frist (valgfritt)" type="date" description="Uten frist gjelder utgangen av året." defaultValue={values.deadline} error={errors?.deadline} />
        <TextField
          name="source"
          label={editing ? "Grunn til endringen" : "Hvor oppdraget er gitt"}
          description={editing ? "For eksempel «Rettet skrivefeil» eller «E-post fra KTA 12.03.2024»." : "For eksempel «E-post fra KTA 12.03.2024» eller «Etatsstyringsmøte 5. mai»."}
          defaultValue={values.source}
          error={errors?.source}
          required
        />
        <Paragraph data-size="sm" className="muted">
          Endringen lagres med historikk og navnet ditt.
        </Paragraph>
        <div>
          <Button type="submit">{editing ? "Lagre rettelsen" : "Opprett oppdrag"}</Button>
        </div>
      </Form>
    </>
  );
}
