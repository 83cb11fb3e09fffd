/**
 * `npm run db:seed-demo [-- --year 2023]`: writes the DEMO status history (actor "Demodata
 * (eksempel)") for the bundled letter's year. Does nothing if demo events already exist.
 */
import { parseArgs } from "node:util";
import { getDatabase } from "../app/db/connection.server";
import { seedDemoHistory } from "../app/use-cases/demo-history.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { type Cli, type CliIo, failedTo, runIfEntry } from "./lib/cli";

async function main(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { year: { type: "string", default: "2023" } } });
  const app = getDatabase();
  await migrateToLatest(app.db);
  const outcome = seedDemoHistory(app, Number(values.year));
  io.log(
    outcome.skipped
      ? "Demodata finnes allerede: ingenting endret."
      : `Demodata: ${outcome.events} statushendelser på ${outcome.assignments} oppdrag (merket «Demodata (eksempel)»).`,
  );
  return 0;
}

export const cli: Cli = { main, describeError: failedTo("demodataene kunne ikke skrives") };

runIfEntry(import.meta.url, cli);
