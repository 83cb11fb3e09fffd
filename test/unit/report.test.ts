import { describe, expect, it } from "vitest";
import { csvCell, reportToCsv } from "~/export/csv";
import {
  ALL_AREAS,
  buildReport,
  buildReportPreview,
  decideExplanation,
  describe as describeBody,
  formatReportDeadline,
  genreDefinite,
  mainLetterGenre,
  PREVIEW_ALL_LIMIT,
  reportTitle,
  type ReportSourceAssignment,
} from "~/domain/report";
import { buildReportDocument, DEFAULT_DOCUMENT_OPTIONS, EXCERPT_MAX, textWidth } from "~/domain/report-document";
import { previewPart } from "../helpers/report";
import { assignmentSortKey } from "~/domain/letter/ids";


const a = (key: string, over: Partial<ReportSourceAssignment> = {}): ReportSourceAssignment => ({
  key,
  sortKey: assignmentSortKey(key),
  hasId: true,
  title: `Tittel ${key}`,
  body: "Tekst",
  areaCode: "2.1",
  letterKind: "main",
  letterTitle: "Tildelingsbrev 2023",
  letterReference: null,
  letterDate: null,
  departments: ["FHA"],
  status: "i_rute",
  deadlines: [],
  reportText: null,
  latestComment: "Pågår",
  ...over,
});

describe("building the report", () => {
  it("orders areas as in the letter and rows by ID, supplementary last, and lists what lacks an explanation", () => {
    const report = buildReport({
      agency: "Helsedirektoratet",
      year: 2023,
      asOfDate: "2023-12-31",
      draft: false,
      areas: [
        { code: "2.1", name: "Folkehelse" },
        { code: "2.2", name: "Helse- og omsorgstjenester" },
      ],
      assessments: { "2.1": "Godt år." },
      assignments: [
        a("TTB2023-02", { letterKind: "supplementary", letterTitle: "Tillegg", letterReference: "23/133-9", letterDate: "2023-02-06" }),
        a("TB2023-10", { status: "forsinket", latestComment: null }),
        a("TB2023-2", { status: "fullfort", latestComment: null }),
        a("TB2023-40", { areaCode: "2.2", reportText: "Skrevet for rapporten", latestComment: "Gammel" }),
        a("uten-id-2023-x", { hasId: false, areaCode: null }),
      ],
    });
    expect(report.areas.map((x) => x.heading)).toEqual(["2.1 Folkehelse", "2.2 Helse- og omsorgstjenester", "Uten område"]);
    expect(report.areas[0].rows.map((r) => r.key)).toEqual(["TB2023-2", "TB2023-10", "TTB2023-02"]);
    expect(report.areas[0].rows[2].letterNote).toBe("Gitt i Tillegg, ref. 23/133-9, 6. februar 2023");
    expect(report.areas[0].assessment).toBe("Godt år.");
    expect(report.areas[1].rows[0].comment).toBe("Skrevet for rapporten");
    expect(report.missing.map((r) => r.key)).toEqual(["TB2023-10"]);
    expect(report.areas[2].rows[0].id).toBe("Uten ID");
    expect(report.title).toBe("Status for oppdrag i tildelingsbrevet 2023 til Helsedirektoratet per 31. desember 2023");
  });

  it("formats deadlines the Norwegian way and shortens long bodies at a word", () => {
    expect(formatReportDeadline({ label: "Delleveranse 1", date: "2023-09-15", precision: "day", state: "dated", is_default: 0 })).toBe("Delleveranse 1: 15.09.2023");
    expect(formatReportDeadline({ label: null, date: "2027-03-31", precision: "month", state: "dated", is_default: 0 })).toBe("mars 2027");
    expect(formatReportDeadline({ label: null, date: "2023-12-31", precision: "year", state: "dated", is_default: 1 })).toBe("innen utgangen av 2023");
    expect(formatReportDeadline({ label: null, date: null, precision: null, state: "to_be_agreed", is_default: 0 })).toBe("avklares med departementet");
    const long = describeBody("ord ".repeat(300));
    expect(long.length).toBeLessThanOrEqual(502);
    expect(long.endsWith(" …")).toBe(true);
  });
});

