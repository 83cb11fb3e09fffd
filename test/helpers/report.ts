import type { ReportPreviewRow } from "~/domain/report";

/** The fields the report preview shows of a row: what a preview row must share with the full report's. */
export const previewPart = (r: ReportPreviewRow) => ({
  key: r.key,
  id: r.id,
  title: r.title,
  status: r.status,
  statusLabel: r.statusLabel,
  comment: r.comment,
  letterNote: r.letterNote,
  explanationMissing: r.explanationMissing,
});
