import { describe, expect, it } from "vitest";
import { daysInMonth, findDatePhrases, isValidDate, parseNorwegianDate } from "../../app/domain/letter/dates";
import {
  assignmentSortKey,
  compareSortKeys,
  findIds,
  fnv1a32,
  ID_PATTERN,
  isSyntheticId,
  normaliseTitleForKey,
  syntheticId,
} from "../../app/domain/letter/ids";

const ok = (phrase: string, year: number | null = 2023) => {
  const r = parseNorwegianDate(phrase, year);
  if (!r || !r.ok) throw new Error(`${phrase}: ${JSON.stringify(r)}`);
  return [r.date, r.precision, r.state];
};

describe("parseNorwegianDate", () => {
  it.each([
    ["1. juli 2023", "2023-07-01", "day"],
    ["Frist: 1. juli 2023", "2023-07-01", "day"],
    ["innen 1. mai 2023", "2023-05-01", "day"],
    ["15 mai 2023", "2023-05-15", "day"],
    ["28.mars 2023", "2023-03-28", "day"],
    ["18. feb. 2021", "2021-02-18", "day"],
    ["15.09.23", "2023-09-15", "day"],
    ["1.10.2023", "2023-10-01", "day"],
    ["31.12. 2023", "2023-12-31", "day"],
    ["1.3.2023", "2023-03-01", "day"],
    ["31.\ndesember 2023", "2023-12-31", "day"],
    ["Mars 2027", "2027-03-31", "month"],
    ["februar 2024", "2024-02-29", "month"],
    ["utgangen av januar 2023", "2023-01-31", "month"],
    ["utgangen av juni 2024", "2024-06-30", "month"],
    ["utgangen av 2023", "2023-12-31", "year"],
    ["innen 2025", "2025-12-31", "year"],
  ])("%s → %s (%s)", (phrase, date, precision) => {
    expect(ok(phrase)).toEqual([date, precision, "dated"]);
  });

  it("takes the letter's year when the phrase has none", () => {
    expect(ok("1. mars", 2023)).toEqual(["2023-03-01", "day", "dated"]);
    expect(ok("utgangen av februar", 2024)).toEqual(["2024-02-29", "month", "dated"]);
    expect(ok("utgangen av året", 2026)).toEqual(["2026-12-31", "year", "dated"]);
    const r = parseNorwegianDate("1. mars", 2023);
    expect(r && r.ok && r.yearImplied).toBe(true);
    expect(parseNorwegianDate("1. mars", null)).toMatchObject({ ok: false });
  });

  it("reads a part of the year as its last day: quarters, half-years, tertials (with the report's word)", () => {
    expect(ok("Frist: 2. kvartal 2026")).toEqual(["2026-06-30", "month", "dated"]);
    expect(ok("innen 4. kvartal 2026")).toEqual(["2026-12-31", "month", "dated"]);
    expect(ok("første kvartal", 2026)).toEqual(["2026-03-31", "month", "dated"]);
    expect(ok("i løpet av første halvår 2026")).toEqual(["2026-06-30", "month", "dated"]);
    expect(ok("Andre halvår", 2026)).toEqual(["2026-12-31", "month", "dated"]);
    expect(ok("Rapporteres i 2. tertialrapport 2026")).toEqual(["2026-08-31", "month", "dated"]);
    expect(ok("1. tertial for 2026")).toEqual(["2026-04-30", "month", "dated"]);
    expect(ok("i 3. tertialrapporten", 2026)).toEqual(["2026-12-31", "month", "dated"]);
    // No such period, or no period at all; no year and none implied.
    expect(parseNorwegianDate("3. halvår 2026", 2026)).toBeNull();
    expect(parseNorwegianDate("4. tertial 2026", 2026)).toBeNull();
    expect(parseNorwegianDate("kvartalsvis rapportering", 2026)).toBeNull();
    expect(parseNorwegianDate("2. kvartal", null)).toMatchObject({ ok: false });
  });

  it("reads a part of a month: primo as the 10th, medio as the 15th, ultimo as the month's end", () => {
    expect(ok("Frist: primo september", 2026)).toEqual(["2026-09-10", "day", "dated"]);
    expect(ok("innen medio juni 2027", 2026)).toEqual(["2027-06-15", "day", "dated"]);
    expect(ok("Frist: ultimo februar", 2024)).toEqual(["2024-02-29", "month", "dated"]);
    expect(parseNorwegianDate("medio juni", null)).toMatchObject({ ok: false });
    expect(parseNorwegianDate("primo 2026", 2026)).toBeNull();
  });

  it("reads a week as the Friday of that ISO week, with the letter's year or its own", () => {
    expect(ok("Frist: uke 23", 2025)).toEqual(["2025-06-06", "day", "dated"]);
    expect(ok("innen uke 40 i 2025", 2026)).toEqual(["2025-10-03", "day", "dated"]);
    // Week 1 may begin in December, week 53 end in January (2026 starts on a Thursday: 53 weeks).
    expect(ok("uke 1 2026")).toEqual(["2026-01-02", "day", "dated"]);
    expect(ok("uke 53 2026")).toEqual(["2027-01-01", "day", "dated"]);
    expect(ok("uke 1 2027")).toEqual(["2027-01-08", "day", "dated"]);
    expect(ok("veke 10", 2024)).toEqual(["2024-03-08", "day", "dated"]);
    expect(parseNorwegianDate("uke 53 2025", 2025)).toMatchObject({ ok: false });
    expect(parseNorwegianDate("uke 0", 2025)).toMatchObject({ ok: false });
    expect(parseNorwegianDate("3 uker etter mottatt oppdrag", 2025)).toMatchObject({ ok: true, state: "to_be_agreed" });
  });

  it("reads day/month-year («1/6-2026»), and not an ID in the number/year form", () => {
    expect(ok("Frist: 1/6-2026")).toEqual(["2026-06-01", "day", "dated"]);
    expect(ok("15/9-26")).toEqual(["2026-09-15", "day", "dated"]);
    expect(parseNorwegianDate("31/6-2026", 2026)).toMatchObject({ ok: false });
    expect(parseNorwegianDate("oppdrag 13/2024", 2026)).toBeNull();
  });

  it("reports impossible dates instead of rolling them over", () => {
    for (const bad of ["31.6.2026", "30. februar 2024", "29.02.2023", "32. januar 2023", "15.13.2023", "0. mai 2023"]) {
      const r = parseNorwegianDate(bad, 2023);
      expect(r, bad).toMatchObject({ ok: false });
      if (r && !r.ok) expect(r.error).toMatch(/ugyldig dato/);
    }
    expect(ok("29.02.2024")).toEqual(["2024-02-29", "day", "dated"]);
  });

  it("reads deadlines without a date", () => {
    expect(ok("14 dager etter mottatt oppdrag")).toEqual([null, null, "to_be_agreed"]);
    expect(ok("Frist for arbeidet avklares i dialog med departementet")).toEqual([null, null, "to_be_agreed"]);
    expect(ok("Fremdrift avtales nærmere")).toEqual([null, null, "to_be_agreed"]);
    expect(ok("Oppdraget settes i bero")).toEqual([null, null, "on_hold"]);
  });

  it("returns null for text without a date and never throws", () => {
    expect(parseNorwegianDate("", 2023)).toBeNull();
    expect(parseNorwegianDate("Helsedirektoratet skal bidra", 2023)).toBeNull();
    expect(parseNorwegianDate(undefined as unknown as string)).toBeNull();
    expect(() => parseNorwegianDate("1. ".repeat(5000) + "mai", 2023)).not.toThrow();
  });
});

