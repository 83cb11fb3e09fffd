/**
 * Letters uploaded in the app wait in `letter_uploads` until an admin has seen the preview:
 * the preview is the real importer run in a transaction that is rolled back, so it shows exactly
 * what confirming will do. The text is parsed once, when it is uploaded; the preview and the
 * import read that parse. The admin can leave out single items and fix title, area and owner per
 * item (overrides). Confirming imports, marks the upload imported and audits it and the overrides
 * in one transaction. Cancelling writes nothing but the upload's own status and its audit row.
 */
import type { Kysely } from "kysely";
import { parseLetter } from "~/domain/letter/parse";
import type { ParseResult } from "~/domain/letter/types";
import { applyOverrides, parseOverrides, type ImportOverrides, type ItemOverride } from "~/letters/overrides";
import { audit, type Actor } from "../models/audit.server";
import { importParsedLetter, type ImportItem, type ImportSummary } from "./import-letter.server";
import type { Database } from "../db/schema";
import { DEFAULT_AGENCY_NAME, normaliseAgencyName } from "~/domain/agency";
import { listAgencies } from "~/models/agency.server";

export async function createUpload(
  db: Kysely<Database>,
  input: { userId: number; sourceName: string; kind: "txt" | "pdf" | "docx" | "tekst"; text: string; parsed: ParseResult },
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("letter_uploads")
      .values({
        user_id: input.userId,
        source_name: input.sourceName.slice(0, 200),
        kind: input.kind,
        text: input.text,
        parsed: JSON.stringify(input.parsed),
        status: "venter",
        import_id: null,
        created_at: new Date().toISOString(),
        decided_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "brev:lastet-opp", `opplasting:${row.id}`, { name: input.sourceName.slice(0, 200), kind: input.kind, characters: input.text.length });
    return row.id;
  });
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
  /** The parse as uploaded (before overrides): item references point into it. */
  original: ParseResult;
  /** What will be imported (overrides applied). */
  parsed: ParseResult;
  /** Null when the recipient agency must be chosen first (see `agency`). */
  summary: ImportSummary | null;
  overrides: ImportOverrides;
  /** The preview's items with references into the original parse ("b3", "e0"); empty while the agency is unknown. */
  items: Array<ImportItem & { ref: string | null }>;
  agency: {
    /** What the letter's text says (the parser's `recipient`), null when it does not say. */
    fromText: string | null;
    /** The agency the import will use; null: unknown, the admin must choose before confirming. */
    chosen: string | null;
    /** Every agency in the register, to choose from. */
    known: string[];
  };
}

type UploadRow = { text: string; overrides: string; parsed: string | null; source_name: string };

/** The upload's parse: stored at upload; older uploads (no stored parse) are parsed here. */
function originalParse(upload: UploadRow): ParseResult {
  if (upload.parsed) {
    try {
      return JSON.parse(upload.parsed) as ParseResult;
    } catch {
      // fall through: a damaged stored parse is made again from the text
    }
  }
  return parseLetter(upload.text);
}

function prepared(upload: UploadRow) {
  const original = originalParse(upload);
  const overrides = parseOverrides(upload.overrides);
  return { original, overrides, ...applyOverrides(original, overrides) };
}

export async function previewUpload(db: Kysely<Database>, upload: UploadRow): Promise<Preview> {
  const { original, overrides, parsed, blockIndex, eventIndex } = prepared(upload);
  const known = (await listAgencies(db)).map((a) => a.name);
  const fromText = parsed.letters.map((l) => normaliseAgencyName(l.recipient ?? "")).find(Boolean) ?? null;
  // With several agencies and a letter that does not say, the admin chooses: no guessing.
  const chosen = overrides.agency ?? fromText ?? (known.length <= 1 ? (known[0] ?? DEFAULT_AGENCY_NAME) : null);
  const agency = { fromText, chosen, known };
  if (chosen === null) return { original, parsed, summary: null, overrides, items: [], agency };
  const summary = await importParsedLetter(db, parsed, { text: upload.text, sourceName: upload.source_name, dryRun: true, agency: chosen });
  const items = summary.items.map((item) => ({
    ...item,
    ref: item.block !== null ? `b${blockIndex[item.block]}` : item.event !== null ? `e${eventIndex[item.event]}` : null,
  }));
  // The agency the import resolved the name to (a joint recipient: its first known agency).
  return { original, parsed, summary, overrides, items, agency: { ...agency, chosen: summary.agency?.name ?? chosen } };
}

