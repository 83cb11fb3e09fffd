/**
 * The letter parser on the real 2023 letter (main letter + five supplementary letters).
 * Every expectation below was checked by hand against the text.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isSyntheticId } from "../../app/domain/letter/ids";
import { parseLetter } from "../../app/domain/letter/parse";
import type { ParseResult, ParsedAssignment, ParsedDeadline } from "../../app/domain/letter/types";

/** The shared seed beside the clone (CI), else the copy bundled with the app. */
function loadLetter2023(): string {
  const candidates = [
    path.resolve(__dirname, "../../../shared/seeds/002_52bc8ba46f39a98d.txt"),
    path.resolve(__dirname, "../../db/seed/tildelingsbrev-2023.txt"),
  ];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`Fant ikke 2023-brevet (${candidates.join(", ")})`);
  return fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

let result: ParseResult;
const get = (id: string): ParsedAssignment => {
  const a = result.assignments.find((x) => x.id === id);
  if (!a) throw new Error(`${id} mangler`);
  return a;
};
const dated = (a: ParsedAssignment) => a.deadlines.map((d) => [d.label, d.date, d.precision]);
const warningsMatching = (re: RegExp) => result.warnings.filter((w) => re.test(w.message));

beforeAll(() => {
  result = parseLetter(loadLetter2023());
});

describe("letters", () => {
  it("splits the file into the main letter and five supplementary letters", () => {
    expect(result.letters.map((l) => l.kind)).toEqual(["main", "supplementary", "supplementary", "supplementary", "supplementary", "supplementary"]);
    expect(result.letters.every((l) => l.year === 2023)).toBe(true);
    expect(result.letters[0]).toMatchObject({ startLine: 1, endLine: 2895, date: null, reference: null });
    expect(result.letters[0].title).toBe("Tildelingsbrev 2023 – Helsedirektoratet");
  });

  it("reads subject, reference and date of each supplementary letter (values on later lines)", () => {
    expect(result.letters[1]).toMatchObject({
      startLine: 2896,
      date: "2023-06-16",
      reference: "23/2173",
      title: "Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til tildelingsbrev",
    });
    expect(result.letters[2].title).toBe(
      "Statsbudsjettet 2023 - Helsedirektoratet og Folkehelseinstituttet - Tilleggsoppdrag til tillegg til tildelingsbrev",
    );
    expect(result.letters[3]).toMatchObject({ date: "2023-02-06", reference: "23/133-9", title: "Tillegg til tildelingsbrev" });
    // The last two letters carry no "Vår ref"/"Dato" in the text: null, not a guess.
    expect(result.letters[4]).toMatchObject({ date: null, reference: null });
    expect(result.letters[5]).toMatchObject({ date: null, reference: null, endLine: 4102 });
  });

  it("lets each letter start where the previous one ends", () => {
    for (let i = 1; i < result.letters.length; i++) {
      expect(result.letters[i].startLine).toBeGreaterThan(result.letters[i - 1].endLine);
    }
  });
});

