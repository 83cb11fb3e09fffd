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

  it("breaks a long line (a converter's table cell) at its list items, not at a date", () => {
    const cell =
      "Helse- og omsorgsdepartementet ber Helsedirektoratet om å følge opp strategien for seksuell helse, jf. omtale i Prop. 1 S (2025–2026), og om å rapportere på arbeidet i årsrapporten. " +
      "• Bidra i arbeidet med en kompetansepakke om seksuell helse • Vurdere resultatene av tilbudet om abort utenfor sykehus, jf. utredningen som hadde frist 31.12.2025. " +
      "1. Helsedirektoratet skal gjennomføre tiltak i ny handlingsplan innen 1. juli 2026. 2. Helsedirektoratet skal også lage en plan for statistikken.";
    expect(letterTextBlocks(cell)).toEqual([
      "Helse- og omsorgsdepartementet ber Helsedirektoratet om å følge opp strategien for seksuell helse, jf. omtale i Prop. 1 S (2025–2026), og om å rapportere på arbeidet i årsrapporten.",
      "• Bidra i arbeidet med en kompetansepakke om seksuell helse",
      "• Vurdere resultatene av tilbudet om abort utenfor sykehus, jf. utredningen som hadde frist 31.12.2025.",
      "1. Helsedirektoratet skal gjennomføre tiltak i ny handlingsplan innen 1. juli 2026.",
      "2. Helsedirektoratet skal også lage en plan for statistikken.",
    ]);
    // A short line is left as it is.
    expect(letterTextBlocks("Kort. 2. Neste • punkt")).toEqual(["Kort. 2. Neste • punkt"]);
  });
});
