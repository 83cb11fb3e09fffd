/**
 * Assignments outside letters, and carrying unfinished ones into the next year. Both go through
 * the letter importer, so they get the same validation, change history and audit as a letter:
 * a hand-made assignment belongs to a per-year pseudo-letter "Oppdrag gitt utenfor brev".
 */
import type { Kysely } from "kysely";
import { fnv1a32 } from "~/domain/letter/ids";
import type { ParsedAssignment, ParsedDeadline, ParseResult } from "~/domain/letter/types";
import { CLOSED_STATUSES, type StatusCode } from "~/domain/status";
import { audit, type Actor } from "../models/audit.server";
import { importParsedLetter, type ImportSummary } from "./import-letter.server";
import { latestStatusSql } from "../models/assignment.server";
import type { Database } from "../db/schema";

export interface ManualAssignmentInput {
  year: number;
  /** The ID given (e-mail, meeting minutes) or null for none. */
  id: string | null;
  title: string;
  body: string;
  area: string | null;
  departments: string[];
  deadline: string | null;
  /** Where it was given: "E-post fra KTA 12.03.2023". */
  source: string;
}

function manualLetter(year: number) {
  return {
    kind: "supplementary" as const,
    year,
    date: null,
    reference: `utenfor-brev-${year}`,
    title: `Oppdrag gitt utenfor brev ${year}`,
    startLine: 1,
    endLine: 1,
  };
}

function deadlineFor(date: string | null, year: number, source: string): ParsedDeadline {
  return date
    ? { date, precision: "day", label: null, text: `Frist: ${date} (${source})`, isDefault: false, state: "dated", line: null }
    : { date: `${year}-12-31`, precision: "year", label: null, text: `Ingen frist oppgitt – gjennomføres innen utgangen av ${year}`, isDefault: true, state: "dated", line: null };
}

function singleAssignment(year: number, a: ParsedAssignment): ParseResult {
  return { letters: [manualLetter(year)], assignments: [a], events: [], warnings: [], areas: [], goals: [], departments: a.departments.map((code) => ({ code, name: null })) };
}

/** A new assignment was given an ID that is already in the register (nothing was written). */
export class AssignmentExistsError extends Error {
  constructor(readonly key: string) {
    super(`Det finnes allerede et oppdrag med ID ${key}.`);
  }
}

/**
 * Creates (or, with `existingKey`, corrects) an assignment given outside a letter. A new one whose
 * ID already exists (in the agency) is refused inside the same transaction (AssignmentExistsError),
 * so two admins creating the same ID at once cannot both succeed. `agency`: the agency's name
 * (required when the register holds several; see ImportOptions.agency).
 */
export async function saveManualAssignment(
  db: Kysely<Database>,
  input: ManualAssignmentInput,
  actor: Actor,
  existingKey?: string,
  agency: string | null = null,
): Promise<{ key: string; summary: ImportSummary }> {
  const key = existingKey ?? input.id ?? `uten-id-${input.year}-${fnv1a32(`manuell|${input.title.toLowerCase()}|${Date.now()}`)}`;
  const assignment: ParsedAssignment = {
    id: key,
    hasId: existingKey ? !key.startsWith("uten-id") : input.id !== null,
    letter: 0,
    title: input.title,
    departments: input.departments,
    area: input.area,
    goal: null,
    body: input.body,
    line: 1,
    endLine: 1,
    deadlines: [deadlineFor(input.deadline, input.year, input.source)],
    relations: [],
  };
  const summary = await importParsedLetter(db, singleAssignment(input.year, assignment), {
    text: `${input.source}\n${input.title}\n${input.body}`,
    sourceName: `manuell: ${input.source}`.slice(0, 200),
    actor: actor.name,
    actorUserId: actor.userId,
    correction: existingKey !== undefined,
    agency,
    within: async (_trx, result) => {
      if (existingKey === undefined && !result.assignments.created.includes(key)) throw new AssignmentExistsError(key);
    },
  });
  return { key, summary };
}

