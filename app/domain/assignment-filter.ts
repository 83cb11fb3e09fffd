/**
 * The assignment list's filter, sort and paging state, read from and written to the URL so a
 * view can be bookmarked and shared. Pure.
 */
import { formatDateShort } from "./format";
import { isStatusCode, STATUS_LABELS, type StatusCode } from "./status";
import { controlCharactersToSpaces, isValidIsoDate } from "./text";
import { isSlug } from "./agency";

export const SORT_KEYS = ["id", "tittel", "frist", "status", "omrade"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  id: "ID",
  tittel: "Tittel",
  frist: "Frist",
  status: "Status",
  omrade: "Område",
};

export const PAGE_SIZE = 50;

export interface AssignmentFilter {
  /** The agency's slug (`?virksomhet=`); null: all agencies. */
  agency: string | null;
  year: number | null;
  area: string | null;
  goal: string | null;
  department: string | null;
  statuses: StatusCode[];
  overdue: boolean;
  /** Next deadline within SOON_DAYS, not overdue, not closed (app/domain/attention.ts). */
  dueSoon: boolean;
  deadlineFrom: string | null;
  deadlineTo: string | null;
  hasDeliverables: boolean;
  withoutId: boolean;
  query: string;
  sort: SortKey;
  descending: boolean;
  page: number;
  asOf: string | null;
}

// Control characters (a NUL ends the FTS5 query string inside SQLite: 500) become spaces.
const clip = (v: string | null, n: number) => (v ? controlCharactersToSpaces(v).trim().slice(0, n) : "");

/** Unknown or malformed values are ignored (a shared link never breaks the page). */
export function readFilter(params: URLSearchParams): AssignmentFilter {
  const year = /^\d{4}$/.test(params.get("aar") ?? "") ? Number(params.get("aar")) : null;
  const area = clip(params.get("omrade"), 10);
  const goal = clip(params.get("mal"), 20);
  const department = clip(params.get("avdeling"), 10).toUpperCase();
  const date = (key: string) => {
    const v = params.get(key);
    return v && isValidIsoDate(v) ? v : null;
  };
  const sort = params.get("sorter");
  const page = Number(params.get("side"));
  const agency = clip(params.get("virksomhet"), 60);
  return {
    agency: isSlug(agency) ? agency : null,
    year,
    area: /^[0-9.]+$/.test(area) ? area : null,
    goal: goal || null,
    department: /^[A-ZÆØÅ]{2,6}$/.test(department) ? department : null,
    statuses: [...new Set(params.getAll("status").filter(isStatusCode))],
    overdue: params.get("forfalt") === "1",
    dueSoon: params.get("snart") === "1",
    deadlineFrom: date("frist_fra"),
    deadlineTo: date("frist_til"),
    hasDeliverables: params.get("delleveranser") === "1",
    withoutId: params.get("uten_id") === "1",
    query: clip(params.get("q"), 200),
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : "id",
    descending: params.get("retning") === "synkende",
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
    asOf: date("per"),
  };
}

/** The URL query for a filter (defaults left out), optionally with changes. */
export function filterToSearch(filter: AssignmentFilter, changes: Partial<AssignmentFilter> = {}): string {
  const f = { ...filter, ...changes };
  const p = new URLSearchParams();
  if (f.agency) p.set("virksomhet", f.agency);
  if (f.year) p.set("aar", String(f.year));
  if (f.area) p.set("omrade", f.area);
  if (f.goal) p.set("mal", f.goal);
  if (f.department) p.set("avdeling", f.department);
  for (const s of f.statuses) p.append("status", s);
  if (f.overdue) p.set("forfalt", "1");
  if (f.dueSoon) p.set("snart", "1");
  if (f.deadlineFrom) p.set("frist_fra", f.deadlineFrom);
  if (f.deadlineTo) p.set("frist_til", f.deadlineTo);
  if (f.hasDeliverables) p.set("delleveranser", "1");
  if (f.withoutId) p.set("uten_id", "1");
  if (f.query) p.set("q", f.query);
  if (f.sort !== "id") p.set("sorter", f.sort);
  if (f.descending) p.set("retning", "synkende");
  if (f.page > 1) p.set("side", String(f.page));
  if (f.asOf) p.set("per", f.asOf);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/**
 * A free-text query as FTS5 terms, one per word, each matching as a prefix and quoted so that no
 * user input is read as FTS syntax. Every term must match (in the assignment's text or one of its
 * comments). Null when nothing searchable is left.
 */
export function toFtsTerms(query: string): string[] | null {
  const words = controlCharactersToSpaces(query)
    .split(/\s+/)
    .map((w) => w.replace(/"/g, "").trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 12);
  return words.length === 0 ? null : words.map((w) => `"${w}"*`);
}

/**
 * The filters set besides year and search, in words, for the folded filter's summary line
 * ("Område 2.1", "Status: Forsinket, Utsatt", "Forfalte"). `soonDays` names the due-soon window.
 */
export function describeFilter(f: AssignmentFilter, soonDays: number): string[] {
  const out: string[] = [];
  if (f.area) out.push(`Område ${f.area}`);
  if (f.goal) out.push(f.goal);
  if (f.department) out.push(`Avdeling ${f.department}`);
  if (f.statuses.length) out.push(`Status: ${f.statuses.map((s) => STATUS_LABELS[s]).join(", ")}`);
  if (f.deadlineFrom) out.push(`Frist fra ${formatDateShort(f.deadlineFrom)}`);
  if (f.deadlineTo) out.push(`Frist til ${formatDateShort(f.deadlineTo)}`);
  if (f.asOf) out.push(`Status per ${formatDateShort(f.asOf)}`);
  if (f.overdue) out.push("Forfalte");
  if (f.dueSoon) out.push(`Frist innen ${soonDays} dager`);
  if (f.hasDeliverables) out.push("Med delleveranser");
  if (f.withoutId) out.push("Uten ID");
  return out;
}
