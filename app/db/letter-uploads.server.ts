/**
 * Letters uploaded in the app wait in `letter_uploads` until an admin has seen the preview:
 * the preview is the real importer run in a transaction that is rolled back, so it shows exactly
 * what confirming will do. Cancelling writes nothing but the upload's own status.
 */
import type { Kysely } from "kysely";
import { parseLetter } from "~/domain/letter/parse";
import type { ParseResult } from "~/domain/letter/types";
import { applyOverrides, parseOverrides, type ImportOverrides } from "~/letters/overrides";
import { audit, type Actor } from "./audit.server";
import { importParsedLetter, type ImportSummary } from "./import-letter.server";
import type { Database } from "./schema";
import { DEFAULT_AGENCY_NAME, normaliseAgencyName } from "~/domain/agency";
import { listAgencies } from "~/models/agency.server";

export async function createUpload(
  db: Kysely<Database>,
  input: { userId: number; sourceName: string; kind: "txt" | "pdf" | "docx" | "tekst"; text: string },
): Promise<number> {
  const row = await db
    .insertInto("letter_uploads")
    .values({
      user_id: input.userId,
      source_name: input.sourceName.slice(0, 200),
      kind: input.kind,
      text: input.text,
      status: "venter",
      import_id: null,
      created_at: new Date().toISOString(),
      decided_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getUpload(db: Kysely<Database>, id: number) {
  return db.selectFrom("letter_uploads").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listUploads(db: Kysely<Database>, limit = 20) {
  return db
    .selectFrom("letter_uploads as u")
    .innerJoin("users", "users.id", "u.user_id")
    .select(["u.id", "u.source_name", "u.kind", "u.status", "u.created_at", "u.decided_at", "users.name as user_name"])
    .orderBy("u.id", "desc")
    .limit(limit)
    .execute();
}

export interface Preview {
  parsed: ParseResult;
  /** Null when the recipient agency must be chosen first (see `agency`). */
  summary: ImportSummary | null;
  overrides: ImportOverrides;
  agency: {
    /** What the letter's text says (the parser's `recipient`), null when it does not say. */
    fromText: string | null;
    /** The agency the import will use; null: unknown, the admin must choose before confirming. */
    chosen: string | null;
    /** Every agency in the register, to choose from. */
    known: string[];
  };
}

function parsedFor(upload: { text: string; overrides: string }): { parsed: ParseResult; overrides: ImportOverrides } {
  const overrides = parseOverrides(upload.overrides);
  return { parsed: applyOverrides(parseLetter(upload.text), overrides), overrides };
}

export async function previewUpload(db: Kysely<Database>, upload: { text: string; overrides: string; source_name: string }): Promise<Preview> {
  const { parsed, overrides } = parsedFor(upload);
  const known = (await listAgencies(db)).map((a) => a.name);
  const fromText = parsed.letters.map((l) => l.recipient?.trim()).find(Boolean) ?? null;
  // With several agencies and a letter that does not say, the admin chooses: no guessing.
  const chosen = overrides.agency ?? fromText ?? (known.length <= 1 ? (known[0] ?? DEFAULT_AGENCY_NAME) : null);
  const agency = { fromText, chosen, known };
  if (chosen === null) return { parsed, summary: null, overrides, agency };
  const summary = await importParsedLetter(db, parsed, { text: upload.text, sourceName: upload.source_name, dryRun: true, agency: chosen });
  return { parsed, summary, overrides, agency };
}

/** Sets (or, with an empty name, clears) the recipient agency the admin chose in the preview. */
export async function setAgencyOverride(db: Kysely<Database>, id: number, name: string): Promise<void> {
  const upload = await getUpload(db, id);
  if (!upload || upload.status !== "venter") return;
  const { agency: _old, ...overrides } = parseOverrides(upload.overrides);
  const agency = normaliseAgencyName(name);
  await db
    .updateTable("letter_uploads")
    .set({ overrides: JSON.stringify(agency ? { ...overrides, agency } : overrides) })
    .where("id", "=", id)
    .execute();
}

export async function setDepartmentOverride(db: Kysely<Database>, id: number, key: string, codes: string[]): Promise<void> {
  const upload = await getUpload(db, id);
  if (!upload || upload.status !== "venter") return;
  const overrides = parseOverrides(upload.overrides);
  const departments = { ...(overrides.departments ?? {}) };
  if (codes.length) departments[key] = codes;
  else delete departments[key];
  await db.updateTable("letter_uploads").set({ overrides: JSON.stringify({ ...overrides, departments }) }).where("id", "=", id).execute();
}

export async function confirmUpload(db: Kysely<Database>, id: number, actor: Actor): Promise<ImportSummary | null> {
  const upload = await getUpload(db, id);
  if (!upload || upload.status !== "venter") return null;
  const { parsed, overrides } = parsedFor(upload);
  const summary = await importParsedLetter(db, parsed, {
    agency: overrides.agency ?? null,
    text: upload.text,
    sourceName: upload.source_name,
    actor: actor.name,
    actorUserId: actor.userId,
  });
  await db
    .updateTable("letter_uploads")
    .set({ status: "importert", import_id: summary.importId, decided_at: new Date().toISOString() })
    .where("id", "=", id)
    .where("status", "=", "venter")
    .execute();
  return summary;
}

export async function cancelUpload(db: Kysely<Database>, id: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("letter_uploads")
      .set({ status: "avbrutt", decided_at: new Date().toISOString() })
      .where("id", "=", id)
      .where("status", "=", "venter")
      .execute();
    await audit(trx, actor, "brev:avbrutt", `opplasting:${id}`);
  });
}
