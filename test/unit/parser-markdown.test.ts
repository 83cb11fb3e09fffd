/**
 * Letters converted to Markdown by a document pipeline (markdown.ts). Before, such a text had no
 * assignment at all: "Fant ingen oppdrag", a supplementary letter read as a main letter, and the
 * pipeline's front matter line "id: DOK-0042" warned as an ID line. The fixtures are in our own
 * words, in the shape such converters give: front matter, "# **subject**", "#### **TB2026-63
 * Title**", "**Frist:**", pipe tables, images, links, escapes.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeMarkdown, markdownToLetterText } from "../../app/domain/letter/markdown";
import { normaliseLetterText } from "../../app/domain/letter/normalise";
import { parseLetter } from "../../app/domain/letter/parse";
import { readFormLetter as form } from "../helpers/letter-series";
import { byId, dated } from "../helpers/letter-shapes";


const SUPPLEMENT = form("helsedirektoratet-2026-nr2-markdown.md");
const OPPDRAGSDOKUMENT = form("nhn-2026-oppdragsdokument-markdown.md");

describe("a supplementary letter converted to Markdown", () => {
  const r = parseLetter(SUPPLEMENT);

  it("is the supplementary letter nr. 2 of 2026 to Helsedirektoratet, without a warning about the front matter", () => {
    expect(r.letters).toHaveLength(1);
    expect(r.letters[0]).toMatchObject({ kind: "supplementary", year: 2026, date: "2026-04-16", number: 2, recipient: "Helsedirektoratet" });
    expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/DOK-0042|ingen gyldig oppdrags-ID|Fant ingen oppdrag/);
  });

  it("reads the assignments under their Markdown headings with owners and deadlines", () => {
    expect(r.assignments.map((a) => a.id).sort()).toEqual(["TB2026-17", "TB2026-63", "TB2026-64", "TB2026-65", "TB2026-70"]);
    expect(byId(r, "TB2026-63")).toMatchObject({ title: "Helsetilbud i barnevernsinstitusjoner", departments: ["SHA"], kind: "original" });
    expect(dated(byId(r, "TB2026-63"))).toEqual(["2026-09-30", "2027-03-31"]);
    // "**Frist:** 1.5.2026 Ansvarlig avdeling i HOD: SHA" on one line.
    expect(byId(r, "TB2026-64")).toMatchObject({ title: "Overføring av forvaltningen av hjelpemidler til Helfo", departments: ["SHA"] });
    expect(dated(byId(r, "TB2026-64"))).toEqual(["2026-05-01"]);
    expect(dated(byId(r, "TB2026-65"))).toEqual(["2026-10-15"]);
    // An earlier assignment written about again is an addition to it, its link text kept without the address.
    const ki = byId(r, "TB2026-17");
    expect(ki).toMatchObject({ kind: "addition", departments: ["DIG"] });
    expect(ki.body).toContain("knyttes til Helsenorge og gi");
    expect(ki.body).not.toContain("](");
    expect(byId(r, "TB2026-70").title).toBe("Unntatt offentlighet");
  });

  it("keeps line N as line N: the assignment's line is its heading's line in the file", () => {
    const lines = SUPPLEMENT.split("\n");
    for (const a of r.assignments.filter((x) => x.id !== "TB2026-70")) {
      expect(lines[a.line - 1], a.id).toMatch(new RegExp(`^#{2,4} \\*\\*${a.id} `));
    }
  });
});

describe("an oppdragsdokument converted to Markdown", () => {
  const r = parseLetter(OPPDRAGSDOKUMENT);

  it("reads 'ID: 2026-01' headings in their areas", () => {
    expect(r.letters[0]).toMatchObject({ kind: "main", year: 2026, genre: "oppdragsdokument", recipient: "Norsk helsenett SF" });
    expect(r.assignments.map((a) => [a.id, a.area, dated(a)])).toEqual([
      ["2026-01", "1", ["2026-04-01"]],
      ["2026-02", "2", ["2026-09-01"]],
      ["2026-03", "2", ["2026-11-01"]],
    ]);
  });

  it("gives back to the text the sentence opening a converter joined to the heading ('… Norsk helsenett SF skal:')", () => {
    const a = byId(r, "2026-02");
    expect(a.title).toBe("Sikkerhetsarbeidet i kommunesektoren");
    expect(a.body.split("\n")[0]).toBe("Norsk helsenett SF skal:");
    expect(a.body).toContain("Styrke overvåkingen");
  });

  it("reads an ID in a pipe table row whose title the converter split over two cells", () => {
    expect(byId(r, "2026-03").title).toBe("Framtidig løsning for nød- og beredskapskommunikasjon");
  });
});

describe("a main letter converted to Markdown, its assignments in HTML-formatted table rows", () => {
  const r = parseLetter(form("helsedirektoratet-2026-tildelingsbrev-markdown.md"));

  it("reads each '<b>TB2026-1</b> | <b>Avd. HOD: FHA</b> | <b>Title</b>' row as an assignment's head, in its area", () => {
    expect(r.letters[0]).toMatchObject({ kind: "main", year: 2026, recipient: "Helsedirektoratet" });
    expect(r.assignments.map((a) => [a.id, a.area, a.departments, a.title, dated(a)])).toEqual([
      ["TB2026-1", "3.1", ["FHA"], "Utrede endringer i serveringsreglene", ["2026-06-01"]],
      // "Frist punkt 2": the second item's deadline; the whole runs to the year's end.
      ["TB2026-2", "3.1", ["FHA"], "Varslingssystem for farlige stoffer", ["2026-06-30", "2026-12-31"]],
      // A heading into which the converter flattened the whole head table, separator rows and all.
      ["TB2026-3", "3.2", ["KTA"], "Råd om skjermbruk", ["2026-09-15"]],
      ["TB2026-4", "3.2", ["SHA"], "Oppdrag unntatt offentlighet jf. Offl. § 15", ["2026-12-31"]],
    ]);
    expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/ingen gyldig oppdrags-ID|står i oversikten/);
  });
});

describe("markdownToLetterText", () => {
  it("turns headings, emphasis, images, links, inline tags, escapes and table rows into plain text", () => {
    const md = [
      "# **Tildelingsbrev 2026**",
      "## 2.1 Folkehelse ##",
      "![](_page_3_Picture_1.jpeg) <span id=\"page-3-0\"></span>Tekst med *kursiv*, ***begge*** og __fet__ skrift.",
      "Se [veilederen](https://example.no/a_(b)) og <https://example.no/c>.",
      "Tallet 2026\\-01 og 1\\. juni<br>neste linje.",
      "| ID | Oppdrag | Frist |",
      "|:---|---------|------:|",
      "| TB2026-01 | **Kartlegging** |  | 1.6.2026 |",
      "> Sitat",
      "---",
      "```",
      "**Frist:** 1. juni 2026",
    ].join("\n");
    expect(markdownToLetterText(md).split("\n")).toEqual([
      "Tildelingsbrev 2026",
      "2.1 Folkehelse",
      " Tekst med kursiv, begge og fet skrift.",
      "Se veilederen og https://example.no/c.",
      "Tallet 2026-01 og 1. juni neste linje.",
      "ID   Oppdrag   Frist",
      "",
      "TB2026-01   Kartlegging   1.6.2026",
      "Sitat",
      "",
      "",
      "Frist: 1. juni 2026",
    ]);
  });

  it("reads other converters' forms: setext underlines, grid tables, heading attributes, HTML comments", () => {
    const md = [
      "Tildelingsbrev 2026",
      "===================",
      "## 2 Oppdrag {#oppdrag .unnumbered}",
      "<!-- image -->",
      "+-----------+----------------------+",
      "| TB2026-01 | Kartlegging av radon |",
      "+===========+======================+",
      "Tekst <!-- kommentar --> videre.",
    ].join("\n");
    expect(markdownToLetterText(md).split("\n")).toEqual(["Tildelingsbrev 2026", "", "2 Oppdrag", "", "", "TB2026-01   Kartlegging av radon", "", "Tekst  videre."]);
  });

  it("empties the front matter's lines and keeps the number of lines", () => {
    const md = ["---", "id: ANNET-004", 'title: "Supplerende tildelingsbrev nr. 1"', "tags:", "  - a", "---", "", "# **Brev**", "Tekst"].join("\n");
    const out = markdownToLetterText(md);
    expect(out.split("\n")).toEqual(["", "", "", "", "", "", "", "Brev", "Tekst"]);
  });

  it("keeps words apart where a cell's HTML blocks end ('</li><li>')", () => {
    expect(markdownToLetterText("## a\n## b\n| <p>Oppdraget:</p><ul><li>Første punkt</li><li>Frist 1.6.2026</li></ul> |").split("\n")[2]).toBe(
      "Oppdraget: Første punkt Frist 1.6.2026",
    );
  });

  it("reads a table flattened onto one heading line as its data row", () => {
    const md = ["## a", "#### | | | | |------|------|------| | <b>TB2026-14</b> | <b>Avd. HOD: KTA</b> | <b>Opptrappingsplan</b> | |------|------|------|"].join("\n");
    expect(markdownToLetterText(md).split("\n")[1]).toBe("TB2026-14   Avd. HOD: KTA   Opptrappingsplan");
  });

  it("a bold ID heading run into its paragraph gives the paragraph back to the text, on the blank line below", () => {
    // A converter writes a PDF's heading line and the paragraph under it as one Markdown line.
    const md = [
      "# **Supplerende tildelingsbrev nr. 2 Helsedirektoratet**",
      "",
      "Dato 16. april 2026",
      "",
      "## **Oppdrag**",
      "",
      "**TB 2026-67 Utfasing av en unntaksordning - forskriften § 45 tredje ledd** Ombudet ba i brev av 26. november 2025 departementet om å vurdere ordningen. Departementene har kommet til at den bør fases ut.",
      "",
      "Helsedirektoratet skal i samarbeid med vegmyndigheten fase ut ordningen.",
      "",
      "Frist: 21.8.2026",
      "",
      "Ansvarlig avdeling i HOD: KTA",
    ].join("\n");
    const text = markdownToLetterText(md);
    expect(text.split("\n")).toHaveLength(md.split("\n").length);
    expect(text.split("\n").slice(6, 9)).toEqual([
      "TB 2026-67 Utfasing av en unntaksordning - forskriften § 45 tredje ledd",
      "Ombudet ba i brev av 26. november 2025 departementet om å vurdere ordningen. Departementene har kommet til at den bør fases ut.",
      "Helsedirektoratet skal i samarbeid med vegmyndigheten fase ut ordningen.",
    ]);
    const a = byId(parseLetter(md), "TB2026-67");
    expect(a).toMatchObject({ title: "Utfasing av en unntaksordning - forskriften § 45 tredje ledd", departments: ["KTA"], line: 7 });
    expect(a.body).toMatch(/^Ombudet ba i brev/);
    expect(dated(a)).toEqual(["2026-08-21"]);
    // Not split: a bold label with its value ("**Frist:** 1.5.2026"), a bold ID alone before its
    // title, a bold ID heading with a bracket after it, a run-in heading with no blank line below.
    const converted = (...lines: string[]) => markdownToLetterText(["# **Oppdrag**", "## **Tildelingsbrev**", ...lines].join("\n")).split("\n").slice(2);
    for (const line of ["**Frist:** 1.5.2026 Ansvarlig avdeling i HOD: SHA", "**TB2026-12** Tilskudd til kommunene", "**TB2026-14 Tittel** (tillegg til oppdraget)"]) {
      expect(converted(line, "")[1], line).toBe("");
    }
    expect(converted("**TB2026-13 Tittel** Tekst som fortsetter", "på neste linje.")).toEqual(["TB2026-13 Tittel Tekst som fortsetter", "på neste linje."]);
  });

  it("bold wrapped over two lines loses its marks at both ends", () => {
    const md = ["## **TB2026-66 Et prosjekt for å overføre ansvaret fra politiet", "til Statens vegvesen**", "#### Frist"].join("\n");
    expect(markdownToLetterText(md).split("\n")).toEqual(["TB2026-66 Et prosjekt for å overføre ansvaret fra politiet", "til Statens vegvesen", "Frist"]);
  });

  it("leaves a plain letter as it is: its 'Telefon*', '- ' lists and '*' footnotes are no Markdown", () => {
    const plain = [
      "Helsedirektoratet",
      "Postboks 220 Skøyen",
      "Postadresse Telefon* Org no.*",
      "- et punkt",
      "* et annet punkt med 5 * 3",
      "TB2026-01 Tittel",
      "Frist: 1. juni 2026",
    ].join("\n");
    expect(looksLikeMarkdown(plain)).toBe(false);
    expect(markdownToLetterText(plain)).toBe(plain);
    for (const file of ["husbanken-2025-tabell.txt", "spraakradet-2025-nynorsk.txt", "helse-sor-ost-2025-oppdragsdokument.txt"]) {
      expect(looksLikeMarkdown(form(file)), file).toBe(false);
    }
    const seed = fs.readFileSync(path.resolve(__dirname, "../../db/seed/tildelingsbrev-2023.txt"), "utf8");
    expect(looksLikeMarkdown(seed)).toBe(false);
  });

  it("is idempotent through normaliseLetterText, and keeps the line count of both fixtures", () => {
    for (const md of [SUPPLEMENT, OPPDRAGSDOKUMENT]) {
      const once = normaliseLetterText(md);
      expect(looksLikeMarkdown(md)).toBe(true);
      expect(looksLikeMarkdown(once)).toBe(false);
      expect(normaliseLetterText(once)).toBe(once);
      expect(once.split("\n")).toHaveLength(md.split("\n").length);
    }
  });
});
