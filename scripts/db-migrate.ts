/** `npm run db:migrate`: brings the schema of DATABASE_PATH up to date. */
import { getDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { type Cli, type CliIo, errorMessage, runIfEntry } from "./lib/cli";

async function main(_args: string[], io: CliIo): Promise<number> {
  const { db, path } = getDatabase();
  const { applied } = await migrateToLatest(db);
  io.log(applied.length ? `Kjørte migreringer på ${path}: ${applied.join(", ")}` : `Databasen ${path} er allerede oppdatert.`);
  return 0;
}

export const cli: Cli = { main, describeError: errorMessage };

runIfEntry(import.meta.url, cli);
