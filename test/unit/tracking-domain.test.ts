import { describe, expect, it } from "vitest";
import { filterToSearch, readFilter, toFtsTerms } from "~/domain/assignment-filter";
import { departmentBuckets } from "~/domain/department-view";
import { endOfDayInOslo } from "~/domain/format";
import { dueSoonLimit, SOON_DAYS } from "~/domain/attention";
import { overviewFigures, progressOf } from "~/domain/progress";
import type { StatusCode } from "~/domain/status";
import { cleanText, isValidIsoDate } from "~/domain/text";
import { deliverableSchema, statusUpdateSchema } from "~/domain/status-update.server";

describe("list filter in the URL", () => {
  it("reads every parameter and writes the same URL back", () => {
    const search =
      "?aar=2023&omrade=2.1&mal=M%C3%A5l+2&avdeling=FHA&status=i_rute&status=forsinket&forfalt=1&snart=1&frist_fra=2023-01-01&frist_til=2023-06-30&delleveranser=1&uten_id=1&q=tobakk&sorter=frist&retning=synkende&side=2&per=2023-08-31";
    const filter = readFilter(new URLSearchParams(search));
    expect(filter).toMatchObject({
      year: 2023,
      area: "2.1",
      goal: "Mål 2",
      department: "FHA",
      statuses: ["i_rute", "forsinket"],
      overdue: true,
      dueSoon: true,
      deadlineFrom: "2023-01-01",
      deadlineTo: "2023-06-30",
      hasDeliverables: true,
      withoutId: true,
      query: "tobakk",
      sort: "frist",
      descending: true,
      page: 2,
      asOf: "2023-08-31",
    });
    expect(readFilter(new URLSearchParams(filterToSearch(filter)))).toEqual(filter);
  });

  it("ignores malformed values instead of failing", () => {
    const f = readFilter(new URLSearchParams("aar=20x3&omrade=<script>&status=ferdig&frist_fra=2023-02-30&sorter=drop&side=-4&avdeling=f"));
    expect(f).toMatchObject({ year: null, area: null, statuses: [], deadlineFrom: null, sort: "id", page: 1, department: null });
    expect(filterToSearch(f)).toBe("");
  });

  it("turns free text into a safe FTS5 prefix query", () => {
    expect(toFtsTerms("tobakk ulovlig")).toEqual(['"tobakk"*', '"ulovlig"*']);
    expect(toFtsTerms('TB2023-05 "OR" NEAR(')).toEqual(['"TB2023-05"*', '"OR"*', '"NEAR("*']);
    expect(toFtsTerms(" - * ")).toBeNull();
  });
});

describe("status update validation", () => {
  it("requires a comment for Forsinket, Utsatt and Avsluttet", () => {
    for (const status of ["forsinket", "utsatt", "avsluttet"]) {
      const r = statusUpdateSchema.safeParse({ status, comment: "  ", version: "3" });
      expect(r.error?.issues[0]).toMatchObject({ path: ["comment"] });
    }
    expect(statusUpdateSchema.safeParse({ status: "i_rute", comment: "", version: "0" }).success).toBe(true);
  });

  it("refuses unknown statuses, missing versions and over-long comments", () => {
    expect(statusUpdateSchema.safeParse({ status: "ferdig", comment: "", version: "1" }).success).toBe(false);
    expect(statusUpdateSchema.safeParse({ status: "i_rute", comment: "", version: "" }).success).toBe(false);
    expect(statusUpdateSchema.safeParse({ status: "i_rute", comment: "", version: "-1" }).success).toBe(false);
    expect(statusUpdateSchema.safeParse({ status: "i_rute", comment: "x".repeat(4001), version: "1" }).success).toBe(false);
  });

  it("drops control characters and validates real calendar dates", () => {
    expect(cleanText(" a\u0000b\r\nc\u0007 ")).toBe("ab\nc");
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2023-02-29")).toBe(false);
    expect(isValidIsoDate("2026-06-31")).toBe(false);
    expect(deliverableSchema.safeParse({ deadlineId: "4", delivered: "ja", deliveredOn: "2023-06-31" }).success).toBe(false);
    expect(deliverableSchema.safeParse({ deadlineId: "4", delivered: "nei" }).success).toBe(true);
  });

  it("knows the end of a Norwegian day in summer and winter time", () => {
    expect(endOfDayInOslo("2023-08-31")).toBe("2023-08-31T21:59:59.999Z");
    expect(endOfDayInOslo("2023-12-31")).toBe("2023-12-31T22:59:59.999Z");
  });
});

