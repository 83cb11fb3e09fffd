/** One entry point for report files, shared by the export route and the CLI. */
import { reportFileName, type Report } from "~/domain/report";
import { reportToCsv } from "./csv";
import { reportToDocx, type Orientation } from "./docx.server";
import { reportToXlsx } from "./xlsx.server";

export const REPORT_FORMATS = ["docx", "xlsx", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

export async function renderReportFile(
  report: Report,
  format: ReportFormat,
  orientation: Orientation = "landscape",
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const body =
    format === "docx" ? await reportToDocx(report, orientation) : format === "xlsx" ? await reportToXlsx(report) : Buffer.from(reportToCsv(report), "utf8");
  return { body, contentType: CONTENT_TYPES[format], fileName: reportFileName(report, format) };
}

/** Why a final report cannot be exported yet, in Norwegian; null when it can. */
export function finalExportRefusal(report: Report): string | null {
  if (report.draft || report.missing.length === 0) return null;
  const ids = report.missing.map((r) => (r.id === "Uten ID" ? r.title : r.id));
  return `Den endelige rapporten kan ikke lages: ${report.missing.length} oppdrag som ikke er fullført mangler forklaring (${ids.join(", ")}). Skriv forklaringene, eller lag et utkast.`;
}