describe("assignments", () => {
  it("finds all 82 TB2023 and the 14 TTB2023 assignments, each once, in letter order", () => {
    const tb = result.assignments.filter((a) => /^TB2023-\d+$/.test(a.id)).map((a) => a.id);
    const ttb = result.assignments.filter((a) => /^TTB2023-\d+$/.test(a.id)).map((a) => a.id);
    expect(tb).toEqual(Array.from({ length: 82 }, (_, i) => `TB2023-${String(i + 1).padStart(2, "0")}`));
    expect(ttb.sort()).toEqual(
      ["02", "03", "04", "05", "06", "08", "09", "10", "11", "12", "22", "23", "24", "25"].map((n) => `TTB2023-${n}`),
    );
    expect(new Set(result.assignments.map((a) => a.id)).size).toBe(result.assignments.length);
    expect(result.assignments.every((a, i, all) => i === 0 || all[i - 1].line < a.line)).toBe(true);
  });

  it("does not turn IDs mentioned in running text or summary lists into assignments", () => {
    const ids = result.assignments.map((a) => a.id);
    for (const mention of ["TB2022-26", "TB2022-31", "TTB2022-26", "TTB2021-79", "TB2021-55", "TTB2019-45"]) {
      expect(ids).not.toContain(mention);
    }
    // "- TTB2023-04 Presisering av TB2023-18" (list) and the block itself: one assignment.
    expect(get("TTB2023-04").line).toBe(3284);
    expect(get("TB2023-14").line).toBe(542); // not the quote "ID: TB2023-14 fått" in TTB2023-25
  });

  it("reads departments, including several owners and a code on the line after the label", () => {
    expect(get("TB2023-01").departments).toEqual(["FHA"]);
    expect(get("TB2023-17").departments).toEqual(["KTA"]);
    expect(get("TB2023-39").departments).toEqual(["EHE", "KTA", "SHA"]);
    expect(get("TB2023-66").departments).toEqual(["ADA", "EIA"]);
    expect(get("TB2023-19").departments).toEqual(["HRA"]);
    expect(get("TB2023-54").departments).toEqual(["HRA"]);
    expect(get("TB2023-38").departments).toEqual(["KTA"]);
    expect(get("TB2023-68").departments).toEqual(["EIA"]);
  });

  it("reads 'Ansvarlig avdeling (i) HOD' at the end of supplementary blocks", () => {
    expect(get("TTB2023-04").departments).toEqual(["KTA"]); // "Ansvarlig avdeling HOD: KTA"
    expect(get("TTB2023-02").departments).toEqual(["KTA"]);
    expect(get("TTB2023-05").departments).toEqual(["EHE"]);
    expect(get("TTB2023-06").departments).toEqual(["HRA"]);
    expect(get("TTB2023-22").departments).toEqual(["FHA"]);
    expect(get("TTB2023-24").departments).toEqual(["KTA"]);
    expect(get("TTB2023-25").departments).toEqual(["FHA"]);
  });

  it("warns instead of guessing when a supplementary block names no department", () => {
    for (const id of ["TTB2023-08", "TTB2023-09", "TTB2023-10"]) {
      expect(get(id).departments).toEqual([]);
      const w = warningsMatching(new RegExp(`ansvarlig avdeling for ${id}\\b`));
      expect(w).toHaveLength(1);
      expect(w[0].line).toBe(get(id).line);
    }
  });

  it("joins wrapped titles and stops at the body", () => {
    expect(get("TB2023-01").title).toBe("Nasjonalt program for rusforebyggende arbeid blant barn og unge");
    expect(get("TB2023-08").title).toBe("Forberedelse av sluttrapport – handlingsplan bedre kosthold i befolkningen");
    expect(get("TB2023-11").title).toBe("Handlingsplan fysisk aktivitet 2020-2023");
    expect(get("TB2023-19").title).toBe("Revidere rundskriv om taushetsplikt og informasjonsutveksling og om politibistand til helsetjenestene");
    expect(get("TB2023-38").title).toBe("Status og utvikling i helprivate allmennlegetjenester");
    expect(get("TB2023-39").title).toBe(
      "Nasjonalt velfersteknologiprogram, arbeidet med å flytte tjenester hjem (DigiHjem) og helseteknologiordning",
    );
    expect(get("TB2023-48").title).toBe("Oppfølging av nasjonal plan for rehabiliteringstilbudet til covid-19-pasienter");
    expect(get("TB2023-50").title).toBe("Kvalitet og sammenheng i tjenesten til ALS-pasienter");
    expect(get("TB2023-56").title).toBe("Oppfølging av Riksrevisjonens rapport Dokument 3:4 (2022–2023)");
    expect(get("TB2023-64").title).toBe("Utrede behovet for behandlingssenter hvor mor kan være sammen med barnet ved alvorlig fødselsdepresjon");
    expect(get("TB2023-65").title).toBe(
      "Bidra til å utvikle og øve nasjonale beredskapsplaner og understøtte arbeidet med å styrke helsesektorens motstandskraft mot alvorlige hendelser",
    );
    expect(get("TTB2023-04").title).toBe("Presisering av TB2023-18 Kjernegruppe for barn og unge. Kompetanse- og praksisutvikling i kommunene");
  });

  it("takes the title from the letter's summary list when the block has none (with a warning)", () => {
    expect(get("TTB2023-06").title).toBe(
      "Videre utredning av modell for forvaltning av ordningene for dekning av utgifter til spesialisthelsetjenester mottatt i andre EØS-land",
    );
    expect(warningsMatching(/TTB2023-06 har ingen tittel/)).toHaveLength(1);
  });

  it("keeps the body without page footers, URLs, mailto lines or letterheads", () => {
    const b22 = get("TB2023-22").body;
    expect(b22).toMatch(/^Det vises til forsøksordningen/);
    expect(b22).toMatch(/Dette oppdraget erstatter TB2022-26\.$/);
    expect(b22).not.toMatch(/mailto:/);
    const b14 = get("TB2023-14").body;
    expect(b14).toContain("Arbeidet skal\nskje i samarbeid");
    expect(b14).not.toMatch(/Side 12/);
    expect(get("TB2023-64").body).not.toMatch(/https?:/);
    const b04 = get("TTB2023-04").body;
    expect(b04).not.toMatch(/Vår ref|23\/133-9|Postboks|Deres ref|^Helsedirektoratet$/m);
    expect(b04).not.toMatch(/Ansvarlig avdeling/);
    expect(get("TTB2023-08").body).not.toMatch(/Postboks/);
    expect(get("TTB2023-22").body).toMatch(/Kontaktpersoner: Jeanette Fjeldheim og Didrik Vestrheim$/);
  });

  it("assigns goal areas from the 'Spesielle oppdrag' sections and the area headings of supplementary letters", () => {
    const areaOf = (id: string) => get(id).area;
    expect(["TB2023-01", "TB2023-16"].map(areaOf)).toEqual(["2.1", "2.1"]);
    expect(["TB2023-17", "TB2023-64"].map(areaOf)).toEqual(["2.2", "2.2"]);
    expect(["TB2023-65", "TB2023-69"].map(areaOf)).toEqual(["2.3", "2.3"]);
    expect(["TB2023-70", "TB2023-74"].map(areaOf)).toEqual(["2.4", "2.4"]);
    expect(["TB2023-75", "TB2023-82"].map(areaOf)).toEqual(["2.5", "2.5"]);
    expect(["TTB2023-04", "TTB2023-02", "TTB2023-03", "TTB2023-05"].map(areaOf)).toEqual(["2.2", "2.2", "2.2", "2.2"]);
    expect(["TTB2023-06", "TTB2023-08", "TTB2023-11", "TTB2023-12"].map(areaOf)).toEqual(["2.5", "2.1", "2.4", "2.5"]);
    expect(["TTB2023-22", "TTB2023-23", "TTB2023-25", "TTB2023-24"].map(areaOf)).toEqual(["2.1", "2.1", "2.1", "2.2"]);
  });
});

