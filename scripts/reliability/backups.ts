/**
 * Online backups under write load: while clients keep saving status updates on the running
 * server, backups are taken one after another with the backup API; each is restored into a
 * fresh path with the restore command's code and must pass the app's checks, and must hold every
 * update acknowledged before that backup started.
 */
import path from "node:path";
import SQLite from "better-sqlite3";
import { backupDatabase, restoreDatabase } from "../../app/db/backup.server";
import { openDatabase } from "../../app/db/connection.server";
import { checkConsistency } from "../../app/db/integrity.server";
import { migrationsAreCurrent } from "../../app/db/migrate.server";
import { pickAssignments, postStatus, sleep } from "./common";

export interface BackupOptions {
  url: string;
  databasePath: string;
  cookie: string;
  backups: number;
  clients: number;
  dir: string;
  pauseMs?: number;
}

export interface BackupResult {
  backups: number;
  restored: number;
  writesDuringBackups: number;
  missingInBackup: number;
  failures: string[];
  ms: number;
}

export async function runBackupsUnderLoad(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const probe = new SQLite(options.databasePath, { readonly: true, fileMustExist: true });
  const targets = pickAssignments(probe, 10);
  probe.close();
  const acked: Array<{ comment: string; at: number }> = [];
  let stop = false;
  const clients = Array.from({ length: options.clients }, async (_, n) => {
    const known = new Map(targets.map((t) => [t.key, t.version]));
    for (let i = 0; !stop; i++) {
      const target = targets[(n + i) % targets.length];
      const comment = `backup klient ${n} nr ${i}`;
      const answer = await postStatus(options.url, options.cookie, target.key, known.get(target.key)!, comment);
      if (answer.status === 302) {
        acked.push({ comment, at: Date.now() });
        known.set(target.key, known.get(target.key)! + 1);
      } else if (answer.status === 409 && answer.version !== undefined) known.set(target.key, answer.version);
      else throw new Error(`Uventet svar ${answer.status} under sikkerhetskopiering`);
    }
  });
  const failures: string[] = [];
  let restored = 0;
  let missingInBackup = 0;
  try {
    await sleep(200);
    for (let i = 1; i <= options.backups; i++) {
      const startedAt = Date.now();
      const before = new Set(acked.filter((a) => a.at < startedAt).map((a) => a.comment));
      const file = path.join(options.dir, `backup-${i}.sqlite`);
      await backupDatabase(options.databasePath, file);
      // Restore into a fresh place, as onto a new machine.
      const target = path.join(options.dir, `restored-${i}`, "app.sqlite");
      const outcome = await restoreDatabase(file, target);
      const app = openDatabase(outcome.database, { mustExist: true });
      try {
        const report = checkConsistency(app.sqlite);
        if (!report.ok) failures.push(`kopi ${i}: ${report.problems.join("; ")}`);
        if (!(await migrationsAreCurrent(app.db))) failures.push(`kopi ${i}: migreringer mangler`);
        const present = new Set(app.sqlite.prepare("select comment from status_events where comment like 'backup %'").pluck().all() as string[]);
        const missing = [...before].filter((c) => !present.has(c)).length;
        missingInBackup += missing;
        if (missing) failures.push(`kopi ${i}: ${missing} lagrede oppdateringer mangler`);
        if (report.ok && missing === 0) restored += 1;
      } finally {
        await app.db.destroy();
      }
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  } finally {
    stop = true;
    await Promise.allSettled(clients);
  }
  const outcome = await Promise.allSettled(clients);
  for (const o of outcome) if (o.status === "rejected") failures.push(String(o.reason));
  return { backups: options.backups, restored, writesDuringBackups: acked.length, missingInBackup, failures, ms: Date.now() - started };
}