async function updateOverrides(db: Kysely<Database>, id: number, change: (o: ImportOverrides) => ImportOverrides): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const upload = await trx.selectFrom("letter_uploads").select(["status", "overrides"]).where("id", "=", id).executeTakeFirst();
    if (!upload || upload.status !== "venter") return false;
    await trx.updateTable("letter_uploads").set({ overrides: JSON.stringify(change(parseOverrides(upload.overrides))) }).where("id", "=", id).execute();
    return true;
  });
}

export async function setDepartmentOverride(db: Kysely<Database>, id: number, key: string, codes: string[]): Promise<void> {
  await updateOverrides(db, id, (overrides) => {
    const departments = { ...(overrides.departments ?? {}) };
    if (codes.length) departments[key] = codes;
    else delete departments[key];
    return { ...overrides, departments };
  });
}

/** Sets (or, with an empty name, clears) the recipient agency the admin chose in the preview. */
export async function setAgencyOverride(db: Kysely<Database>, id: number, name: string): Promise<boolean> {
  const agency = normaliseAgencyName(name);
  return updateOverrides(db, id, ({ agency: _old, ...overrides }) => (agency ? { ...overrides, agency } : overrides));
}

/** Sets (or with null clears) the correction of one preview item ("b3", "e0"). */
export async function setItemOverride(db: Kysely<Database>, id: number, ref: string, override: ItemOverride | null): Promise<boolean> {
  if (!/^[be]\d{1,6}$/.test(ref)) return false;
  return updateOverrides(db, id, (overrides) => {
    const items = { ...(overrides.items ?? {}) };
    const empty = !override || (!override.skip && override.title === undefined && override.area === undefined && !override.departments?.length);
    if (empty) delete items[ref];
    else items[ref] = override;
    return { ...overrides, items };
  });
}

export async function confirmUpload(db: Kysely<Database>, id: number, actor: Actor): Promise<ImportSummary | null> {
  const upload = await getUpload(db, id);
  if (!upload || upload.status !== "venter") return null;
  const { parsed, overrides, original } = prepared(upload);
  try {
    return await importParsedLetter(db, parsed, {
      agency: overrides.agency ?? null,
      text: upload.text,
      sourceName: upload.source_name,
      actor: actor.name,
      actorUserId: actor.userId,
      // The upload marked imported, and its audit rows, in the import's own transaction.
      within: async (trx, summary) => {
        const marked = await trx
          .updateTable("letter_uploads")
          .set({ status: "importert", import_id: summary.importId, decided_at: new Date().toISOString() })
          .where("id", "=", id)
          .where("status", "=", "venter")
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) throw new UploadAlreadyDecided();
        const corrections = describeOverrides(original, overrides);
        if (corrections.length) await audit(trx, actor, "brev:overstyrt", `opplasting:${id}`, { import: summary.importId, corrections });
      },
    });
  } catch (error) {
    if (error instanceof UploadAlreadyDecided) return null;
    throw error;
  }
}

class UploadAlreadyDecided extends Error {}

/** The admin's corrections in words for the audit log: which item, what was chosen. */
function describeOverrides(original: ParseResult, overrides: ImportOverrides): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  if (overrides.agency) out.push({ agency: overrides.agency });
  for (const [key, codes] of Object.entries(overrides.departments ?? {})) out.push({ key, departments: codes });
  for (const [ref, o] of Object.entries(overrides.items ?? {})) {
    const index = Number(ref.slice(1));
    const what = ref.startsWith("b") ? original.assignments[index] : original.events[index];
    const key = what ? ("id" in what ? what.id : what.target) : ref;
    out.push({ ref, key, ...o });
  }
  return out;
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
