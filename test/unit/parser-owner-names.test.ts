/**
 * Owners written with the department's name beside its code, as other ministries write them:
 * "Bolig- og bygningsavdelingen (BBA)", "KOMM (Kommunalavdelingen)", two joined by "og". The code is the owner, the
 * name becomes the department's name, and neither is taken for the title. A name alone gives no
 * code: the letter asks for the owner to be set, as before.
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";

function letter(ownerLine: string): string {
  return [
    "Tildelingsbrev 2026 til Husbanken",
    "",
    "3 Mål og oppdrag",
    "",
    "3.1 Boliger for alle",
    "",
    "TB2026-1",
    ownerLine,
    "Kartlegging av boligbehov",
    "",
    "Husbanken skal kartlegge behovet for boliger.",
    "",
    "Frist: 1. juni 2026",
    "",
  ].join("\n");
}

describe("owners with the department's name", () => {
  it.each([
    ["Ansvarlig avdeling i KDD: Bolig- og bygningsavdelingen (BBA)", ["BBA"], "Bolig- og bygningsavdelingen"],
    ["Ansvarlig avdeling i KDD: KOMM (Kommunalavdelingen)", ["KOMM"], "Kommunalavdelingen"],
    ["Avd. KDD: Bolig- og bygningsavdelingen (BBA) og Kommunalavdelingen (KOMM)", ["BBA", "KOMM"], "Bolig- og bygningsavdelingen"],
    ["Ansvarlig avdeling i KDD: BBA", ["BBA"], null],
  ])("%s", (ownerLine, codes, name) => {
    const r = parseLetter(letter(ownerLine));
    expect(r.assignments.map((a) => [a.title, a.departments])).toEqual([["Kartlegging av boligbehov", codes]]);
    expect(r.departments.find((d) => d.code === codes[0])?.name ?? null).toBe(name);
    expect(r.warnings.filter((w) => /ansvarlig avdeling/i.test(w.message))).toEqual([]);
  });

  it("a name alone gives no code, and a warning to set the owner", () => {
    const r = parseLetter(letter("Ansvarlig avdeling i KDD: Kommunalavdelingen"));
    expect(r.assignments.map((a) => [a.title, a.departments])).toEqual([["Kartlegging av boligbehov", []]]);
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/Fant ingen ansvarlig avdeling for TB2026-1/));
  });
});
