/**
 * Assignments without IDs lettered a), b), c) under an "Oppdrag" heading, as headings with their
 * text below or as one sentence each, read like numbered ones; a lettered list inside numbered
 * assignments stays their text. Before, a lettered letter had no assignment.
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";
import { letterWithSection } from "../helpers/letter-shapes";

const letter = (section: string[]): string => letterWithSection({ subject: "Tildelingsbrev 2026 til Statens kartverk", reference: "25/999-1", date: "19.12.2025", intro: "Departementet stiller midler til disposisjon for Kartverket i 2026.", heading: "Særskilte oppdrag" }, section);

const read = (text: string) => parseLetter(text).assignments.map((a) => [a.title, a.deadlines.find((d) => !d.isDefault)?.date ?? null]);

describe("assignments lettered a), b), c)", () => {
  it("as headings with their text below", () => {
    const text = letter([
      "a) Utrede en nasjonal høydemodell for kystsonen",
      "",
      "Kartverket skal utrede en nasjonal høydemodell for kystsonen. Frist: 1. juni 2026.",
      "",
      "b) Evaluere eiendomsregisteret",
      "",
      "Frist: 1. oktober 2026.",
    ]);
    expect(read(text)).toEqual([
      ["Utrede en nasjonal høydemodell for kystsonen", "2026-06-01"],
      ["Evaluere eiendomsregisteret", "2026-10-01"],
    ]);
  });

  it("as one sentence each, line by line, a sentence wrapped", () => {
    const text = letter([
      "a. Kartverket skal utrede en nasjonal høydemodell for kystsonen innen 1. juni 2026.",
      "b. Kartverket skal evaluere eiendomsregisteret innen 1. oktober 2026.",
      "c. Kartverket skal rapportere om digitalisering av tinglysing",
      "innen 15. mars 2026.",
    ]);
    expect(read(text)).toEqual([
      ["Kartverket skal utrede en nasjonal høydemodell for kystsonen innen 1. juni 2026", "2026-06-01"],
      ["Kartverket skal evaluere eiendomsregisteret innen 1. oktober 2026", "2026-10-01"],
      ["Kartverket skal rapportere om digitalisering av tinglysing innen 15. mars 2026", "2026-03-15"],
    ]);
  });

  it("a lettered list inside numbered assignments is their text", () => {
    const text = letter([
      "1. Utrede en nasjonal høydemodell",
      "",
      "Utredningen skal omfatte:",
      "a) Kostnader for kommunene",
      "b) Behovet for nye målinger",
      "",
      "Frist: 1. juni 2026.",
      "",
      "2. Evaluere eiendomsregisteret",
      "",
      "Frist: 1. oktober 2026.",
    ]);
    const r = parseLetter(text);
    expect(r.assignments.map((a) => a.title)).toEqual(["Utrede en nasjonal høydemodell", "Evaluere eiendomsregisteret"]);
    expect(r.assignments[0].body).toContain("a) Kostnader for kommunene");
  });

  it("a lone lettered line is no assignment", () => {
    const text = letter(["A. Generelle føringer for arbeidet", "", "Kartverket skal samarbeide med kommunene."]);
    expect(parseLetter(text).assignments).toEqual([]);
  });
});
