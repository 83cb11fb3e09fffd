/**
 * Brings a database to a usable state: schema migrated and, on first start, the bundled 2023
 * letter imported so the app opens on real data.
 */
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { DEFAULT_AGENCY_NAME } from "~/domain/agency";
import { parseLetter } from "~/domain/letter/parse";
import { importParsedLetter, type ImportSummary } from "./import-letter.server";
import { migrateToLatest } from "../db/migrate.server";
import type { Database } from "../db/schema";

export const BUNDLED_LETTER_PATH = path.resolve("db/seed/tildelingsbrev-2023.txt");

/** Normalises text read from a letter file: BOM stripped, CRLF/CR turned into LF. */
export function normaliseText(raw: string): string {
  return raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export async function importLetterText(
  db: Kysely<Database>,
  text: string,
  sourceName: string,
  options: { actor?: string; actorUserId?: number | null; dryRun?: boolean; agency?: string | null } = {},
): Promise<ImportSummary> {
  const normalised = normaliseText(text);
  const parsed = parseLetter(normalised);
  return importParsedLetter(db, parsed, { text: normalised, sourceName, ...options });
}

export interface BootstrapOutcome {
  migrations: string[];
  seeded: ImportSummary | null;
}

export async function bootstrapDatabase(
  db: Kysely<Database>,
  options: { seedFile?: string | null } = {},
): Promise<BootstrapOutcome> {
  const { applied } = await migrateToLatest(db);
  const seedFile = options.seedFile === undefined ? BUNDLED_LETTER_PATH : options.seedFile;
  let seeded: ImportSummary | null = null;
  if (seedFile) {
    const letters = await db
      .selectFrom("letters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(letters.n) === 0 && fs.existsSync(seedFile)) {
      seeded = await importLetterText(db, fs.readFileSync(seedFile, "utf8"), path.basename(seedFile), {
        actor: "system:første-oppstart",
        // The bundled letter is Helse- og omsorgsdepartementet's 2023 letter to Helsedirektoratet.
        agency: DEFAULT_AGENCY_NAME,
      });
    }
  }
  return { migrations: applied, seeded };
}
