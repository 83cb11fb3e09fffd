import { describe, expect, it } from "vitest";
import { hasHit, snippetParts } from "~/domain/snippet";

describe("search snippets", () => {
  it("splits the marked hits from the plain text", () => {
    expect(snippetParts("…kampanje mot \u0001tobakk\u0002 og \u0001snus\u0002 blant unge…")).toEqual([
      { text: "…kampanje mot ", hit: false },
      { text: "tobakk", hit: true },
      { text: " og ", hit: false },
      { text: "snus", hit: true },
      { text: " blant unge…", hit: false },
    ]);
  });

  it("keeps markup in the text as text, and drops stray markers", () => {
    const parts = snippetParts("<script>alert(1)</script> \u0001<b>\u0002\u0002 slutt\u0001");
    expect(parts).toEqual([
      { text: "<script>alert(1)</script> ", hit: false },
      { text: "<b>", hit: true },
      { text: " slutt", hit: false },
    ]);
    expect(hasHit(parts)).toBe(true);
    expect(hasHit(snippetParts("ingen treff"))).toBe(false);
  });
});