describe("areas, goals, departments", () => {
  it("lists the five goal areas and thirteen goals", () => {
    expect(result.areas).toEqual([
      { code: "2.1", name: "Folkehelse" },
      { code: "2.2", name: "Helse- og omsorgstjenester" },
      { code: "2.3", name: "Beredskap" },
      { code: "2.4", name: "Kompetanse og personell" },
      { code: "2.5", name: "Finansiering, styringsinformasjon og registre" },
    ]);
    expect(result.goals.map((g) => g.code)).toEqual(Array.from({ length: 13 }, (_, i) => `Mål ${i + 1}`));
    expect(result.goals[1]).toEqual({
      code: "Mål 2",
      area: "2.1",
      title: "Befolkningen har gode levevaner og god livskvalitet i trygge og helsefremmende lokalsamfunn",
    });
    expect(result.goals.map((g) => g.area)).toEqual(["2.1", "2.1", "2.1", "2.2", "2.2", "2.2", "2.2", "2.2", "2.3", "2.4", "2.5", "2.5", "2.5"]);
  });

  it("lists the department codes used, with names only where the text gives them", () => {
    expect(result.departments.map((d) => d.code).sort()).toEqual(["ADA", "EHE", "EIA", "FHA", "HRA", "KTA", "SHA"]);
    expect(result.departments.find((d) => d.code === "KTA")?.name).toBe("Kommunetjenesteavdelingen");
    expect(result.departments.find((d) => d.code === "SHA")?.name).toBe("Spesialisthelsetjenesteavdelingen");
    expect(result.departments.find((d) => d.code === "FHA")?.name).toBeNull();
  });
});

