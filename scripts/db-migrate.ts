/** `npm run db:migrate`: brings the schema of DATABASE_PATH up to date. */
import { closeDatabase, getDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";

try {
  const { db, path } = getDatabase();
  const { applied } = await migrateToLatest(db);
  console.log(applied.length ? `Kjørte migreringer på ${path}: ${applied.join(", ")}` : `Databasen ${path} er allerede oppdatert.`);
  await closeDatabase();
} catch (error) {
  console.error(`Feil: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
