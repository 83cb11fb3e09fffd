import { Field, Fieldset, Input, Label, ValidationMessage } from "~/components/ds";
import { ROLE_LABELS, ROLES, type Role } from "~/auth/permissions";

/**
 * A radio or checkbox with its label linked by id, so it is labelled before hydration and
 * without JavaScript (Designsystemet's Radio/Checkbox link them only on the client).
 */
export function Choice({ type, id, name, value, label, defaultChecked }: { type: "radio" | "checkbox"; id: string; name: string; value: string; label: string; defaultChecked?: boolean }) {
  return (
    <Field position="start">
      <Input type={type} id={id} name={name} value={value} defaultChecked={defaultChecked} />
      <Label htmlFor={id} weight="regular">
        {label}
      </Label>
    </Field>
  );
}

/**
 * Role radios, department checkboxes and (when the register holds more than one agency) agency
 * checkboxes, shared by the create and edit user forms.
 */
export function RoleAndDepartmentFields({
  departments,
  role,
  selected,
  errors,
  idPrefix = "felt",
  agencies = [],
  selectedAgencies,
}: {
  departments: Array<{ code: string; name: string | null }>;
  role?: Role;
  selected?: string[];
  errors?: Record<string, string>;
  idPrefix?: string;
  agencies?: ReadonlyArray<{ id: number; name: string }>;
  selectedAgencies?: readonly number[];
}) {
  return (
    <>
      <Fieldset aria-describedby={errors?.role ? `${idPrefix}-role-feil` : undefined}>
        <Fieldset.Legend>Rolle</Fieldset.Legend>
        {ROLES.map((r, i) => (
          <Choice key={r} type="radio" id={i === 0 ? `${idPrefix}-role` : `${idPrefix}-role-${r}`} name="role" value={r} label={ROLE_LABELS[r]} defaultChecked={role === r} />
        ))}
        {errors?.role ? <ValidationMessage id={`${idPrefix}-role-feil`}>{errors.role}</ValidationMessage> : null}
      </Fieldset>
      <Fieldset aria-describedby={errors?.departments ? `${idPrefix}-departments-feil` : undefined}>
        <Fieldset.Legend>Avdelinger (for departementsbrukere)</Fieldset.Legend>
        {departments.length === 0 ? <p className="muted">Ingen avdelinger er lastet inn ennå.</p> : null}
        {departments.map((d, i) => (
          <Choice
            key={d.code}
            type="checkbox"
            id={i === 0 ? `${idPrefix}-departments` : `${idPrefix}-departments-${d.code}`}
            name="departments"
            value={d.code}
            label={d.name ? `${d.code} – ${d.name}` : d.code}
            defaultChecked={selected?.includes(d.code)}
          />
        ))}
        {errors?.departments ? <ValidationMessage id={`${idPrefix}-departments-feil`}>{errors.departments}</ValidationMessage> : null}
      </Fieldset>
      {agencies.length > 1 ? (
        <Fieldset aria-describedby={errors?.agencies ? `${idPrefix}-agencies-feil` : undefined}>
          <Fieldset.Legend>Virksomheter (saksbehandlere oppdaterer bare oppdrag til disse)</Fieldset.Legend>
          <input type="hidden" name="virksomheter_vist" value="1" />
          {agencies.map((a, i) => (
            <Choice
              key={a.id}
              type="checkbox"
              id={i === 0 ? `${idPrefix}-agencies` : `${idPrefix}-agencies-${a.id}`}
              name="agencies"
              value={String(a.id)}
              label={a.name}
              defaultChecked={selectedAgencies?.includes(a.id)}
            />
          ))}
          {errors?.agencies ? <ValidationMessage id={`${idPrefix}-agencies-feil`}>{errors.agencies}</ValidationMessage> : null}
        </Fieldset>
      ) : null}
    </>
  );
}
