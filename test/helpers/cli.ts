/**
 * The CLIs in tests, two ways (decision 086):
 * - `runInProcess(cli, args, …)`: the CLI's own `main` through `runCli` (scripts/lib/cli.ts), in
 *   this process, with the environment given and its output captured: fast, for every argument
 *   permutation, message and format;
 * - `npmRun(script, args, …)`: `npm run --silent <script> -- …` as a real process, once per CLI
 *   contract: the npm script wiring, the real exit code and the real stdout/stderr bytes.
 * Both return the same shape, so an assertion reads the same either way.
 */
import { spawnSync } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { cliIo, runCli, type Cli } from "../../scripts/lib/cli";
import { REPO_ROOT } from "./db";

export interface CliRun {
  code: number | null;
  /** Standard output as bytes (a file written to stdout) … */
  stdoutBytes: Buffer;
  /** … and as UTF-8 text. */
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Variables set for the call (DATABASE_PATH above all); `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** Standard input (a password on its first line). */
  input?: string;
}

/** A stream that keeps what is written to it. */
function capture(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, encoding, callback) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** In-process calls one at a time: each sets process.env for its duration. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `cli` in this process as `npm run --silent <script> -- ...args` would run it: the
 * variables in `options.env` are set on process.env for the call (what the CLI's code and the
 * database module read) and put back afterwards; the database the call opened is closed by
 * `runCli`.
 */
export function runInProcess(cli: Cli, args: string[], options: CliOptions = {}): Promise<CliRun> {
  const run = async (): Promise<CliRun> => {
    const saved = new Map<string, string | undefined>();
    for (const [key, value] of Object.entries(options.env ?? {})) {
      saved.set(key, process.env[key]);
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    const stdout = capture();
    const stderr = capture();
    try {
      const code = await runCli(cli, args, cliIo(stdout.stream, stderr.stream, Readable.from(options.input ? [options.input] : [])));
      const bytes = stdout.bytes();
      return { code, stdoutBytes: bytes, stdout: bytes.toString("utf8"), stderr: stderr.bytes().toString("utf8") };
    } finally {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** `npm run --silent <script> -- ...args` as a real process, with `options.env` added to this process's environment. */
export function npmRun(script: string, args: string[], options: CliOptions = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: REPO_ROOT,
    input: options.input ?? "",
    env,
    timeout: 90_000,
  });
  return { code: result.status, stdoutBytes: result.stdout, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}
