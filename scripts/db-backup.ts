/**
 * `npm run db:backup -- [FILE]`: an online backup of DATABASE_PATH (the app may keep running)
 * through SQLite's backup API. Without FILE it writes db/backups/<name>-<timestamp>.sqlite.
 * The backup is checked (integrity, foreign keys, status history) before it gets its name.
 */
import { BackupError, backupDatabase, defaultBackupFile } from "../app/db/backup.server";
import { databasePath } from "../app/db/connection.server";
import { outputPathRefusal } from "./lib/output-path";
import { type Cli, type CliIo, errorMessage, fail, runIfEntry } from "./lib/cli";

async function main(argv: string[], io: CliIo): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  if (args.includes("--help") || args.includes("-h") || args.length > 1) {
    io.log("Bruk: npm run db:backup -- [FIL]\nTar en sikkerhetskopi av databasen (DATABASE_PATH) mens appen kjører.");
    return args.length > 1 ? 2 : 0;
  }
  const source = databasePath();
  const target = args[0] ?? defaultBackupFile(source);
  // The one output-path rule for a FILE given: never the database or its side files, never an existing file.
  const refusal = args[0] ? outputPathRefusal(target) : null;
  if (refusal) return fail(io, refusal);
  const outcome = await backupDatabase(source, target);
  io.log(
    `Sikkerhetskopi skrevet til ${outcome.file} (${outcome.pages} sider, ${(outcome.bytes / 1024 / 1024).toFixed(1)} MB, ${outcome.ms} ms). Kontroll: ok.`,
  );
  return 0;
}

export const cli: Cli = {
  main,
  describeError: (error) => (error instanceof BackupError ? errorMessage(error) : `sikkerhetskopieringen feilet: ${errorMessage(error)}`),
};

runIfEntry(import.meta.url, cli);
