import { formatDateShort, formatDeadlineDate } from "~/domain/format";
import { dayOffNote } from "~/domain/holidays";
import type { DeadlineState, DeadlinePrecision } from "~/domain/letter/types";

interface Props {
  deadline: {
    label: string | null;
    date: string | null;
    precision: DeadlinePrecision | null;
    state: DeadlineState;
    is_default: number;
  };
  withLabel?: boolean;
}

/** A deadline in Norwegian: "1. juli 2023", "mars 2027", "Avklares med departementet". */
export function DeadlineText({ deadline, withLabel = false }: Props) {
  const label = withLabel && deadline.label ? `${deadline.label}: ` : "";
  if (deadline.state === "to_be_agreed") return <span>{label}Avklares med departementet</span>;
  if (deadline.state === "on_hold") return <span>{label}Satt i bero</span>;
  if (deadline.state === "invalid") return <span className="field-error">{label}Ugyldig dato i brevet</span>;
  if (!deadline.date) return <span>{label}Ikke oppgitt</span>;
  const text = formatDeadlineDate(deadline.date, deadline.precision);
  // A day off is noted, never moved: the letter's date stands.
  const dayOff = deadline.precision === "day" ? dayOffNote(deadline.date) : null;
  return (
    <span>
      {label}
      <time dateTime={deadline.date} title={formatDateShort(deadline.date)}>
        {text}
      </time>
      {deadline.is_default ? <span className="muted"> (standardfrist)</span> : null}
      {dayOff ? <span className="muted"> ({dayOff})</span> : null}
    </span>
  );
}