describe("deadlines", () => {
  const one = (id: string): ParsedDeadline => {
    const a = get(id);
    expect(a.deadlines).toHaveLength(1);
    return a.deadlines[0];
  };

  it("reads every phrasing of a dated deadline", () => {
    expect(one("TB2023-15")).toMatchObject({ date: "2023-07-01", precision: "day", text: "Frist: 1. juli 2023", isDefault: false, state: "dated", line: 568 });
    expect(one("TB2023-01")).toMatchObject({ date: "2023-05-01", text: "innen 1. mai 2023", line: 418 });
    expect(one("TB2023-30")).toMatchObject({ date: "2023-12-31", precision: "day", text: "frist for oppdraget er 31.12. 2023" });
    expect(one("TB2023-57")).toMatchObject({ date: "2023-05-15", text: "Frist: 15 mai 2023" });
    expect(one("TB2023-20")).toMatchObject({ date: "2027-03-31", precision: "month", text: "Frist: Mars 2027" });
    // Sub-task a is dated, b and c are not: the whole assignment falls back to the year's end (#18 item 8).
    expect(get("TB2023-52").deadlines).toEqual([
      expect.objectContaining({ label: "Deloppdrag a", date: "2023-01-31", precision: "month", text: "Frist: utgangen av januar 2023" }),
      expect.objectContaining({ label: null, date: "2023-12-31", precision: "year", isDefault: true }),
    ]);
    expect(one("TB2023-77")).toMatchObject({ date: "2023-10-01", text: "Frist for oppdraget: 1.10.2023" });
    expect(one("TB2023-47")).toMatchObject({ date: "2023-03-01", text: "innen 1.3.2023" });
    expect(one("TB2023-78")).toMatchObject({ date: "2023-02-28", precision: "month", text: "innen utgangen av februar" });
    expect(one("TTB2023-02")).toMatchObject({ date: "2023-03-28", text: "Frist: 28.mars 2023" });
    expect(one("TTB2023-11")).toMatchObject({ date: "2023-05-15", text: "Frist:15. mai 2023" });
    expect(one("TB2023-08").date).toBe("2024-03-01");
    expect(one("TB2023-23").date).toBe("2023-10-01");
    expect(one("TB2023-56").date).toBe("2023-03-15"); // "…tidslinje,\n innen 15. mars 2023"
  });

  it("reads deadlines split over two lines", () => {
    expect(get("TB2023-43").deadlines[0]).toMatchObject({ date: "2023-12-31", text: "Frist for rapport: 31. desember 2023", line: 1520 });
    expect(get("TTB2023-03").deadlines[0]).toMatchObject({ date: "2023-03-15", label: "Deloppdrag 1", text: "innen 15. mars 2023" });
  });

  it("reads the deadlines of each deliverable", () => {
    expect(dated(get("TB2023-62"))).toEqual([
      ["Deloppdrag 1", "2023-01-15", "day"],
      ["Deloppdrag 2", "2023-01-15", "day"],
      ["Deloppdrag 3", "2023-03-01", "day"], // "Frist 1. mars": year implied by the letter
      ["Deloppdrag 4", "2023-03-01", "day"],
      ["Deloppdrag 5", "2022-03-01", "day"], // as written, with a warning
      ["Deloppdrag 6", "2023-03-31", "day"],
      [null, "2023-12-31", "year"], // no deadline for the whole assignment: the year's end (#18 item 8)
    ]);
    expect(dated(get("TB2023-43"))).toEqual([
      ["Deloppdrag 4", "2023-12-31", "day"],
      ["Delleveranse 1", "2023-09-15", "day"],
      ["Delleveranse 2", "2023-12-31", "day"],
    ]);
    expect(dated(get("TB2023-81"))).toEqual([
      ["Deloppdrag 1", "2023-05-01", "day"],
      ["Deloppdrag 2", "2023-04-01", "day"],
      ["Deloppdrag 3", "2023-05-01", "day"],
      [null, "2023-12-31", "year"], // no deadline for the whole assignment: the year's end (#18 item 8)
    ]);
    expect(dated(get("TB2023-39"))).toEqual([
      ["Deloppdrag 2", "2023-03-01", "day"],
      ["Deloppdrag 3", "2023-03-01", "day"],
      [null, "2023-12-31", "year"], // no deadline for the whole assignment: the year's end (#18 item 8)
    ]);
    expect(dated(get("TB2023-44"))).toEqual([
      ["Deloppdrag 1", "2023-05-01", "day"],
      ["Deloppdrag 1", "2023-12-31", "year"],
      ["Deloppdrag 2", "2024-12-31", "year"],
    ]);
    expect(dated(get("TTB2023-09"))).toEqual([
      ["Delleveranse 1", "2023-09-15", "day"],
      ["Delleveranse 2", "2023-12-31", "day"],
    ]);
    expect(dated(get("TTB2023-23"))).toEqual([
      ["Deloppdrag 1", "2023-09-15", "day"],
      ["Deloppdrag 2", "2023-06-16", "day"],
      ["Deloppdrag 3", "2023-11-30", "day"],
      [null, "2023-12-31", "year"], // no deadline for the whole assignment: the year's end (#18 item 8)
    ]);
    // "… innen 1. juni 2023." and "Frist for deloppdrag: 1. juni 2023" are one deadline.
    expect(get("TTB2023-25").deadlines).toEqual([
      expect.objectContaining({ label: "Deloppdrag", date: "2023-06-01", text: "Frist for deloppdrag: 1. juni 2023" }),
      expect.objectContaining({ label: null, date: "2023-12-31", isDefault: true }),
    ]);
    expect(warningsMatching(/«Frist 1\. mars 2022» i TB2023-62 ligger før brevets år/)).toHaveLength(1);
  });

  it("keeps a single 'Frist' after a list for the whole assignment (label null)", () => {
    expect(get("TB2023-22").deadlines).toEqual([expect.objectContaining({ label: null, date: "2023-03-01" })]);
    expect(get("TTB2023-05").deadlines).toEqual([expect.objectContaining({ label: null, date: "2023-10-01" })]);
    expect(get("TTB2023-22").deadlines).toEqual([expect.objectContaining({ label: null, date: "2023-11-15" })]);
  });

  it("reads deadlines left open or on hold", () => {
    expect(one("TB2023-03")).toMatchObject({ state: "to_be_agreed", date: null, precision: null, text: "Frist for arbeidet avklares i dialog med departementet" });
    expect(one("TB2023-07")).toMatchObject({ state: "to_be_agreed", date: null, text: "Fremdrift for arbeidet avtales nærmere" });
    expect(one("TTB2023-04")).toMatchObject({ state: "to_be_agreed", date: null });
    expect(one("TB2023-55")).toMatchObject({ state: "on_hold", date: null });
    expect(get("TTB2023-03").deadlines[1]).toMatchObject({ state: "to_be_agreed", label: "Deloppdrag 2", date: null });
    const relative = result.assignments.find((a) => a.deadlines.some((d) => d.text === "Frist: 14 dager etter mottatt oppdrag"));
    expect(relative?.deadlines[0]).toMatchObject({ state: "to_be_agreed", date: null, line: 3206 });
  });

  it("gives the default deadline when the letter gives none", () => {
    for (const id of ["TB2023-02", "TB2023-04", "TB2023-06", "TB2023-09", "TB2023-60", "TTB2023-08", "TTB2023-10"]) {
      expect(get(id).deadlines).toEqual([
        {
          date: "2023-12-31",
          precision: "year",
          label: null,
          text: "Ingen frist oppgitt – gjennomføres innen utgangen av 2023",
          isDefault: true,
          state: "dated",
          line: null,
        },
      ]);
    }
  });

  it("does not take dates that describe context for deadlines", () => {
    // "i perioden 2021–2023", "varighet til 31.12.2025", "svar 26.11.2021", "fra 1. januar 2023 til og med 31. desember 2024"
    for (const id of ["TB2023-04", "TB2023-09", "TB2023-26", "TB2023-60"]) expect(get(id).deadlines[0].isDefault).toBe(true);
    // TTB2023-03: "(TTB 2022-26, 29. juni 2022), fra utgangen av 2023 til utgangen av juni 2024" is about the old assignment.
    expect(get("TTB2023-03").deadlines.map((d) => d.date)).toEqual(["2023-03-15", null, "2023-12-31"]);
    // TB2023-16: "Kunnskapsdepartementet har 4. juli 2022 gitt …" is not the deadline.
    expect(one("TB2023-16").date).toBe("2023-03-01");
  });

  it("puts every dated deadline on a real calendar day with the phrase's line", () => {
    for (const a of result.assignments) {
      for (const d of a.deadlines) {
        if (d.state !== "dated") continue;
        expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (!d.isDefault) expect(d.line).toBeGreaterThanOrEqual(a.line);
        if (!d.isDefault) expect(d.line).toBeLessThanOrEqual(a.endLine);
      }
    }
  });
});

