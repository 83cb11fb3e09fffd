/**
 * The one shape of every CLI in scripts/ (decision 086): the file exports
 * `cli: Cli = { main(args, io), describeError }`, where `main` reads its arguments from `args`,
 * writes only through `io` and returns the exit code, and ends with
 * `runIfEntry(import.meta.url, cli)`, which runs it as a process (process.argv, the real streams,
 * process.exit) only when the file is the program tsx was started with. Tests call `runCli` in
 * process with captured streams (test/helpers/cli.ts); both ways share the error ending and the
 * closing of the database below.
 */
import fs from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { closeDatabase, currentDatabase } from "../../app/db/connection.server";

/** Where a CLI reads and writes: the process's streams, or captured ones in a test. */
export interface CliIo {
  /** Raw standard output, for bytes (a file written to stdout) and the terminal check. */
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean };
  /** One line of text on standard output (like `console.log` of one string). */
  log(text: string): void;
  /** One line of text on standard error (like `console.error` of one string). */
  error(text: string): void;
}

export interface Cli {
  /** The command: the arguments after the script name (`process.argv.slice(2)`); returns the exit code. */
  main(args: string[], io: CliIo): Promise<number> | number;
  /** The text after `Feil: ` for an error `main` threw (exit code 1). */
  describeError(error: unknown): string;
}

export function cliIo(stdout: CliIo["stdout"], stderr: Writable, stdin: CliIo["stdin"]): CliIo {
  return {
    stdout,
    stderr,
    stdin,
    log: (text) => void stdout.write(`${text}\n`),
    error: (text) => void stderr.write(`${text}\n`),
  };
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The usual `describeError`: `Feil: <what> (<message>).` */
export function failedTo(what: string): (error: unknown) => string {
  return (error) => `${what} (${errorMessage(error)}).`;
}

/** Prints `Feil: …` and returns exit code 1, for `return fail(io, …)` in a CLI's main. */
export function fail(io: CliIo, message: string): number {
  io.error(`Feil: ${message}`);
  return 1;
}

/**
 * Runs a CLI and returns its exit code: an error it throws becomes `Feil: …` on stderr and exit
 * code 1, never a stack trace. The database connection the call opened is closed afterwards (one
 * that was already open before the call, in a test, is left to its owner).
 */
export async function runCli(cli: Cli, args: string[], io: CliIo): Promise<number> {
  const before = currentDatabase();
  try {
    return await cli.main(args, io);
  } catch (error) {
    io.error(`Feil: ${cli.describeError(error)}`);
    return 1;
  } finally {
    if (currentDatabase() !== before) await closeDatabase();
  }
}

/** True when the module at `moduleUrl` is the program this process was started with (`tsx scripts/x.ts`). */
export function isEntry(moduleUrl: string): boolean {
  const program = process.argv[1];
  if (!program) return false;
  let resolved = path.resolve(program);
  try {
    resolved = fs.realpathSync(resolved);
  } catch {
    // Not a file we can resolve: compare the path as given.
  }
  return pathToFileURL(resolved).href === moduleUrl;
}

const flushed = (stream: Writable) => new Promise<void>((resolve) => stream.write("", () => resolve()));

/** The bottom line of every CLI file: run `cli` as this process when the file is the program. */
export function runIfEntry(moduleUrl: string, cli: Cli): void {
  if (!isEntry(moduleUrl)) return;
  // A reader that stops early (`… | head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));
  void runCli(cli, process.argv.slice(2), cliIo(process.stdout, process.stderr, process.stdin)).then(async (code) => {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  });
}
