/**
 * The report as an Excel workbook (exceljs): one row per assignment, header frozen, filters on,
 * sensible widths, dates as real dates; a second sheet with the overall assessments, a third with
 * every version of the texts (author and time).
 */
import { formatDateLong, formatDateTime } from "~/domain/format";
import type { Report } from "~/domain/report";
import { SIGNALS, STATUS_SIGNAL, statusLegend, type StatusStyle } from "~/domain/report-document";

/**
 * With `statusStyle: "colours"` a "Fargekode" column follows the status (the colour word on its
 * colour) and a "Fargekoder" sheet holds the legend; the status words stay, so filters still work.
 */
export async function reportToXlsx(report: Report, statusStyle: StatusStyle = "words"): Promise<Buffer> {
  // Loaded on first use: exceljs costs ≈ 27 MB of memory, which a server that never exports
  // should not carry (docs/performance.md §8).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Oppdragsoversikt";
  workbook.title = report.title;
  workbook.subject = report.draft ? "Utkast" : "Endelig";
  const sheet = workbook.addWorksheet(report.draft ? "Status (utkast)" : "Status", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: {
      // The title on every printed page ("&" doubled: it starts a code in a header), under the draft mark in a draft.
      oddHeader: `&C${report.draft ? "&\"-,Bold\"UTKAST – ikke endelig rapport&\"-,Regular\"\n" : ""}${report.title.replace(/&/g, "&&")}`,
      oddFooter: `&L${report.draft ? "UTKAST" : ""}&CSide &P av &N&RPer ${formatDateLong(report.asOfDate)}`,
    },
  });
  sheet.columns = [
    { header: "Område", key: "area", width: 28 },
    { header: "ID", key: "id", width: 13 },
    { header: "Oppdrag", key: "title", width: 45 },
    { header: "Avdeling", key: "departments", width: 12 },
    { header: "Frist", key: "deadline", width: 30 },
    { header: "Første frist", key: "deadlineDate", width: 13, style: { numFmt: "dd.mm.yyyy" } },
    { header: "Status", key: "status", width: 13 },
    ...(statusStyle === "colours" ? [{ header: "Fargekode", key: "signal", width: 11 }] : []),
    { header: "Beskrivelse", key: "description", width: 60 },
    { header: "Kommentar", key: "comment", width: 60 },
    { header: "Gitt i", key: "letter", width: 40 },
  ];
  for (const area of report.areas) {
    for (const r of area.rows) {
      sheet.addRow({
        area: area.heading,
        id: r.id,
        title: r.title,
        departments: r.departments,
        deadline: r.deadline,
        deadlineDate: r.deadlineDate ? new Date(`${r.deadlineDate}T00:00:00Z`) : null,
        status: r.statusLabel,
        signal: SIGNALS[STATUS_SIGNAL[r.status]].word,
        description: r.description,
        comment: r.comment,
        letter: r.letterNote ?? "",
      });
    }
  }
  if (statusStyle === "colours") {
    const column = sheet.getColumn("signal");
    const statuses = report.areas.flatMap((a) => a.rows.map((r) => r.status));
    column.eachCell((cell, n) => {
      if (n === 1) return;
      const signal = SIGNALS[STATUS_SIGNAL[statuses[n - 2]]];
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${signal.fill}` } };
      cell.font = { bold: true, color: { argb: `FF${signal.text}` } };
    });
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E2F3" } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  sheet.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: "top", wrapText: true };
  });

  const assessments = workbook.addWorksheet("Samlet vurdering", { views: [{ state: "frozen", ySplit: 1 }] });
  assessments.columns = [
    { header: "Område", key: "area", width: 40 },
    { header: "Samlet vurdering", key: "text", width: 120 },
  ];
  assessments.getRow(1).font = { bold: true };
  for (const area of report.areas) assessments.addRow({ area: area.heading, text: area.assessment });
  assessments.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: "top", wrapText: true };
  });
  // Every version of the texts, with author and time: who wrote what, and when.
  const history = workbook.addWorksheet("Historikk", { views: [{ state: "frozen", ySplit: 1 }] });
  history.columns = [
    { header: "Tidspunkt", key: "at", width: 18 },
    { header: "Skrevet av", key: "author", width: 28 },
    { header: "Gjelder", key: "kind", width: 18 },
    { header: "Oppdrag / område", key: "label", width: 50 },
    { header: "Tekst", key: "text", width: 100 },
  ];
  history.getRow(1).font = { bold: true };
  for (const v of report.history) {
    history.addRow({
      // Norwegian time as text: an Excel date has no time zone and would show UTC.
      at: formatDateTime(v.writtenAt),
      author: v.author,
      kind: v.kind === "forklaring" ? "Forklaring" : "Samlet vurdering",
      label: v.label,
      text: v.text,
    });
  }
  history.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: "top", wrapText: true };
  });
  history.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };

  if (statusStyle === "colours") {
    const legend = workbook.addWorksheet("Fargekoder");
    legend.columns = [
      { header: "Farge", key: "word", width: 12 },
      { header: "Betyr", key: "meaning", width: 80 },
    ];
    legend.getRow(1).font = { bold: true };
    for (const entry of statusLegend()) {
      const row = legend.addRow({ word: entry.word, meaning: entry.meaning });
      row.getCell(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${entry.fill}` } };
      row.getCell(1).font = { bold: true, color: { argb: `FF${entry.text}` } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
