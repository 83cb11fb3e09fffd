/** Word's heading numbers put back into the text (app/letters/docx-numbering.ts), on mammoth's document model. */
import { describe, expect, it } from "vitest";
import { numberHeadings } from "~/letters/docx-numbering";

const heading = (text: string, level: number, styleName = `Heading ${level + 1}`) => ({
  type: "paragraph",
  styleName,
  numbering: { isOrdered: true, level: String(level) },
  children: [{ type: "run", children: [{ type: "text", value: text }] }],
});
const paragraph = (text: string, numbering: { isOrdered: boolean; level: string } | null = null) => ({
  type: "paragraph",
  styleName: "Normal",
  numbering,
  children: [{ type: "run", children: [{ type: "text", value: text }] }],
});
const texts = (doc: { children: { children: { children: { value: string }[] }[] }[] }) => doc.children.map((p) => p.children[0].children[0].value);

describe("numberHeadings", () => {
  it("counts numbered headings as a multilevel list does, a deeper level starting over under each higher one", () => {
    const doc = {
      type: "document",
      children: [
        heading("Innledning", 0),
        paragraph("Tekst."),
        heading("Mål og oppdrag", 0),
        heading("Folkehelse", 1),
        heading("Spesielle oppdrag", 2),
        heading("Helsetjenester", 1),
        heading("Spesielle oppdrag", 2),
        heading("Budsjett", 0),
        heading("Kap. 740", 1),
      ],
    };
    expect(texts(numberHeadings(doc))).toEqual([
      "1 Innledning",
      "Tekst.",
      "2 Mål og oppdrag",
      "2.1 Folkehelse",
      "2.1.1 Spesielle oppdrag",
      "2.2 Helsetjenester",
      "2.2.1 Spesielle oppdrag",
      "3 Budsjett",
      "3.1 Kap. 740",
    ]);
  });

  it("leaves list paragraphs, bulleted headings and unnumbered headings as they are; Norwegian style names count", () => {
    const doc = {
      type: "document",
      children: [
        paragraph("Kartlegging", { isOrdered: true, level: "0" }),
        { ...heading("Punkt", 0), numbering: { isOrdered: false, level: "0" } },
        { ...heading("Uten nummer", 0), numbering: null },
        heading("Oppdrag", 1, "overskrift 2"),
      ],
    };
    expect(texts(numberHeadings(doc))).toEqual(["Kartlegging", "Punkt", "Uten nummer", "1.1 Oppdrag"]);
  });
});
