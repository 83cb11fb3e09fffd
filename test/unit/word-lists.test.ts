/** Word's list numbers counted from numbering.xml and document.xml, and written into mammoth's model (app/letters/word-lists.ts). */
import { describe, expect, it } from "vitest";
import { numberedParagraphs, numberLists, readWordNumbering, readWordStyles } from "~/letters/word-lists";

const level = (ilvl: number, format: string, text: string, start = 1, extra = "") =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const abstractNum = (id: number, ...levels: string[]) => `<w:abstractNum w:abstractNumId="${id}">${levels.join("")}</w:abstractNum>`;
const num = (id: number, abstractId: number, overrides = "") => `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
const numberingXml = (...parts: string[]) => `<?xml version="1.0"?><w:numbering xmlns:w="x">${parts.join("")}</w:numbering>`;
const p = (text: string, numId?: number, ilvl = 0) =>
  `<w:p><w:pPr>${numId === undefined ? "" : `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const documentXml = (...paragraphs: string[]) => `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${paragraphs.join("")}</w:body></w:document>`;

const markers = (numbering: string, ...paragraphs: string[]) =>
  numberedParagraphs(documentXml(...paragraphs), readWordNumbering(numbering)).map((n) => `${n.marker} ${n.text}`);

describe("numberedParagraphs", () => {
  it("draws each level's number in its format and pattern; a higher level restarts the levels below", () => {
    const numbering = numberingXml(
      abstractNum(1, level(0, "decimal", "%1."), level(1, "lowerLetter", "%2)"), level(2, "lowerRoman", "(%3)"), level(3, "decimal", "%1.%2.%4")),
      num(5, 1),
    );
    expect(markers(numbering, p("A", 5), p("a", 5, 1), p("b", 5, 1), p("i", 5, 2), p("ii", 5, 2), p("B", 5), p("a igjen", 5, 1), p("dypt", 5, 3))).toEqual([
      "1. A",
      "a) a",
      "b) b",
      "(i) i",
      "(ii) ii",
      "2. B",
      "a) a igjen",
      "2.a.1 dypt",
    ]);
  });

  it("knows upper letters and roman numbers, zero-padded numbers, letters past z, bullets, 'none', a start value and legal numbering", () => {
    const numbering = numberingXml(
      abstractNum(1, level(0, "upperRoman", "%1."), level(1, "upperLetter", "%2."), level(2, "decimalZero", "%3", 9)),
      abstractNum(2, level(0, "lowerLetter", "%1)", 26)),
      abstractNum(3, level(0, "bullet", "\uF0B7"), level(1, "none", "")),
      abstractNum(4, level(0, "upperRoman", "%1."), level(1, "lowerLetter", "%1.%2", 1, "<w:isLgl/>")),
      num(1, 1),
      num(2, 2),
      num(3, 3),
      num(4, 4),
    );
    expect(markers(numbering, p("I", 1), p("A", 1, 1), p("09", 1, 2), p("10", 1, 2), p("II", 1), p("z", 2), p("aa", 2), p("punkt", 3), p("uten", 3, 1), p("IV", 4), p("IV", 4), p("lovlig", 4, 1))).toEqual([
      "I. I",
      "A. A",
      "09 09",
      "10 10",
      "II. II",
      "z) z",
      "aa) aa",
      "• punkt",
      " uten",
      "I. IV",
      "II. IV",
      "2.1 lovlig",
    ]);
  });

  it("continues an abstract list across its instances unless one overrides its start; numId 0 is no list", () => {
    const numbering = numberingXml(
      abstractNum(1, level(0, "decimal", "%1.")),
      num(1, 1),
      num(2, 1),
      num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
    );
    expect(markers(numbering, p("en", 1), p("to", 1), p("tre", 2), p("ikke", 0), p("på nytt", 3), p("fem", 3))).toEqual(["1. en", "2. to", "3. tre", "1. på nytt", "2. fem"]);
  });

  it("reads the text of runs (entities decoded, deleted text left out), skips a tracked change's old numbering, and a text box's paragraph is its own", () => {
    const numbering = numberingXml(abstractNum(1, level(0, "lowerLetter", "%1)")), num(1, 1));
    const tracked = `<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>var nummerert</w:t></w:r></w:p>`;
    const withDeleted = `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Helse &amp; omsorg</w:t></w:r><w:del><w:r><w:delText> slettet</w:delText></w:r></w:del></w:p>`;
    const textBox = `<w:p><w:r><w:t>Ytre</w:t><w:pict><w:txbxContent>${p("i boksen", 1)}</w:txbxContent></w:pict></w:r></w:p>`;
    expect(markers(numbering, tracked, withDeleted, textBox, p("siste", 1))).toEqual(["a) Helse & omsorg", "b) i boksen", "c) siste"]);
  });

  it("counts paragraphs numbered through their style: the style's own numbering, a style it is based on, or a list level that names the style", () => {
    const numbering = numberingXml(
      abstractNum(1, level(0, "decimal", "%1."), level(1, "lowerLetter", "%2)")),
      abstractNum(2, level(0, "decimal", "%1", 1, '<w:pStyle w:val="Overskrift1"/>'), level(1, "decimal", "%1.%2", 1, '<w:pStyle w:val="Overskrift2"/>')),
      num(1, 1),
      num(7, 2),
    );
    const style = (id: string, inner: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id}"/>${inner}</w:style>`;
    const styles = readWordStyles(
      `<w:styles>${[
        style("Oppdragsliste", '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'),
        style("Bokstavliste", '<w:basedOn w:val="Bokstavbase"/>'),
        style("Bokstavbase", '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>'),
        style("Overskrift1", ""),
        style("Overskrift2", ""),
        style("Vanlig", ""),
      ].join("")}</w:styles>`,
    );
    const styled = (text: string, styleId: string, numPr = "") => `<w:p><w:pPr><w:pStyle w:val="${styleId}"/>${numPr}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const read = numberedParagraphs(
      documentXml(
        styled("Kapittel", "Overskrift1"),
        styled("Kartlegging", "Oppdragsliste"),
        styled("Første del", "Bokstavliste"),
        styled("Andre del", "Bokstavliste"),
        styled("", "Oppdragsliste"),
        styled("Beredskapsplan", "Oppdragsliste"),
        styled("Unntatt fra listen", "Oppdragsliste", '<w:numPr><w:numId w:val="0"/></w:numPr>'),
        styled("Avsnitt", "Overskrift2"),
        styled("Vanlig tekst", "Vanlig"),
        p("Direkte", 1, 1),
      ),
      readWordNumbering(numbering),
      styles,
    );
    expect(read.map((n) => `${n.marker} ${n.text}${n.byStyle ? "" : " (egen)"}`)).toEqual([
      "1 Kapittel",
      "1. Kartlegging",
      "a) Første del",
      "b) Andre del",
      // The empty numbered paragraph took number 2.
      "3. Beredskapsplan",
      "1.1 Avsnitt",
      "a) Direkte (egen)",
    ]);
  });

  it("gives up quietly on broken XML: unclosed elements, no end tags", () => {
    const broken = "<w:abstractNum w:abstractNumId=\"1\">".repeat(2000) + "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/>";
    expect(readWordNumbering(broken).nums.size).toBe(0);
    const numbering = numberingXml(abstractNum(1, level(0, "decimal", "%1.")), num(1, 1));
    expect(numberedParagraphs("<w:p><w:pPr><w:numPr>".repeat(2000), readWordNumbering(numbering))).toEqual([]);
    expect(numberedParagraphs(`<w:p>\n<w:pPr><w:numPr><w:ilvl\nw:val="0"/><w:numId\tw:val="1"/></w:numPr></w:pPr><w:r><w:t>linjeskift</w:t></w:r></w:p>`, readWordNumbering(numbering))).toEqual([
      { marker: "1.", text: "linjeskift", byStyle: false },
    ]);
  });
});

describe("numberLists", () => {
  const para = (text: string, numbering: { isOrdered: boolean; level: string } | null, styleName = "List Paragraph") => ({
    type: "paragraph",
    styleName,
    numbering,
    children: [{ type: "run", children: [{ type: "text", value: text }] }],
  });
  const ordered = { isOrdered: true, level: "0" };
  const isHeading = (e: { styleName?: string | null }) => /^Heading/.test(e.styleName ?? "");

  it("writes the marker into the paragraph with the same text and makes it a plain paragraph; headings and style-numbered items are left alone", () => {
    const doc = {
      type: "document",
      children: [
        para("Folkehelse", ordered, "Heading 2"),
        para("Nummerert av stilen", ordered),
        para("Første del", ordered),
        para("Vanlig avsnitt", null),
        { type: "table", children: [{ type: "tableRow", children: [{ type: "tableCell", children: [para("Andre del", ordered)] }] }] },
      ],
    };
    numberLists(
      doc,
      [
        { marker: "1", text: "Folkehelse", byStyle: false },
        { marker: "a)", text: "Første del", byStyle: false },
        { marker: "b)", text: "Andre del", byStyle: false },
      ],
      isHeading,
    );
    const [heading, byStyle, first, , table] = doc.children as ReturnType<typeof para>[];
    expect(heading).toMatchObject({ numbering: ordered, children: [{ children: [{ value: "Folkehelse" }] }] });
    expect(byStyle).toMatchObject({ numbering: ordered, children: [{ children: [{ value: "Nummerert av stilen" }] }] });
    expect(first).toMatchObject({ numbering: null, children: [{ children: [{ value: "a) Første del" }] }] });
    expect(JSON.stringify(table)).toContain('"value":"b) Andre del"');
  });

  it("numbers a paragraph mammoth did not mark only when its style numbers it", () => {
    const doc = { type: "document", children: [para("Kartlegging", null), para("Beredskap", null), para("Beredskap", null)] };
    numberLists(
      doc,
      [
        { marker: "1.", text: "Kartlegging", byStyle: true },
        { marker: "2.", text: "Beredskap", byStyle: false },
      ],
      isHeading,
    );
    expect(doc.children.map((c) => c.children[0].children[0].value)).toEqual(["1. Kartlegging", "Beredskap", "Beredskap"]);
  });
});
