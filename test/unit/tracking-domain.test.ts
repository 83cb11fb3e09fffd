import { describe, expect, it } from "vitest";
import { filterToSearch, readFilter, toFtsQuery } from "~/domain/assignment-filter";
import { departmentBuckets } from "~/domain/department-view";
import { endOfDayInOslo } from "~/domain/format";
import { summarize } from "~/domain/progress";
import { cleanText, isValidIsoDate } from "~/domain/text";
import { deliverableSchema, statusUpdateSchema } from "~/domain/status-update.server";

describe("list filter in the URL", () => {
  it("reads every parameter and writes the same URL back", () => {
    const search =
      "?aar=2023&omrade=2.1&mal=M%C3%A5l+2&avdeling=FHA&status=i_rute&status=forsinket&forfalt=1&frist_fra=2023-01-01&frist_til=2023-06-30&delleveranser=1&uten_id=1&q=tobakk&sorter=frist&retning=synkende&side=2&per=2023-08-31";
    const filter = readFilter(new URLSearchParams(search));
    expect(filter).toMatchObject({
      year: 2023,
      area: "2.1",
      goal: "Mål 2",
      department: "FHA",
      statuses: ["i_rute", "forsinket"],
      overdue: true,
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
    expect(toFtsQuery("tobakk ulovlig")).toBe('"tobakk"* "ulovlig"*');
    expect(toFtsQuery('TB2023-05 "OR" NEAR(')).toBe('"TB2023-05"* "OR"* "NEAR("*');
    expect(toFtsQuery(" - * ")).toBeNull();
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

describe("progress and department buckets", () => {
  const row = (key: string, status: "ikke_startet" | "i_rute" | "fullfort" | "forsinket", overdue: boolean, nextDeadline: string | null) => ({
    key,
    title: key,
    status,
    overdue,
    nextDeadline,
    nextDeadlinePrecision: "day" as const,
    areaCode: "2.1",
    departments: ["FHA"],
  });

  it("counts per status, overdue, share done and next deadlines", () => {
    const p = summarize([
      row("A", "fullfort", false, null),
      row("B", "forsinket", true, "2023-07-01"),
      row("C", "i_rute", false, "2023-05-01"),
      row("D", "ikke_startet", false, "2023-09-01"),
    ]);
    expect(p.total).toBe(4);
    expect(p.byStatus).toMatchObject({ fullfort: 1, forsinket: 1, i_rute: 1, ikke_startet: 1, utsatt: 0 });
    expect(p.overdue).toBe(1);
    expect(p.done).toBe(0.25);
    expect(p.next.map((n) => n.key)).toEqual(["C", "B", "D"]);
  });

  it("orders a department's work: overdue, due within 30 days, the rest", () => {
    const b = departmentBuckets(
      [row("A", "i_rute", true, null), row("B", "i_rute", false, "2023-06-30"), row("C", "i_rute", false, "2023-07-02"), row("D", "fullfort", false, null)],
      "2023-06-01",
    );
    expect(b.overdue.map((r) => r.key)).toEqual(["A"]);
    expect(b.soon.map((r) => r.key)).toEqual(["B"]);
    expect(b.rest.map((r) => r.key)).toEqual(["C", "D"]);
  });
});
