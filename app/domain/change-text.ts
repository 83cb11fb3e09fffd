/** A change in words, the same on the page and in the Excel file. Pure. */
import type { ChangeKind } from "./change-filter";
import { formatDateShort } from "./format";
import { isStatusCode, statusLabel, type StatusCode } from "./status";

export function describeChange(c: { kind: ChangeKind; status: StatusCode | null; label: string | null; deliveredOn: string | null; field: string | null }): string {
  if (c.kind === "status") return c.status && isStatusCode(c.status) ? `Status: ${statusLabel(c.status)}` : "Status";
  if (c.kind === "leveranse") return `${c.label ?? "Oppdraget"}: ${c.deliveredOn ? `levert ${formatDateShort(c.deliveredOn)}` : "levering angret"}`;
  return c.field === "opprettet" ? "Opprettet fra brevet" : `Endret ${c.field ?? ""} fra brevet`.replace("  ", " ");
}

/** The calendar day a change took effect (a bare date, or an instant's day in Norway). */
export function effectiveDay(effective: string, osloDay: (d: Date) => string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(effective) ? effective : osloDay(new Date(effective));
}