describe("relations and events", () => {
  it("reads 'erstatter' and 'Presisering av'", () => {
    expect(get("TB2023-22").relations).toEqual([{ type: "replaces", target: "TB2022-26" }]);
    expect(get("TB2023-52").relations).toEqual([{ type: "replaces", target: "TB2022-09" }]);
    expect(get("TTB2023-04").relations).toEqual([{ type: "clarifies", target: "TB2023-18" }]);
    expect(get("TTB2023-05").relations).toEqual([{ type: "clarifies", target: "TB2023-63" }]);
    expect(get("TTB2023-09").relations).toEqual([{ type: "clarifies", target: "TB2023-43" }]);
    expect(get("TTB2023-10").relations).toEqual([{ type: "clarifies", target: "TB2023-32" }]);
    expect(get("TTB2023-25").relations).toEqual([{ type: "clarifies", target: "TB2023-14" }]);
    expect(get("TB2023-34").relations).toEqual([]); // "jf. TTB2021-79" is a mention
  });

  it("records the postponement of TB2023-31 and keeps the assignment itself", () => {
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ type: "postponement", target: "TB2023-31", letter: 5, line: 4077, source: null });
    expect(result.events[0].text).toMatch(/^Utsettelse av TB2023-31 Evaluering av rådgivende enheter for russaker .*utsettes oppdraget inntil videre/);
    expect(get("TB2023-31").deadlines[0].date).toBe("2023-06-01");
  });
});

