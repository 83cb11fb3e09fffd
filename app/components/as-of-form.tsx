import { Form } from "@remix-run/react";
import { Button } from "~/components/ds";
import { TextField } from "./form";

/** "Vis per dato": a GET form that keeps the other URL parameters. */
export function AsOfForm({ asOf, keep }: { asOf: string | null; keep: Record<string, string | string[] | null | undefined> }) {
  return (
    <Form method="get" className="filter-row" aria-label="Vis status per dato">
      {Object.entries(keep).flatMap(([name, value]) =>
        [value ?? []].flat().map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={v} />),
      )}
      <TextField name="per" id="per" label="Vis status per dato" type="date" defaultValue={asOf ?? ""} />
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </Form>
  );
}
