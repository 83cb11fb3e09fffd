/**
 * `npm run db:backup -- [FILE]`: an online backup of DATABASE_PATH (the app may keep running)
 * through SQLite's backup API. Without FILE it writes db/backups/<name>-<timestamp>.sqlite.
 * The backup is checked (integrity, foreign keys, status history) before it gets its name.
 */
import { BackupError, backupDatabase, defaultBackupFile } from "../app/db/backup.server";
import { databasePath } from "../app/db/connection.server";
import { outputPathRefusal } from "./lib/output-path";

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.includes("--help") || args.includes("-h") || args.length > 1) {
  console.log("Bruk: npm run db:backup -- [FIL]\nTar en sikkerhetskopi av databasen (DATABASE_PATH) mens appen kjører.");
  process.exit(args.length > 1 ? 2 : 0);
}

try {
  const source = databasePath();
  const target = args[0] ?? defaultBackupFile(source);
  // The one output-path rule for a FILE given: never the database or its side files, never an existing file.
  const refusal = args[0] ? outputPathRefusal(target) : null;
  if (refusal) throw new BackupError(refusal);
  const outcome = await backupDatabase(source, target);
  console.log(
    `Sikkerhetskopi skrevet til ${outcome.file} (${outcome.pages} sider, ${(outcome.bytes / 1024 / 1024).toFixed(1)} MB, ${outcome.ms} ms). Kontroll: ok.`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof BackupError ? `Feil: ${message}` : `Feil: sikkerhetskopieringen feilet: ${message}`);
  process.exit(1);
}
