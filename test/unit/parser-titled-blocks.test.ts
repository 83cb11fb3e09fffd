/**
 * Assignments without IDs under an "Oppdrag" heading, each opening with a title line of its own:
 * a Word heading without a number, as it comes out of a PDF (a short line, a blank line, the
 * text, "Frist: …"). Before, such a letter had no assignment at all ("Fant ingen oppdrag").
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";
import { letterWithSection } from "../helpers/letter-shapes";

const letter = (section: string[]): string => letterWithSection({ subject: "Tildelingsbrev 2025 til Utdanningsdirektoratet", reference: "24/1234-5", date: "18.12.2024", intro: "Departementet viser til Prop. 1 S (2024–2025).", heading: "Oppdrag" }, section);

const read = (text: string) => parseLetter(text).assignments.map((a) => [a.id.startsWith("uten-id-") ? "uten-id" : a.id, a.title, a.deadlines.map((d) => d.date)]);

describe("assignments that each open with a title line (a heading without number)", () => {
  it("reads each block as an assignment with its title, text and deadline", () => {
    const r = parseLetter(
      letter([
        "Direktoratet skal i 2025 utføre følgende oppdrag:",
        "",
        "Kartlegging av skolebibliotek",
        "",
        "Direktoratet skal kartlegge skolebibliotekene i grunnskolen og",
        "beskrive hvordan de brukes i undervisningen.",
        "",
        "Frist: 1. juni 2025",
        "",
        "Evaluering av leksehjelpsordningen",
        "Direktoratet skal evaluere ordningen. Rapporten leveres innen 1. oktober 2025.",
      ]),
    );
    expect(r.assignments.map((a) => [a.title, a.deadlines.map((d) => d.date), a.body.split("\n")[0]])).toEqual([
      ["Kartlegging av skolebibliotek", ["2025-06-01"], "Direktoratet skal kartlegge skolebibliotekene i grunnskolen og"],
      ["Evaluering av leksehjelpsordningen", ["2025-10-01"], "Direktoratet skal evaluere ordningen. Rapporten leveres innen 1. oktober 2025."],
    ]);
    expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/Fant ingen oppdrag/);
  });

  it("a block titled «Rapportering» ends the one before it and is no assignment", () => {
    const r = parseLetter(
      letter([
        "Kartlegging av skolebibliotek",
        "",
        "Direktoratet skal kartlegge skolebibliotekene. Frist: 1. juni 2025",
        "",
        "Rapportering",
        "",
        "Direktoratet rapporterer om arbeidet i årsrapporten. Frist for årsrapporten er 1. mars 2026.",
      ]),
    );
    expect(r.assignments.map((a) => [a.title, a.deadlines.map((d) => d.date), a.body])).toEqual([
      ["Kartlegging av skolebibliotek", ["2025-06-01"], "Direktoratet skal kartlegge skolebibliotekene. Frist: 1. juni 2025"],
    ]);
  });

  it("keeps a number printed before the title in the title (no ID form we read without its label)", () => {
    expect(read(letter(["2025-001 Kartlegging av skolebibliotek", "", "Direktoratet skal kartlegge dem.", "", "Frist: 1. juni 2025"]))).toEqual([
      ["uten-id", "2025-001 Kartlegging av skolebibliotek", ["2025-06-01"]],
    ]);
  });

  it("reads prose as prose: a section whose blocks do not each name a deadline gives none", () => {
    expect(
      read(
        letter([
          "Departementet vil følge opp arbeidet i etatsstyringsmøtene",
          "",
          "Direktoratet skal prioritere arbeidet med fullføring av videregående opplæring.",
          "",
          "Digitalisering",
          "",
          "Direktoratet skal bidra til at digitale læremidler tas i bruk. Frist: 1. juni 2025",
        ]),
      ),
    ).toEqual([]);
  });

  it("a paragraph's first line, which its next line goes on in lower case, is no title", () => {
    const text = letter([
      "Direktoratet skal i 2025 prioritere arbeidet med leksehjelpen",
      "og følge opp kommunene, som beskrevet nedenfor.",
      "",
      "Evaluering av leksehjelpsordningen",
      "",
      "Direktoratet skal evaluere ordningen. Frist: 1. oktober 2025.",
    ]);
    expect(read(text)).toEqual([["uten-id", "Evaluering av leksehjelpsordningen", ["2025-10-01"]]]);
  });
});
