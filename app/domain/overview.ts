/**
 * Grouping of a year's assignments by goal area, in letter order. Pure.
 */
import { compareAssignmentIds } from "./letter/ids";

export interface AreaRef {
  code: string;
  name: string;
}

export interface AreaGroup<T> {
  code: string | null;
  name: string;
  assignments: T[];
}

export const NO_AREA_NAME = "Uten område";

/**
 * Groups assignments by area code. Areas come in the given (letter) order; areas that only
 * appear on assignments follow in code order; assignments without an area come last.
 * Inside a group: main-letter assignments in ID order, then supplementary ones in ID order.
 */
export function groupByArea<T extends { key: string; areaCode: string | null; letterKind: string }>(
  assignments: readonly T[],
  areas: readonly AreaRef[],
): AreaGroup<T>[] {
  const known = new Map(areas.map((a) => [a.code, a.name]));
  const codes = [...areas.map((a) => a.code)];
  for (const a of assignments) {
    if (a.areaCode && !known.has(a.areaCode) && !codes.includes(a.areaCode)) codes.push(a.areaCode);
  }
  const extra = codes.slice(areas.length).sort((x, y) => x.localeCompare(y, "nb", { numeric: true }));
  const ordered = [...codes.slice(0, areas.length), ...extra];
  const groups: AreaGroup<T>[] = ordered.map((code) => ({
    code,
    name: known.get(code) ?? `Område ${code}`,
    assignments: [],
  }));
  const byCode = new Map(groups.map((g) => [g.code, g]));
  const none: AreaGroup<T> = { code: null, name: NO_AREA_NAME, assignments: [] };
  for (const a of assignments) {
    const group = (a.areaCode ? byCode.get(a.areaCode) : undefined) ?? none;
    group.assignments.push(a);
  }
  for (const g of [...groups, none]) g.assignments.sort(compareInReport);
  return [...groups, none].filter((g) => g.assignments.length > 0);
}

/** Main-letter assignments first, then supplementary ones; each in natural ID order. */
export function compareInReport(a: { key: string; letterKind: string }, b: { key: string; letterKind: string }): number {
  const rank = (x: { letterKind: string }) => (x.letterKind === "main" ? 0 : 1);
  return rank(a) - rank(b) || compareAssignmentIds(a.key, b.key);
}
