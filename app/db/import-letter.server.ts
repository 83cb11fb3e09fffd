/**
 * Writes a parsed letter file into the database, in one transaction.
 *
 * - Importing the same text again changes nothing (no rows written, not even an import log).
 * - Importing a corrected version updates letters and assignments in place and records every
 *   changed field in `assignment_changes`; status history is never touched.
 * - Postponements ("Utsettelse av TB2023-31") become an *Utsatt* status event attributed to the
 *   letter, once.
 */
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type {
  ParseResult,
  ParsedAssignment,
  ParsedDeadline,
  ParsedLetter,
  ParseWarning,
} from "~/domain/letter/types";
import { DEFAULT_AGENCY_NAME, normaliseAgencyName } from "~/domain/agency";
import { AgencyError, createAgency, findAgencyByName, listAgencies } from "~/models/agency.server";
import type { Database } from "./schema";

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

export interface ImportSummary {
  /** The recipient agency everything was imported to; created: new to the register. */
  agency: { name: string; slug: string; created: boolean } | null;
  letters: { created: number; updated: number; unchanged: number };
  assignments: { created: string[]; updated: string[]; unchanged: number };
  /** Field-by-field changes of updated assignments, by key (what a preview shows). */
  changes: Record<string, FieldChange[]>;
  /** Relations the text states, and whether their target is known to the database. */
  relations: Array<{ source: string; type: string; target: string; known: boolean }>;
  /** Postponements the letters make, and whether they were recorded now. */
  postponements: Array<{ target: string; letter: string; recorded: boolean }>;
  deadlines: number;
  events: { created: number };
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

interface AssignmentContent {
  title: string;
  body: string;
  area: string | null;
  goal: string | null;
  departments: string[];
  deadlines: Array<Pick<ParsedDeadline, "label" | "date" | "precision" | "text" | "isDefault" | "state">>;
  relations: Array<{ type: string; target: string }>;
}

function contentOf(a: ParsedAssignment, postpones: string[]): AssignmentContent {
  return {
    title: a.title,
    body: a.body,
    area: a.area,
    goal: a.goal,
    departments: a.departments,
    deadlines: a.deadlines.map((d) => ({
      label: d.label,
      date: d.date,
      precision: d.precision,
      text: d.text,
      isDefault: d.isDefault,
      state: d.state,
    })),
    relations: [
      ...a.relations.map((r) => ({ type: r.type, target: r.target })),
      ...postpones.map((target) => ({ type: "postpones", target })),
    ],
  };
}

function describeDeadlines(deadlines: AssignmentContent["deadlines"]): string {
  return deadlines
    .map((d) => `${d.label ? `${d.label}: ` : ""}${d.date ?? d.state} (${d.text})`)
    .join("\n");
}

function yearOf(parsed: ParseResult): number | null {
  const main = parsed.letters.find((l) => l.kind === "main") ?? parsed.letters[0];
  return main?.year ?? null;
}

export async function importParsedLetter(
  db: Kysely<Database>,
  parsed: ParseResult,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    agency: null,
    letters: { created: 0, updated: 0, unchanged: 0 },
    assignments: { created: [], updated: [], unchanged: 0 },
    changes: {},
    relations: [],
    postponements: [],
    deadlines: parsed.assignments.reduce((n, a) => n + a.deadlines.length, 0),
    events: { created: 0 },
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
      };

      await upsertReferenceData(trx, parsed, agency.id);
      const letterIds = await upsertLetters(ctx, parsed, lines);

      // Postponements carried by an assignment become a "postpones" relation on it.
      const postponesBySource = new Map<string, string[]>();
      for (const e of parsed.events) {
        if (e.source) postponesBySource.set(e.source, [...(postponesBySource.get(e.source) ?? []), e.target]);
      }

