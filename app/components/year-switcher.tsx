import { Form } from "@remix-run/react";
import { Button, Field, Label, Select } from "@digdir/designsystemet-react";

/** Year choice as a plain GET form, so it works without JavaScript. */
export function YearSwitcher({ years, current }: { years: number[]; current: number }) {
  if (years.length < 2) return null;
  return (
    <Form method="get" className="year-switcher" style={{ display: "flex", gap: "1rem", alignItems: "end" }}>
      <Field>
        <Label htmlFor="aar">År</Label>
        <Select id="aar" name="aar" defaultValue={String(current)}>
          {years.map((y) => (
            <Select.Option key={y} value={String(y)}>
              {y}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </Form>
  );
}
