/**
 * The changes page as an Excel workbook (exceljs, loaded on first use as for the report): one row
 * per change, when it took effect and when it was written, header frozen, filters on.
 */
import { describeChange, effectiveDay } from "~/domain/change-text";
import { CHANGE_KIND_LABELS } from "~/domain/change-filter";
import { todayInOslo } from "~/domain/format";
import type { ChangeRow } from "~/models/changes.server";

/** `withAgency`: a Virksomhet column (the register holds several agencies and none was chosen). */
export async function changesToXlsx(rows: readonly ChangeRow[], title: string, options: { withAgency?: boolean } = {}): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Oppdragsoversikt";
  workbook.title = title;
  const sheet = workbook.addWorksheet("Endringer", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "Gjelder fra", key: "effective", width: 13, style: { numFmt: "dd.mm.yyyy" } },
    { header: "Registrert", key: "written", width: 18, style: { numFmt: "dd.mm.yyyy hh:mm" } },
    { header: "ID", key: "id", width: 13 },
    { header: "Oppdrag", key: "title", width: 45 },
    ...(options.withAgency ? [{ header: "Virksomhet", key: "agency", width: 30 }] : []),
    { header: "Type", key: "kind", width: 20 },
    { header: "Endring", key: "what", width: 30 },
    { header: "Kommentar", key: "comment", width: 60 },
    { header: "Av", key: "who", width: 25 },
  ];
  for (const r of rows) {
    sheet.addRow({
      effective: new Date(`${effectiveDay(r.effective, todayInOslo)}T00:00:00Z`),
      written: new Date(r.written),
      id: r.hasId ? r.key : "Uten ID",
      title: r.title,
      agency: r.agencyName,
      kind: CHANGE_KIND_LABELS[r.kind],
      what: describeChange(r),
      comment: r.comment ?? "",
      who: r.who,
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  sheet.getColumn("comment").alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
