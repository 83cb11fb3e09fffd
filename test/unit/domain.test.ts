import { describe, expect, it } from "vitest";
import { isOverdue, nextDeadline, passedDeadlines } from "~/domain/deadlines";
import { format, parseISO } from "date-fns";
import { nb } from "date-fns/locale";
import { formatDateLong, formatDateShort, formatDateTime, formatDeadlineDate, formatLineRange, todayInOslo } from "~/domain/format";
import { groupByArea, orderAreas } from "~/domain/overview";
import { assignmentSortKey } from "~/domain/letter/ids";
import { COMMENT_REQUIRED, isStatusCode, statusLabel } from "~/domain/status";
import { assignmentPath, chooseYear } from "~/lib/urls";
import type { DeadlineState } from "~/domain/letter/types";

const d = (date: string | null, state: DeadlineState = "dated", label: string | null = null) => ({
  date,
  state,
  label,
});

describe("deadlines", () => {
  const deadlines = [d("2023-05-01"), d("2023-07-01", "dated", "Delleveranse 1"), d(null, "to_be_agreed"), d("2023-12-31")];

  it("finds the next dated deadline on or after today", () => {
    expect(nextDeadline(deadlines, "2023-05-02")?.date).toBe("2023-07-01");
    expect(nextDeadline(deadlines, "2023-07-01")?.date).toBe("2023-07-01");
    expect(nextDeadline(deadlines, "2024-01-01")).toBeNull();
  });

  it("lists passed deadlines, ignoring undated ones", () => {
    expect(passedDeadlines(deadlines, "2023-07-02").map((x) => x.date)).toEqual(["2023-05-01", "2023-07-01"]);
  });

  it("calls an assignment overdue only when a deadline passed and it is still open", () => {
    expect(isOverdue("i_rute", deadlines, "2023-05-02")).toBe(true);
    expect(isOverdue("ikke_startet", deadlines, "2023-05-01")).toBe(false);
    for (const closed of ["fullfort", "utsatt", "avsluttet"] as const) {
      expect(isOverdue(closed, deadlines, "2024-01-01")).toBe(false);
    }
    expect(isOverdue("forsinket", [d(null, "on_hold")], "2030-01-01")).toBe(false);
  });
});

describe("status", () => {
  it("has Norwegian labels and the comment rule", () => {
    expect(statusLabel("fullfort")).toBe("Fullført");
    expect(statusLabel(null)).toBe("Ikke startet");
    expect(COMMENT_REQUIRED).toEqual(["forsinket", "utsatt", "avsluttet"]);
    expect(isStatusCode("i_rute")).toBe(true);
    expect(isStatusCode("I rute")).toBe(false);
  });
});

