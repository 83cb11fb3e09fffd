/** The one text normalisation (app/domain/letter/normalise.ts). */
import { describe, expect, it } from "vitest";
import { normaliseLetterText } from "~/domain/letter/normalise";
import { parseLetter } from "~/domain/letter/parse";

describe("normaliseLetterText", () => {
  it("strips the BOM, turns CRLF and CR into LF, odd spaces into spaces, drops soft hyphens, zero-width characters and NUL", () => {
    expect(normaliseLetterText("\uFEFFa\r\nb\rc\u00A0d\u202Fe\tf\u00ADg\u200Bh\u0000i")).toBe("a\nb\nc d e fghi");
  });
  it("keeps the line structure and is idempotent", () => {
    const raw = "TB2026-1\r\n\r\nAvd.\u00A0HOD: FHA\rTittel\n";
    const once = normaliseLetterText(raw);
    expect(once.split("\n")).toHaveLength(5);
    expect(normaliseLetterText(once)).toBe(once);
  });
  it("gives the parser the same result as the raw text", () => {
    const raw = "\uFEFFStatsbudsjettet 2026 – tildelingsbrev til Helsedirektoratet\r\n\r\n2.1 Folkehelse\r\n\r\nTB2026-1\r\nAvd. HOD:\u00A0FHA\r\nTittel\r\n\r\nTekst. Frist: 1. mai 2026\r\n";
    expect(parseLetter(normaliseLetterText(raw))).toEqual(parseLetter(raw));
  });
  it("turns the hyphens a Word file puts in an ID, and a PDF font's ligatures, into plain characters", () => {
    expect(normaliseLetterText("TB2025\u201101 ﬁnansiering \u2010 ﬂyttes \u2212 2")).toBe("TB2025-01 finansiering - flyttes - 2");
    const r = parseLetter("Tildelingsbrev 2025 til Vegtilsynet\n\n3.1 Trygge veier\n\nTB2025\u20111\nAvd. SD: VEG\nKartlegging av ﬂomutsatte veier\n\nTekst. Frist: 1. mai 2025\n");
    expect(r.assignments.map((a) => [a.id, a.title])).toEqual([["TB2025-1", "Kartlegging av flomutsatte veier"]]);
  });
  it("turns symbol-font bullets (anywhere) and other bullet glyphs (at a line's start) into «•»", () => {
    expect(normaliseLetterText("\uF0B7 Første\n  \uF0A7 Andre\n● Tredje\n\t➢ Fjerde\nPris ● stk \uF0B7 x")).toBe("• Første\n  • Andre\n• Tredje\n • Fjerde\nPris ● stk • x");
    const once = normaliseLetterText("◦ a\n\uF0FC b");
    expect(once).toBe("• a\n• b");
    expect(normaliseLetterText(once)).toBe(once);
  });
});
