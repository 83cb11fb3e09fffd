import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { getDatabase } from "~/db/connection.server";
import { listYears } from "~/models/assignment.server";
import { loadReport } from "~/models/report.server";
import { finalExportRefusal, renderReportFile, REPORT_FORMATS, type ReportFormat } from "~/export/report-files.server";
import { readExportOptions, readReportParams } from "~/lib/report-params";
import { readAgencyChoice } from "~/models/agency.server";

/** Resource route: the report as a Word, PDF, Excel or CSV file (options: `readExportOptions`). A final report without every explanation is refused (409). */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const url = new URL(args.request.url);
  const db = getDatabase().db;
  // Per agency, like the report page the links come from.
  const choice = await readAgencyChoice(db, url.searchParams, { required: true, preferred: user.agencies });
  const agencyId = choice.agency?.id ?? null;
  const { year, asOfDate } = readReportParams(url, await listYears(db, agencyId));
  const format = url.searchParams.get("format") as ReportFormat;
  const text = (message: string, status: number) =>
    new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!REPORT_FORMATS.includes(format)) return text("Ukjent format. Velg docx, pdf, xlsx eller csv.", 400);
  if (year === null || asOfDate === null) return text("Det finnes ingen oppdrag å rapportere på.", 404);
  const draft = url.searchParams.get("utkast") === "1";
  const report = await loadReport(db, { year, asOfDate, draft, agencyId });
  const refusal = finalExportRefusal(report);
  if (refusal) return text(refusal, 409);
  const file = await renderReportFile(report, format, readExportOptions(url));
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
