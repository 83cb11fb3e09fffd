/**
 * The register as a file: JSON (the contract), CSV for Norwegian Excel (the report's CSV rules,
 * app/export/csv.ts) and an Excel workbook (one sheet per assignment row, one per deadline, one per part).
 */
import { csvCell } from "~/export/csv";
import { formatDateShort } from "~/domain/format";
import { PART_KIND_LABELS } from "~/domain/parts";
import { REGISTER_COLUMNS, registerRows, registerToJson, type RegisterEntry, type RegisterFormat } from "~/domain/register";
import { STATUS_LABELS } from "~/domain/status";

export interface RegisterFile {
  body: Buffer;
  contentType: string;
  extension: string;
}

export function registerToCsv(entries: RegisterEntry[]): string {
  const lines = [REGISTER_COLUMNS.map(csvCell).join(";"), ...registerRows(entries, formatDateShort).map((row) => row.map(csvCell).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function registerToXlsx(entries: RegisterEntry[]): Promise<Buffer> {
  // Loaded on first use, as for the report (docs/performance.md §8).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Oppdragsoversikt";
  workbook.title = "Oppdragsregister";
  const sheet = workbook.addWorksheet("Oppdrag", { views: [{ state: "frozen", ySplit: 1 }] });
  const widths = [13, 6, 25, 50, 14, 9, 9, 13, 10, 60, 60];
  sheet.columns = REGISTER_COLUMNS.map((header, i) => ({ header, key: String(i), width: widths[i] }));
  for (const row of registerRows(entries, formatDateShort)) sheet.addRow(row);

  const deadlines = workbook.addWorksheet("Frister", { views: [{ state: "frozen", ySplit: 1 }] });
  deadlines.columns = [
    { header: "ID", key: "id", width: 13 },
    { header: "Virksomhet", key: "agency", width: 25 },
    { header: "Leveranse", key: "label", width: 20 },
    { header: "Frist", key: "date", width: 12, style: { numFmt: "dd.mm.yyyy" } },
    { header: "Presisjon", key: "precision", width: 10 },
    { header: "Slik står det i brevet", key: "text", width: 50 },
    { header: "Brev", key: "letter", width: 45 },
  ];
  for (const e of entries) {
    for (const d of e.deadlines) {
      deadlines.addRow({
        id: e.id,
        agency: e.agency,
        label: d.label ?? "Oppdraget",
        date: d.date ? new Date(`${d.date}T00:00:00Z`) : null,
        precision: d.precision ?? (d.state === "invalid" ? "ugyldig" : ""),
        text: d.text,
        letter: d.letter,
      });
    }
  }
  const parts = workbook.addWorksheet("Deler", { views: [{ state: "frozen", ySplit: 1 }] });
  parts.columns = [
    { header: "ID", key: "id", width: 13 },
    { header: "Virksomhet", key: "agency", width: 25 },
    { header: "Del", key: "kind", width: 20 },
    { header: "Brev", key: "letter", width: 50 },
    { header: "Dato", key: "date", width: 12, style: { numFmt: "dd.mm.yyyy" } },
    { header: "Status nå", key: "status", width: 13 },
  ];
  for (const e of entries) {
    for (const p of e.parts) {
      parts.addRow({ id: e.id, agency: e.agency, kind: PART_KIND_LABELS[p.kind], letter: p.letter, date: p.date ? new Date(`${p.date}T00:00:00Z`) : null, status: STATUS_LABELS[e.status] });
    }
  }
  for (const ws of [sheet, deadlines, parts]) {
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
    ws.eachRow((row, n) => {
      if (n > 1) row.alignment = { vertical: "top", wrapText: true };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function renderRegisterFile(entries: RegisterEntry[], format: RegisterFormat): Promise<RegisterFile> {
  if (format === "json") return { body: Buffer.from(registerToJson(entries), "utf8"), contentType: "application/json; charset=utf-8", extension: "json" };
  if (format === "csv") return { body: Buffer.from(registerToCsv(entries), "utf8"), contentType: "text/csv; charset=utf-8", extension: "csv" };
  return {
    body: await registerToXlsx(entries),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  };
}
