/** One entry point for report files, shared by the export route and the CLI. */
import { reportFileName, type Report } from "~/domain/report";
import { buildReportDocument, DEFAULT_DOCUMENT_OPTIONS, type ReportDocumentOptions } from "~/domain/report-document";
import { reportToCsv } from "./csv";
import { reportDocumentToDocx } from "./docx.server";
import { reportDocumentToPdf } from "./pdf.server";
import { reportToXlsx } from "./xlsx.server";

export const REPORT_FORMATS = ["docx", "pdf", "xlsx", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/**
 * The report as a file. Word and PDF are rendered from one document model
 * (`buildReportDocument`); Excel shows the status the same way (words or colour code); the CSV
 * keeps the plain status words (it has no colours).
 */
export async function renderReportFile(
  report: Report,
  format: ReportFormat,
  options: Partial<ReportDocumentOptions> = {},
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const chosen: ReportDocumentOptions = { ...DEFAULT_DOCUMENT_OPTIONS, ...options };
  const body =
    format === "docx"
      ? await reportDocumentToDocx(buildReportDocument(report, chosen))
      : format === "pdf"
        ? await reportDocumentToPdf(buildReportDocument(report, chosen))
        : format === "xlsx"
          ? await reportToXlsx(report, chosen.statusStyle)
          : Buffer.from(reportToCsv(report), "utf8");
  return { body, contentType: CONTENT_TYPES[format], fileName: reportFileName(report, format) };
}

/** Why a final report cannot be exported yet, in Norwegian; null when it can. */
export function finalExportRefusal(report: Report): string | null {
  if (report.draft || report.missing.length === 0) return null;
  const ids = report.missing.map((r) => (r.id === "Uten ID" ? r.title : r.id));
  return `Den endelige rapporten kan ikke lages: ${report.missing.length} oppdrag som ikke er fullført mangler forklaring (${ids.join(", ")}). Skriv forklaringene, eller lag et utkast.`;
}
