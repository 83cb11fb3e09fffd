/** The shared ending of the database CLIs: Norwegian errors on stderr, the connection closed, the exit code kept. */
import { closeDatabase } from "../../app/db/connection.server";

/** Prints `Feil: …` and returns exit code 1, for `return fail(…)` in a CLI's main. */
export function fail(message: string): number {
  console.error(`Feil: ${message}`);
  return 1;
}

/** Runs a CLI's main, closes the database and exits with its code; an unexpected error names `what` failed. */
export function runCli(main: () => Promise<number>, what: string): void {
  main()
    .then(async (code) => {
      await closeDatabase();
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      console.error(`Feil: ${what} (${error instanceof Error ? error.message : String(error)}).`);
      await closeDatabase();
      process.exit(1);
    });
}
