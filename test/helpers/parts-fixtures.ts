/**
 * A written 2026 letter series as parse results (the parser's output contract,
 * app/domain/letter/types.ts): a main letter and two supplementary letters with an addition, a
 * clarification, an exempt announced-only ID filled in later, an earlier-year ID, a withdrawal,
 * a deadline change and an owner change. Texts are our own, in the genre.
 */
import { importParsedLetter } from "~/use-cases/import-letter.server";
import type { AppDatabase } from "~/db/connection.server";
import type { ParsedAssignment, ParsedDeadline, ParsedEvent, ParsedLetter, ParseResult } from "~/domain/letter/types";

export const MAIN: ParsedLetter = { kind: "main", year: 2026, date: "2026-01-08", reference: "25/1234-5", title: "Tildelingsbrev 2026 til Helsedirektoratet", startLine: 1, endLine: 400 };
export const SUPP1: ParsedLetter = { kind: "supplementary", year: 2026, date: "2026-02-12", reference: "25/1234-12", title: "Supplerende tildelingsbrev nr. 1 2026", startLine: 1, endLine: 80, number: 1 };
export const SUPP2: ParsedLetter = { kind: "supplementary", year: 2026, date: "2026-03-19", reference: "25/1234-20", title: "Supplerende tildelingsbrev nr. 2 2026", startLine: 1, endLine: 80, number: 2 };

export function dl(date: string | null, text: string, extra: Partial<ParsedDeadline> = {}): ParsedDeadline {
  return { date, precision: date ? "day" : null, label: null, text, isDefault: false, state: date ? "dated" : "to_be_agreed", line: 10, ...extra };
}
const YEAR_END = dl("2026-12-31", "Ingen frist oppgitt – gjennomføres innen utgangen av 2026", { isDefault: true, precision: "year", line: null });

export function block(id: string, extra: Partial<ParsedAssignment> = {}): ParsedAssignment {
  return {
    id,
    hasId: true,
    letter: 0,
    title: `Tittel for ${id}`,
    departments: ["KTA"],
    area: "3.4",
    goal: null,
    body: `Helsedirektoratet skal følge opp ${id}.`,
    line: 20,
    endLine: 25,
    deadlines: [YEAR_END],
    relations: [],
    ...extra,
  };
}

export function result(letter: ParsedLetter, assignments: ParsedAssignment[], events: ParsedEvent[] = []): ParseResult {
  return {
    letters: [letter],
    assignments,
    events,
    warnings: [],
    areas: letter.kind === "main" ? [{ code: "3.1", name: "Folkehelse" }, { code: "3.4", name: "Pasienter og brukere" }] : [],
    goals: [],
    departments: [],
  };
}

export const mainLetter = () =>
  result(MAIN, [
    block("TB2026-12", { title: "Oppfølging av Meld. St. 23 (2024–2025)", area: "3.1", departments: ["FHA"], deadlines: [dl("2026-06-01", "Frist: 1.6.2026")] }),
    block("TB2026-17", { title: "Nasjonal plan for legemiddelberedskap", departments: ["SHA"], deadlines: [YEAR_END] }),
    block("TB2026-20", { title: "Kartlegging av ventetider", deadlines: [dl(null, "Frist: 31.6.2026", { state: "invalid", precision: null })] }),
    block("TB2026-61", { title: "", body: "", departments: [], area: "3.4", exempt: true, announcedOnly: true, deadlines: [YEAR_END] }),
  ]);

export const supplement1 = () =>
  result(SUPP1, [
    block("TB2026-17", {
      kind: "addition",
      target: "TB2026-17",
      title: "Delleveranse om lagerhold",
      body: "Det vises til oppdrag TB2026-17. Følgende delleveranser bes levert som en del av det: en vurdering av lagerhold.",
      departments: ["SHA"],
      area: null,
      deadlines: [dl("2026-05-01", "Frist: 1. mai 2026", { label: "Delleveranse 1" }), YEAR_END],
    }),
    block("TB2025-115", { kind: "clarification", target: "TB2025-115", year: 2025, title: "Digital samhandling", body: "Presisering av tidligere oppdrag.", departments: ["DIG"], area: null, deadlines: [dl("2026-10-15", "Frist: 15.10.2026")] }),
    block("TB2026-61", { title: "Vurdering av beredskapslager", body: "Helsedirektoratet skal vurdere beredskapslagrene.", departments: ["SHA"], area: null, deadlines: [dl("2026-09-01", "Frist: 1.9.2026")] }),
  ]);

export const supplement2 = () =>
  result(
    SUPP2,
    [block("TB2026-12", { kind: "clarification", target: "TB2026-12", title: "Presisering av tidligere oppdrag", body: "Rapporten skal også omtale fastlegeordningen.", departments: [], area: null, deadlines: [YEAR_END] })],
    [
      { type: "withdrawal", target: "TB2026-20", letter: 0, line: 40, source: null, text: "Oppdrag TB2026-20 utgår." },
      { type: "deadline_change", target: "TB2026-12", letter: 0, line: 42, source: null, text: "Fristen for TB2026-12 utsettes til 1. september 2026.", deadline: dl("2026-09-01", "1. september 2026", { line: 42 }) },
      { type: "owner_change", target: "TB2026-17", letter: 0, line: 44, source: null, text: "Ansvaret for TB2026-17 flyttes til KTA.", departments: ["KTA"] },
    ],
  );

export async function importResult(t: Pick<AppDatabase, "db">, parsed: ParseResult, name: string) {
  return importParsedLetter(t.db, parsed, { text: `${name}\n${JSON.stringify(parsed)}`, sourceName: name });
}

