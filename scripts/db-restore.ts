/**
 * `npm run db:restore -- FILE`: replaces DATABASE_PATH with the backup FILE, after checking that
 * FILE is an intact database from this version of the app. The replaced database is kept as
 * `<name>.<timestamp>.bak` next to it. Stop the app before restoring.
 */
import { BackupError, restoreDatabase } from "../app/db/backup.server";
import { databasePath } from "../app/db/connection.server";

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.length !== 1 || args[0] === "--help" || args[0] === "-h") {
  console.log("Bruk: npm run db:restore -- FIL\nGjenoppretter databasen (DATABASE_PATH) fra sikkerhetskopien FIL. Stopp appen først.");
  process.exit(args.length === 1 ? 0 : 2);
}

try {
  const outcome = await restoreDatabase(args[0], databasePath());
  console.log(`Databasen ${outcome.database} er gjenopprettet fra ${args[0]}.`);
  if (outcome.previous) console.log(`Den forrige databasen er tatt vare på som ${outcome.previous}.`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof BackupError ? `Feil: ${message}` : `Feil: gjenopprettingen feilet: ${message}`);
  process.exit(1);
}
