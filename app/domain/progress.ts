/**
 * Progress figures per goal area and per department, from the rows the list query returns.
 * Pure: the overview's numbers and the filtered list come from the same rows, so they agree.
 */
import { STATUS_CODES, type StatusCode } from "./status";

export interface ProgressRow {
  key: string;
  title: string;
  status: StatusCode;
  overdue: boolean;
  nextDeadline: string | null;
  nextDeadlinePrecision: "day" | "month" | "year" | null;
  areaCode: string | null;
  departments: string[];
}

export interface Progress {
  total: number;
  byStatus: Record<StatusCode, number>;
  overdue: number;
  /** Share finished (Fullført or Avsluttet), 0–1. */
  done: number;
  next: Array<{ key: string; title: string; date: string; precision: "day" | "month" | "year" | null }>;
}

export function summarize(rows: readonly ProgressRow[], nextCount = 3): Progress {
  const byStatus = Object.fromEntries(STATUS_CODES.map((s) => [s, 0])) as Record<StatusCode, number>;
  let overdue = 0;
  for (const r of rows) {
    byStatus[r.status] += 1;
    if (r.overdue) overdue += 1;
  }
  const next = rows
    .filter((r) => r.nextDeadline && r.status !== "fullfort" && r.status !== "avsluttet")
    .sort((a, b) => (a.nextDeadline! < b.nextDeadline! ? -1 : a.nextDeadline! > b.nextDeadline! ? 1 : a.key.localeCompare(b.key)))
    .slice(0, nextCount)
    .map((r) => ({ key: r.key, title: r.title, date: r.nextDeadline!, precision: r.nextDeadlinePrecision }));
  const total = rows.length;
  return { total, byStatus, overdue, done: total ? (byStatus.fullfort + byStatus.avsluttet) / total : 0, next };
}

export function byArea<T extends ProgressRow>(rows: readonly T[], areaOrder: readonly string[]): Array<{ code: string | null; rows: T[] }> {
  const codes = [...areaOrder];
  for (const r of rows) if (r.areaCode && !codes.includes(r.areaCode)) codes.push(r.areaCode);
  const groups = codes.map((code) => ({ code: code as string | null, rows: rows.filter((r) => r.areaCode === code) }));
  const none = rows.filter((r) => !r.areaCode);
  if (none.length) groups.push({ code: null, rows: none });
  return groups.filter((g) => g.rows.length > 0);
}

export function byDepartment<T extends ProgressRow>(rows: readonly T[]): Array<{ code: string; rows: T[] }> {
  const map = new Map<string, T[]>();
  for (const r of rows) for (const d of r.departments) map.set(d, [...(map.get(d) ?? []), r]);
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b, "nb")).map(([code, list]) => ({ code, rows: list }));
}
