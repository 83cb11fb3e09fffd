/**
 * Writes a parsed letter file into the database, in one transaction.
 *
 * An assignment is its original plus what later letters add (docs/decisions/020-assignment-parts.md):
 * - The letter that first gives an assignment's ID with its text is its original (title, text,
 *   area, goal, owners, deadlines in `assignments` / `deadlines` with `part_id` null).
 * - A later letter that names an existing ID (kind addition or clarification, or an original
 *   block whose ID already came from an earlier letter) adds a part (`assignment_parts`) with its
 *   text and its deadlines as deliverables; it never replaces the original. An item without ID in
 *   a later letter whose title is that of one assignment of the agency and year adds to it too.
 * - Only explicit events change the assignment: a postponement (*Utsatt*) or withdrawal
 *   (*Avsluttet*) is a status event attributed to the letter; a deadline change moves the deadline;
 *   an owner change replaces the owners; `erstatter` is recorded on the replaced assignment. Each
 *   is also a part of kind change / withdrawal / postponement.
 * - Importing the same text again changes nothing (no rows written, not even an import log).
 *   Importing a corrected version touches only that letter's original and parts, in place, and
 *   records every changed field in `assignment_changes`; status history is never touched.
 * - Fields corrected by an admin or changed by a later letter (`locked_fields`) survive re-imports.
 */
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type {
  ParseResult,
  ParsedAssignment,
  ParsedDeadline,
  ParsedEvent,
  ParsedLetter,
  ParseWarning,
} from "~/domain/letter/types";
import { formatDateLong } from "~/domain/format";
import { deadlineWhen } from "~/domain/register";
import { assignmentSortKey } from "~/domain/letter/ids";
import { isPartOnly } from "~/domain/letter/later-letters";
import { recordAssignmentChange } from "~/models/assignment-changes.server";
import { deletePart, partsOfLetters, upsertPart } from "~/models/assignment-parts.server";
import { findAssignmentByKey, findAssignmentByTitle, listDepartments, lockFields, lockedFields, type AssignmentRow } from "~/models/assignment.server";
import { appendStatusEvent } from "~/models/status-event.server";
import { audit } from "../models/audit.server";
import { DEFAULT_AGENCY_NAME, normaliseAgencyName, recipientNames } from "~/domain/agency";
import { AgencyError, createAgency, findAgencyByName, listAgencies } from "~/models/agency.server";
import type { Database } from "../db/schema";
import type { StoredPartKind as PartKind } from "~/domain/parts";
import type { RelationKind } from "~/domain/relations";
import type { StatusCode } from "~/domain/status";

export interface ImportOptions {
  /** The full text that was parsed (hashes and letter sections are taken from it). */
  text: string;
  sourceName: string;
  actor?: string;
  /** The signed-in user behind the import, when there is one. */
  actorUserId?: number | null;
  now?: Date;
  /** Compute the summary, then roll everything back. */
  dryRun?: boolean;
  /**
   * An admin's correction of existing assignments (the correction form): each assignment's given
   * fields replace the current ones and are locked against later re-imports of the letter; the
   * assignment keeps its letter, parts and deadlines otherwise.
   */
  correction?: boolean;
  /**
   * Runs inside the import's transaction after the writes (and before a dry run's rollback):
   * e.g. the upload row marked imported and audited in the same transaction.
   */
  within?: (trx: Transaction<Database>, summary: ImportSummary) => Promise<void>;
  /**
   * The recipient agency's name: overrides what the letter says (upload preview, CLI
   * `--agency`). Without it the letter's recipient; without that the database's only agency (or
   * Helsedirektoratet in an empty one); with several agencies and no recipient the import is refused.
   */
  agency?: string | null;
}

export interface FieldChange {
  field: string;
  old: string | null;
  new: string | null;
}

/** One line of the upload preview: what the import does to one assignment. */
export interface ImportItem {
  key: string;
  /** Index into the parsed letters. */
  letter: number;
  /** Index into `ParseResult.assignments` of the block behind it, null for events. */
  block: number | null;
  /** Index into `ParseResult.events` of the event behind it, null for blocks. */
  event: number | null;
  action: "new" | "added" | "changed" | "withdrawn" | "postponed" | "unchanged";
  title: string;
  /** The part kind when the item adds to an existing assignment. */
  kind: PartKind | "original";
  changes: FieldChange[];
  knownOnly: boolean;
  exempt: boolean;
  /** Warnings specific to this item (invalid dates, unknown targets, known only from this letter). */
  warnings: string[];
  /** The owning departments its block was imported with (an owner written by name: the register's code). */
  departments: string[];
}

export interface ImportSummary {
  /** The recipient agency everything was imported to; created: new to the register. */
  agency: { name: string; slug: string; created: boolean } | null;
  letters: { created: number; updated: number; unchanged: number };
  assignments: { created: string[]; updated: string[]; unchanged: number };
  /** Parts written by later letters, by assignment key. */
  parts: { created: string[]; updated: string[]; removed: number };
  /** Field-by-field changes of updated assignments, by key (what a preview shows). */
  changes: Record<string, FieldChange[]>;
  /** Relations the text states, and whether their target is known to the database. */
  relations: Array<{ source: string; type: string; target: string; known: boolean }>;
  /** Postponements the letters make, and whether they were recorded now. */
  postponements: Array<{ target: string; letter: string; recorded: boolean }>;
  /** Assignments created only from a later letter's mention (earlier-year or unknown IDs). */
  knownOnly: string[];
  deadlines: number;
  events: { created: number };
  items: ImportItem[];
  warnings: ParseWarning[];
  changed: boolean;
  importId: number | null;
}

class DryRunRollback extends Error {}

/** The relation types letters state; others (carried over) are made in the app and left alone here. */
const LETTER_RELATIONS = ["replaces", "clarifies", "postpones"] as const;

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * A letter's identity across imports: kind, year, reference, date and title. The title is part
 * of it because one case (reference) often holds several letters on the same day; each file may
 * bring them together or one at a time.
 */
export function letterKey(letter: ParsedLetter, assignmentIds: readonly string[] = []): string {
  const title = letter.title.toLowerCase().replace(/\s+/g, " ").trim().slice(0, 120);
  // Without reference and date, the assignments it gives tell two such letters apart.
  const content = !letter.reference && !letter.date ? assignmentIds.slice(0, 3).join(",") : "";
  return [letter.kind, letter.year, letter.reference ?? "", letter.date ?? "", title, content].join("|");
}

type ContentDeadline = Pick<ParsedDeadline, "label" | "date" | "precision" | "text" | "isDefault" | "state">;

interface AssignmentContent {
  title: string;
  body: string;
  area: string | null;
  goal: string | null;
  departments: string[];
  deadlines: ContentDeadline[];
  relations: Array<{ type: string; target: string }>;
}

function contentDeadlines(deadlines: ParsedDeadline[]): ContentDeadline[] {
  return deadlines.map((d) => ({ label: d.label, date: d.date, precision: d.precision, text: d.text, isDefault: d.isDefault, state: d.state }));
}

function contentOf(a: ParsedAssignment, postpones: string[]): AssignmentContent {
  return {
    title: a.title,
    body: a.body,
    area: a.area,
    goal: a.goal,
    departments: a.departments,
    deadlines: contentDeadlines(a.deadlines),
    relations: [
      ...a.relations.map((r) => ({ type: r.type, target: r.target })),
      ...postpones.map((target) => ({ type: "postpones", target })),
    ],
  };
}