describe("calendar", () => {
  it("validates without Date overflow", () => {
    expect(isValidDate(2026, 6, 31)).toBe(false);
    expect(isValidDate(2026, 6, 30)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(daysInMonth(2023, 2)).toBe(28);
  });

  it("finds phrases in running text without overlaps", () => {
    const found = findDatePhrases("Frist: 1. juli 2023, deretter utgangen av mars 2024 og 15.09.23.", 2023);
    expect(found.map((f) => [f.raw, f.result.ok && f.result.date])).toEqual([
      ["1. juli 2023", "2023-07-01"],
      ["utgangen av mars 2024", "2024-03-31"],
      ["15.09.23", "2023-09-15"],
    ]);
    expect(findDatePhrases("kap. 714.21 og 2.1.3 Spesielle oppdrag, post 21", 2023)).toEqual([]);
  });
});

describe("ids", () => {
  it("matches IDs with and without padding, split by PDF spaces, not inside words", () => {
    expect(findIds("jf. TB2023-18, TTB2021- 21 og TB 2022-31; TB2026-1 og TB2026-101").map((x) => x.id)).toEqual([
      "TB2023-18",
      "TTB2021-21",
      "TB2022-31",
      "TB2026-1",
      "TB2026-101",
    ]);
    expect(ID_PATTERN.test("XTB2023-01")).toBe(false);
    expect(findIds("TB2023-1234")).toEqual([]);
  });

  it("sorts naturally: TB before TTB, then year and number; other forms by number; synthetic keys last", () => {
    const ids = ["TTB2023-2", "uten-id-2023-0000abcd", "2026-10", "TB2023-10", "TB2023-2", "2026-02", "TB2023-101", "TTB2023-10", "TB2022-50", "2025-3"];
    const byKey = (a: string, b: string) => compareSortKeys(assignmentSortKey(a), assignmentSortKey(b));
    expect([...ids].sort(byKey)).toEqual([
      "TB2022-50",
      "TB2023-2",
      "TB2023-10",
      "TB2023-101",
      "TTB2023-2",
      "TTB2023-10",
      "2025-3",
      "2026-02",
      "2026-10",
      "uten-id-2023-0000abcd",
    ]);
    // The same number with and without padding: both orders are stable, neither merges.
    expect(byKey("TB2026-01", "TB2026-1")).not.toBe(0);
    expect(byKey("TB2026-01", "TB2026-2")).toBeLessThan(0);
  });

  it("orders assignments without an ID by their letter and line, not by their hashed key", () => {
    const item = (key: string, letterId: number, line: number) => ({ key, sortKey: assignmentSortKey(key, { letterId, line }) });
    const items = [item("uten-id-2026-00000001", 3, 40), item("uten-id-2026-ffffffff", 3, 12), item("uten-id-2026-80000000", 2, 900), item("TB2026-9", 4, 1)];
    expect(items.sort((a, b) => compareSortKeys(a.sortKey, b.sortKey)).map((x) => x.key)).toEqual([
      "TB2026-9",
      "uten-id-2026-80000000",
      "uten-id-2026-ffffffff",
      "uten-id-2026-00000001",
    ]);
    // Line 100 after line 99 (numbers are padded, not compared as text).
    expect(compareSortKeys(assignmentSortKey("uten-id-x", { letterId: 1, line: 99 }), assignmentSortKey("uten-id-y", { letterId: 1, line: 100 }))).toBeLessThan(0);
  });

  it("builds stable synthetic keys that never look like real IDs", () => {
    expect(fnv1a32("")).toBe("811c9dc5");
    expect(fnv1a32("a")).toBe("e40c292c");
    const key = syntheticId(2023, "23/2173", "Oppdrag til  Helsedirektoratet.");
    expect(key).toMatch(/^uten-id-2023-[0-9a-f]{8}$/);
    expect(key).toBe(syntheticId(2023, "23/2173", "oppdrag til helsedirektoratet"));
    expect(key).not.toBe(syntheticId(2023, "23/133-9", "Oppdrag til Helsedirektoratet"));
    expect(isSyntheticId(key)).toBe(true);
    expect(isSyntheticId("TB2023-01")).toBe(false);
    expect(ID_PATTERN.test(key)).toBe(false);
    expect(normaliseTitleForKey("  Kompetanse- og  praksisutvikling! ")).toBe("kompetanse og praksisutvikling");
  });
});

describe("deadline phrases met in other ministries' letters", () => {
  const deadlinesOf = async (text: string) => {
    const { extractDeadlines } = await import("../../app/domain/letter/deadlines");
    return extractDeadlines({ id: "X", year: 2025, lines: [{ no: 1, text }] }, []).map((d) => d.date);
  };

  it("reads a quarter written «Q3 2025» and a half-year in nynorsk («fyrste halvår»)", async () => {
    expect(await deadlinesOf("Frist: Q3 2025")).toEqual(["2025-09-30"]);
    expect(await deadlinesOf("Frist: Q4")).toEqual(["2025-12-31"]);
    expect(await deadlinesOf("Frist: fyrste halvår 2025")).toEqual(["2025-06-30"]);
    expect(findDatePhrases("Rapport om HQ2 og Q-verdier 2025.", 2025)).toEqual([]);
  });

  it("reads a deadline named by a compound («Rapporteringsfrist: …», «Svarfrist …»), not an application deadline", async () => {
    expect(await deadlinesOf("Rapporteringsfrist: 1. mai 2025")).toEqual(["2025-05-01"]);
    expect(await deadlinesOf("Leveransefrist: 1. mai 2025")).toEqual(["2025-05-01"]);
    expect(await deadlinesOf("Svarfrist 1. mai 2025")).toEqual(["2025-05-01"]);
    expect(await deadlinesOf("Søknadsfristen var 1. mars 2024, og ordningen evalueres.")).toEqual([]);
  });

  it("treats an earlier year's assignment named in a plain form like one named as TB", async () => {
    for (const ref of ["TB2024-13", "oppdrag 13/2024"]) {
      expect(await deadlinesOf(`Oppdraget bygger på ${ref}, som skulle leveres innen 15. november 2024.`)).toEqual([]);
      expect(await deadlinesOf(`Fremdriften i ${ref} avtales nærmere.`)).toEqual([]);
    }
  });

  it("reads a season and «i løpet av 2025» after «Frist» (or «innen» a season), not after a verb or in a condition", async () => {
    expect(await deadlinesOf("Frist: våren 2025")).toEqual(["2025-06-30"]);
    expect(await deadlinesOf("Frist: høsten 2025")).toEqual(["2025-11-30"]);
    expect(await deadlinesOf("Frist: hausten")).toEqual(["2025-11-30"]);
    expect(await deadlinesOf("Frist: sommeren 2025")).toEqual(["2025-08-31"]);
    expect(await deadlinesOf("Frist: før sommeren")).toEqual(["2025-06-30"]);
    expect(await deadlinesOf("Rapporten leveres innen sommeren 2025.")).toEqual(["2025-06-30"]);
    expect(await deadlinesOf("Frist: Direktoratet skal ta sikte på gjennomføring i løpet av 2025. Det bes om rapport innen 15.10.2025.")).toEqual([
      "2025-12-31",
      "2025-10-15",
    ]);
    // Someone else's work, a condition, a goal the ministry sets, a pronoun: context.
    expect(await deadlinesOf("Anbefalingene er under revisjon og skal ferdigstilles sommeren 2025.")).toEqual([]);
    expect(await deadlinesOf("Dersom forordningen vedtas i løpet av høsten, gjelder den fra 2027.")).toEqual([]);
    expect(await deadlinesOf("Målet vil settes før sommeren 2025.")).toEqual([]);
    expect(await deadlinesOf("Vår vurdering er at arbeidet går godt.")).toEqual([]);
    expect(findDatePhrases("vår vurdering", 2025)).toEqual([]);
    expect(parseNorwegianDate("våren", null)).toMatchObject({ ok: false });
  });

  it("takes every date of one deadline phrase joined by «og», not only the first", async () => {
    expect(await deadlinesOf("Frist: 15. mars og 15. september 2025")).toEqual(["2025-03-15", "2025-09-15"]);
    expect(await deadlinesOf("Frist: 1. juni 2025 (delrapport) og 1. desember 2025 (sluttrapport)")).toEqual(["2025-06-01", "2025-12-01"]);
    // A date after other words is context, not a second deadline.
    expect(await deadlinesOf("Frist: 1. mars 2025, jf. brev av 12. desember 2024")).toEqual(["2025-03-01"]);
    expect(await deadlinesOf("Rapporten skal leveres innen 1. mars. Tallene fra 1. januar og 1. juli 2024 brukes.")).toEqual(["2025-03-01"]);
  });
});