describe("progress, attention and department buckets", () => {
  const count = (dim: "area" | "department", code: string | null, status: StatusCode, n: number, flags: { overdue?: boolean; dueSoon?: boolean } = {}) => ({
    dim,
    code,
    status,
    overdue: flags.overdue ?? false,
    dueSoon: flags.dueSoon ?? false,
    n,
  });

  it("adds up counts per status, overdue, due soon and the share done", () => {
    const p = progressOf([
      count("area", "2.1", "fullfort", 2),
      count("area", "2.1", "avsluttet", 1),
      count("area", "2.1", "forsinket", 3, { overdue: true }),
      count("area", "2.1", "i_rute", 1, { dueSoon: true }),
      count("area", "2.1", "i_rute", 1),
    ]);
    expect(p.total).toBe(8);
    expect(p.byStatus).toEqual({ ikke_startet: 0, i_rute: 2, forsinket: 3, fullfort: 2, utsatt: 0, avsluttet: 1 });
    expect(p.overdue).toBe(3);
    expect(p.dueSoon).toBe(1);
    expect(p.done).toBe(3 / 8);
    expect(progressOf([]).done).toBe(0);
  });

  it("orders areas as in the letter and departments with the user's own first", () => {
    const figures = overviewFigures(
      [
        count("area", "2.9", "i_rute", 1),
        count("area", null, "i_rute", 1),
        count("area", "2.2", "i_rute", 2),
        count("area", "2.1", "fullfort", 3),
        count("area", "2.1", "i_rute", 1, { overdue: true }),
        count("department", "KTA", "i_rute", 2),
        count("department", "FHA", "fullfort", 3),
        count("department", "SHA", "i_rute", 1, { overdue: true }),
      ],
      [
        { code: "2.1", name: "Folkehelse" },
        { code: "2.2", name: "Helse- og omsorgstjenester" },
        { code: "2.3", name: "Beredskap" },
      ],
      ["SHA"],
    );
    expect(figures.areas.map((a) => [a.code, a.name, a.progress.total])).toEqual([
      ["2.1", "Folkehelse", 4],
      ["2.2", "Helse- og omsorgstjenester", 2],
      ["2.9", "Område 2.9", 1],
      [null, "Uten område", 1],
    ]);
    expect(figures.total).toMatchObject({ total: 8, overdue: 1 });
    expect(figures.departments.map((d) => [d.code, d.mine, d.progress.total])).toEqual([
      ["SHA", true, 1],
      ["FHA", false, 3],
      ["KTA", false, 2],
    ]);
  });

  it("measures due soon 30 days ahead, across months and years", () => {
    expect(SOON_DAYS).toBe(30);
    expect(dueSoonLimit("2023-06-01")).toBe("2023-07-01");
    expect(dueSoonLimit("2023-12-15")).toBe("2024-01-14");
    expect(dueSoonLimit("2024-02-01")).toBe("2024-03-02"); // leap year
  });

  it("orders a department's work: overdue, due soon, the rest", () => {
    const row = (key: string, overdue: boolean, dueSoon: boolean, status: StatusCode = "i_rute") => ({ key, overdue, dueSoon, status });
    const rows = [row("A", true, false), row("B", false, true), row("C", false, false), row("D", false, false, "fullfort"), row("E", false, false, "utsatt"), row("F", false, false, "avsluttet")];
    const b = departmentBuckets(rows);
    expect(b.overdue.map((r) => r.key)).toEqual(["A"]);
    expect(b.soon.map((r) => r.key)).toEqual(["B"]);
    expect(b.rest.map((r) => r.key)).toEqual(["C", "D", "E", "F"]);
    expect(b.done).toBe(0);
    // Across all agencies: finished work is counted, not listed; postponed work stays listed.
    const folded = departmentBuckets(rows, { foldDone: true });
    expect(folded.rest.map((r) => r.key)).toEqual(["C", "E"]);
    expect(folded.done).toBe(2);
    expect(folded.overdue.map((r) => r.key)).toEqual(["A"]);
  });
});