/** Extra flags hashed only when set, so content hashes of letters without them stay as they were. */
function contentHashOf(content: AssignmentContent, a: ParsedAssignment): string {
  const flags = { ...(a.exempt ? { exempt: true } : {}), ...(a.announcedOnly ? { announcedOnly: true } : {}) };
  return sha256(JSON.stringify(Object.keys(flags).length ? { ...content, ...flags } : content));
}

/** A deadline as the change history shows it: "Delleveranse 1: 1. juni 2025 (Frist: 1.6.2025)". */
function describeDeadline(d: Pick<ContentDeadline, "label" | "date" | "precision" | "state" | "text">): string {
  const when = deadlineWhen(d);
  return `${d.label ? `${d.label}: ` : ""}${when}${d.text && d.text !== when ? ` (${d.text})` : ""}`;
}

function describeDeadlines(deadlines: ContentDeadline[]): string {
  return deadlines.map(describeDeadline).join("\n");
}

function yearOf(parsed: ParseResult): number | null {
  const main = parsed.letters.find((l) => l.kind === "main") ?? parsed.letters[0];
  return main?.year ?? null;
}

/** "Supplerende tildelingsbrev nr. 3 …, 25/2306, 28. mai 2026": a letter as the preview, history and comments name it. */
function letterName(letter: ParsedLetter | undefined): string {
  return letter ? [letter.title, letter.reference, letter.date ? formatDateLong(letter.date) : null].filter(Boolean).join(", ") : "ukjent brev";
}

const PLACEHOLDER_TITLE = "Unntatt offentlighet";

