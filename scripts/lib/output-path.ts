/**
 * The one rule for every CLI that writes a file (`--out`): never the database or its WAL/SHM/journal
 * files, never a directory, never an existing file unless `--force` was given. Returns a Norwegian
 * message when the path is refused, null when it may be written.
 */
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "../../app/db/connection.server";

const DATABASE_SIDE_FILES = ["", "-wal", "-shm", "-journal"];

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

export function outputPathRefusal(out: string, options: { force?: boolean } = {}): string | null {
  const target = path.resolve(out);
  const database = databasePath();
  if (DATABASE_SIDE_FILES.some((suffix) => sameFile(target, database + suffix))) {
    return `«${out}» er databasefilen (eller en av dens hjelpefiler) og blir aldri overskrevet.`;
  }
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = null;
  }
  if (stat?.isDirectory()) return `«${out}» er en mappe, ikke en fil.`;
  if (stat && !options.force) return `«${out}» finnes allerede. Bruk --force for å overskrive den.`;
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) return `Mappen «${dir}» finnes ikke.`;
  return null;
}