describe("the report title", () => {
  const title = (genre: string | null, agency: string | null, asOfDate = "2026-12-31") => reportTitle({ year: 2026, asOfDate, agency, genre });

  it("names the letter in its definite form and the agency, for each genre", () => {
    expect(reportTitle({ year: 2023, asOfDate: "2023-08-31", agency: "Helsedirektoratet", genre: "tildelingsbrev" })).toBe(
      "Status for oppdrag i tildelingsbrevet 2023 til Helsedirektoratet per 31. august 2023",
    );
    expect(title("oppdragsdokument", "Norsk helsenett SF", "2026-04-30")).toBe("Status for oppdrag i oppdragsdokumentet 2026 til Norsk helsenett SF per 30. april 2026");
    expect(title("oppdragsbrev", "Direktoratet for medisinske produkter")).toBe(
      "Status for oppdrag i oppdragsbrevet 2026 til Direktoratet for medisinske produkter per 31. desember 2026",
    );
    // A supplementary letter belongs to the tildelingsbrev it supplements.
    expect(title("supplerende tildelingsbrev", "Folkehelseinstituttet")).toBe("Status for oppdrag i tildelingsbrevet 2026 til Folkehelseinstituttet per 31. desember 2026");
    expect(title("tillegg til tildelingsbrev", "Helsedirektoratet")).toBe("Status for oppdrag i tildelingsbrevet 2026 til Helsedirektoratet per 31. desember 2026");
  });

  it("names no genre it does not know and no agency it is not given", () => {
    expect(title(null, "Norsk helsenett SF")).toBe("Status for oppdrag i 2026 til Norsk helsenett SF per 31. desember 2026");
    expect(title("brev", "Norsk helsenett SF")).toBe("Status for oppdrag i 2026 til Norsk helsenett SF per 31. desember 2026");
    expect(title("oppdragsbrev", null)).toBe("Status for oppdrag i oppdragsbrevet 2026 per 31. desember 2026");
    expect(title(null, "  ")).toBe("Status for oppdrag i 2026 per 31. desember 2026");
  });

  const letter = (letterTitle: string, letterKind: "main" | "supplementary" = "main", letterDate: string | null = null) => ({
    letterTitle,
    letterKind,
    letterReference: null,
    letterDate,
  });

  it("takes the genre of the year's main letter: a main letter first, then the one that gave most assignments, then the earliest", () => {
    const supplementary = letter("Supplerende tildelingsbrev nr. 1 2026", "supplementary", "2026-02-12");
    const nhn = letter("Oppdragsdokument til Norsk helsenett SF for 2026", "main", "2026-01-16");
    // Three supplementary assignments, one from the main letter: the main letter decides.
    expect(mainLetterGenre([supplementary, supplementary, supplementary, nhn])).toBe("oppdragsdokument");
    const brev = letter("Oppdragsbrev 2026 til Direktoratet for medisinske produkter", "main", "2025-12-19");
    expect(mainLetterGenre([nhn, brev, brev])).toBe("oppdragsbrev");
    expect(mainLetterGenre([nhn, brev])).toBe("oppdragsbrev"); // a tie: the earlier letter
    // Only supplementary letters as of the date: the tildelingsbrev they supplement.
    expect(mainLetterGenre([supplementary])).toBe("supplerende tildelingsbrev");
    // A later letter to an oppdragsdokument names the oppdragsdokument.
    expect(genreDefinite(mainLetterGenre([letter("Tillegg til oppdragsdokument 2026 for Helse Nord RHF", "supplementary", "2026-06-20")]))).toBe("oppdragsdokumentet");
    // A main letter whose title names no genre: the next letter that does, else none.
    const untitled = letter("Statsbudsjettet 2026 – Helsedirektoratet", "main", "2026-01-08");
    expect(mainLetterGenre([untitled, untitled, supplementary])).toBe("supplerende tildelingsbrev");
    expect(mainLetterGenre([untitled])).toBeNull();
    expect(mainLetterGenre([])).toBeNull();
  });

  it("is the same on the page (preview) and in the exports, and follows the letter and the agency of the source", () => {
    const nhn = {
      agency: "Norsk helsenett SF",
      year: 2026,
      asOfDate: "2026-08-31",
      draft: true,
      areas: [],
      assessments: {},
      assignments: [a("2026-01", { areaCode: null, letterTitle: "Oppdragsdokument til Norsk helsenett SF for 2026", letterDate: "2026-01-16" })],
    };
    const full = buildReport(nhn);
    expect(full.title).toBe("Status for oppdrag i oppdragsdokumentet 2026 til Norsk helsenett SF per 31. august 2026");
    expect([full.agency, full.genre]).toEqual(["Norsk helsenett SF", "oppdragsdokument"]);
    expect(buildReportPreview(nhn, null).title).toBe(full.title);
    expect(buildReportDocument(full).title).toBe(full.title);
  });
});

