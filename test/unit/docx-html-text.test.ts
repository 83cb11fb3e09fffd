/** Word's list numbers and bullets kept when a .docx becomes text (app/letters/html-text.ts). */
import { describe, expect, it } from "vitest";
import { docxHtmlToText } from "~/letters/html-text";

describe("docxHtmlToText", () => {
  it("gives a paragraph per line with a blank line after it, as mammoth's raw text does", () => {
    expect(docxHtmlToText("<h1>Tildelingsbrev 2026</h1><p>Første avsnitt.</p><p><strong>Andre</strong> avsnitt &amp; mer.</p>")).toBe(
      "Tildelingsbrev 2026\n\nFørste avsnitt.\n\nAndre avsnitt & mer.\n",
    );
  });

  it("numbers the items of an ordered list and bullets those of an unordered one; a nested list counts on its own", () => {
    const html = "<p>Oppdrag</p><ol><li>Kartlegging</li><li>Plan<ol><li>Del A</li><li>Del B</li></ol></li><li>Rapport</li></ol><ul><li>utrede A</li><li><p>utrede B</p></li></ul>";
    expect(docxHtmlToText(html).split("\n").filter(Boolean)).toEqual([
      "Oppdrag",
      "1. Kartlegging",
      "2. Plan",
      "1. Del A",
      "2. Del B",
      "3. Rapport",
      "• utrede A",
      "• utrede B",
    ]);
  });

  it("gives a table row as one line, its cells side by side (empty cells left out), a blank line after the table; decodes entities", () => {
    const html =
      "<table><tr><td><p>ID</p></td><td><p>Frist</p></td></tr><tr><td><p>TB2026-1</p></td><td><p>1.&nbsp;mai &lt;2026&gt; &#8211; &#x2022;</p></td></tr>" +
      "<tr><td></td><td><p>Første avsnitt</p><p>andre<br />linje</p></td></tr></table><p>Etter tabellen</p>";
    expect(docxHtmlToText(html)).toBe("ID   Frist\nTB2026-1   1.\u00A0mai <2026> – •\nFørste avsnitt   andre linje\n\nEtter tabellen\n");
  });

  it("keeps a line break inside a paragraph, and drops empty paragraphs", () => {
    expect(docxHtmlToText("<p>Frist: 1. mai 2026<br />Ansvarlig: KTA</p><p></p><p> </p><p>Slutt</p>")).toBe("Frist: 1. mai 2026\nAnsvarlig: KTA\n\nSlutt\n");
  });
});