      const seen = new Set<string>();
      for (const a of parsed.assignments) {
        if (seen.has(a.id)) continue; // the parser has warned about the duplicate
        seen.add(a.id);
        await upsertAssignment(ctx, a, letterIds, postponesBySource.get(a.id) ?? [], parsed.letters);
      }

      for (const e of parsed.events) {
        await recordPostponement(ctx, e.target, letterIds[e.letter], parsed.letters[e.letter], e.line, effectiveDate(parsed.letters, e.letter));
      }

      // Relations, and clarifications acting on what they clarify: the target's history names them.
      for (const a of parsed.assignments) {
        for (const r of a.relations) {
          const target = await findAssignment(ctx, r.target);
          summary.relations.push({ source: a.id, type: r.type, target: r.target, known: !!target });
          if (r.type === "clarifies" && target && summary.assignments.created.includes(a.id)) {
            const letter = parsed.letters[a.letter];
            await trx
              .insertInto("assignment_changes")
              .values({
                assignment_id: target.id,
                import_id: await importId(ctx),
                letter_id: letterIds[a.letter] ?? null,
                field: "presisering",
                old_value: null,
                new_value: `${a.id} ${a.title}${letter ? ` (${[letter.title, letter.reference, letter.date].filter(Boolean).join(", ")})` : ""}`,
                actor: ctx.actor,
                created_at: now,
              })
              .execute();
          }
        }
      }

