/**
 * `npm run --silent letter:import -- FILE`: parses a letter file (text, Markdown, PDF or Word) and writes it to the database
 * (DATABASE_PATH) in one transaction. Prints a short summary; exit 0 on success, 1 on error.
 * `--dry-run` shows what would change and writes nothing. `--agency NAME` names the recipient
 * agency (virksomhet) when the text does not, or overrides what it says.
 */
import path from "node:path";
import { importLetterText } from "../app/use-cases/bootstrap.server";
import { getDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { readLetterFile } from "./lib/read-letter-file";
import { type Cli, type CliIo, errorMessage, fail, runIfEntry } from "./lib/cli";

async function main(args: string[], io: CliIo): Promise<number> {
  const dryRun = args.includes("--dry-run");
  const agencyAt = args.indexOf("--agency");
  const agency = agencyAt >= 0 ? args[agencyAt + 1] : undefined;
  const files = args.filter((a, i) => !a.startsWith("--") && !(agencyAt >= 0 && i === agencyAt + 1));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--dry-run" && a !== "--agency");
  if (files.length !== 1 || unknown.length > 0 || (agencyAt >= 0 && (!agency || agency.startsWith("--") || !agency.trim()))) {
    io.error("Bruk: npm run --silent letter:import -- FIL [--dry-run] [--agency VIRKSOMHET]");
    return 1;
  }
  const read = await readLetterFile(files[0]);
  if (!read.ok) return fail(io, read.message);
  const { db, path: dbPath } = getDatabase();
  await migrateToLatest(db);
  const s = await importLetterText(db, read.text, path.basename(files[0]), {
    actor: `cli:letter-import (${process.env.USER ?? "ukjent bruker"})`,
    dryRun,
    agency: agency ?? null,
  });
  const lines = [
    `${dryRun ? "Prøveimport (ingenting lagret)" : "Importert"}: ${files[0]} → ${dbPath}`,
    `Virksomhet: ${s.agency?.name ?? "ukjent"}${s.agency?.created ? " (ny i registeret)" : ""}`,
    `Brev: ${s.letters.created} nye, ${s.letters.updated} endret, ${s.letters.unchanged} uendret`,
    `Oppdrag: ${s.assignments.created.length} nye, ${s.assignments.updated.length} endret, ${s.assignments.unchanged} uendret`,
    `Deler fra senere brev: ${s.parts.created.length} nye, ${s.parts.updated.length} endret, ${s.parts.removed} fjernet`,
    `Frister: ${s.deadlines}`,
    `Hendelser: ${s.events.created} nye (utsettelser og oppdrag som utgår)`,
    `Advarsler: ${s.warnings.length}`,
  ];
  if (s.assignments.updated.length) lines.push(`Endrede oppdrag: ${s.assignments.updated.join(", ")}`);
  // Deadlines a later letter moves (a change, not a new part of the assignment's text).
  for (const item of s.items) {
    for (const c of item.changes.filter((c) => c.field === "frist" && c.old !== null && c.new !== null)) lines.push(`Ny frist for ${item.key}: ${c.new} (var ${c.old})`);
  }
  if (s.knownOnly.length) lines.push(`Bare kjent fra dette brevet (brevet som ga oppdraget, er ikke importert): ${s.knownOnly.join(", ")}`);
  if (!s.changed) lines.push("Ingen endringer: databasen hadde allerede dette innholdet.");
  io.log(lines.join("\n"));
  for (const w of s.warnings) io.log(`  linje ${w.line}: ${w.message}`);
  return 0;
}

export const cli: Cli = { main, describeError: (error) => `importen ble avbrutt, ingenting er lagret. ${errorMessage(error)}` };

runIfEntry(import.meta.url, cli);
