import { Form } from "@remix-run/react";
import { Button, Field, Label, Select } from "@digdir/designsystemet-react";

/** A labelled year select, for any GET form. */
export function YearSelect({ years, current, id = "aar" }: { years: number[]; current: number | null; id?: string }) {
  return (
    <Field>
      <Label htmlFor={id}>År</Label>
      <Select id={id} name="aar" defaultValue={String(current ?? "")}>
        {years.map((y) => (
          <Select.Option key={y} value={String(y)}>
            {y}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/** Year choice as a plain GET form, so it works without JavaScript. */
export function YearSwitcher({ years, current }: { years: number[]; current: number }) {
  if (years.length < 2) return null;
  return (
    <Form method="get" className="filter-row">
      <YearSelect years={years} current={current} />
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </Form>
  );
}
