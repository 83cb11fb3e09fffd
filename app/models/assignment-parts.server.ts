/**
 * Parts of an assignment: what later letters added to it (addition, clarification) and the
 * explicit changes they made (change, withdrawal, postponement), each with its letter. The
 * original is the assignment row itself. Written only by the letter importer.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/db/schema";
import type { StoredPartKind as PartKind } from "~/domain/parts";

type Executor = Kysely<Database> | Transaction<Database>;

export interface PartValues {
  assignmentId: number;
  letterId: number;
  kind: PartKind;
  seq: number;
  sourceKey: string | null;
  title: string | null;
  body: string;
  departments: string[] | null;
  sourceLine: number | null;
  sourceEndLine: number | null;
  contentHash: string;
}

export async function findPart(on: Executor, assignmentId: number, letterId: number, kind: PartKind, seq: number) {
  return on
    .selectFrom("assignment_parts")
    .selectAll()
    .where("assignment_id", "=", assignmentId)
    .where("letter_id", "=", letterId)
    .where("kind", "=", kind)
    .where("seq", "=", seq)
    .executeTakeFirst();
}

/** Inserts or updates a part by its identity (assignment, letter, kind, seq). */
export async function upsertPart(
  on: Executor,
  p: PartValues,
  now: string,
): Promise<{ id: number; outcome: "created" | "updated" | "unchanged"; before: { title: string | null; body: string } | null }> {
  const existing = await findPart(on, p.assignmentId, p.letterId, p.kind, p.seq);
  const values = {
    source_key: p.sourceKey,
    title: p.title,
    body: p.body,
    departments: p.departments && p.departments.length ? JSON.stringify(p.departments) : null,
    source_line: p.sourceLine,
    source_end_line: p.sourceEndLine,
    content_hash: p.contentHash,
  };
  if (!existing) {
    const row = await on
      .insertInto("assignment_parts")
      .values({ ...values, assignment_id: p.assignmentId, letter_id: p.letterId, kind: p.kind, seq: p.seq, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, outcome: "created", before: null };
  }
  if (existing.content_hash === p.contentHash) {
    if (existing.source_line !== p.sourceLine || existing.source_end_line !== p.sourceEndLine) {
      await on.updateTable("assignment_parts").set({ source_line: p.sourceLine, source_end_line: p.sourceEndLine }).where("id", "=", existing.id).execute();
    }
    return { id: existing.id, outcome: "unchanged", before: null };
  }
  await on.updateTable("assignment_parts").set({ ...values, updated_at: now }).where("id", "=", existing.id).execute();
  return { id: existing.id, outcome: "updated", before: { title: existing.title, body: existing.body } };
}

export async function partsOfLetters(on: Executor, letterIds: number[]) {
  if (letterIds.length === 0) return [];
  return on.selectFrom("assignment_parts").select(["id", "assignment_id", "letter_id", "kind"]).where("letter_id", "in", letterIds).execute();
}

export async function deletePart(on: Executor, id: number): Promise<void> {
  await on.deleteFrom("assignment_parts").where("id", "=", id).execute();
}

/** An assignment's parts in order (letter date, then letter, kind order, seq), with their letters. */
export async function listParts(on: Executor, assignmentId: number) {
  const rows = await on
    .selectFrom("assignment_parts as p")
    .innerJoin("letters as l", "l.id", "p.letter_id")
    .select([
      "p.id",
      "p.kind",
      "p.seq",
      "p.source_key",
      "p.title",
      "p.body",
      "p.departments",
      "p.source_line",
      "p.letter_id",
      "l.title as letter_title",
      "l.date as letter_date",
      "l.reference as letter_reference",
      "l.kind as letter_kind",
    ])
    .where("p.assignment_id", "=", assignmentId)
    .orderBy("l.date")
    .orderBy("p.letter_id")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({ ...r, departments: r.departments ? (JSON.parse(r.departments) as string[]) : [] }));
}

export type AssignmentPart = Awaited<ReturnType<typeof listParts>>[number];
