import { Form } from "@remix-run/react";
import { Alert, Button, Field, Heading, Label, Paragraph, Textarea, ValidationMessage } from "~/components/ds";
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
  version,
  conflict,
}: {
  label: string;
  description: string;
  defaultValue: string;
  error?: string;
  history: Array<{ text: string; actor_name: string; created_at: string }>;
  backTo: string;
  /** The version the text is based on (report texts: the 409 rule); absent for assessments. */
  version?: number;
  /** A newer text someone else saved meanwhile. */
  conflict?: { text: string; author: string; writtenAt: string } | null;
}) {
  return (
    <div className="stack">
      <FormErrorSummary errors={error ? { text: error } : undefined} fieldIds={{ text: "rapporttekst" }} />
      {conflict ? (
        <Alert data-color="warning" role="alert">
          <Heading level={2} data-size="xs">
            Noen andre har lagret en nyere tekst mens du skrev
          </Heading>
          <Paragraph>
            {conflict.author}, {formatDateTime(conflict.writtenAt)}: «{conflict.text}»
          </Paragraph>
          <Paragraph>Teksten din er tatt vare på nedenfor. Se over, og lagre på nytt hvis den skal gjelde.</Paragraph>
        </Alert>
      ) : null}
      <Form method="post" className="stack" noValidate>
        {version !== undefined ? <input type="hidden" name="versjon" value={version} /> : null}
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
