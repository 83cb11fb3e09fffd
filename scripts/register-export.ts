/**
 * `npm run --silent register:export -- [--year 2026] [--agency NAME] --format json|csv|xlsx [--out FILE] [--force]`
 * Writes every assignment as it stands now (all years without --year, every agency without
 * --agency; each entry names its agency): the register contract in
 * app/domain/register.ts. JSON (and CSV) go to standard output when --out is absent; --out obeys
 * the one output-path rule (scripts/lib/output-path.ts).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { getDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { REGISTER_FORMATS, type RegisterFormat } from "../app/domain/register";
import { renderRegisterFile } from "../app/export/register-files.server";
import { loadRegister } from "../app/models/register.server";
import { listYears } from "../app/models/assignment.server";
import { findAgencyByName, listAgencies } from "../app/models/agency.server";
import type { AgencyRef } from "../app/domain/agency";
import { outputPathRefusal } from "./lib/output-path";
import { type Cli, type CliIo, fail, failedTo, runIfEntry } from "./lib/cli";

const USAGE = "Bruk: npm run --silent register:export -- [--year 2026] [--agency VIRKSOMHET] --format json|csv|xlsx [--out FIL] [--force]";

async function main(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        year: { type: "string" },
        agency: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        force: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    return fail(io, `${norwegianArgError(error as Error)}\n${USAGE}`);
  }
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) return fail(io, `--year «${values.year}» er ikke et årstall (f.eks. 2026).\n${USAGE}`);
  const year = values.year !== undefined ? Number(values.year) : null;
  if (!values.format) return fail(io, `--format mangler.\n${USAGE}`);
  if (!(REGISTER_FORMATS as readonly string[]).includes(values.format)) return fail(io, `--format må være json, csv eller xlsx, ikke «${values.format}».\n${USAGE}`);
  const format = values.format as RegisterFormat;
  if (values.out !== undefined) {
    if (!values.out.trim()) return fail(io, `--out mangler filnavn.\n${USAGE}`);
    const refusal = outputPathRefusal(values.out, { force: values.force });
    if (refusal) return fail(io, refusal);
  } else if (format === "xlsx" && io.stdout.isTTY) {
    return fail(io, `Excel-filen skrives ikke til terminalen: oppgi --out FIL.\n${USAGE}`);
  }

  const { db } = getDatabase();
  await migrateToLatest(db);
  let agency: AgencyRef | undefined;
  if (values.agency !== undefined) {
    agency = await findAgencyByName(db, values.agency);
    if (!agency) {
      const names = (await listAgencies(db)).map((a) => a.name);
      return fail(io, `Fant ikke virksomheten «${values.agency.slice(0, 200)}». Registeret har: ${names.join(", ") || "ingen"}.`);
    }
  }
  if (year !== null && !(await listYears(db, agency?.id ?? null)).includes(year)) {
    return fail(io, `Det finnes ingen oppdrag for ${year}${agency ? ` til ${agency.name}` : ""} i databasen.`);
  }
  const entries = await loadRegister(db, { year, agencyId: agency?.id ?? null });
  const file = await renderRegisterFile(entries, format);
  if (values.out === undefined) {
    await new Promise<void>((resolve, reject) => io.stdout.write(file.body, (error) => (error ? reject(error) : resolve())));
    return 0;
  }
  fs.writeFileSync(values.out, file.body);
  io.error(`Skrev ${entries.length} oppdrag${agency ? ` til ${agency.name}` : ""}${year !== null ? ` for ${year}` : ""} som ${format} til ${values.out}.`);
  return 0;
}

function norwegianArgError(error: Error): string {
  const option = /'(-[^']+)'/.exec(error.message)?.[1];
  if (/Unknown option/i.test(error.message)) return `Ukjent valg ${option ?? ""}.`.replace(" .", ".");
  if (/argument missing/i.test(error.message)) return `Valget ${option ?? ""} mangler en verdi.`;
  if (/Unexpected argument/i.test(error.message)) return `Uventet argument: ${error.message.replace(/^.*'([^']+)'.*$/s, "$1")}.`;
  return `Ugyldige argumenter (${error.message}).`;
}

export const cli: Cli = { main, describeError: failedTo("registeret kunne ikke eksporteres") };

runIfEntry(import.meta.url, cli);