describe("assignments without an ID", () => {
  it("gives the two ID-less assignments of the June letters stable synthetic keys", () => {
    const untitled = result.assignments.filter((a) => !a.hasId);
    expect(untitled).toHaveLength(2);
    for (const a of untitled) {
      expect(isSyntheticId(a.id)).toBe(true);
      expect(a.id).toMatch(/^uten-id-2023-[0-9a-f]{8}$/);
      expect(a.departments).toEqual([]);
    }
    const [reorg, fhi] = untitled;
    expect(reorg).toMatchObject({ letter: 1, title: "Oppdrag til Helsedirektoratet", line: 3054 });
    expect(dated(reorg)).toEqual([
      [null, "2023-07-03", "day"],
      [null, "2023-09-01", "day"],
      [null, "2023-11-01", "day"],
    ]);
    expect(fhi.letter).toBe(2);
    expect(fhi.deadlines).toEqual([expect.objectContaining({ state: "to_be_agreed", text: "Frist: 14 dager etter mottatt oppdrag" })]);
    // Same text, same keys; a different reference changes the key.
    const again = parseLetter(loadLetter2023());
    expect(again.assignments.filter((a) => !a.hasId).map((a) => a.id)).toEqual(untitled.map((a) => a.id));
    const otherRef = parseLetter(loadLetter2023().replace("23/2173- ", "23/9999- "));
    expect(otherRef.assignments.filter((a) => !a.hasId).map((a) => a.id)).not.toEqual(untitled.map((a) => a.id));
  });
});

describe("warnings", () => {
  it("says what it could not read, with line numbers, and nothing more", () => {
    expect(result.warnings.every((w) => Number.isInteger(w.line) && w.line >= 1 && w.line <= 4102)).toBe(true);
    expect(result.warnings.map((w) => w.line)).toEqual([...result.warnings.map((w) => w.line)].sort((a, b) => a - b));
    // 3 supplementary blocks and 2 ID-less assignments without department, TTB2023-06's title,
    // the 2022 deadline in TB2023-62, the two letters without a date.
    expect(result.warnings).toHaveLength(9);
    expect(warningsMatching(/Fant ikke dato for tilleggsbrevet/).map((w) => w.line)).toEqual([3584, 3839]);
  });
});
