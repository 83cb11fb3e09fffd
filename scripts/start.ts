/**
 * `npm start`: migrates the database, imports the bundled 2023 letter on first start (unless
 * SEED_LETTER=0), and serves the built app on PORT (default 3000). `npm run build` compiles this
 * file into build/start.js, which plain `node` runs (see scripts/lib/server-command.ts).
 */
import type { AddressInfo } from "node:net";
import { bootstrapDatabase } from "../app/use-cases/bootstrap.server";
import { getDatabase } from "../app/db/connection.server";
import { seedDemoHistory } from "../app/use-cases/demo-history.server";
import { createApp, listen, loadBuild } from "../app/http/server.server";
import { replicationFromEnv, startReplication, type Replication } from "./lib/litestream";

async function main() {
  const app = getDatabase();
  const { db, path } = app;
  const { migrations, seeded } = await bootstrapDatabase(db, process.env.SEED_LETTER === "0" ? { seedFile: null } : {});
  console.log(`Database: ${path}`);
  if (migrations.length) console.log(`Migreringer kjørt: ${migrations.join(", ")}`);
  if (seeded) {
    console.log(
      `Første oppstart: lastet inn tildelingsbrevet 2023 (${seeded.assignments.created.length} oppdrag, ${seeded.warnings.length} advarsler).`,
    );
    // Demo data, clearly marked: a plausible 2023 history so the first report is not all "Ikke startet".
    if (process.env.SEED_DEMO_HISTORY !== "0") {
      const demo = seedDemoHistory(app, 2023);
      console.log(`Demodata: ${demo.events} statushendelser på ${demo.assignments} oppdrag (merket «Demodata (eksempel)»; SEED_DEMO_HISTORY=0 slår det av).`);
    }
  }
  // Opt-in continuous replication off the machine (LITESTREAM_REPLICA_URL; scripts/lib/litestream.ts).
  const replicationSettings = replicationFromEnv(path);
  let replication: Replication | null = null;
  if (replicationSettings) {
    replication = startReplication(replicationSettings, (code, signal) => {
      // Durability off the machine was asked for and is gone: stop, so that the service manager restarts both.
      console.error(`Litestream stoppet (${code ?? signal}): databasen replikeres ikke lenger. Serveren stopper.`);
      process.exit(1);
    });
    console.log(
      `Litestream: replikerer ${path} til ${replicationSettings.replicaUrl} (hvert ${replicationSettings.syncInterval}, pid ${replication.process.pid}).`,
    );
  }
  const build = await loadBuild();
  const server = await listen(createApp(build), Number(process.env.PORT || 3000), process.env.HOST);
  const { port } = server.address() as AddressInfo; // the real one when PORT=0 (tests)
  console.log(`Oppdragsoversikt kjører på http://localhost:${port}`);
  const stop = () =>
    server.close(() => {
      // Litestream ships what it has before it exits.
      void (replication?.stop() ?? Promise.resolve()).then(() => process.exit(0));
    });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`Kunne ikke starte: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
