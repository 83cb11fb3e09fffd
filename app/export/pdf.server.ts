/**
 * The report document (`buildReportDocument`) as a PDF (pdfmake, on pdfkit): the same structure
 * as the Word file — title, status summary, legend for the colour code, a heading per goal area
 * with its Samlet vurdering, a table with the same column shares and a header row that repeats on
 * every page — in the Roboto font that ships with pdfmake (no system fonts, no LibreOffice).
 */
import { createRequire } from "node:module";
import path from "node:path";
import type * as PdfMakeModule from "pdfmake";
import type { Content, TDocumentDefinitions, TableCell } from "pdfmake/interfaces";
import { formatDateLong } from "~/domain/format";
import { FONT, PAGE, type CellParagraph, type ReportDocument } from "~/domain/report-document";

type PdfMake = typeof PdfMakeModule;

const GREY = "#595959";
const CELL_PADDING = 4;
const twipsToPoints = (twips: number) => twips / 20;

let loaded: Promise<PdfMake> | null = null;

/** pdfmake with its bundled Roboto, reading no URL and no file outside its own font folder (also what the tests make PDFs with). */
export function pdfmake(): Promise<PdfMake> {
  loaded ??= (async () => {
    // Loaded on first use, like docx and exceljs: a server that never exports does not carry it.
    const module = (await import("pdfmake")) as unknown as { default?: PdfMake } & PdfMake;
    const instance = module.default ?? module;
    const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfmake/package.json")), "fonts", "Roboto");
    instance.setFonts({
      Roboto: {
        normal: path.join(fontDir, "Roboto-Regular.ttf"),
        bold: path.join(fontDir, "Roboto-Medium.ttf"),
        italics: path.join(fontDir, "Roboto-Italic.ttf"),
        bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
      },
    });
    instance.setUrlAccessPolicy(() => false);
    instance.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
    return instance;
  })();
  return loaded;
}

function cellParagraph(p: CellParagraph): Content {
  switch (p.kind) {
    case "plain":
      return { text: p.text, margin: [0, 0, 0, 2] };
    case "missing":
      return { text: p.text, bold: true, color: "#C00000" };
    case "excerpt":
      return { text: p.text, fontSize: FONT.note, italics: true, color: GREY, margin: [0, 1, 0, 1] };
    default:
      return { text: p.text, fontSize: FONT.note, color: GREY, margin: [0, 1, 0, 1] };
  }
}

/** The pdfmake document definition (exported for tests: what the PDF is made of). */
export function reportPdfDefinition(document: ReportDocument): TDocumentDefinitions {
  // pdfmake's widths are content widths: the cell padding comes on top of them.
  const widths = document.columns.map((c) => twipsToPoints(c.width) - 2 * CELL_PADDING - 0.5);
  // A fresh header per table: pdfmake annotates the cell objects it lays out.
  const header = (): TableCell[] => document.columns.map((c) => ({ text: c.header, bold: true, fillColor: "#D9E2F3" }));
  const content: Content[] = [
    { text: document.title, style: "title" },
    { text: document.intro, margin: [0, 0, 0, 6] },
    { text: [{ text: "Status: ", bold: true }, document.summary.map((s) => `${s.label} ${s.count}`).join(" · ")], margin: [0, 0, 0, 6] },
  ];
  if (document.legend) {
    content.push({ text: "Fargekoder", bold: true, margin: [0, 2, 0, 2] });
    for (const entry of document.legend) {
      content.push({
        text: [{ text: ` ${entry.word} `, bold: true, color: `#${entry.text}`, background: `#${entry.fill}` }, `: ${entry.meaning}`],
        margin: [0, 0, 0, 2],
      });
    }
  }
  content.push({
    text: `Laget i Oppdragsoversikt ${formatDateLong(new Date().toISOString().slice(0, 10))}.`,
    fontSize: FONT.note,
    color: GREY,
    margin: [0, 2, 0, 6],
  });
  for (const area of document.areas) {
    content.push({ text: area.heading, style: "h1", headlineLevel: 1 });
    content.push({ text: "Samlet vurdering", style: "h2", headlineLevel: 2 });
    if (area.assessment.length === 0) content.push({ text: "Ingen samlet vurdering er skrevet.", italics: true, color: GREY, margin: [0, 0, 0, 6] });
    for (const text of area.assessment) content.push({ text, margin: [0, 0, 0, 5] });
    const body: TableCell[][] = [
      header(),
      ...area.rows.map((r): TableCell[] => [
        { text: r.id },
        { stack: r.title.map(cellParagraph) },
        { stack: r.deadline.map((text) => ({ text })) },
        r.status.fill ? { text: r.status.text, bold: true, color: `#${r.status.color}`, fillColor: `#${r.status.fill}` } : { text: r.status.text },
        { stack: r.comment.map(cellParagraph) },
      ]),
    ];
    content.push({
      table: { headerRows: 1, widths, body },
      fontSize: FONT.table,
      margin: [0, 4, 0, 4],
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => "#BFBFBF",
        vLineColor: () => "#BFBFBF",
        paddingLeft: () => CELL_PADDING,
        paddingRight: () => CELL_PADDING,
        paddingTop: () => 2.5,
        paddingBottom: () => 2.5,
      },
    });
  }
  const landscape = document.orientation === "landscape";
  return {
    info: { title: document.title, creator: "Oppdragsoversikt", subject: document.draft ? "Utkast" : "Endelig" },
    pageSize: "A4",
    pageOrientation: landscape ? "landscape" : "portrait",
    pageMargins: [twipsToPoints(PAGE.marginX), twipsToPoints(PAGE.marginTop), twipsToPoints(PAGE.marginX), twipsToPoints(PAGE.marginBottom)],
    defaultStyle: { font: "Roboto", fontSize: FONT.body, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 8] },
      h1: { fontSize: 14, bold: true, color: "#1F3864", margin: [0, 12, 0, 4] },
      h2: { fontSize: 11, bold: true, margin: [0, 2, 0, 3] },
    },
    // Every page says whose report it is: the title, under the draft mark in a draft.
    header: () =>
      document.draft
        ? {
            stack: [
              { text: "UTKAST – ikke endelig rapport", bold: true, color: "#C00000" },
              { text: document.title, fontSize: FONT.note, color: GREY },
            ],
            alignment: "center",
            margin: [twipsToPoints(PAGE.marginX), 16, twipsToPoints(PAGE.marginX), 0],
          }
        : { text: document.title, fontSize: FONT.note, color: GREY, margin: [twipsToPoints(PAGE.marginX), 20, twipsToPoints(PAGE.marginX), 0] },
    footer: (currentPage: number, pageCount: number) => ({
      text: `${document.draft ? "UTKAST – side" : "Side"} ${currentPage} av ${pageCount}`,
      fontSize: FONT.note,
      alignment: "center",
      margin: [0, 15, 0, 0],
    }),
    // A heading never ends a page: it moves to the next one with what it introduces.
    pageBreakBefore: (node) => node.headlineLevel !== undefined && (node.startPosition.verticalRatio ?? 0) > 0.82,
    content,
  };
}

export async function reportDocumentToPdf(document: ReportDocument): Promise<Buffer> {
  const make = await pdfmake();
  return make.createPdf(reportPdfDefinition(document)).getBuffer();
}
