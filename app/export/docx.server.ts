/**
 * The report document (`buildReportDocument`) as a Word file (docx library): a heading per goal
 * area with its Samlet vurdering, then a table with a real grid of fixed column widths in twips
 * (ID narrow, title and comment wide) whose header row repeats on every page, no hyphenation,
 * Norwegian dates, portrait by default, and "UTKAST" on every page of a draft.
 */
import type * as Docx from "docx";
import { formatDateLong } from "~/domain/format";
import { FONT, PAGE, type CellParagraph, type ReportDocument } from "~/domain/report-document";

const half = (points: number) => points * 2;
const GREY = "595959";
const BORDER = { style: "single", size: 4, color: "8C8C8C" } as const;

export async function reportDocumentToDocx(document: ReportDocument): Promise<Buffer> {
  // Loaded on first use: docx costs ≈ 8 MB of memory, which a server that never exports should
  // not carry (docs/performance.md §8).
  const docx = await import("docx");
  const { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, PageOrientation } = docx;
  const { Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, VerticalAlign } = docx;

  const cellParagraph = (p: CellParagraph) =>
    new Paragraph({
      spacing: { after: p.kind === "plain" ? 40 : 20 },
      children: [
        new TextRun({
          text: p.text,
          size: half(p.kind === "plain" || p.kind === "missing" ? FONT.table : FONT.note),
          color: p.kind === "missing" ? "C00000" : p.kind === "plain" ? undefined : GREY,
          bold: p.kind === "missing",
          italics: p.kind === "excerpt",
        }),
      ],
    });

  const cell = (children: Docx.Paragraph[], width: number, shading?: string | null) =>
    new TableCell({
      children: children.length ? children : [new Paragraph("")],
      width: { size: width, type: WidthType.DXA },
      shading: shading ? { type: ShadingType.CLEAR, color: "auto", fill: shading } : undefined,
      margins: { top: 50, bottom: 50, left: 80, right: 80 },
      verticalAlign: VerticalAlign.TOP,
    });

  const widths = document.columns.map((c) => c.width);
  const header = () =>
    new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: document.columns.map((c) =>
      cell([new Paragraph({ children: [new TextRun({ text: c.header, bold: true, size: half(FONT.table) })] })], c.width, "D9E2F3"),
    ),
  });

  const children: Array<Docx.Paragraph | Docx.Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(document.title)] }),
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun(document.intro)] }),
    new Paragraph({
      spacing: { after: 120 },
      children: [
        new TextRun({ text: "Status: ", bold: true }),
        new TextRun(document.summary.map((s) => `${s.label} ${s.count}`).join(" · ")),
      ],
    }),
  ];
  if (document.legend) {
    children.push(new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: "Fargekoder", bold: true })] }));
    for (const entry of document.legend) {
      children.push(
        new Paragraph({
          spacing: { after: 40 },
          children: [
            new TextRun({ text: ` ${entry.word} `, bold: true, color: entry.text, shading: { type: ShadingType.CLEAR, color: "auto", fill: entry.fill } }),
            new TextRun(`: ${entry.meaning}`),
          ],
        }),
      );
    }
  }
  children.push(
    new Paragraph({
      spacing: { after: 120 },
      children: [new TextRun({ text: `Laget i Oppdragsoversikt ${formatDateLong(new Date().toISOString().slice(0, 10))}.`, size: half(FONT.note), color: GREY })],
    }),
  );

  for (const area of document.areas) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun(area.heading)] }));
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun("Samlet vurdering")] }));
    const assessment = area.assessment.length ? area.assessment : ["Ingen samlet vurdering er skrevet."];
    assessment.forEach((text, i) =>
      children.push(
        new Paragraph({
          spacing: { after: 100 },
          keepNext: i === assessment.length - 1,
          children: [new TextRun({ text, italics: area.assessment.length === 0, color: area.assessment.length === 0 ? GREY : undefined })],
        }),
      ),
    );
    const rows = area.rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([cellParagraph({ text: r.id, kind: "plain" })], widths[0]),
            cell(r.title.map(cellParagraph), widths[1]),
            cell(r.deadline.map((text) => cellParagraph({ text, kind: "plain" })), widths[2]),
            cell(
              [new Paragraph({ children: [new TextRun({ text: r.status.text, size: half(FONT.table), bold: r.status.fill !== null, color: r.status.color ?? undefined })] })],
              widths[3],
              r.status.fill,
            ),
            cell(r.comment.map(cellParagraph), widths[4]),
          ],
        }),
    );
    children.push(
      new Table({
        rows: [header(), ...rows],
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        width: { size: document.textWidth, type: WidthType.DXA },
        borders: {
          top: BORDER,
          bottom: BORDER,
          left: BORDER,
          right: BORDER,
          insideHorizontal: { style: "single", size: 2, color: "BFBFBF" },
          insideVertical: { style: "single", size: 2, color: "BFBFBF" },
        },
      }),
    );
  }

  const draftMark = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: "UTKAST – ikke endelig rapport", bold: true, color: "C00000" })],
  });
  const doc = new Document({
    creator: "Oppdragsoversikt",
    title: document.title,
    description: document.draft ? "Utkast" : "Endelig",
    features: { updateFields: false },
    hyphenation: { autoHyphenation: false },
    styles: {
      default: {
        document: { run: { font: "Arial", size: half(FONT.body) } },
        title: { run: { font: "Arial", size: half(18), bold: true } },
        heading1: { run: { font: "Arial", size: half(14), bold: true, color: "1F3864" }, paragraph: { spacing: { before: 280, after: 100 } } },
        heading2: { run: { font: "Arial", size: half(11), bold: true }, paragraph: { spacing: { before: 80, after: 60 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              orientation: document.orientation === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
              width: PAGE.width,
              height: PAGE.height,
            },
            margin: { top: PAGE.marginTop, bottom: PAGE.marginBottom, left: PAGE.marginX, right: PAGE.marginX, header: 500, footer: 500 },
          },
        },
        headers: {
          // Every page says whose report it is: the title, under the draft mark in a draft.
          default: new Header({
            children: [
              ...(document.draft ? [draftMark] : []),
              new Paragraph({
                alignment: document.draft ? AlignmentType.CENTER : undefined,
                children: [new TextRun({ text: document.title, size: half(FONT.note), color: GREY })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: document.draft ? "UTKAST – side " : "Side ", size: half(FONT.note) }),
                  new TextRun({ children: [PageNumber.CURRENT], size: half(FONT.note) }),
                  new TextRun({ text: " av ", size: half(FONT.note) }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: half(FONT.note) }),
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
