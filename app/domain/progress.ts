/**
 * Progress figures per goal area and per department, from the counts the overview query returns
 * (`queryOverview` in app/models/assignment-list.server.ts). Those are counted over the same per-assignment facts
 * the filtered list filters on, so a number and the hit count of the list it links to agree. Pure.
 */
import { orderAreas, type AreaRef } from "./overview";
import { STATUS_CODES, type StatusCode } from "./status";

/** Number of assignments of one area or department with one combination of facts. */
export interface OverviewCount {
  dim: "area" | "department";
  /** Area or department code; null: assignments without an area. */
  code: string | null;
  status: StatusCode;
  overdue: boolean;
  dueSoon: boolean;
  n: number;
}

export interface Progress {
  total: number;
  byStatus: Record<StatusCode, number>;
  overdue: number;
  dueSoon: number;
  /** Share finished (Fullført or Avsluttet), 0–1. */
  done: number;
}

export interface AreaProgress {
  code: string | null;
  name: string;
  progress: Progress;
}

export interface DepartmentProgress {
  code: string;
  /** One of the signed-in user's departments. */
  mine: boolean;
  progress: Progress;
}

export interface OverviewFigures {
  total: Progress;
  areas: AreaProgress[];
  departments: DepartmentProgress[];
}

/** Adds up counts (of one area, one department, or every area for the whole year). */
export function progressOf(counts: readonly Pick<OverviewCount, "status" | "overdue" | "dueSoon" | "n">[]): Progress {
  const byStatus = Object.fromEntries(STATUS_CODES.map((s) => [s, 0])) as Record<StatusCode, number>;
  let total = 0;
  let overdue = 0;
  let dueSoon = 0;
  for (const c of counts) {
    byStatus[c.status] += c.n;
    total += c.n;
    if (c.overdue) overdue += c.n;
    if (c.dueSoon) dueSoon += c.n;
  }
  return { total, byStatus, overdue, dueSoon, done: total ? (byStatus.fullfort + byStatus.avsluttet) / total : 0 };
}

/**
 * The overview's figures: the whole year, each area (letter order, see `orderAreas`) and each
 * department (the user's own first, then by code). Every assignment has one area row, so the
 * year's total is the sum of the areas; an assignment with two departments counts in both.
 */
export function overviewFigures(counts: readonly OverviewCount[], areas: readonly AreaRef[], mine: readonly string[] = []): OverviewFigures {
  const group = (dim: OverviewCount["dim"]) => {
    const map = new Map<string | null, OverviewCount[]>();
    for (const c of counts) if (c.dim === dim) map.set(c.code, [...(map.get(c.code) ?? []), c]);
    return map;
  };
  const byArea = group("area");
  const byDepartment = group("department");
  return {
    total: progressOf(counts.filter((c) => c.dim === "area")),
    areas: orderAreas(areas, [...byArea.keys()]).map((a) => ({ ...a, progress: progressOf(byArea.get(a.code) ?? []) })),
    departments: [...byDepartment.entries()]
      .filter((e): e is [string, OverviewCount[]] => e[0] !== null)
      .map(([code, list]) => ({ code, mine: mine.includes(code), progress: progressOf(list) }))
      .sort((a, b) => Number(b.mine) - Number(a.mine) || a.code.localeCompare(b.code, "nb")),
  };
}
