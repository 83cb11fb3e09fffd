/**
 * CSV for Norwegian Excel: UTF-8 with BOM, semicolon separator, CRLF line ends. Cells that a
 * spreadsheet would read as a formula (= + - @, tab, CR) are neutralised with a leading
 * apostrophe, and a cell with a comma or semicolon is quoted, so it stays one cell whichever
 * separator the spreadsheet assumes. Pure.
 */
import type { Report } from "~/domain/report";

export const CSV_HEADER = ["Område", "ID", "Oppdrag", "Avdeling", "Frist", "Status", "Beskrivelse", "Kommentar", "Gitt i", "Merknad"];

export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One cell, quoted when it holds a separator of either kind, a quote or a line break: the file
 * uses semicolons, but Excel with an English locale splits on commas, and `ok,=1+1` must not
 * become a second cell starting with a formula.
 */
export function csvCell(value: string): string {
  const safe = neutralise(value);
  return /[;,"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportToCsv(report: Report): string {
  const lines = [CSV_HEADER.map(csvCell).join(";")];
  for (const area of report.areas) {
    for (const r of area.rows) {
      lines.push(
        [area.heading, r.id, r.title, r.departments, r.deadline, r.statusLabel, r.description, r.comment, r.letterNote ?? "", report.draft ? "UTKAST" : ""]
          .map(csvCell)
          .join(";"),
      );
    }
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