describe("the report preview", () => {
  const source = (assignments: ReportSourceAssignment[]) => ({
    agency: "Helsedirektoratet",
    year: 2023,
    asOfDate: "2023-12-31",
    draft: false,
    areas: [
      { code: "2.1", name: "Folkehelse" },
      { code: "2.2", name: "Helse- og omsorgstjenester" },
    ],
    assessments: { "2.2": " Godt år. " },
    assignments,
  });
  const letter = [
    a("TB2023-10", { status: "forsinket", latestComment: null }),
    a("TB2023-2", { status: "fullfort", latestComment: null }),
    a("TTB2023-02", { letterKind: "supplementary", letterTitle: "Tillegg", letterReference: "23/133-9", letterDate: "2023-02-06" }),
    a("TB2023-40", { areaCode: "2.2", status: "ikke_startet", latestComment: null, reportText: "  " }),
    a("TB2023-41", { areaCode: "2.2", reportText: "Skrevet for rapporten", latestComment: "Gammel" }),
    a("uten-id-2023-x", { hasId: false, areaCode: null, status: "utsatt", latestComment: null }),
  ];

  it("has the same rows, explanations and order as the full report, without the export-only columns", () => {
    const full = buildReport(source(letter));
    const preview = buildReportPreview(source(letter), null);
    expect(preview.shown).toBe(ALL_AREAS); // a small letter: every area at once
    expect(preview.areas.map((x) => x.heading)).toEqual(full.areas.map((x) => x.heading));
    expect(preview.areas.flatMap((x) => x.rows)).toEqual(full.areas.flatMap((x) => x.rows).map(previewPart));
    expect(full.areas[0].rows[0].departments).toBe("FHA"); // the export-only columns stay in the full report
    expect(preview.areas[1].assessment).toBe("Godt år.");
    expect(preview.rowCount).toBe(6);
    expect(preview.missingCount).toBe(full.missing.length);
    expect(preview.missing.map((r) => r.key)).toEqual(["TB2023-10", "TB2023-40", "uten-id-2023-x"]);
    expect(preview.areaLinks).toEqual([
      { param: "2.1", heading: "2.1 Folkehelse", count: 3, missing: 1 },
      { param: "2.2", heading: "2.2 Helse- og omsorgstjenester", count: 2, missing: 1 },
      { param: "uten", heading: "Uten område", count: 1, missing: 1 },
    ]);
    expect(JSON.stringify(preview)).not.toContain("Tekst"); // no body text
  });

  it("shows one area when asked, and only its missing explanations, while counting them all", () => {
    const preview = buildReportPreview(source(letter), "2.2");
    expect(preview.shown).toBe("2.2");
    expect(preview.areas.map((x) => x.code)).toEqual(["2.2"]);
    expect(preview.areas[0].rows.map((r) => r.key)).toEqual(["TB2023-40", "TB2023-41"]);
    expect(preview.missing.map((r) => r.key)).toEqual(["TB2023-40"]);
    expect(preview.missingCount).toBe(3);
    expect(buildReportPreview(source(letter), "uten").areas.map((x) => x.name)).toEqual(["Uten område"]);
    // An unknown area falls back to the default.
    expect(buildReportPreview(source(letter), "2.7").shown).toBe(ALL_AREAS);
  });

  it("shows the first area by default when the year is large, and everything on request", () => {
    const many = Array.from({ length: PREVIEW_ALL_LIMIT + 1 }, (_, i) => a(`TB2023-${i + 1}`, { areaCode: i % 2 ? "2.1" : "2.2" }));
    const preview = buildReportPreview(source(many), null);
    expect(preview.shown).toBe("2.1");
    expect(preview.areas.map((x) => x.code)).toEqual(["2.1"]);
    expect(preview.areas[0].rows).toHaveLength(Math.floor((PREVIEW_ALL_LIMIT + 1) / 2));
    expect(preview.areaLinks.map((x) => x.count)).toEqual([Math.floor((PREVIEW_ALL_LIMIT + 1) / 2), Math.ceil((PREVIEW_ALL_LIMIT + 1) / 2)]);
    expect(buildReportPreview(source(many), ALL_AREAS).areas.flatMap((x) => x.rows)).toHaveLength(PREVIEW_ALL_LIMIT + 1);
  });
});

