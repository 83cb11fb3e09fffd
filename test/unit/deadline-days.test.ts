import { describe, expect, it } from "vitest";
import { dayOffNote, easterSunday, norwegianHolidays } from "~/domain/holidays";
import { reminderKind } from "~/domain/reminders";

describe("Norwegian holidays", () => {
  it("computes Easter and the moving holidays", () => {
    expect(easterSunday(2023).toISOString().slice(0, 10)).toBe("2023-04-09");
    expect(easterSunday(2024).toISOString().slice(0, 10)).toBe("2024-03-31");
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe("2026-04-05");
    const h = norwegianHolidays(2023);
    expect(h.get("2023-04-06")).toBe("skjærtorsdag");
    expect(h.get("2023-05-18")).toBe("Kristi himmelfartsdag");
    expect(h.get("2023-05-29")).toBe("2. pinsedag");
    expect(h.size).toBe(12);
  });

  it("notes deadlines on holidays and weekends, and leaves working days alone", () => {
    expect(dayOffNote("2023-05-17")).toBe("helligdag (17. mai)");
    expect(dayOffNote("2023-04-09")).toBe("helligdag (1. påskedag)");
    expect(dayOffNote("2023-07-01")).toBe("lørdag");
    expect(dayOffNote("2023-10-15")).toBe("søndag");
    expect(dayOffNote("2023-09-15")).toBeNull();
  });
});

describe("reminder thresholds", () => {
  const due = (date: string, delivered = false) => ({ date, delivered });
  it("picks 14 days, 3 days or overdue, and nothing for closed or delivered", () => {
    expect(reminderKind(due("2023-07-01"), "i_rute", "2023-06-17")).toBe("14d");
    expect(reminderKind(due("2023-07-01"), "i_rute", "2023-06-16")).toBeNull();
    expect(reminderKind(due("2023-07-01"), "i_rute", "2023-06-28")).toBe("3d");
    expect(reminderKind(due("2023-07-01"), "ikke_startet", "2023-07-01")).toBe("3d");
    expect(reminderKind(due("2023-07-01"), "forsinket", "2023-07-02")).toBe("forfalt");
    expect(reminderKind(due("2023-07-01"), "fullfort", "2023-07-02")).toBeNull();
    expect(reminderKind(due("2023-07-01"), "utsatt", "2023-07-02")).toBeNull();
    expect(reminderKind(due("2023-07-01", true), "i_rute", "2023-07-02")).toBeNull();
  });
});