describe("Norwegian dates", () => {
  it("formats the Norwegian way", () => {
    expect(formatDateLong("2023-07-01")).toBe("1. juli 2023");
    expect([formatLineRange(35, 35), formatLineRange(35, 48), formatLineRange(35, null), formatLineRange(null, null)]).toEqual(["linje 35", "linje 35–48", "linje 35", ""]);
    expect(formatDateShort("2023-07-01")).toBe("01.07.2023");
    expect(formatDeadlineDate("2027-03-31", "month")).toBe("mars 2027");
    expect(formatDeadlineDate("2023-12-31", "year")).toBe("innen utgangen av 2023");
    expect(formatDateTime("2023-07-01T12:05:00.000Z")).toBe("1. juli 2023 kl. 14:05");
    expect(todayInOslo(new Date("2023-12-31T23:30:00.000Z"))).toBe("2024-01-01");
  });

  it("formats each date as date-fns does, the second time from memory too, and refuses a bad one", () => {
    // 1,500 days × 3 patterns: more than the 4,000 kept, so the memory is emptied and filled again on the way.
    const days = Array.from({ length: 1500 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    for (let round = 0; round < 2; round++) {
      for (const day of days) {
        expect(formatDateLong(day)).toBe(format(parseISO(day), "d. MMMM yyyy", { locale: nb }));
        expect(formatDateShort(day)).toBe(format(parseISO(day), "dd.MM.yyyy", { locale: nb }));
        expect(formatDeadlineDate(day, "month")).toBe(format(parseISO(day), "LLLL yyyy", { locale: nb }));
      }
    }
    expect(() => formatDateLong("2026-13-40")).toThrow(RangeError);
  });

  it("formats instants as Intl does in Europe/Oslo, across summer time changes", () => {
    const intl = new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
    const reference = (iso: string) => {
      const parts = intl.formatToParts(new Date(iso));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
      return `${get("day")}. ${get("month")} ${get("year")} kl. ${get("hour")}:${get("minute")}`;
    };
    // The minutes around each change (01:00 UTC), and every 97 minutes over five years.
    const instants = ["2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00.000Z", "2026-10-25T00:59:59.999Z", "2026-10-25T01:00:00.000Z", "2023-12-31T23:00:00.000Z"];
    for (let t = Date.parse("2023-01-01T00:00:00Z"); t < Date.parse("2028-01-01T00:00:00Z"); t += 97 * 60_000) instants.push(new Date(t).toISOString());
    for (const iso of instants) expect(formatDateTime(iso), iso).toBe(reference(iso));
    expect(formatDateTime("2026-03-29T01:00:00.000Z")).toBe("29. mars 2026 kl. 03:00");
    expect(formatDateTime("2026-10-25T00:59:00.000Z")).toBe("25. oktober 2026 kl. 02:59");
    expect(() => formatDateTime("ikke en dato")).toThrow(RangeError);
  });
});

describe("grouping by goal area", () => {
  const areas = [
    { code: "2.1", name: "Folkehelse" },
    { code: "2.2", name: "Helse- og omsorgstjenester" },
  ];
  const a = (key: string, areaCode: string | null, letterKind = "main", line = 1) => ({
    key,
    sortKey: assignmentSortKey(key, { letterId: letterKind === "main" ? 1 : 2, line }),
    areaCode,
    letterKind,
  });

  it("keeps letter order of areas, natural ID order, supplementary last, unknown areas after", () => {
    const groups = groupByArea(
      [a("TB2023-10", "2.1"), a("TTB2023-02", "2.1", "supplementary"), a("TB2023-2", "2.1"), a("TB2023-40", "2.9"), a("uten-id-2023-x", null, "supplementary"), a("TB2023-20", "2.2")],
      areas,
    );
    expect(groups.map((g) => g.code)).toEqual(["2.1", "2.2", "2.9", null]);
    expect(groups[0].assignments.map((x) => x.key)).toEqual(["TB2023-2", "TB2023-10", "TTB2023-02"]);
    expect(groups[2].name).toBe("Område 2.9");
    expect(groups[3].name).toBe("Uten område");
  });

  it("leaves out empty areas", () => {
    expect(groupByArea([a("TB2023-1", "2.2")], areas).map((g) => g.code)).toEqual(["2.2"]);
  });

  it("orders the areas present: the letter's, then unknown codes in code order, then none", () => {
    expect(orderAreas(areas, [null, "2.10", "2.2", "2.9", "2.1"])).toEqual([
      { code: "2.1", name: "Folkehelse" },
      { code: "2.2", name: "Helse- og omsorgstjenester" },
      { code: "2.9", name: "Område 2.9" },
      { code: "2.10", name: "Område 2.10" },
      { code: null, name: "Uten område" },
    ]);
    expect(orderAreas(areas, [])).toEqual([]);
  });
});

describe("urls", () => {
  it("encodes assignment keys and chooses a year", () => {
    expect(assignmentPath("TB2023-05")).toBe("/oppdrag/TB2023-05");
    expect(assignmentPath("uten-id 2023/1")).toBe("/oppdrag/uten-id%202023%2F1");
    expect(chooseYear("2022", [2024, 2023, 2022])).toBe(2022);
    expect(chooseYear("1999", [2024, 2023])).toBe(2024);
    expect(chooseYear("abc", [2023])).toBe(2023);
    expect(chooseYear(null, [])).toBeNull();
  });
});
