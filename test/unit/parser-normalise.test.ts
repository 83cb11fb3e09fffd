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
});
