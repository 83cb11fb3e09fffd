/**
 * Grouping of a year's assignments by goal area, in letter order. Pure.
 */
import { compareSortKeys } from "./letter/ids";

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
 * The areas to show, in order: the letter's areas (given order) that occur in `codes`, then codes
 * only found on assignments in code order ("Område 2.9"), then assignments without an area (null)
 * last, if any.
 */
export function orderAreas(areas: readonly AreaRef[], codes: Iterable<string | null>): Array<{ code: string | null; name: string }> {
  const present = new Set(codes);
  const known = new Set(areas.map((a) => a.code));
  const extra = [...present]
    .filter((c): c is string => c !== null && !known.has(c))
    .sort((x, y) => x.localeCompare(y, "nb", { numeric: true }));
  return [
    ...areas.filter((a) => present.has(a.code)).map((a) => ({ code: a.code as string | null, name: a.name })),
    ...extra.map((code) => ({ code: code as string | null, name: `Område ${code}` })),
    ...(present.has(null) ? [{ code: null, name: NO_AREA_NAME }] : []),
  ];
}

/**
 * Groups assignments by area code, areas in the order of `orderAreas`; empty areas are left out.
 * Inside a group: main-letter assignments in ID order, then supplementary ones in ID order.
 */
export function groupByArea<T extends { sortKey: string; areaCode: string | null; letterKind: string }>(
  assignments: readonly T[],
  areas: readonly AreaRef[],
): AreaGroup<T>[] {
  const byCode = new Map<string | null, T[]>();
  for (const a of assignments) {
    const code = a.areaCode || null;
    const list = byCode.get(code);
    if (list) list.push(a);
    else byCode.set(code, [a]);
  }
  return orderAreas(areas, byCode.keys()).map((g) => ({ ...g, assignments: (byCode.get(g.code) ?? []).sort(compareInListOrder) }));
}

type Listed = { sortKey: string; letterKind: string };

/** Main-letter assignments first, then supplementary ones; each in list order (`assignmentSortKey`). */
export function compareInListOrder(a: Listed, b: Listed): number {
  const rank = (x: Listed) => (x.letterKind === "main" ? 0 : 1);
  return rank(a) - rank(b) || compareSortKeys(a.sortKey, b.sortKey);
}
