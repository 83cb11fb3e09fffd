import { describe, expect, it } from "vitest";
import { daysBetween, deadlineFocus, describeDays, focusDate, type DeadlineFacts } from "~/domain/deadline-focus";

const row = (over: Partial<DeadlineFacts>): DeadlineFacts => ({
  overdue: false,
  firstPassed: null,
  nextDeadline: null,
  nextDeadlinePrecision: null,
  nextDeadlineLabel: null,
  ...over,
});

describe("the deadline a list shows", () => {
  it("counts calendar days across month, year and summer-time boundaries", () => {
    expect(daysBetween("2023-03-25", "2023-03-27")).toBe(2);
    expect(daysBetween("2023-12-31", "2024-01-01")).toBe(1);
    expect(daysBetween("2023-08-31", "2023-07-01")).toBe(-61);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });

  it("shows the missed deadline, its deliverable and the days late for an overdue assignment", () => {
    const r = row({ overdue: true, firstPassed: "2023-03-01", firstPassedLabel: "Deloppdrag 3", nextDeadline: "2023-09-15", nextDeadlinePrecision: "day", nextDeadlineLabel: "Delleveranse 1" });
    const f = deadlineFocus(r, "2023-08-31");
    expect(f).toEqual({ kind: "missed", date: "2023-03-01", precision: "day", label: "Deloppdrag 3", days: 183 });
    expect(describeDays(f)).toBe("183 dager over fristen");
    expect(focusDate(r)).toBe("2023-03-01");
  });

  it("shows the next deadline and the days left otherwise, also for a closed assignment with a passed deadline", () => {
    const r = row({ overdue: false, firstPassed: "2023-03-01", nextDeadline: "2023-09-15", nextDeadlinePrecision: "month", nextDeadlineLabel: "Delleveranse 1" });
    const f = deadlineFocus(r, "2023-08-31");
    expect(f).toEqual({ kind: "next", date: "2023-09-15", precision: "month", label: "Delleveranse 1", days: 15 });
    expect(describeDays(f)).toBe("om 15 dager");
    expect(focusDate(r)).toBe("2023-09-15");
    expect(describeDays(deadlineFocus(row({ nextDeadline: "2023-08-31" }), "2023-08-31"))).toBe("i dag");
    expect(describeDays(deadlineFocus(row({ nextDeadline: "2023-09-01" }), "2023-08-31"))).toBe("i morgen");
    expect(describeDays(deadlineFocus(row({ overdue: true, firstPassed: "2023-08-30" }), "2023-08-31"))).toBe("1 dag over fristen");
  });

  it("says when the deadline is still to be agreed, and nothing when there is none", () => {
    expect(deadlineFocus(row({ openEnded: true }), "2023-08-31")).toEqual({ kind: "open" });
    expect(deadlineFocus(row({}), "2023-08-31")).toEqual({ kind: "none" });
    expect(focusDate(row({}))).toBeNull();
  });
});
