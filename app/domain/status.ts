/**
 * The status model (see docs/domain.md). Pure: shared by server and browser code.
 */
export const STATUS_CODES = ["ikke_startet", "i_rute", "forsinket", "fullfort", "utsatt", "avsluttet"] as const;

/** The six statuses; the database stores these codes (status_events.status). */
export type StatusCode = (typeof STATUS_CODES)[number];

export const STATUS_LABELS: Record<StatusCode, string> = {
  ikke_startet: "Ikke startet",
  i_rute: "I rute",
  forsinket: "Forsinket",
  fullfort: "Fullført",
  utsatt: "Utsatt",
  avsluttet: "Avsluttet",
};

/** Assignments with no status event yet. */
export const INITIAL_STATUS: StatusCode = "ikke_startet";

/** Statuses where deadlines no longer bind: such an assignment is never overdue. */
export const CLOSED_STATUSES: readonly StatusCode[] = ["fullfort", "utsatt", "avsluttet"];

/** Statuses that must come with a comment. */
export const COMMENT_REQUIRED: readonly StatusCode[] = ["forsinket", "utsatt", "avsluttet"];

export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === "string" && (STATUS_CODES as readonly string[]).includes(value);
}

export function statusLabel(code: StatusCode | null | undefined): string {
  return STATUS_LABELS[code ?? INITIAL_STATUS];
}

/** Designsystemet colour for a status tag. */
export function statusColor(code: StatusCode): "neutral" | "info" | "warning" | "success" | "danger" {
  switch (code) {
    case "i_rute":
      return "info";
    case "forsinket":
      return "danger";
    case "fullfort":
      return "success";
    case "utsatt":
      return "warning";
    default:
      return "neutral";
  }
}
