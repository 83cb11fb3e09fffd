/**
 * The changes page's filter (`/endringer`), read from and written to the URL. Pure.
 * "Etter dato" counts from when a change took effect (default: a status's effective date, a
 * delivery's delivery date, a letter's date), or from when it was written (`etter=registrert`).
 */
import { isValidIsoDate } from "./text";
import { AGENCY_PARAM, isSlug } from "./agency";

export const CHANGE_KINDS = ["status", "leveranse", "import"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  status: "Status og kommentar",
  leveranse: "Leveranser",
  import: "Endringer fra brev",
};
export const CHANGES_PAGE_SIZE = 50;

export interface ChangeFilter {
  since: string;
  basis: "virkning" | "registrert";
  year: number | null;
  department: string | null;
  area: string | null;
  kind: ChangeKind | null;
  /** The agency's slug (`?virksomhet=`); null: every agency. */
  agency: string | null;
  page: number;
}

/** Unknown or malformed values are ignored; `defaultSince` when no valid date is given. */
export function readChangeFilter(params: URLSearchParams, defaultSince: string): ChangeFilter {
  const since = params.get("siden");
  const year = params.get("aar") ?? "";
  const department = (params.get("avdeling") ?? "").trim().toUpperCase();
  const area = (params.get("omrade") ?? "").trim();
  const kind = params.get("type");
  const page = Number(params.get("side"));
  const agency = (params.get(AGENCY_PARAM) ?? "").trim();
  return {
    since: since && isValidIsoDate(since) ? since : defaultSince,
    basis: params.get("etter") === "registrert" ? "registrert" : "virkning",
    year: /^\d{4}$/.test(year) ? Number(year) : null,
    department: /^[A-ZÆØÅ]{2,6}$/.test(department) ? department : null,
    area: /^[0-9.]{1,10}$/.test(area) ? area : null,
    kind: (CHANGE_KINDS as readonly string[]).includes(kind ?? "") ? (kind as ChangeKind) : null,
    agency: isSlug(agency) ? agency : null,
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

/** The URL query for a filter, optionally with changes. */
export function changeFilterToSearch(f: ChangeFilter, changes: Partial<ChangeFilter> = {}): string {
  const v = { ...f, ...changes };
  const p = new URLSearchParams();
  p.set("siden", v.since);
  if (v.basis === "registrert") p.set("etter", "registrert");
  if (v.year) p.set("aar", String(v.year));
  if (v.department) p.set("avdeling", v.department);
  if (v.area) p.set("omrade", v.area);
  if (v.kind) p.set("type", v.kind);
  if (v.agency) p.set(AGENCY_PARAM, v.agency);
  if (v.page > 1) p.set("side", String(v.page));
  return `?${p.toString()}`;
}
