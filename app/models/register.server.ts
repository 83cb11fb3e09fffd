/**
 * Reads the register (app/domain/register.ts): every assignment of a year (or all years, or the
 * given ids) with owners, status, deadlines as they stand and the parts from later letters.
 * Five queries whatever the number of assignments.
 */
import type { Kysely } from "kysely";
import { latestStatusSql } from "~/models/assignment.server";
import type { Database } from "~/db/schema";
import type { RegisterEntry } from "~/domain/register";
import { INITIAL_STATUS } from "~/domain/status";
import { compareSortKeys } from "~/domain/letter/ids";

export async function loadRegister(
  db: Kysely<Database>,
  scope: { year?: number | null; ids?: readonly number[]; agencyId?: number | null } = {},
): Promise<RegisterEntry[]> {
  if (scope.ids && scope.ids.length === 0) return [];
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("letters as l", "l.id", "a.letter_id")
    .innerJoin("agencies as ag", "ag.id", "a.agency_id")
    .select([
      "a.id",
      "a.key",
      "a.sort_key",
      "a.year",
      "ag.name as agency",
      "a.title",
      "a.area_code",
      "a.goal_code",
      "a.exempt",
      "a.known_only_from_letter",
      "l.title as letter_title",
      "l.date as letter_date",
      latestStatusSql().as("status"),
    ])
    .$if(scope.year !== undefined && scope.year !== null, (q) => q.where("a.year", "=", scope.year as number))
    .$if(scope.ids !== undefined, (q) => q.where("a.id", "in", [...(scope.ids ?? [])]))
    .$if(scope.agencyId !== undefined && scope.agencyId !== null, (q) => q.where("a.agency_id", "=", scope.agencyId as number))
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [departments, deadlines, parts] = await Promise.all([
    db
      .selectFrom("assignment_departments")
      .select(["assignment_id", "department_code"])
      .where("assignment_id", "in", ids)
      .orderBy("assignment_id")
      .orderBy("position")
      .execute(),
    db
      .selectFrom("effective_deadlines as d")
      .innerJoin("deadlines as raw", "raw.id", "d.id")
      .leftJoin("assignment_parts as p", "p.id", "d.part_id")
      .leftJoin("letters as pl", "pl.id", "p.letter_id")
      .leftJoin("assignment_parts as m", "m.id", "raw.moved_by_part_id")
      .leftJoin("letters as ml", "ml.id", "m.letter_id")
      .select(["d.assignment_id", "d.date", "d.precision", "d.label", "d.phrase", "d.state", "pl.title as part_letter", "ml.title as moved_letter"])
      .where("d.assignment_id", "in", ids)
      .orderBy("d.assignment_id")
      .orderBy("d.position")
      .execute(),
    db
      .selectFrom("assignment_parts as p")
      .innerJoin("letters as l", "l.id", "p.letter_id")
      .select(["p.assignment_id", "p.kind", "l.title", "l.date"])
      .where("p.assignment_id", "in", ids)
      .orderBy("p.assignment_id")
      .orderBy("l.date")
      .orderBy("p.letter_id")
      .orderBy("p.id")
      .execute(),
  ]);
  const group = <T extends { assignment_id: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) map.set(item.assignment_id, [...(map.get(item.assignment_id) ?? []), item]);
    return map;
  };
  const deps = group(departments);
  const dls = group(deadlines);
  const prts = group(parts);
  return rows
    .sort((a, b) => a.year - b.year || compareSortKeys(a.sort_key, b.sort_key) || a.agency.localeCompare(b.agency, "nb"))
    .map(
      (r): RegisterEntry => ({
        id: r.key,
        year: r.year,
        agency: r.agency,
        title: r.title,
        departments: (deps.get(r.id) ?? []).map((d) => d.department_code),
        area: r.area_code,
        goal: r.goal_code,
        status: r.status ?? INITIAL_STATUS,
        exempt: r.exempt === 1,
        knownOnlyFromLetter: r.known_only_from_letter === 1,
        deadlines: (dls.get(r.id) ?? []).map((d) => ({
          date: d.date,
          precision: d.precision,
          label: d.label,
          text: d.phrase,
          letter: d.moved_letter ?? d.part_letter ?? r.letter_title,
          state: d.state,
        })),
        parts: [
          { letter: r.letter_title, date: r.letter_date, kind: "original" as const },
          ...(prts.get(r.id) ?? []).map((p) => ({ letter: p.title, date: p.date, kind: p.kind })),
        ],
      }),
    );
}
