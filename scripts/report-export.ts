/**
 * `npm run --silent report:export -- --year 2023 --as-of 2023-12-31 --format docx|pdf|xlsx|csv --out FILE [--agency NAME] [--force] [--draft] [--orientation portrait|landscape] [--status words|colours] [--description]`
 * Writes the annual-report status table of one agency (`--agency`: name, short name or URL slug;
 * required when the database holds more than one). The final report is refused (exit 1, naming the
 * assignments that lack an explanation) until every unfinished assignment is explained.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { getDatabase } from "../app/db/connection.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { loadReport } from "../app/models/report.server";
import { listYears } from "../app/models/assignment.server";
import { findAgencyByName, listAgencies } from "../app/models/agency.server";
import { isValidIsoDate } from "../app/domain/text";
import { outputPathRefusal } from "./lib/output-path";
import { finalExportRefusal, renderReportFile, REPORT_FORMATS, type ReportFormat } from "../app/export/report-files.server";
import { type Cli, type CliIo, fail, failedTo, runIfEntry } from "./lib/cli";

const USAGE =
  "Bruk: npm run --silent report:export -- --year 2023 --as-of 2023-12-31 --format docx|pdf|xlsx|csv --out FIL [--agency VIRKSOMHET] [--force] [--draft] [--orientation portrait|landscape] [--status words|colours] [--description]";

async function main(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        year: { type: "string" },
        "as-of": { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        agency: { type: "string" },
        draft: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        orientation: { type: "string", default: "portrait" },
        status: { type: "string", default: "words" },
        description: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    io.error(`Feil: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const year = Number(values.year);
  if (!/^\d{4}$/.test(values.year ?? "")) return fail(io, `--year mangler eller er ikke et årstall.\n${USAGE}`);
  const asOf = values["as-of"] ?? `${year}-12-31`;
  if (!isValidIsoDate(asOf)) return fail(io, `--as-of «${asOf}» er ikke en gyldig dato (åååå-mm-dd).`);
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return fail(io, `--format må være docx, pdf, xlsx eller csv.\n${USAGE}`);
  if (!values.out) return fail(io, `--out mangler.\n${USAGE}`);
  const outRefusal = outputPathRefusal(values.out, { force: values.force });
  if (outRefusal) return fail(io, outRefusal);
  if (values.orientation !== "landscape" && values.orientation !== "portrait") return fail(io, "--orientation må være portrait eller landscape.");
  if (values.status !== "words" && values.status !== "colours") return fail(io, "--status må være words (I rute, Forsinket …) eller colours (grønn, gul, rød).");

  const { db } = getDatabase();
  await migrateToLatest(db);
  const agencies = await listAgencies(db);
  let agency = agencies.length === 1 && !values.agency ? agencies[0] : undefined;
  if (values.agency) {
    agency = await findAgencyByName(db, values.agency);
    if (!agency) return fail(io, `Fant ikke virksomheten «${values.agency}». Registeret har: ${agencies.map((a) => a.name).join(", ") || "ingen"}.`);
  } else if (agencies.length > 1) {
    return fail(io, `Databasen har flere virksomheter; velg én med --agency (${agencies.map((a) => a.name).join(", ")}).\n${USAGE}`);
  }
  const years = await listYears(db, agency?.id ?? null);
  if (!years.includes(year)) return fail(io, `Det finnes ingen oppdrag for ${year}${agency && agencies.length > 1 ? ` til ${agency.name}` : ""} i databasen.`);
  const report = await loadReport(db, { year, asOfDate: asOf, draft: values.draft ?? false, agencyId: agency?.id ?? null });
  const refusal = finalExportRefusal(report);
  if (refusal) return fail(io, refusal);
  const file = await renderReportFile(report, format, {
    orientation: values.orientation,
    statusStyle: values.status,
    includeDescription: values.description ?? false,
  });
  fs.writeFileSync(values.out, file.body);
  io.log(
    `Skrev ${values.draft ? "utkast til " : ""}rapport ${year}${agency && agencies.length > 1 ? ` for ${agency.name}` : ""} per ${asOf} (${report.rowCount} oppdrag, ${report.areas.length} ${report.areas.length === 1 ? "område" : "områder"}) til ${values.out}.`,
  );
  return 0;
}

export const cli: Cli = { main, describeError: failedTo("rapporten kunne ikke lages") };

runIfEntry(import.meta.url, cli);
