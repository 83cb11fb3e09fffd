import { Form } from "@remix-run/react";
import { Button } from "~/components/ds";
import { AGENCY_PARAM, type AgencyRef } from "~/domain/agency";
import { SelectField } from "./form";

/** A labelled agency select for any GET form; `all` adds "Alle virksomheter" (the empty choice). */
export function AgencySelect({ agencies, current, all, id = "virksomhet" }: { agencies: readonly AgencyRef[]; current: string | null; all: boolean; id?: string }) {
  return (
    <SelectField
      id={id}
      name={AGENCY_PARAM}
      label="Virksomhet"
      value={current ?? ""}
      empty={all ? "Alle virksomheter" : undefined}
      options={agencies.map((a) => ({ value: a.slug, label: a.name }))}
    />
  );
}

/**
 * The agency choice as a plain GET form (works without JavaScript), keeping the page's other
 * parameters (`keep`). Shown only when the register holds more than one agency.
 */
export function AgencySwitcher({
  agencies,
  current,
  all = true,
  keep = {},
}: {
  agencies: readonly AgencyRef[];
  current: string | null;
  all?: boolean;
  keep?: Record<string, string | number | null | undefined>;
}) {
  if (agencies.length < 2) return null;
  return (
    <Form method="get" className="filter-row" aria-label="Velg virksomhet">
      {Object.entries(keep).map(([name, value]) =>
        value === null || value === undefined || value === "" ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
      )}
      <AgencySelect agencies={agencies} current={current} all={all} />
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </Form>
  );
}