describe("CSV cells", () => {
  it("quotes separators and neutralises formulas", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+47 22 00")).toBe("'+47 22 00");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell('a;b "c"')).toBe('"a;b ""c"""');
    expect(csvCell("linje\nto")).toBe('"linje\nto"');
    const csv = reportToCsv(
      buildReport({ agency: null, year: 2023, asOfDate: "2023-12-31", draft: false, areas: [{ code: "2.1", name: "F" }], assessments: {}, assignments: [a("TB2023-1", { latestComment: "=HYPERLINK()" })] }),
    );
    expect(csv.startsWith("\uFEFFOmråde;ID;")).toBe(true);
    expect(csv).toContain(";'=HYPERLINK();");
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("the report document (Word and PDF)", () => {
  const source = {
    agency: "Helsedirektoratet",
    year: 2023,
    asOfDate: "2023-12-31",
    draft: false,
    areas: [{ code: "2.1", name: "Folkehelse" }],
    assessments: { "2.1": "Første avsnitt.\n\nAndre avsnitt." },
    assignments: (["fullfort", "forsinket", "utsatt"] as const).map((status, i) => ({
      key: `TB2023-0${i + 1}`,
      sortKey: assignmentSortKey(`TB2023-0${i + 1}`),
      hasId: true,
      title: `Oppdrag ${i + 1}`,
      areaCode: "2.1",
      letterKind: "main" as const,
      letterTitle: "Tildelingsbrev",
      letterReference: null,
      letterDate: "2023-01-01",
      status,
      reportText: status === "fullfort" ? "Levert." : null,
      latestComment: null,
      body: "Helsedirektoratet skal ".repeat(40),
      departments: ["FHA"],
      deadlines: [{ label: null, date: "2023-07-01", precision: "day" as const, state: "dated" as const, is_default: 0 }],
    })),
  };

  it("has column widths in twips that fill the text width, ID narrow, title and comment wide", () => {
    for (const orientation of ["portrait", "landscape"] as const) {
      const doc = buildReportDocument(buildReport(source), { ...DEFAULT_DOCUMENT_OPTIONS, orientation });
      const widths = doc.columns.map((c) => c.width);
      expect(widths.reduce((a, b) => a + b, 0)).toBe(textWidth(orientation));
      expect(doc.columns.map((c) => c.header)).toEqual(["ID", "Oppdrag", "Frist", "Status", "Kommentar"]);
      expect(widths[0]).toBeLessThan(widths[1] / 2);
      expect(widths[0]).toBeLessThan(widths[4] / 2);
    }
  });

  it("prints status words by default and the colour code with its legend when asked", () => {
    const words = buildReportDocument(buildReport(source));
    expect(words.legend).toBeNull();
    expect(words.areas[0].rows.map((r) => r.status.text)).toEqual(["Fullført", "Forsinket", "Utsatt"]);
    const colours = buildReportDocument(buildReport(source), { ...DEFAULT_DOCUMENT_OPTIONS, statusStyle: "colours" });
    expect(colours.areas[0].rows.map((r) => r.status.text)).toEqual(["Grønn", "Gul", "Rød"]);
    expect(colours.legend?.map((l) => l.meaning)).toEqual([
      "levert eller i henhold til plan (I rute, Fullført)",
      "noe avvik fra plan (Ikke startet, Forsinket)",
      "vesentlig avvik, eller vil trolig ikke bli levert (Utsatt, Avsluttet)",
    ]);
  });

  it("leaves the letter's text out unless asked, then a short excerpt; assessment in paragraphs; missing marked", () => {
    const plain = buildReportDocument(buildReport(source));
    expect(plain.areas[0].rows[0].title.map((p) => p.kind)).toEqual(["plain", "note"]);
    expect(plain.areas[0].assessment).toEqual(["Første avsnitt.", "Andre avsnitt."]);
    expect(plain.areas[0].rows[1].comment).toEqual([{ text: "Mangler forklaring", kind: "missing" }]);
    const excerpt = buildReportDocument(buildReport(source), { ...DEFAULT_DOCUMENT_OPTIONS, includeDescription: true }).areas[0].rows[0].title.at(-1)!;
    expect(excerpt.kind).toBe("excerpt");
    expect(excerpt.text.length).toBeLessThanOrEqual(EXCERPT_MAX + 2);
    expect(excerpt.text.startsWith("Helsedirektoratet skal")).toBe(true);
  });
});

describe("saving explanations together", () => {
  it("saves changed texts, skips unchanged and empty ones, refuses erasing, and sees a conflict", () => {
    const current = { text: "Gammel tekst.", version: 7 };
    expect(decideExplanation({ key: "x", text: "Ny tekst.", baseVersion: 7 }, current)).toBe("save");
    expect(decideExplanation({ key: "x", text: "Gammel tekst.", baseVersion: 7 }, current)).toBe("unchanged");
    expect(decideExplanation({ key: "x", text: "Ny tekst.", baseVersion: 5 }, current)).toBe("conflict");
    expect(decideExplanation({ key: "x", text: "", baseVersion: 7 }, current)).toBe("empty");
    expect(decideExplanation({ key: "x", text: "", baseVersion: 0 }, { text: null, version: 0 })).toBe("unchanged");
    expect(decideExplanation({ key: "x", text: "Første.", baseVersion: 0 }, { text: null, version: 0 })).toBe("save");
    expect(decideExplanation({ key: "x", text: "Første.", baseVersion: 0 }, current)).toBe("conflict");
  });
});
