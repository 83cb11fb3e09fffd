import { Form } from "@remix-run/react";
import { Button, Field, Heading, Label, Paragraph, Textarea, ValidationMessage } from "~/components/ds";
import { formatDateTime } from "~/domain/format";
import { FormErrorSummary } from "./form";

/** A report text with its history: used for per-assignment texts and per-area assessments. */
export function ReportTextForm({
  label,
  description,
  defaultValue,
  error,
  history,
  backTo,
}: {
  label: string;
  description: string;
  defaultValue: string;
  error?: string;
  history: Array<{ text: string; actor_name: string; created_at: string }>;
  backTo: string;
}) {
  return (
    <div className="stack">
      <FormErrorSummary errors={error ? { text: error } : undefined} fieldIds={{ text: "rapporttekst" }} />
      <Form method="post" className="stack" noValidate>
        <Field>
          <Label htmlFor="rapporttekst">{label}</Label>
          <Paragraph data-size="sm" id="rapporttekst-beskrivelse" className="muted">
            {description}
          </Paragraph>
          <Textarea
            id="rapporttekst"
            name="text"
            rows={8}
            defaultValue={defaultValue}
            aria-invalid={error ? true : undefined}
            aria-describedby={["rapporttekst-beskrivelse", error ? "rapporttekst-feil" : null].filter(Boolean).join(" ")}
          />
          {error ? <ValidationMessage id="rapporttekst-feil">{error}</ValidationMessage> : null}
        </Field>
        <div className="filter-row">
          <Button type="submit">Lagre</Button>
          <a href={backTo}>Tilbake til rapporten</a>
        </div>
      </Form>
      {history.length > 0 ? (
        <section aria-labelledby="teksthistorikk" className="stack">
          <Heading level={2} data-size="sm" id="teksthistorikk">
            Tidligere versjoner
          </Heading>
          <ol className="history">
            {history.map((h, i) => (
              <li key={i}>
                {h.actor_name}, {formatDateTime(h.created_at)}
                <div className="history__comment">{h.text}</div>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
