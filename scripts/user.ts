/**
 * User administration from the command line:
 *   npm run --silent user:create -- --email E --name N --role admin [--departments FHA,KTA] [--agencies "Helsedirektoratet,FHI"]
 *   (agencies by name, short name or URL slug, comma-separated; with one agency in the register
 *   it is given to the user without asking)
 *   npm run --silent user:list
 *   npm run --silent user:disable -- --email E
 *   npm run --silent user:reset-password -- --email E
 * Passwords are read from standard input (first line), or prompted for without echo on a
 * terminal; never from the command line, where they would end up in shell history.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { CLI_ACTOR } from "../app/models/audit.server";
import { getDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { createUser, findUserByEmail, listUsers, resetPassword, setUserDisabled, UserError } from "../app/models/user.server";
import { ROLE_LABELS } from "../app/auth/permissions";
import { AgencyError, agenciesByNames, caseHandlerAgencyProblem, listAgencies } from "../app/models/agency.server";
import { emailSchema, newUserSchema, passwordSchema, splitDepartmentCodes } from "../app/auth/user-schema.server";
import { type Cli, type CliIo, errorMessage, runIfEntry } from "./lib/cli";

class CliError extends Error {}

async function readPassword(io: CliIo, prompt: string): Promise<string> {
  if (!io.stdin.isTTY) {
    let data = "";
    for await (const chunk of io.stdin) data += chunk;
    return data.split(/\r?\n/)[0] ?? "";
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) io.stderr.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      io.stderr.write(q);
      muted = true;
      rl.question("", (answer) => {
        io.stderr.write("\n");
        resolve(answer);
      });
    });
  const first = await ask(prompt);
  const second = await ask("Gjenta passordet: ");
  rl.close();
  if (first !== second) throw new CliError("passordene er ikke like.");
  return first;
}

function firstIssue(error: { issues: Array<{ message: string; path: PropertyKey[] }> }): string {
  return error.issues.map((i) => (i.path.length ? `${String(i.path[0])}: ${i.message}` : i.message)).join(" ");
}

async function main(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      departments: { type: "string" },
      agencies: { type: "string" },
    },
    allowPositionals: false,
  });
  const { db } = getDatabase();
  await migrateToLatest(db);

  switch (command) {
    case "create": {
      if (!values.email || !values.name || !values.role) {
        throw new CliError(
          'bruk: npm run --silent user:create -- --email E --name N --role admin|saksbehandler|departement|leser [--departments FHA,KTA] [--agencies "Helsedirektoratet,FHI"]',
        );
      }
      const pre = newUserSchema.safeParse({
        email: values.email,
        name: values.name,
        role: values.role,
        departments: splitDepartmentCodes(values.departments ?? ""),
        password: "x".repeat(40) + "Q9", // validated for real below, once read
      });
      if (!pre.success) throw new CliError(firstIssue(pre.error));
      const names = (values.agencies ?? "").split(",").map((n) => n.trim()).filter(Boolean);
      const agencies = (await agenciesByNames(db, names)).map((a) => a.id);
      const agencyProblem = await caseHandlerAgencyProblem(db, pre.data.role, agencies);
      if (agencyProblem) throw new CliError(`${agencyProblem} Oppgi --agencies.`);
      const password = await readPassword(io, "Passord: ");
      const parsed = newUserSchema.safeParse({ ...pre.data, password });
      if (!parsed.success) throw new CliError(firstIssue(parsed.error));
      const id = await createUser(db, { ...parsed.data, agencies }, CLI_ACTOR);
      io.log(`Opprettet bruker ${id}: ${parsed.data.name} <${parsed.data.email}> (${ROLE_LABELS[parsed.data.role]}).`);
      return 0;
    }
    case "list": {
      const users = await listUsers(db);
      const allAgencies = await listAgencies(db);
      if (users.length === 0) io.log("Ingen brukere.");
      for (const u of users) {
        const deps = u.departments.length ? ` [${u.departments.join(", ")}]` : "";
        const agencyNames = u.agencies.map((id) => allAgencies.find((a) => a.id === id)?.name).filter(Boolean);
        const ags = allAgencies.length > 1 && agencyNames.length ? ` {${agencyNames.join(", ")}}` : "";
        io.log(`${u.id}\t${u.email}\t${u.name}\t${u.role}${deps}${ags}\t${u.disabled_at ? "deaktivert" : "aktiv"}`);
      }
      return 0;
    }
    case "disable":
    case "reset-password": {
      const email = emailSchema.safeParse(values.email ?? "");
      if (!email.success) throw new CliError(`bruk: npm run --silent user:${command} -- --email E (${firstIssue(email.error)})`);
      const user = await findUserByEmail(db, email.data);
      if (!user) throw new CliError(`fant ingen bruker med e-postadressen ${email.data}.`);
      if (command === "disable") {
        await setUserDisabled(db, user.id, true, CLI_ACTOR);
        io.log(`Deaktiverte ${user.email}, og avsluttet innloggingene.`);
      } else {
        const password = await readPassword(io, "Nytt passord: ");
        const parsed = passwordSchema({ email: user.email, name: user.name }).safeParse(password);
        if (!parsed.success) throw new CliError(firstIssue(parsed.error));
        await resetPassword(db, user.id, password, CLI_ACTOR);
        io.log(`Nytt passord satt for ${user.email}; innloggingene er avsluttet.`);
      }
      return 0;
    }
    default:
      throw new CliError("ukjent kommando. Bruk user:create, user:list, user:disable eller user:reset-password.");
  }
}

export const cli: Cli = {
  main,
  describeError: (error) => {
    const known = error instanceof CliError || error instanceof UserError || error instanceof AgencyError || (error as { code?: string })?.code?.startsWith("ERR_PARSE_ARGS");
    return known ? errorMessage(error) : `uventet feil (${errorMessage(error)})`;
  },
};

runIfEntry(import.meta.url, cli);
