import { Form } from "@remix-run/react";
import { Button } from "~/components/ds";
import { SelectField } from "./form";

/** A labelled year select, for any GET form. */
export function YearSelect({ years, current, id = "aar" }: { years: number[]; current: number | null; id?: string }) {
  return <SelectField id={id} name="aar" label="År" value={current === null ? "" : String(current)} options={years.map((y) => ({ value: String(y) }))} />;
}

/** Year choice as a plain GET form, so it works without JavaScript; `keep`: other parameters to keep (the agency). */
export function YearSwitcher({ years, current, keep = {} }: { years: number[]; current: number; keep?: Record<string, string | null | undefined> }) {
  if (years.length < 2) return null;
  return (
    <Form method="get" className="filter-row">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <YearSelect years={years} current={current} />
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </Form>
  );
}