export async function importParsedLetter(
  db: Kysely<Database>,
  parsed: ParseResult,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    agency: null,
    letters: { created: 0, updated: 0, unchanged: 0 },
    assignments: { created: [], updated: [], unchanged: 0 },
    parts: { created: [], updated: [], removed: 0 },
    changes: {},
    relations: [],
    postponements: [],
    knownOnly: [],
    deadlines: parsed.assignments.reduce((n, a) => n + a.deadlines.length, 0),
    events: { created: 0 },
    items: [],
    warnings: [...parsed.warnings],
    changed: false,
    importId: null,
  };
  const now = (options.now ?? new Date()).toISOString();
  const actor = options.actor ?? "system:import";
  const lines = options.text.split(/\r?\n/);

  try {
    await db.transaction().execute(async (trx) => {
      const agency = await resolveAgency(trx, parsed, options.agency ?? null, new Date(now));
      summary.agency = { name: agency.name, slug: agency.slug, created: agency.created };
      const ctx: Ctx = {
        trx,
        agencyId: agency.id,
        now,
        actor,
        actorUserId: options.actorUserId ?? null,
        summary,
        importId: null,
        sourceName: options.sourceName,
        fileHash: sha256(options.text),
        letters: parsed.letters,
        letterIds: [],
        seqs: new Map(),
        seenParts: new Set(),
      };

      await upsertReferenceData(trx, parsed, agency.id);
      ctx.letterIds = await upsertLetters(ctx, parsed, lines);
      const assignments = await withOwnerCodes(trx, parsed.assignments, summary);

      // Postponements carried by an assignment become a "postpones" relation on it.
      const postponesBySource = new Map<string, string[]>();
      for (const e of parsed.events) {
        if (e.source && (e.type ?? "postponement") === "postponement") {
          postponesBySource.set(e.source, [...(postponesBySource.get(e.source) ?? []), e.target]);
        }
      }

      const seen = new Set<string>();
      for (const [index, a] of assignments.entries()) {
        const kind = a.kind ?? "original";
        const target = kind === "original" ? a.id : (a.target ?? a.id);
        // A block with its own ID that clarifies or adds to another (TTB2023-04 "Presisering av
        // TB2023-18") is its own assignment; the link part on the target is written below.
        const ownAssignment = !isPartOnly(a);
        const seenKey = ownAssignment ? `own ${a.id}` : `part ${a.letter} ${index}`;
        if (seen.has(seenKey)) continue; // the parser has warned about the duplicate
        seen.add(seenKey);
        if (options.correction) await correctAssignment(ctx, a, index);
        else if (ownAssignment) await applyOriginalBlock(ctx, a, index, postponesBySource.get(a.id) ?? []);
        else await applyPartBlock(ctx, a, index, target, kind === "clarification" ? "clarification" : "addition");
      }

      if (!options.correction) {
        for (const [index, e] of parsed.events.entries()) await applyEvent(ctx, e, index);

        // Relations, and clarifications acting on what they clarify: the target's history names them.
        const clarified = new Set<string>();
        for (const a of assignments) {
          const kind = a.kind ?? "original";
          const relations = [...a.relations];
          if (kind !== "original" && a.target && a.target !== a.id && a.hasId && !relations.some((r) => r.target === a.target)) {
            relations.push({ type: "clarifies", target: a.target });
          }
          for (const r of relations) {
            const target = await findAssignmentByKey(trx, ctx.agencyId, r.target);
            summary.relations.push({ source: a.id, type: r.type, target: r.target, known: !!target });
            if (!target) continue;
            if (r.type === "clarifies" && !clarified.has(`${a.id} ${r.target}`)) {
              clarified.add(`${a.id} ${r.target}`);
              await linkClarification(ctx, a, target, kind === "addition" ? "addition" : "clarification");
            } else if (r.type === "replaces") {
              await recordReplacement(ctx, a, target);
            }
          }
        }

        await removeStaleParts(ctx);
      }

      summary.changed =
        summary.letters.created + summary.letters.updated > 0 ||
        summary.assignments.created.length + summary.assignments.updated.length > 0 ||
        summary.parts.created.length + summary.parts.updated.length + summary.parts.removed > 0 ||
        summary.events.created > 0;
      if (summary.changed) {
        await finishImportLog(ctx);
      }
      if (options.within) await options.within(trx, summary);
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    summary.importId = null;
  }
  return summary;
}

interface Ctx {
  trx: Transaction<Database>;
  /** The recipient agency: every lookup by key is within it. */
  agencyId: number;
  now: string;
  actor: string;
  actorUserId: number | null;
  summary: ImportSummary;
  importId: number | null;
  sourceName: string;
  fileHash: string;
  letters: ParsedLetter[];
  letterIds: number[];
  /** Next seq per assignment|letter|kind. */
  seqs: Map<string, number>;
  /** Parts written or confirmed by this import (the rest of these letters' parts are stale). */
  seenParts: Set<number>;
}

/** The import log row is created lazily: the first change creates it, so no-op imports write nothing. */
async function importId(ctx: Ctx): Promise<number> {
  if (ctx.importId === null) {
    const row = await ctx.trx
      .insertInto("imports")
      .values({
        source_name: ctx.sourceName,
        file_hash: ctx.fileHash,
        actor: ctx.actor,
        created_at: ctx.now,
        summary: "{}",
        warnings: "[]",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ctx.importId = row.id;
    ctx.summary.importId = row.id;
  }
  return ctx.importId;
}

async function change(ctx: Ctx, assignmentId: number, letterId: number | null, field: string, oldValue: string | null, newValue: string | null): Promise<void> {
  await recordAssignmentChange(ctx.trx, {
    assignmentId,
    importId: await importId(ctx),
    letterId,
    field,
    oldValue,
    newValue,
    actor: ctx.actor,
    createdAt: ctx.now,
  });
}

async function finishImportLog(ctx: Ctx): Promise<void> {
  const id = await importId(ctx);
  const { warnings, items, ...rest } = ctx.summary;
  await ctx.trx
    .updateTable("imports")
    .set({ summary: JSON.stringify({ ...rest, items: items.length, warnings: warnings.length }), warnings: JSON.stringify(warnings) })
    .where("id", "=", id)
    .execute();
  // Every import that changed something is in the audit log, in the same transaction.
  await audit(
    ctx.trx,
    { userId: ctx.actorUserId, name: ctx.actor },
    "brev:importert",
    `import:${id}`,
    {
      source: ctx.sourceName,
      letters: rest.letters,
      created: rest.assignments.created.length,
      updated: rest.assignments.updated,
      parts: { created: rest.parts.created.length, updated: rest.parts.updated.length, removed: rest.parts.removed },
      events: rest.events.created,
      warnings: warnings.length,
    },
    new Date(ctx.now),
  );
}

/** The letter's recipient, chosen as ImportOptions.agency describes; created when new. */
export async function resolveAgency(
  trx: Transaction<Database> | Kysely<Database>,
  parsed: Pick<ParseResult, "letters">,
  override: string | null,
  now: Date,
): Promise<{ id: number; name: string; slug: string; created: boolean }> {
  const named = normaliseAgencyName(override ?? "") || parsed.letters.map((l) => normaliseAgencyName(l.recipient ?? "")).find(Boolean) || null;
  const existing = await listAgencies(trx);
  let name = named;
  if (!name) {
    if (existing.length > 1) {
      throw new AgencyError(
        `Brevet sier ikke hvilken virksomhet det er til, og registeret har flere (${existing.map((a) => a.name).join(", ")}). Oppgi virksomheten.`,
      );
    }
    name = existing[0]?.name ?? DEFAULT_AGENCY_NAME;
  }
  let found = await findAgencyByName(trx, name);
  // A joint letter ("Helsedirektoratet og Folkehelseinstituttet") belongs to the first agency it
  // names that the register knows, else to the first it names; the preview lets the admin correct it.
  const names = recipientNames(name);
  if (!found && names.length > 1) {
    for (const n of names) found ??= await findAgencyByName(trx, n);
    name = names[0]!;
  }
  if (found) return { ...found, created: false };
  const created = await createAgency(trx, { name }, now);
  // The register's first agency: everyone made before it belongs to it, as with one agency
  // there is nothing to choose (the same rule the migration applies to existing users).
  if (existing.length === 0) {
    await trx
      .insertInto("user_agencies")
      .columns(["user_id", "agency_id"])
      .expression((eb) => eb.selectFrom("users").select(["users.id as user_id", eb.val(created.id).as("agency_id")]))
      .execute();
  }
  return { ...created, created: true };
}

/**
 * Owners the letter writes by name alone (`ownerNames`) take the code the register has for that
 * name ("Kommunalavdelingen" → KOMM, known from an earlier letter that wrote both); the parser's
 * warning becomes a note of what was set. A name the register does not know stays without code.
 */
async function withOwnerCodes(trx: Transaction<Database>, assignments: ParsedAssignment[], summary: ImportSummary): Promise<ParsedAssignment[]> {
  if (!assignments.some((a) => a.ownerNames?.length && a.departments.length === 0)) return assignments;
  const byName = new Map<string, string[]>();
  for (const d of await listDepartments(trx)) {
    if (d.name) byName.set(d.name.toLowerCase(), [...(byName.get(d.name.toLowerCase()) ?? []), d.code]);
  }
  return assignments.map((a) => {
    if (!a.ownerNames?.length || a.departments.length > 0) return a;
    const codes = a.ownerNames.map((n) => byName.get(n.toLowerCase()));
    if (codes.some((c) => c?.length !== 1)) return a;
    const departments = codes.map((c) => c![0]);
    const at = summary.warnings.findIndex((w) => w.line === a.line && w.message.startsWith(`Fant ingen ansvarlig avdeling for ${a.id} `));
    const note = {
      line: a.line,
      message: `Ansvarlig avdeling for ${a.id} står som ${a.ownerNames.map((n) => `«${n}»`).join(" og ")} i brevet: satt til ${departments.join("/")}, koden registeret har for navnet`,
    };
    if (at >= 0) summary.warnings[at] = note;
    else summary.warnings.push(note);
    return { ...a, departments };
  });
}

async function upsertReferenceData(trx: Transaction<Database>, parsed: ParseResult, agencyId: number): Promise<void> {
  const year = yearOf(parsed);
  const departmentNames = new Map(parsed.departments.map((d) => [d.code, d.name]));
  const codes = new Set<string>(parsed.departments.map((d) => d.code));
  for (const a of parsed.assignments) for (const c of a.departments) codes.add(c);
  for (const e of parsed.events) for (const c of e.departments ?? []) codes.add(c);
  for (const code of codes) {
    const name = departmentNames.get(code) ?? null;
    const existing = await trx.selectFrom("departments").select(["code", "name"]).where("code", "=", code).executeTakeFirst();
    if (!existing) {
      await trx.insertInto("departments").values({ code, name }).execute();
    } else if (name && existing.name !== name) {
      await trx.updateTable("departments").set({ name }).where("code", "=", code).execute();
    }
  }
  if (year === null) return;
  let order = 0;
  for (const area of parsed.areas) {
    order += 1;
    const existing = await trx
      .selectFrom("goal_areas")
      .select(["id", "name", "sort_order"])
      .where("agency_id", "=", agencyId)
      .where("year", "=", year)
      .where("code", "=", area.code)
      .executeTakeFirst();
    if (!existing) {
      await trx.insertInto("goal_areas").values({ agency_id: agencyId, year, code: area.code, name: area.name, sort_order: order }).execute();
    } else if (existing.name !== area.name || existing.sort_order !== order) {
      await trx.updateTable("goal_areas").set({ name: area.name, sort_order: order }).where("id", "=", existing.id).execute();
    }
  }
  for (const goal of parsed.goals) {
    const number = Number(goal.code.replace(/\D+/g, "")) || 0;
    const existing = await trx
      .selectFrom("goals")
      .select(["id", "title", "area_code"])
      .where("agency_id", "=", agencyId)
      .where("year", "=", year)
      .where("code", "=", goal.code)
      .executeTakeFirst();
    if (!existing) {
      await trx.insertInto("goals").values({ agency_id: agencyId, year, code: goal.code, number, area_code: goal.area, title: goal.title }).execute();
    } else if (existing.title !== goal.title || existing.area_code !== goal.area) {
      await trx.updateTable("goals").set({ title: goal.title, area_code: goal.area }).where("id", "=", existing.id).execute();
    }
  }
}

async function upsertLetters(ctx: Ctx, parsed: ParseResult, lines: string[]): Promise<number[]> {
  const ids: number[] = [];
  const seenKeys = new Map<string, number>();
  for (const [index, letter] of parsed.letters.entries()) {
    // Two letters in one file can still share every field; number the repeats so each keeps its
    // own row across re-imports.
    const base = letterKey(letter, parsed.assignments.filter((a) => a.letter === index && a.hasId).map((a) => a.id));
    const n = (seenKeys.get(base) ?? 0) + 1;
    seenKeys.set(base, n);
    const key = n === 1 ? base : `${base}#${n}`;
    const sourceHash = sha256(lines.slice(letter.startLine - 1, letter.endLine).join("\n"));
    const existing = await ctx.trx
      .selectFrom("letters")
      .selectAll()
      .where("agency_id", "=", ctx.agencyId)
      .where("letter_key", "=", key)
      .executeTakeFirst();
    if (!existing) {
      const row = await ctx.trx
        .insertInto("letters")
        .values({
          agency_id: ctx.agencyId,
          letter_key: key,
          kind: letter.kind,
          year: letter.year,
          date: letter.date,
          reference: letter.reference,
          title: letter.title,
          source_hash: sourceHash,
          source_name: ctx.sourceName,
          start_line: letter.startLine,
          end_line: letter.endLine,
          created_at: ctx.now,
          updated_at: ctx.now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
      ctx.summary.letters.created += 1;
    } else {
      ids.push(existing.id);
      const changed =
        existing.source_hash !== sourceHash ||
        existing.title !== letter.title ||
        existing.start_line !== letter.startLine ||
        existing.end_line !== letter.endLine;
      if (changed) {
        await ctx.trx
          .updateTable("letters")
          .set({
            title: letter.title,
            source_hash: sourceHash,
            source_name: ctx.sourceName,
            start_line: letter.startLine,
            end_line: letter.endLine,
            updated_at: ctx.now,
          })
          .where("id", "=", existing.id)
          .execute();
        ctx.summary.letters.updated += 1;
      } else {
        ctx.summary.letters.unchanged += 1;
      }
    }
  }
  return ids;
}


function itemFor(ctx: Ctx, key: string, a: ParsedAssignment | null, block: number | null, letter: number, action: ImportItem["action"], kind: ImportItem["kind"], title: string): ImportItem {
  const item: ImportItem = { key, letter, block, event: null, action, title, kind, changes: [], knownOnly: false, exempt: !!a?.exempt, warnings: [], departments: a?.departments ?? [] };
  for (const d of a?.deadlines ?? []) {
    if (d.state === "invalid") item.warnings.push(`Ugyldig dato i fristen «${d.text}»: fristen er lagret uten dato og må rettes.`);
  }
  ctx.summary.items.push(item);
  return item;
}

function nextSeq(ctx: Ctx, assignmentId: number, letterId: number, kind: PartKind): number {
  const k = `${assignmentId}|${letterId}|${kind}`;
  const seq = ctx.seqs.get(k) ?? 0;
  ctx.seqs.set(k, seq + 1);
  return seq;
}

async function departmentsOf(trx: Transaction<Database>, assignmentId: number): Promise<string[]> {
  const rows = await trx
    .selectFrom("assignment_departments")
    .select("department_code")
    .where("assignment_id", "=", assignmentId)
    .orderBy("position")
    .execute();
  return rows.map((r) => r.department_code);
}

async function replaceDepartments(trx: Transaction<Database>, assignmentId: number, codes: string[]): Promise<void> {
  await trx.deleteFrom("assignment_departments").where("assignment_id", "=", assignmentId).execute();
  await writeDepartments(trx, assignmentId, codes);
}

/** A block that gives an assignment itself: create it, re-import its original, or add to it. */
async function applyOriginalBlock(ctx: Ctx, a: ParsedAssignment, index: number, postpones: string[]): Promise<void> {
  const letterId = ctx.letterIds[a.letter];
  const letter = ctx.letters[a.letter];
  const existing = await findAssignmentByKey(ctx.trx, ctx.agencyId, a.id);
  if (!existing) {
    // A later letter names an assignment without ID by its title only ("1. Beredskapsplan for
    // akutt forurensning" again): an addition to that assignment, not a second one.
    const sameTitle = !a.hasId && letter?.kind === "supplementary" ? await findAssignmentByTitle(ctx.trx, ctx.agencyId, letter.year, a.title) : undefined;
    if (sameTitle && sameTitle.letter_id !== letterId) return applyPartBlock(ctx, a, index, sameTitle.key, "addition", sameTitle);
    return createAssignment(ctx, a, index, postpones, false);
  }
  if (existing.letter_id === letterId) return updateOriginal(ctx, existing, a, index, postpones);
  if (existing.known_only_from_letter === 1 && letter && letter.year === existing.year && (a.kind ?? "original") === "original") {
    // The assignment's own letter arrives after the later letter that made it known: it becomes the original.
    return adoptOriginal(ctx, existing, a, index, postpones);
  }
  // An earlier letter gave this ID: this letter adds to it and never replaces it.
  return applyPartBlock(ctx, a, index, a.id, "addition", existing);
}

async function createAssignment(ctx: Ctx, a: ParsedAssignment, index: number, postpones: string[], knownOnlyIn: boolean): Promise<void> {
  const { trx, now } = ctx;
  const letter = ctx.letters[a.letter];
  const letterId = ctx.letterIds[a.letter];
  const year = a.year ?? letter?.year ?? Number(a.id.match(/(\d{4})/)?.[1] ?? 0);
  const knownOnly = knownOnlyIn || (!!letter && year !== letter.year && a.hasId);
  const title = a.title || (a.exempt ? PLACEHOLDER_TITLE : "");
  const content = contentOf({ ...a, title }, postpones);
  const row = await trx
    .insertInto("assignments")
    .values({
      agency_id: ctx.agencyId,
      key: a.id,
      has_id: a.hasId ? 1 : 0,
      year,
      letter_id: letterId,
      area_code: a.area,
      goal_code: a.goal,
      title,
      body: a.body,
      source_line: a.line,
      source_end_line: a.endLine,
      sort_key: assignmentSortKey(a.id, { letterId, line: a.line }),
      version: 0,
      content_hash: contentHashOf(content, a),
      created_at: now,
      updated_at: now,
      exempt: a.exempt ? 1 : 0,
      announced_only: a.announcedOnly ? 1 : 0,
      known_only_from_letter: knownOnly ? 1 : 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeDepartments(trx, row.id, a.departments);
  await syncDeadlines(ctx, row.id, null, a.deadlines, false);
  await syncRelations(trx, row.id, content.relations, letterId, a.line);
  await change(ctx, row.id, letterId, "opprettet", null, title);
  ctx.summary.assignments.created.push(a.id);
  const item = itemFor(ctx, a.id, a, index, a.letter, "new", "original", title);
  if (knownOnly) {
    item.knownOnly = true;
    ctx.summary.knownOnly.push(a.id);
    const message = `${a.id} er bare kjent fra dette brevet («${letterName(letter)}»): oppdraget er registrert i ${year} uten brevet som ga det.`;
    item.warnings.push(message);
    ctx.summary.warnings.push({ line: a.line, message });
  }
}

/** Re-import of the letter that gave the assignment: update in place, except locked fields. */
async function updateOriginal(ctx: Ctx, existing: AssignmentRow, parsedIn: ParsedAssignment, index: number, postpones: string[], force = false): Promise<void> {
  const { trx, now } = ctx;
  const locked = force ? new Set<string>() : lockedFields(existing);
  const beforeDepartments = await departmentsOf(trx, existing.id);
  // A text that names no owner does not take away the owner someone chose for it earlier.
  let a = parsedIn;
  if (a.departments.length === 0 && beforeDepartments.length) a = { ...a, departments: beforeDepartments };
  if (!a.title && a.exempt) a = { ...a, title: PLACEHOLDER_TITLE };
  const content = contentOf(a, postpones);
  const contentHash = contentHashOf(content, a);
  const letterId = ctx.letterIds[a.letter];

  if (!force && existing.content_hash === contentHash) {
    // Line numbers move when text above changes; keep them current without calling it a change.
    if (existing.source_line !== a.line || existing.source_end_line !== a.endLine) {
      const sortKey = assignmentSortKey(existing.key, { letterId: existing.letter_id, line: a.line });
      await trx.updateTable("assignments").set({ source_line: a.line, source_end_line: a.endLine, sort_key: sortKey }).where("id", "=", existing.id).execute();
    }
    ctx.summary.assignments.unchanged += 1;
    itemFor(ctx, a.id, a, index, a.letter, "unchanged", "original", existing.title);
    return;
  }
  if (!force && a.announcedOnly && existing.announced_only === 0) {
    // The announcing letter again, after a later letter gave the text: the text stays.
    await trx.updateTable("assignments").set({ content_hash: contentHash }).where("id", "=", existing.id).execute();
    ctx.summary.assignments.unchanged += 1;
    itemFor(ctx, a.id, a, index, a.letter, "unchanged", "original", existing.title);
    return;
  }

  const before = await currentContent(trx, existing.id);
  const changes: FieldChange[] = [];
  const set: Partial<{ title: string; body: string; area_code: string | null; goal_code: string | null }> = {};
  const compare = (field: string, oldValue: string | null, newValue: string | null) => {
    if (oldValue === newValue || locked.has(field)) return false;
    changes.push({ field, old: oldValue, new: newValue });
    return true;
  };
  if (compare("tittel", existing.title, a.title)) set.title = a.title;
  if (compare("tekst", existing.body, a.body)) set.body = a.body;
  if (compare("område", existing.area_code, a.area)) set.area_code = a.area;
  if (compare("mål", existing.goal_code, a.goal)) set.goal_code = a.goal;
  const departmentsChanged = compare("avdelinger", before.departments.join("/"), a.departments.join("/"));
  compare("frister", describeDeadlines(before.deadlines), describeDeadlines(content.deadlines));
  compare(
    "relasjoner",
    before.relations.map((r) => `${r.type} ${r.target}`).join("\n"),
    content.relations.map((r) => `${r.type} ${r.target}`).join("\n"),
  );

  await trx
    .updateTable("assignments")
    .set({
      ...set,
      has_id: a.hasId ? 1 : 0,
      source_line: a.line,
      source_end_line: a.endLine,
      sort_key: assignmentSortKey(existing.key, { letterId, line: a.line }),
      content_hash: contentHash,
      exempt: a.exempt ? 1 : existing.exempt,
      announced_only: a.announcedOnly ? 1 : 0,
      updated_at: now,
      ...(force ? { letter_id: letterId, known_only_from_letter: 0 } : {}),
    })
    .where("id", "=", existing.id)
    .execute();
  if (departmentsChanged) await replaceDepartments(trx, existing.id, a.departments);
  await syncDeadlines(ctx, existing.id, null, a.deadlines, locked.has("frist"));
  await syncRelations(trx, existing.id, content.relations, letterId, a.line);
  for (const c of changes) await change(ctx, existing.id, letterId, c.field, c.old, c.new);
  if (changes.length === 0) await importId(ctx);
  ctx.summary.assignments.updated.push(a.id);
  ctx.summary.changes[a.id] = changes;
  itemFor(ctx, a.id, a, index, a.letter, "changed", "original", a.title).changes = changes;
}

/** The original letter of an assignment first known from a later letter: the later letter's text becomes its part. */
async function adoptOriginal(ctx: Ctx, existing: AssignmentRow, a: ParsedAssignment, index: number, postpones: string[]): Promise<void> {
  const { trx, now } = ctx;
  const departments = await departmentsOf(trx, existing.id);
  const deadlines = await trx.selectFrom("deadlines").selectAll().where("assignment_id", "=", existing.id).where("part_id", "is", null).execute();
  const part = await upsertPart(
    trx,
    {
      assignmentId: existing.id,
      letterId: existing.letter_id,
      kind: "addition",
      seq: 0,
      sourceKey: null,
      title: existing.title,
      body: existing.body,
      departments,
      sourceLine: existing.source_line,
      sourceEndLine: existing.source_end_line,
      contentHash: existing.content_hash,
    },
    now,
  );
  if (deadlines.length) {
    await trx.updateTable("deadlines").set({ part_id: part.id }).where("id", "in", deadlines.map((d) => d.id)).execute();
  }
  await updateOriginal(ctx, { ...existing, content_hash: "" }, a, index, postpones, true);
}

/**
 * A block that adds to (or clarifies) the assignment `targetKey`: a part of this letter with its
 * text and its deadlines as deliverables. An unknown target is created, marked as known only
 * from this letter.
 */
async function applyPartBlock(
  ctx: Ctx,
  a: ParsedAssignment,
  index: number,
  targetKey: string,
  kind: "addition" | "clarification",
  known?: AssignmentRow,
): Promise<void> {
  const { trx, now } = ctx;
  const existing = known ?? (await findAssignmentByKey(trx, ctx.agencyId, targetKey));
  const asOriginal: ParsedAssignment = { ...a, id: targetKey, hasId: true, kind: "original" };
  if (!existing) return createAssignment(ctx, asOriginal, index, [], true);
  const letterId = ctx.letterIds[a.letter];
  // Known only from this very letter: its block is all the assignment has, so it is the original.
  if (existing.known_only_from_letter === 1 && existing.letter_id === letterId) return updateOriginal(ctx, existing, asOriginal, index, []);
  const letter = ctx.letters[a.letter];
  const deadlines = a.deadlines.filter((d) => !d.isDefault);
  const sourceKey = a.id !== targetKey ? a.id : null;
  const seq = nextSeq(ctx, existing.id, letterId, kind);
  const contentHash = sha256(
    JSON.stringify({ kind, sourceKey, title: a.title, body: a.body, departments: a.departments, deadlines: contentDeadlines(deadlines), exempt: !!a.exempt, announcedOnly: !!a.announcedOnly }),
  );
  const part = await upsertPart(
    trx,
    { assignmentId: existing.id, letterId, kind, seq, sourceKey, title: a.title || null, body: a.body, departments: a.departments, sourceLine: a.line, sourceEndLine: a.endLine, contentHash },
    now,
  );
  ctx.seenParts.add(part.id);
  if (part.outcome === "unchanged") {
    itemFor(ctx, targetKey, a, index, a.letter, "unchanged", kind, existing.title);
    return;
  }
  const beforeDeadlines = await trx.selectFrom("deadlines").selectAll().where("part_id", "=", part.id).orderBy("position").execute();
  await syncDeadlines(ctx, existing.id, part.id, deadlines, false);
  const label = kind === "clarification" ? "presisering" : "tillegg";
  const changes: FieldChange[] = [];
  if (part.outcome === "created") {
    changes.push({ field: label, old: null, new: `${a.title}${letter ? ` (${letterName(letter)})` : ""}` });
  } else if (part.before && (part.before.title !== (a.title || null) || part.before.body !== a.body)) {
    changes.push({ field: label, old: part.before.title ?? part.before.body.slice(0, 200), new: a.title || a.body.slice(0, 200) });
  }
  const oldDeadlines = describeDeadlines(beforeDeadlines.map((d) => ({ label: d.label, date: d.date, precision: d.precision, text: d.phrase, isDefault: d.is_default === 1, state: d.state })));
  const newDeadlines = describeDeadlines(contentDeadlines(deadlines));
  if (oldDeadlines !== newDeadlines) changes.push({ field: "delfrister", old: oldDeadlines || null, new: newDeadlines || null });

  // An announced-only or exempt assignment is filled in by the first letter that gives its text;
  // an assignment without owners gets the ones a later letter states. Nothing else is replaced.
  const locked = lockedFields(existing);
  const fill: Partial<{ title: string; body: string; area_code: string | null; goal_code: string | null; announced_only: number }> = {};
  if (existing.announced_only === 1 && !a.announcedOnly && a.body.trim()) {
    if (a.title && !locked.has("tittel") && a.title !== existing.title && (existing.title === PLACEHOLDER_TITLE || !existing.title || existing.exempt === 1)) {
      fill.title = a.title;
      changes.push({ field: "tittel", old: existing.title, new: a.title });
    }
    if (!existing.body.trim() && !locked.has("tekst")) {
      fill.body = a.body;
      changes.push({ field: "tekst", old: existing.body, new: a.body });
    }
    if (!existing.area_code && a.area) {
      fill.area_code = a.area;
      changes.push({ field: "område", old: null, new: a.area });
    }
    if (!existing.goal_code && a.goal) fill.goal_code = a.goal;
    fill.announced_only = 0;
    // The implied year-end deadline of an announced ID gives way to the deadlines its text brings.
    if (deadlines.length) {
      const implied = await trx.selectFrom("deadlines").select(["is_default"]).where("assignment_id", "=", existing.id).where("part_id", "is", null).execute();
      if (implied.length && implied.every((d) => d.is_default === 1)) {
        await syncDeadlines(ctx, existing.id, null, [], false);
        changes.push({ field: "frister", old: "standardfrist (utgangen av året)", new: describeDeadlines(contentDeadlines(deadlines)) });
      }
    }
  }
  if (Object.keys(fill).length) await trx.updateTable("assignments").set({ ...fill, updated_at: now }).where("id", "=", existing.id).execute();
  if (a.departments.length && !locked.has("avdelinger") && (await departmentsOf(trx, existing.id)).length === 0) {
    await writeDepartments(trx, existing.id, a.departments);
    changes.push({ field: "avdelinger", old: null, new: a.departments.join("/") });
  }
  for (const c of changes) await change(ctx, existing.id, letterId, c.field, c.old, c.new);
  if (changes.length === 0) await importId(ctx);
  (part.outcome === "created" ? ctx.summary.parts.created : ctx.summary.parts.updated).push(targetKey);
  itemFor(ctx, targetKey, a, index, a.letter, "added", kind, fill.title ?? existing.title).changes = changes;
}

/** TTB2023-04 "Presisering av TB2023-18": its own assignment, and a clarification part on the target (no deadlines: they stay on TTB2023-04). */
async function linkClarification(ctx: Ctx, a: ParsedAssignment, target: AssignmentRow, kind: "addition" | "clarification"): Promise<void> {
  const letterId = ctx.letterIds[a.letter];
  if (letterId === undefined || target.key === a.id) return;
  const seq = nextSeq(ctx, target.id, letterId, kind);
  const contentHash = sha256(JSON.stringify({ link: a.id, title: a.title, body: a.body }));
  const part = await upsertPart(
    ctx.trx,
    { assignmentId: target.id, letterId, kind, seq, sourceKey: a.id, title: a.title, body: a.body, departments: null, sourceLine: a.line, sourceEndLine: a.endLine, contentHash },
    ctx.now,
  );
  ctx.seenParts.add(part.id);
  if (part.outcome === "unchanged") return;
  if (part.outcome === "created") {
    const letter = ctx.letters[a.letter];
    await change(ctx, target.id, letterId, "presisering", null, `${a.id} ${a.title}${letter ? ` (${letterName(letter)})` : ""}`);
    ctx.summary.parts.created.push(target.key);
  } else {
    await importId(ctx);
    ctx.summary.parts.updated.push(target.key);
  }
}

/** "Dette oppdraget erstatter TB2026-3": recorded on the replaced assignment's history with the letter. */
async function recordReplacement(ctx: Ctx, a: ParsedAssignment, target: AssignmentRow): Promise<void> {
  const letterId = ctx.letterIds[a.letter];
  if (letterId === undefined || target.key === a.id) return;
  const body = `Erstattes av ${a.id} ${a.title}`.trim();
  const part = await upsertPart(
    ctx.trx,
    {
      assignmentId: target.id,
      letterId,
      kind: "change",
      seq: nextSeq(ctx, target.id, letterId, "change"),
      sourceKey: a.id,
      title: "Erstattet",
      body,
      departments: null,
      sourceLine: a.line,
      sourceEndLine: a.endLine,
      contentHash: sha256(JSON.stringify({ replacedBy: a.id, title: a.title })),
    },
    ctx.now,
  );
  ctx.seenParts.add(part.id);
  if (part.outcome === "unchanged") return;
  await change(ctx, target.id, letterId, "erstattet av", null, `${a.id} ${a.title}`);
  (part.outcome === "created" ? ctx.summary.parts.created : ctx.summary.parts.updated).push(target.key);
  itemFor(ctx, target.key, null, null, a.letter, "changed", "change", target.title).changes = [{ field: "erstattet av", old: null, new: `${a.id} ${a.title}` }];
}

const EVENT_PART: Record<ParsedEvent["type"], PartKind> = {
  postponement: "postponement",
  withdrawal: "withdrawal",
  deadline_change: "change",
  owner_change: "change",
};

const EVENT_NAME: Record<ParsedEvent["type"], string> = {
  postponement: "Utsettelse",
  withdrawal: "Oppdraget utgår",
  deadline_change: "Endret frist",
  owner_change: "Endret ansvarlig avdeling",
};

/** An explicit event in a letter: a part of kind postponement / withdrawal / change, and its effect. */
async function applyEvent(ctx: Ctx, e: ParsedEvent, eventIndex: number): Promise<void> {
  const type = e.type ?? "postponement";
  const letterId = ctx.letterIds[e.letter];
  const letter = ctx.letters[e.letter];
  const target = await findAssignmentByKey(ctx.trx, ctx.agencyId, e.target);
  if (!target || letterId === undefined || !letter) {
    if (type === "postponement") {
      ctx.summary.postponements.push({ target: e.target, letter: letterName(letter), recorded: false });
      ctx.summary.warnings.push({ line: e.line, message: `Utsettelse av ${e.target}: oppdraget finnes ikke i databasen, så utsettelsen er ikke registrert.` });
    } else {
      ctx.summary.warnings.push({ line: e.line, message: `${EVENT_NAME[type]} for ${e.target}: oppdraget finnes ikke i databasen, så endringen er ikke registrert.` });
    }
    const item = itemFor(ctx, e.target, null, null, e.letter, "unchanged", EVENT_PART[type], e.target);
    item.event = eventIndex;
    item.warnings.push(`${e.target} finnes ikke i databasen: «${e.text}» blir ikke registrert.`);
    return;
  }
  const kind = EVENT_PART[type];
  const deadline = e.deadline ? contentDeadlines([e.deadline])[0] : null;
  const part = await upsertPart(
    ctx.trx,
    {
      assignmentId: target.id,
      letterId,
      kind,
      seq: nextSeq(ctx, target.id, letterId, kind),
      sourceKey: e.source,
      title: EVENT_NAME[type],
      body: e.text,
      departments: e.departments ?? null,
      sourceLine: e.line,
      sourceEndLine: e.line,
      contentHash: sha256(JSON.stringify({ type, text: e.text, deadline, departments: e.departments ?? null })),
    },
    ctx.now,
  );
  ctx.seenParts.add(part.id);
  if (part.outcome !== "unchanged") (part.outcome === "created" ? ctx.summary.parts.created : ctx.summary.parts.updated).push(target.key);
  const effective = effectiveDate(ctx.letters, e.letter);
  const where = [letter.reference ? `ref. ${letter.reference}` : null, letter.date ? formatDateLong(letter.date) : "udatert brev"].filter(Boolean).join(", ");

  if (type === "postponement" || type === "withdrawal") {
    const status: StatusCode = type === "postponement" ? "utsatt" : "avsluttet";
    const comment =
      type === "postponement"
        ? `Utsatt av departementet i «${letter.title}»${where ? ` (${where})` : ""}.`
        : `Utgår etter «${letter.title}»${where ? ` (${where})` : ""}.`;
    const recorded = await letterStatusEvent(ctx, target.id, letterId, letter, status, comment, effective);
    if (type === "postponement") ctx.summary.postponements.push({ target: e.target, letter: letterName(letter), recorded });
    if (recorded || part.outcome !== "unchanged") {
      const item = itemFor(ctx, target.key, null, null, e.letter, type === "postponement" ? "postponed" : "withdrawn", kind, target.title);
      item.event = eventIndex;
      item.changes = [{ field: "status", old: null, new: type === "postponement" ? "Utsatt" : "Avsluttet" }];
    }
    return;
  }
  if (part.outcome === "unchanged") return;

  const changes: FieldChange[] = [];
  if (type === "deadline_change" && e.deadline) {
    const d = e.deadline;
    const rows = await ctx.trx.selectFrom("deadlines").selectAll().where("assignment_id", "=", target.id).where("part_id", "is", null).orderBy("position").execute();
    const row = (d.label ? rows.find((r) => r.label === d.label) : undefined) ?? rows.find((r) => !r.label) ?? rows[0];
    if (row) {
      const old = describeDeadline({ label: row.label, date: row.date, precision: row.precision, state: row.state, text: row.phrase });
      await ctx.trx
        .updateTable("deadlines")
        .set({ date: d.date, precision: d.precision, state: d.state, phrase: d.text, is_default: 0, revision: row.revision + 1, modified_at: ctx.now, moved_by_part_id: part.id })
        .where("id", "=", row.id)
        .execute();
      changes.push({ field: "frist", old, new: describeDeadline(d) });
    } else {
      await syncDeadlines(ctx, target.id, part.id, [d], false);
      changes.push({ field: "frist", old: null, new: describeDeadline(d) });
    }
  }
  if (type === "owner_change" && e.departments?.length) {
    const before = await departmentsOf(ctx.trx, target.id);
    if (before.join("/") !== e.departments.join("/")) {
      await replaceDepartments(ctx.trx, target.id, e.departments);
      await lockFields(ctx.trx, target, ["avdelinger"]);
      changes.push({ field: "avdelinger", old: before.join("/") || null, new: e.departments.join("/") });
    }
  }
  for (const c of changes) await change(ctx, target.id, letterId, c.field, c.old, c.new);
  if (changes.length === 0) await importId(ctx);
  const item = itemFor(ctx, target.key, null, null, e.letter, "changed", kind, target.title);
  item.event = eventIndex;
  item.changes = changes;
}

/** Writes a status event from a letter (Utsatt, Avsluttet) once per assignment, letter and status. */
async function letterStatusEvent(
  ctx: Ctx,
  assignmentId: number,
  letterId: number,
  letter: ParsedLetter,
  status: StatusCode,
  comment: string,
  effective: string,
): Promise<boolean> {
  const already = await ctx.trx
    .selectFrom("status_events")
    .select("id")
    .where("assignment_id", "=", assignmentId)
    .where("letter_id", "=", letterId)
    .where("status", "=", status)
    .executeTakeFirst();
  if (already) return false;
  const current = await ctx.trx.selectFrom("assignments").select("version").where("id", "=", assignmentId).executeTakeFirstOrThrow();
  const version = current.version + 1;
  await appendStatusEvent(ctx.trx, {
    assignmentId,
    version,
    status,
    comment,
    actor: `brev:${letterId}`,
    actorName: letter.kind === "main" ? "Tildelingsbrev" : "Tillegg til tildelingsbrev",
    letterId,
    effectiveAt: `${effective}T00:00:00.000Z`,
    createdAt: ctx.now,
    userId: null,
  });
  await ctx.trx.updateTable("assignments").set({ version }).where("id", "=", assignmentId).execute();
  await importId(ctx);
  ctx.summary.events.created += 1;
  return true;
}

/** Parts of this file's letters that the text no longer gives: removed with their deadlines (kept where work was recorded on them). */
async function removeStaleParts(ctx: Ctx): Promise<void> {
  const ids = [...new Set(ctx.letterIds)];
  for (const p of await partsOfLetters(ctx.trx, ids)) {
    if (ctx.seenParts.has(p.id)) continue;
    await syncDeadlines(ctx, p.assignment_id, p.id, [], false);
    await deletePart(ctx.trx, p.id);
    await change(ctx, p.assignment_id, p.letter_id, `${p.kind} fjernet`, null, null);
    ctx.summary.parts.removed += 1;
  }
}

/**
 * An admin's correction (the correction form): the given title, text, area, owners and first
 * deadline replace the current ones and are locked against re-imports of the letter.
 */
async function correctAssignment(ctx: Ctx, a: ParsedAssignment, index: number): Promise<void> {
  const { trx, now } = ctx;
  const existing = await findAssignmentByKey(trx, ctx.agencyId, a.id);
  if (!existing) return createAssignment(ctx, a, index, [], false);
  const letterId = ctx.letterIds[a.letter];
  const changes: FieldChange[] = [];
  const set: Partial<{ title: string; body: string; area_code: string | null }> = {};
  if (a.title !== existing.title) {
    set.title = a.title;
    changes.push({ field: "tittel", old: existing.title, new: a.title });
  }
  if (a.body !== existing.body) {
    set.body = a.body;
    changes.push({ field: "tekst", old: existing.body, new: a.body });
  }
  if (a.area !== existing.area_code) {
    set.area_code = a.area;
    changes.push({ field: "område", old: existing.area_code, new: a.area });
  }
  const before = await departmentsOf(trx, existing.id);
  if (a.departments.length && before.join("/") !== a.departments.join("/")) {
    await replaceDepartments(trx, existing.id, a.departments);
    changes.push({ field: "avdelinger", old: before.join("/") || null, new: a.departments.join("/") });
  }
  const d = a.deadlines[0];
  if (d && !d.isDefault) {
    const row = await trx.selectFrom("deadlines").selectAll().where("assignment_id", "=", existing.id).where("part_id", "is", null).orderBy("position").executeTakeFirst();
    if (!row) {
      await syncDeadlines(ctx, existing.id, null, [d], false);
      changes.push({ field: "frist", old: null, new: describeDeadline(d) });
    } else if (row.date !== d.date || row.state !== d.state) {
      await trx
        .updateTable("deadlines")
        .set({ date: d.date, precision: d.precision, state: d.state, phrase: d.text, is_default: 0, revision: row.revision + 1, modified_at: now })
        .where("id", "=", row.id)
        .execute();
      changes.push({ field: "frist", old: describeDeadline({ label: row.label, date: row.date, precision: row.precision, state: row.state, text: row.phrase }), new: describeDeadline(d) });
    }
  }
  if (changes.length === 0) {
    ctx.summary.assignments.unchanged += 1;
    return;
  }
  if (Object.keys(set).length) await trx.updateTable("assignments").set({ ...set, updated_at: now }).where("id", "=", existing.id).execute();
  const fieldNames: Record<string, string> = { tittel: "tittel", tekst: "tekst", område: "område", avdelinger: "avdelinger", frist: "frist" };
  await lockFields(trx, existing, changes.map((c) => fieldNames[c.field]));
  for (const c of changes) await change(ctx, existing.id, letterId, c.field, c.old, c.new);
  ctx.summary.assignments.updated.push(a.id);
  ctx.summary.changes[a.id] = changes;
  itemFor(ctx, a.id, a, index, a.letter, "changed", "original", a.title).changes = changes;
}

async function currentContent(trx: Transaction<Database>, assignmentId: number) {
  const departments = await departmentsOf(trx, assignmentId);
  const deadlines = await trx
    .selectFrom("deadlines")
    .selectAll()
    .where("assignment_id", "=", assignmentId)
    .where("part_id", "is", null)
    .orderBy("position")
    .execute();
  const relations = await trx
    .selectFrom("relations")
    .select(["type", "target_key"])
    .where("assignment_id", "=", assignmentId)
    .where("type", "in", LETTER_RELATIONS)
    .orderBy("id")
    .execute();
  return {
    departments,
    deadlines: deadlines.map((d) => ({
      label: d.label,
      date: d.date,
      precision: d.precision,
      text: d.phrase,
      isDefault: d.is_default === 1,
      state: d.state,
    })),
    relations: relations.map((r) => ({ type: r.type, target: r.target_key })),
  };
}

async function writeDepartments(trx: Transaction<Database>, assignmentId: number, codes: string[]): Promise<void> {
  const unique = [...new Set(codes)];
  for (const [position, code] of unique.entries()) {
    await trx
      .insertInto("assignment_departments")
      .values({ assignment_id: assignmentId, department_code: code, position })
      .execute();
  }
}

/**
 * Updates the deadline rows of one part (the original's when `partId` is null) in place by
 * position, so rows (and what refers to them: deliveries, agreements, reminders) keep their ids.
 * A moved date bumps the row's revision (calendar SEQUENCE). A deadline moved by a later letter,
 * or the first one when an admin corrected it (`keepFirst`), keeps its date. A deadline the
 * letter no longer has is deleted unless something was recorded on it.
 */
async function syncDeadlines(ctx: Ctx, assignmentId: number, partId: number | null, deadlines: ParsedDeadline[], keepFirst: boolean): Promise<void> {
  const { trx, now } = ctx;
  const existing = await trx
    .selectFrom("deadlines")
    .select(["id", "position", "date", "state", "precision", "revision", "moved_by_part_id"])
    .where("assignment_id", "=", assignmentId)
    .where("part_id", partId === null ? "is" : "=", partId)
    .orderBy("position")
    .execute();
  let next: number | null = null;
  for (const [position, d] of deadlines.entries()) {
    const values = {
      label: d.label,
      date: d.date,
      precision: d.precision,
      phrase: d.text,
      is_default: d.isDefault ? 1 : 0,
      state: d.state,
      source_line: d.line,
    };
    const row = existing[position];
    if (row) {
      const keep = row.moved_by_part_id !== null || (position === 0 && keepFirst);
      const moved = !keep && (row.date !== d.date || row.state !== d.state || row.precision !== d.precision);
      await trx
        .updateTable("deadlines")
        .set({ ...(keep ? { label: d.label, source_line: d.line } : values), ...(moved ? { revision: row.revision + 1, modified_at: now } : {}) })
        .where("id", "=", row.id)
        .execute();
    } else {
      if (next === null) {
        // New rows go after every deadline the assignment has (original and parts), read once.
        const max = await trx
          .selectFrom("deadlines")
          .select((eb) => eb.fn.max("position").as("p"))
          .where("assignment_id", "=", assignmentId)
          .executeTakeFirst();
        next = max?.p === null || max?.p === undefined ? 0 : Number(max.p) + 1;
      }
      await trx.insertInto("deadlines").values({ ...values, assignment_id: assignmentId, position: next, part_id: partId, modified_at: now }).execute();
      next += 1;
    }
  }
  for (const row of existing.slice(deadlines.length)) {
    const [delivered, agreed] = await Promise.all([
      trx.selectFrom("deadline_events").select("id").where("deadline_id", "=", row.id).executeTakeFirst(),
      trx.selectFrom("deadline_agreements").select("id").where("deadline_id", "=", row.id).executeTakeFirst(),
    ]);
    if (delivered || agreed) {
      ctx.summary.warnings.push({
        line: 0,
        message: `En frist som ikke lenger står i brevet er beholdt fordi det er registrert levering eller avtalt dato på den (frist-id ${row.id}).`,
      });
      continue;
    }
    await trx.deleteFrom("reminder_log").where("deadline_id", "=", row.id).execute();
    await trx.deleteFrom("deadlines").where("id", "=", row.id).execute();
  }
}

async function syncRelations(
  trx: Transaction<Database>,
  assignmentId: number,
  relations: Array<{ type: string; target: string }>,
  letterId: number,
  line: number,
): Promise<void> {
  const wanted = new Map(relations.map((r) => [`${r.type} ${r.target}`, r]));
  const existing = await trx
    .selectFrom("relations")
    .select(["id", "type", "target_key"])
    .where("assignment_id", "=", assignmentId)
    .where("type", "in", LETTER_RELATIONS)
    .execute();
  for (const row of existing) {
    if (!wanted.delete(`${row.type} ${row.target_key}`)) {
      await trx.deleteFrom("relations").where("id", "=", row.id).execute();
    }
  }
  for (const r of wanted.values()) {
    await trx
      .insertInto("relations")
      .values({
        assignment_id: assignmentId,
        type: r.type as RelationKind,
        target_key: r.target,
        letter_id: letterId,
        source_line: line,
      })
      .execute();
  }
}

/**
 * The date a letter's decisions take effect: its own date, or, when the text does not give one,
 * the latest date of the letters before it in the file (it cannot be older than those), or the
 * last day of its year.
 */
function effectiveDate(letters: ParsedLetter[], index: number): string {
  const own = letters[index]?.date;
  if (own) return own;
  const earlier = letters.slice(0, index).map((l) => l.date).filter((d): d is string => !!d).sort();
  return earlier.at(-1) ?? `${letters[index]?.year ?? new Date().getUTCFullYear()}-12-31`;
}
