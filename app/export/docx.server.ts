/**
 * The report as a Word document (docx library): a heading per goal area, a real table per area
 * whose header row repeats on every page, the area's overall assessment, Norwegian dates, portrait
 * or landscape, and "UTKAST" on every page of a draft.
 */
import type * as Docx from "docx";
import { formatDateLong } from "~/domain/format";
import { REPORT_COLUMNS, type Report } from "~/domain/report";

export type Orientation = "portrait" | "landscape";

/** Relative column widths: ID, Oppdrag, Avdeling, Frist, Status, Beskrivelse, Kommentar. */
const WIDTHS = [8, 17, 8, 11, 8, 22, 26];

function cell(docx: typeof Docx, text: string, options: { header?: boolean; width: number }): Docx.TableCell {
  const { Paragraph, ShadingType, TableCell, TextRun, WidthType } = docx;
  const paragraphs = (text || " ").split(/\n+/).map(
    (line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.header, size: 18 })] }),
  );
  return new TableCell({
    children: paragraphs,
    width: { size: options.width, type: WidthType.PERCENTAGE },
    shading: options.header ? { type: ShadingType.CLEAR, color: "auto", fill: "D9E2F3" } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

export async function reportToDocx(report: Report, orientation: Orientation = "landscape"): Promise<Buffer> {
  // Loaded on first use: docx costs ≈ 8 MB of memory, which a server that never exports should
  // not carry (docs/performance.md §8).
  const docx = await import("docx");
  const { AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageNumber, PageOrientation } = docx;
  const { Paragraph, Table, TableRow, TextRun, WidthType } = docx;
  const draftMark = report.draft ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "UTKAST – ikke endelig rapport", bold: true, color: "C00000" })] })] : [];
  const children: Array<Docx.Paragraph | Docx.Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
    new Paragraph({
      children: [new TextRun(`Status per ${formatDateLong(report.asOfDate)}. Generert fra Oppdragsoversikt ${formatDateLong(new Date().toISOString().slice(0, 10))}.`)],
    }),
  ];
  for (const area of report.areas) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(area.heading)] }));
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: REPORT_COLUMNS.map((c, i) => cell(docx, c, { header: true, width: WIDTHS[i] })),
    });
    const rows = area.rows.map(
      (r) =>
        new TableRow({
          cantSplit: false,
          children: [
            r.id,
            r.letterNote ? `${r.title}\n(${r.letterNote})` : r.title,
            r.departments,
            r.deadline,
            r.statusLabel,
            r.description,
            r.comment || (r.explanationMissing ? "MANGLER FORKLARING" : ""),
          ].map((text, i) => cell(docx, text, { width: WIDTHS[i] })),
        }),
    );
    children.push(
      new Table({
        rows: [header, ...rows],
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: {
          top: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
          bottom: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
          left: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
          right: { style: BorderStyle.SINGLE, size: 4, color: "808080" },
          insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: "BFBFBF" },
          insideVertical: { style: BorderStyle.SINGLE, size: 2, color: "BFBFBF" },
        },
      }),
    );
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Samlet vurdering")] }));
    for (const para of (area.assessment || "Ingen samlet vurdering er skrevet.").split(/\n{2,}/)) {
      children.push(new Paragraph({ children: [new TextRun(para.replace(/\n/g, " "))] }));
    }
  }
  const doc = new Document({
    creator: "Oppdragsoversikt",
    title: report.title,
    description: report.draft ? "Utkast" : "Endelig",
    styles: { default: { document: { run: { font: "Arial", size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: orientation === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: 1000, bottom: 1000, left: 900, right: 900 },
          },
        },
        headers: { default: new Header({ children: draftMark.length ? draftMark : [new Paragraph(report.title)] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun(report.draft ? "UTKAST – side " : "Side "),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                  new TextRun(" av "),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
