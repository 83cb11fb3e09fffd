import { ErrorSummary, Field, Input, Label, Paragraph, Select, ValidationMessage } from "~/components/ds";
import { useEffect, useRef, type ComponentRef, type InputHTMLAttributes, type ReactNode } from "react";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "size" | "type"> {
  name: string;
  type?: "text" | "email" | "password" | "date" | "search" | "number" | "url" | "tel";
  label: string;
  error?: string;
  description?: string;
}

/**
 * A labelled input that works without JavaScript: label, description and error are wired
 * with explicit ids (Designsystemet's Textfield links them only after hydration).
 */
export function TextField({ name, label, error, description, id, ...rest }: TextFieldProps) {
  const inputId = id ?? `felt-${name}`;
  const describedBy = [description ? `${inputId}-beskrivelse` : null, error ? `${inputId}-feil` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <Field>
      <Label htmlFor={inputId}>{label}</Label>
      {description ? (
        <Paragraph data-size="sm" id={`${inputId}-beskrivelse`} className="muted">
          {description}
        </Paragraph>
      ) : null}
      <Input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...rest}
      />
      {error ? <ValidationMessage id={`${inputId}-feil`}>{error}</ValidationMessage> : null}
    </Field>
  );
}

/** Lists a form's errors with links to the fields; takes focus when shown. */
export function FormErrorSummary({ errors, fieldIds = {} }: { errors: Record<string, string> | undefined; fieldIds?: Record<string, string> }) {
  const ref = useRef<ComponentRef<typeof ErrorSummary>>(null);
  const entries = Object.entries(errors ?? {});
  const signature = entries.map(([k, v]) => `${k}:${v}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (entries.length === 0) return null;
  return (
    <ErrorSummary ref={ref} aria-labelledby="feiloppsummering-tittel">
      <ErrorSummary.Heading id="feiloppsummering-tittel">Skjemaet har feil som må rettes</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            {field === "_form" ? (
              message
            ) : (
              <ErrorSummary.Link href={`#${fieldIds[field] ?? `felt-${field}`}`}>{message}</ErrorSummary.Link>
            )}
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** "New password" and "repeat it", with the length rule described. */
export function NewPasswordFields({ errors, minLength, label = "Passord", note }: { errors?: Record<string, string>; minLength: number; label?: string; note?: string }) {
  return (
    <>
      <TextField
        name="password"
        label={label}
        type="password"
        autoComplete="new-password"
        description={`Minst ${minLength} tegn.${note ? ` ${note}` : ""}`}
        error={errors?.password}
        required
      />
      <TextField name="password2" label="Gjenta passordet" type="password" autoComplete="new-password" error={errors?.password2} required />
    </>
  );
}

/** A labelled select; `empty` adds a first option with value "" (e.g. "Alle", "Ikke valgt"). */
export function SelectField({
  id,
  name,
  label,
  value,
  options,
  empty,
}: {
  id: string;
  name: string;
  label: ReactNode;
  value: string | null | undefined;
  options: ReadonlyArray<{ value: string; label?: string }>;
  empty?: string;
}) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={name} defaultValue={value ?? ""}>
        {empty !== undefined ? <Select.Option value="">{empty}</Select.Option> : null}
        {options.map((o) => (
          <Select.Option key={o.value} value={o.value}>
            {o.label ?? o.value}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