      summary.changed =
        summary.letters.created + summary.letters.updated > 0 ||
        summary.assignments.created.length + summary.assignments.updated.length > 0 ||
        summary.events.created > 0;
      if (summary.changed) {
        await finishImportLog(ctx);
      }
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

async function finishImportLog(ctx: Ctx): Promise<void> {
  const id = await importId(ctx);
  const { warnings, ...rest } = ctx.summary;
  await ctx.trx
    .updateTable("imports")
    .set({ summary: JSON.stringify({ ...rest, warnings: warnings.length }), warnings: JSON.stringify(warnings) })
    .where("id", "=", id)
    .execute();
  // Every import that changed something is in the audit log, in the same transaction.
  await ctx.trx
    .insertInto("audit_log")
    .values({
      created_at: ctx.now,
      user_id: ctx.actorUserId,
      actor: ctx.actor,
      action: "brev:importert",
      target: `import:${id}`,
      details: JSON.stringify({
        source: ctx.sourceName,
        letters: rest.letters,
        created: rest.assignments.created.length,
        updated: rest.assignments.updated,
        events: rest.events.created,
        warnings: warnings.length,
      }),
      ip: null,
      user_agent: null,
    })
    .execute();
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
  const found = await findAgencyByName(trx, name);
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

/** The assignment with this key within the import's agency (keys are unique per agency and year). */
async function findAssignment(ctx: Ctx, key: string) {
  return ctx.trx
    .selectFrom("assignments")
    .selectAll()
    .where("agency_id", "=", ctx.agencyId)
    .where("key", "=", key)
    .orderBy("year", "desc")
    .executeTakeFirst();
}

async function upsertReferenceData(trx: Transaction<Database>, parsed: ParseResult, agencyId: number): Promise<void> {
  const year = yearOf(parsed);
  const departmentNames = new Map(parsed.departments.map((d) => [d.code, d.name]));
  const codes = new Set<string>(parsed.departments.map((d) => d.code));
  for (const a of parsed.assignments) for (const c of a.departments) codes.add(c);
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

async function upsertAssignment(
  ctx: Ctx,
  parsedIn: ParsedAssignment,
  letterIds: number[],
  postpones: string[],
  letters: ParsedLetter[],
): Promise<void> {
  const { trx, now } = ctx;
  const existing = await findAssignment(ctx, parsedIn.id);
  // A text that names no owner does not take away the owner someone chose for it earlier.
  let a = parsedIn;
  if (existing && a.departments.length === 0) {
    const kept = await trx
      .selectFrom("assignment_departments")
      .select("department_code")
      .where("assignment_id", "=", existing.id)
      .orderBy("position")
      .execute();
    if (kept.length) a = { ...a, departments: kept.map((k) => k.department_code) };
  }
  const content = contentOf(a, postpones);
  const contentHash = sha256(JSON.stringify(content));
  const letterId = letterIds[a.letter];
  const year = letters[a.letter]?.year ?? Number(a.id.match(/(\d{4})/)?.[1] ?? 0);

  if (!existing) {
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
        title: a.title,
        body: a.body,
        source_line: a.line,
        source_end_line: a.endLine,
        version: 0,
        content_hash: contentHash,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeDepartments(trx, row.id, a.departments);
    await syncDeadlines(trx, row.id, a.deadlines, now, ctx.summary.warnings);
    await syncRelations(trx, row.id, content.relations, letterId, a.line);
    await trx
      .insertInto("assignment_changes")
      .values({
        assignment_id: row.id,
        import_id: await importId(ctx),
        letter_id: letterId,
        field: "opprettet",
        old_value: null,
        new_value: a.title,
        actor: ctx.actor,
        created_at: now,
      })
      .execute();
    ctx.summary.assignments.created.push(a.id);
    return;
  }

  if (existing.content_hash === contentHash) {
    // Line numbers move when text above changes; keep them current without calling it a change.
    if (existing.source_line !== a.line || existing.source_end_line !== a.endLine) {
      await trx
        .updateTable("assignments")
        .set({ source_line: a.line, source_end_line: a.endLine })
        .where("id", "=", existing.id)
        .execute();
    }
    ctx.summary.assignments.unchanged += 1;
    return;
  }

  const before = await currentContent(trx, existing.id);
  const changes: Array<{ field: string; old: string | null; new: string | null }> = [];
  const compare = (field: string, oldValue: string | null, newValue: string | null) => {
    if (oldValue !== newValue) changes.push({ field, old: oldValue, new: newValue });
  };
  compare("tittel", existing.title, a.title);
  compare("tekst", existing.body, a.body);
  compare("område", existing.area_code, a.area);
  compare("mål", existing.goal_code, a.goal);
  compare("avdelinger", before.departments.join("/"), a.departments.join("/"));
  compare("frister", describeDeadlines(before.deadlines), describeDeadlines(content.deadlines));
  compare(
    "relasjoner",
    before.relations.map((r) => `${r.type} ${r.target}`).join("\n"),
    content.relations.map((r) => `${r.type} ${r.target}`).join("\n"),
  );

  await trx
    .updateTable("assignments")
    .set({
      title: a.title,
      body: a.body,
      area_code: a.area,
      goal_code: a.goal,
      has_id: a.hasId ? 1 : 0,
      source_line: a.line,
      source_end_line: a.endLine,
      content_hash: contentHash,
      updated_at: now,
    })
    .where("id", "=", existing.id)
    .execute();
  if (before.departments.join("/") !== a.departments.join("/")) {
    await trx.deleteFrom("assignment_departments").where("assignment_id", "=", existing.id).execute();
    await writeDepartments(trx, existing.id, a.departments);
  }
  await syncDeadlines(trx, existing.id, a.deadlines, now, ctx.summary.warnings);
  await syncRelations(trx, existing.id, content.relations, letterId, a.line);
  const id = await importId(ctx);
  for (const change of changes) {
    await trx
      .insertInto("assignment_changes")
      .values({
        assignment_id: existing.id,
        import_id: id,
        letter_id: letterId,
        field: change.field,
        old_value: change.old,
        new_value: change.new,
        actor: ctx.actor,
        created_at: now,
      })
      .execute();
  }
  ctx.summary.assignments.updated.push(a.id);
  ctx.summary.changes[a.id] = changes.map((c) => ({ field: c.field, old: c.old, new: c.new }));
}

async function currentContent(trx: Transaction<Database>, assignmentId: number) {
  const departments = await trx
    .selectFrom("assignment_departments")
    .select("department_code")
    .where("assignment_id", "=", assignmentId)
    .orderBy("position")
    .execute();
  const deadlines = await trx
    .selectFrom("deadlines")
    .selectAll()
    .where("assignment_id", "=", assignmentId)
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
    departments: departments.map((d) => d.department_code),
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
 * Updates deadline rows in place by position, so rows (and what refers to them: deliveries,
 * agreements, reminders) keep their ids. A moved date bumps the row's revision (calendar
 * SEQUENCE). A deadline the letter no longer has is deleted unless something was recorded on it.
 */
async function syncDeadlines(
  trx: Transaction<Database>,
  assignmentId: number,
  deadlines: ParsedDeadline[],
  now: string,
  warnings: ParseWarning[],
): Promise<void> {
  const existing = await trx
    .selectFrom("deadlines")
    .select(["id", "position", "date", "state", "precision", "revision"])
    .where("assignment_id", "=", assignmentId)
    .orderBy("position")
    .execute();
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
      const moved = row.date !== d.date || row.state !== d.state || row.precision !== d.precision;
      await trx
        .updateTable("deadlines")
        .set({ ...values, position, ...(moved ? { revision: row.revision + 1, modified_at: now } : {}) })
        .where("id", "=", row.id)
        .execute();
    } else {
      await trx.insertInto("deadlines").values({ ...values, assignment_id: assignmentId, position, modified_at: now }).execute();
    }
  }
  for (const row of existing.slice(deadlines.length)) {
    const [delivered, agreed] = await Promise.all([
      trx.selectFrom("deadline_events").select("id").where("deadline_id", "=", row.id).executeTakeFirst(),
      trx.selectFrom("deadline_agreements").select("id").where("deadline_id", "=", row.id).executeTakeFirst(),
    ]);
    if (delivered || agreed) {
      warnings.push({
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
        type: r.type as "replaces" | "clarifies" | "postpones",
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

async function recordPostponement(
  ctx: Ctx,
  targetKey: string,
  letterId: number | undefined,
  letter: ParsedLetter | undefined,
  line: number,
  effective: string,
): Promise<void> {
  const target = await findAssignment(ctx, targetKey);
  const letterName = letter ? [letter.title, letter.reference, letter.date].filter(Boolean).join(", ") : "ukjent brev";
  if (!target || letterId === undefined || !letter) {
    ctx.summary.postponements.push({ target: targetKey, letter: letterName, recorded: false });
    ctx.summary.warnings.push({
      line,
      message: `Utsettelse av ${targetKey}: oppdraget finnes ikke i databasen, så utsettelsen er ikke registrert.`,
    });
    return;
  }
  const already = await ctx.trx
    .selectFrom("status_events")
    .select("id")
    .where("assignment_id", "=", target.id)
    .where("letter_id", "=", letterId)
    .where("status", "=", "utsatt")
    .executeTakeFirst();
  ctx.summary.postponements.push({ target: targetKey, letter: letterName, recorded: !already });
  if (already) return;
  const version = target.version + 1;
  const where = [letter.reference ? `ref. ${letter.reference}` : null, letter.date ?? "udatert brev"].filter(Boolean).join(", ");
  await ctx.trx
    .insertInto("status_events")
    .values({
      assignment_id: target.id,
      version,
      status: "utsatt",
      comment: `Utsatt av departementet i «${letter.title}»${where ? ` (${where})` : ""}.`,
      actor: `brev:${letterId}`,
      actor_name: letter.kind === "main" ? "Tildelingsbrev" : "Tillegg til tildelingsbrev",
      letter_id: letterId,
      effective_at: `${effective}T00:00:00.000Z`,
      created_at: ctx.now,
    })
    .execute();
  await ctx.trx.updateTable("assignments").set({ version }).where("id", "=", target.id).execute();
  await importId(ctx);
  ctx.summary.events.created += 1;
}
