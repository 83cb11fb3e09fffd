import { Form } from "@remix-run/react";
import { Alert, Button, Field, Fieldset, Heading, Label, Paragraph, Textarea, ValidationMessage } from "~/components/ds";
import { formatDateTime } from "~/domain/format";
import { COMMENT_REQUIRED, STATUS_CODES, STATUS_LABELS, type StatusCode } from "~/domain/status";
import { MAX_COMMENT_LENGTH } from "~/domain/text";
import { Choice } from "./user-fields";
import { FormErrorSummary } from "./form";

export interface StatusFormState {
  errors?: Record<string, string>;
  values?: { status?: string; comment?: string };
  conflict?: { version: number; status: StatusCode; comment: string | null; actor_name: string; created_at: string } | null;
  version?: number;
}

/** The status update form: plain HTML form semantics, so it works without JavaScript. */
export function StatusForm({ current, version, state }: { current: StatusCode; version: number; state?: StatusFormState }) {
  const errors = state?.errors;
  const chosen = (state?.values?.status as StatusCode | undefined) ?? current;
  const formVersion = state?.version ?? version;
  return (
    <section aria-labelledby="oppdater" className="stack">
      <Heading level={2} data-size="md" id="oppdater">
        Oppdater status
      </Heading>
      {state?.conflict !== undefined ? (
        <Alert data-color="warning" role="alert">
          <Heading level={3} data-size="xs">
            Noen andre har oppdatert oppdraget mens du skrev
          </Heading>
          {state.conflict ? (
            <Paragraph>
              {state.conflict.actor_name} satte status til <strong>{STATUS_LABELS[state.conflict.status]}</strong>{" "}
              {formatDateTime(state.conflict.created_at)}
              {state.conflict.comment ? <>, med kommentaren: «{state.conflict.comment}»</> : "."}
            </Paragraph>
          ) : null}
          <Paragraph>Teksten din er tatt vare på nedenfor. Se over, og lagre på nytt hvis den fortsatt skal gjelde.</Paragraph>
        </Alert>
      ) : null}
      <FormErrorSummary errors={errors} fieldIds={{ status: "status-ikke_startet", comment: "kommentar" }} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="version" value={formVersion} />
        <Fieldset aria-describedby={errors?.status ? "status-feil" : undefined}>
          <Fieldset.Legend>Status</Fieldset.Legend>
          {STATUS_CODES.map((code) => (
            <Choice key={code} type="radio" id={`status-${code}`} name="status" value={code} label={STATUS_LABELS[code]} defaultChecked={chosen === code} />
          ))}
          {errors?.status ? <ValidationMessage id="status-feil">{errors.status}</ValidationMessage> : null}
        </Fieldset>
        <Field>
          <Label htmlFor="kommentar">Kommentar</Label>
          <Paragraph data-size="sm" id="kommentar-beskrivelse" className="muted">
            Kreves for {COMMENT_REQUIRED.map((c) => STATUS_LABELS[c].toLowerCase()).join(", ").replace(/, ([^,]*)$/, " og $1")}. Høyst{" "}
            {MAX_COMMENT_LENGTH} tegn.
          </Paragraph>
          <Textarea
            id="kommentar"
            name="comment"
            rows={4}
            defaultValue={state?.values?.comment ?? ""}
            aria-invalid={errors?.comment ? true : undefined}
            aria-describedby={["kommentar-beskrivelse", errors?.comment ? "kommentar-feil" : null].filter(Boolean).join(" ")}
          />
          {errors?.comment ? <ValidationMessage id="kommentar-feil">{errors.comment}</ValidationMessage> : null}
        </Field>
        <div>
          <Button type="submit">Lagre status</Button>
        </div>
      </Form>
    </section>
  );
}
