import { describe, expect, it } from "vitest";
import { csvCell, reportToCsv } from "~/export/csv";
import { buildReport, describe as describeBody, formatReportDeadline, type ReportSourceAssignment } from "~/domain/report";

const a = (key: string, over: Partial<ReportSourceAssignment> = {}): ReportSourceAssignment => ({
  key,
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
    expect(report.title).toBe("Status for oppdrag i tildelingsbrevet 2023 per 31. desember 2023");
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

describe("CSV cells", () => {
  it("quotes separators and neutralises formulas", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("+47 22 00")).toBe("'+47 22 00");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell('a;b "c"')).toBe('"a;b ""c"""');
    expect(csvCell("linje\nto")).toBe('"linje\nto"');
    const csv = reportToCsv(
      buildReport({ year: 2023, asOfDate: "2023-12-31", draft: false, areas: [{ code: "2.1", name: "F" }], assessments: {}, assignments: [a("TB2023-1", { latestComment: "=HYPERLINK()" })] }),
    );
    expect(csv.startsWith("\uFEFFOmråde;ID;")).toBe(true);
    expect(csv).toContain(";'=HYPERLINK();");
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});
