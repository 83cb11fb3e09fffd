import { describe, expect, it } from "vitest";
import { letterTextBlocks } from "~/domain/text";

describe("a letter's text reflowed for reading", () => {
  it("joins the lines a PDF wrapped, ends a paragraph at a blank line, and keeps list items apart", () => {
    const body = [
      "Helsedirektoratet skal utrede hensiktsmessig oppgavedeling mellom optikere og øyeleger, med ",
      "utgangspunkt i kompetansekrav. ",
      " ",
      "Direktoratet skal:",
      "- kartlegge behovet for ny merking",
      "  langs hele kysten",
      "- legge fram en plan",
      "1. Delleveranse: foreløpige vurderinger innen 1.11.2026",
      "2) Sluttleveranse: endelig rapport",
      "",
      "",
      "Frist: Settes i dialog med Helsedirektoratet",
    ].join("\n");
    expect(letterTextBlocks(body)).toEqual([
      "Helsedirektoratet skal utrede hensiktsmessig oppgavedeling mellom optikere og øyeleger, med utgangspunkt i kompetansekrav.",
      "Direktoratet skal:",
      "- kartlegge behovet for ny merking langs hele kysten",
      "- legge fram en plan",
      "1. Delleveranse: foreløpige vurderinger innen 1.11.2026",
      "2) Sluttleveranse: endelig rapport",
      "Frist: Settes i dialog med Helsedirektoratet",
    ]);
  });

  it("keeps every word in order (only line breaks change)", () => {
    const body = "Første linje av et avsnitt\nsom går videre her.\n\n• punkt én\n• punkt to.\nAndre avsnitt.";
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(letterTextBlocks(body).join(" "))).toEqual(words(body));
    expect(letterTextBlocks(body)).toEqual(["Første linje av et avsnitt som går videre her.", "• punkt én", "• punkt to.", "Andre avsnitt."]);
    expect(letterTextBlocks("")).toEqual([]);
    expect(letterTextBlocks("\n \n")).toEqual([]);
  });
});
