import { Form } from "@remix-run/react";
import { Button } from "~/components/ds";
import { TextField } from "./form";

/** Agree a date for a deadline the letter left open. Posts to /frister; works without JavaScript. */
export function AgreeDeadlineForm({
  deadlineId,
  what,
  back,
  errors,
}: {
  deadlineId: number;
  what: string;
  back: string;
  errors?: Record<string, string>;
}) {
  return (
    <Form method="post" action="/frister" className="filter-row" aria-label={`Avtal frist for ${what}`} noValidate>
      <input type="hidden" name="deadlineId" value={deadlineId} />
      <input type="hidden" name="tilbake" value={back} />
      <TextField name="date" id={`avtalt-${deadlineId}`} label="Avtalt dato" type="date" error={errors?.date} required />
      <TextField
        name="reference"
        id={`referanse-${deadlineId}`}
        label="Referanse (e-post eller brev)"
        error={errors?.reference}
        placeholder="f.eks. e-post fra KTA 12.03.2023"
        required
      />
      <Button type="submit" variant="secondary" aria-label={`Lagre avtalt frist for ${what}`}>
        Lagre avtalt frist
      </Button>
    </Form>
  );
}