/** An assignment by key within an agency (null: the key alone, when only one agency uses it). */
export async function assignmentForEdit(db: Kysely<Database>, key: string, agencyId: number | null = null) {
  const rows = await db
    .selectFrom("assignments as a")
    .innerJoin("letters as l", "l.id", "a.letter_id")
    .innerJoin("agencies as ag", "ag.id", "a.agency_id")
    .select([
      "a.id",
      "a.key",
      "a.has_id",
      "a.year",
      "a.title",
      "a.body",
      "a.area_code",
      "a.known_only_from_letter",
      "l.year as letter_year",
      "a.agency_id",
      "ag.name as agency_name",
      "ag.slug as agency_slug",
    ])
    .where("a.key", "=", key)
    .$if(agencyId !== null, (q) => q.where("a.agency_id", "=", agencyId as number))
    .limit(2)
    .execute();
  const a = rows.length === 1 ? rows[0] : undefined;
  if (!a) return null;
  const [deps, deadline] = await Promise.all([
    db.selectFrom("assignment_departments").select("department_code").where("assignment_id", "=", a.id).orderBy("position").execute(),
    db.selectFrom("deadlines").select(["date", "is_default"]).where("assignment_id", "=", a.id).where("part_id", "is", null).orderBy("position").executeTakeFirst(),
  ]);
  return { ...a, departments: deps.map((d) => d.department_code), deadline: deadline && !deadline.is_default ? deadline.date : null };
}

/** Unfinished assignments of a year (of one agency, or every agency) that have not been carried over yet. */
export async function carryOverCandidates(db: Kysely<Database>, year: number, agencyId: number | null = null) {
  const rows = await db
    .selectFrom("assignments as a")
    .select([
      "a.id",
      "a.key",
      "a.has_id",
      "a.title",
      "a.area_code",
      latestStatusSql().as("status"),
    ])
    .where("a.year", "=", year)
    .$if(agencyId !== null, (q) => q.where("a.agency_id", "=", agencyId as number))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("relations as r")
            .innerJoin("assignments as c", "c.id", "r.assignment_id")
            .select("r.id")
            .where("r.type", "=", "continues")
            .whereRef("r.target_key", "=", "a.key")
            .whereRef("c.agency_id", "=", "a.agency_id"),
        ),
      ),
    )
    .orderBy("a.sort_key")
    .execute();
  return rows
    .map((r) => ({ ...r, status: (r.status ?? "ikke_startet") as StatusCode }))
    .filter((r) => !CLOSED_STATUSES.includes(r.status));
}

/**
 * Carries assignments into the next year (videreført): a new assignment "TB2023-05/2024" with
 * the same text and owners, a default deadline at the end of the new year, and a "continues"
 * link to the original, whose own history stays where it is.
 */
export async function carryOver(db: Kysely<Database>, year: number, keys: string[], actor: Actor, agencyId: number | null = null): Promise<string[]> {
  const next = year + 1;
  const done: string[] = [];
  for (const key of keys) {
    const original = await assignmentForEdit(db, key, agencyId);
    if (!original || original.year !== year) continue;
    const newKey = `${key}/${next}`;
    const assignment: ParsedAssignment = {
      id: newKey,
      hasId: true,
      letter: 0,
      title: original.title,
      departments: original.departments,
      area: original.area_code,
      goal: null,
      body: original.body,
      line: 1,
      endLine: 1,
      deadlines: [deadlineFor(null, next, "videreført")],
      relations: [],
    };
    const parsed = singleAssignment(next, assignment);
    parsed.letters[0] = { ...parsed.letters[0], title: `Videreførte oppdrag ${next}`, reference: `videreført-${next}` };
    await importParsedLetter(db, parsed, {
      text: `videreført ${key}`,
      sourceName: `videreføring fra ${year}`,
      actor: actor.name,
      actorUserId: actor.userId,
      agency: original.agency_name,
    });
    const created = await db.selectFrom("assignments").select("id").where("key", "=", newKey).where("agency_id", "=", original.agency_id).executeTakeFirst();
    if (!created) continue;
    await db
      .insertInto("relations")
      .values({ assignment_id: created.id, type: "continues", target_key: key, letter_id: null, source_line: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await audit(db, actor, "oppdrag:videreført", `oppdrag:${key}`, { to: newKey, year: next });
    done.push(newKey);
  }
  return done;
}
