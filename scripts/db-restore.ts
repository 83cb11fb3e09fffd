/**
 * `npm run db:restore -- FILE`: replaces DATABASE_PATH with the backup FILE, after checking that
 * FILE is an intact database from this version of the app. The replaced database is kept as
 * `<name>.<timestamp>.bak` next to it. Stop the app before restoring.
 *
 * `npm run db:restore -- --replica [URL] [--timestamp 2026-12-04T14:30:00Z]`: the same, from a
 * Litestream replica (URL, default LITESTREAM_REPLICA_URL) as it stood at that time (the latest
 * when omitted). Litestream restores into a new file next to the database; that file then goes
 * through exactly the same checks as a backup file.
 */
import fs from "node:fs";
import { BackupError, restoreDatabase } from "../app/db/backup.server";
import { databasePath } from "../app/db/connection.server";
import { LitestreamError, restoreFromReplica } from "./lib/litestream";
import { type Cli, type CliIo, errorMessage, runIfEntry } from "./lib/cli";

const USAGE = [
  "Bruk: npm run db:restore -- FIL",
  "      npm run db:restore -- --replica [URL] [--timestamp TIDSPUNKT]",
  "Gjenoppretter databasen (DATABASE_PATH) fra sikkerhetskopien FIL, eller fra Litestream-replikaen URL",
  "(standard: LITESTREAM_REPLICA_URL) slik den var på TIDSPUNKT (ISO 8601, f.eks. 2026-12-04T14:30:00Z; standard: siste). Stopp appen først.",
].join("\n");

async function main(argv: string[], io: CliIo): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    io.log(USAGE);
    return args.length === 0 ? 2 : 0;
  }

  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const value = args[i + 1];
    return value && !value.startsWith("--") ? value : "";
  };

  let litestreamFile: string | null = null;
  try {
    const target = databasePath();
    let source: string;
    let from: string;
    if (args.includes("--replica")) {
      const replicaUrl = option("--replica") || process.env.LITESTREAM_REPLICA_URL || "";
      const timestamp = option("--timestamp");
      if (!replicaUrl) throw new BackupError("Oppgi replikaen: --replica URL, eller sett LITESTREAM_REPLICA_URL.");
      if (timestamp === "") throw new BackupError("--timestamp trenger et tidspunkt, f.eks. 2026-12-04T14:30:00Z.");
      litestreamFile = `${target}.litestream-${process.pid}-${Date.now()}`;
      restoreFromReplica({ replicaUrl, output: litestreamFile, timestamp });
      source = litestreamFile;
      from = `replikaen ${replicaUrl}${timestamp ? ` slik den var ${timestamp}` : ""}`;
    } else {
      if (args.length !== 1) {
        io.error(USAGE);
        return 2;
      }
      source = args[0];
      from = args[0];
    }
    const outcome = await restoreDatabase(source, target);
    io.log(`Databasen ${outcome.database} er gjenopprettet fra ${from}.`);
    if (outcome.previous) io.log(`Den forrige databasen er tatt vare på som ${outcome.previous}.`);
    return 0;
  } finally {
    if (litestreamFile) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${litestreamFile}${suffix}`, { force: true });
  }
}

export const cli: Cli = {
  main,
  describeError: (error) =>
    error instanceof BackupError || error instanceof LitestreamError ? errorMessage(error) : `gjenopprettingen feilet: ${errorMessage(error)}`,
};

runIfEntry(import.meta.url, cli);
