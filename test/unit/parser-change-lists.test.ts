/**
 * A later letter that lists the assignments a change applies to under a sentence that says it
 * ("… utgår følgende oppdrag:", "Følgende oppdrag settes i bero:", "Fristene for disse oppdragene
 * utsettes til 1. desember 2026:") changes each listed assignment, and its section heading
 * ("1 Oppdrag som utgår") is no assignment of its own. Before, nothing changed and the section
 * became an assignment without ID titled "Oppdrag som utgår".
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";

function laterLetter(body: string[]): string {
  return [
    "Helsedirektoratet",
    "Postboks 220 Skøyen",
    "0213 OSLO",
    "",
    "Deres ref Vår ref Dato",
    "26/123-4 15.05.2026",
    "",
    "Supplerende tildelingsbrev nr. 3 for 2026",
    "",
    ...body,
    "",
    "Med hilsen",
    "",
    "Kari Nordmann",
  ].join("\n");
}

const events = (text: string) => parseLetter(text).events.map((e) => [e.type, e.target, e.deadline?.date ?? null]);

describe("a list of assignments under a sentence that changes them", () => {
  it("withdraws, puts on hold and moves the deadlines of the listed assignments, and makes no assignment", () => {
    const r = parseLetter(
      laterLetter([
        "1 Oppdrag som utgår",
        "",
        "Etter dialog med direktoratet utgår følgende oppdrag:",
        "",
        "• TB2026-14 Kartlegging av fastlegeordningen",
        "• TB2026-22 Evaluering av legevaktforskriften",
        "",
        "Følgende oppdrag settes i bero inntil videre:",
        "",
        "• TB2026-30 Nasjonal plan for e-helse",
        "",
        "2 Endrede frister",
        "",
        "Fristene for disse oppdragene utsettes til 1. desember 2026:",
        "",
        "• TB2026-05 Rapport om ventetider",
        "• TB2026-07 Plan for akuttberedskap i kommunene med",
        "  særlig vekt på legevakt",
      ]),
    );
    expect(r.assignments).toEqual([]);
    expect(r.events.map((e) => [e.type, e.target, e.deadline?.date ?? null])).toEqual([
      ["withdrawal", "TB2026-14", null],
      ["withdrawal", "TB2026-22", null],
      ["postponement", "TB2026-30", null],
      ["deadline_change", "TB2026-05", "2026-12-01"],
      ["deadline_change", "TB2026-07", "2026-12-01"],
    ]);
    expect(r.events[0].text).toBe("Etter dialog med direktoratet utgår følgende oppdrag: TB2026-14 Kartlegging av fastlegeordningen");
  });

  it("a lead sentence over two lines, and dashes for bullets", () => {
    const text = laterLetter(["Departementet har vurdert oppdragene på nytt. Etter dette", "bortfaller disse oppdragene:", "- TB2026-14 Kartlegging av fastlegeordningen", "- TB2026-22 Evaluering"]);
    expect(events(text)).toEqual([
      ["withdrawal", "TB2026-14", null],
      ["withdrawal", "TB2026-22", null],
    ]);
  });

  it("a lead that gives new deadlines, each entry with its own date after its ID or at its end", () => {
    const r = parseLetter(
      laterLetter([
        "1 Endrede frister",
        "",
        "Følgende oppdrag får ny frist:",
        "",
        "• TB2026-14: 1. september 2026",
        "• TB2026-22 Evaluering av legevakt – 15. oktober 2026",
        "• TB2026-30 Plan for kreftomsorg (ny frist 1. desember 2026)",
      ]),
    );
    expect(r.events.map((e) => [e.type, e.target, e.deadline?.date ?? null, e.deadline?.text])).toEqual([
      ["deadline_change", "TB2026-14", "2026-09-01", "TB2026-14: 1. september 2026"],
      ["deadline_change", "TB2026-22", "2026-10-15", "TB2026-22 Evaluering av legevakt – 15. oktober 2026"],
      ["deadline_change", "TB2026-30", "2026-12-01", "TB2026-30 Plan for kreftomsorg (ny frist 1. desember 2026)"],
    ]);
    expect(r.events[0].text).toBe("Følgende oppdrag får ny frist: TB2026-14 1. september 2026");
    expect(r.assignments).toEqual([]);
  });

  it("in nynorsk", () => {
    const text = laterLetter(["Desse oppdraga fell bort:", "", "• TB2026-14 Kartlegging av fastlegeordninga"]);
    expect(events(text)).toEqual([["withdrawal", "TB2026-14", null]]);
  });

  it("an opening list of new assignments changes nothing", () => {
    const text = laterLetter([
      "Nye oppdrag eller presisering av tidligere oppdrag:",
      "",
      "• TB2026-90 Utredning av nye tiltak",
      "",
      "TB2026-90",
      "Avd. HOD: SHA",
      "Utredning av nye tiltak",
      "",
      "Helsedirektoratet skal utrede nye tiltak.",
      "",
      "Frist: 1. oktober 2026",
    ]);
    const r = parseLetter(text);
    expect(r.events).toEqual([]);
    expect(r.assignments.map((a) => [a.id, a.departments])).toEqual([["TB2026-90", ["SHA"]]]);
  });

  it("a sentence that ends in a colon but leads into no list is not a lead", () => {
    const text = laterLetter(["Følgende oppdrag utgår:", "", "Ingen.", "", "• TB2026-14 Kartlegging av fastlegeordningen"]);
    expect(events(text)).toEqual([]);
  });
});
