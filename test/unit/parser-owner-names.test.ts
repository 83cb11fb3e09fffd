/**
 * Owners written with the department's name beside its code, as other ministries write them:
 * "Bolig- og bygningsavdelingen (BBA)", "KOMM (Kommunalavdelingen)", two joined by "og". The code is the owner, the
 * name becomes the department's name, and neither is taken for the title. A name alone gives the
 * code the letter writes beside that name elsewhere (its list of departments, an earlier
 * assignment); where it writes none, or two, the letter asks for the owner to be set.
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";

function letter(ownerLine: string, intro: string[] = []): string {
  return [
    "Tildelingsbrev 2026 til Husbanken",
    "",
    ...intro,
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

  it("a name alone that the letter gives no code is kept as the owner's name, with a warning", () => {
    const r = parseLetter(letter("Ansvarlig avdeling i KDD: Kommunalavdelingen"));
    expect(r.assignments.map((a) => [a.title, a.departments, a.ownerNames])).toEqual([["Kartlegging av boligbehov", [], ["Kommunalavdelingen"]]]);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      "Fant ingen ansvarlig avdeling for TB2026-1 (Kartlegging av boligbehov) – «Kommunalavdelingen» står uten avdelingskode i brevet; importen setter koden registeret har for navnet",
    );
  });

  it("owner names on the line after the label, two of them", () => {
    const r = parseLetter(letter("Ansvarlig avdeling i KDD:").replace("KDD:\n", "KDD:\nBolig- og bygningsavdelingen og Kommunalavdelingen\n"));
    expect(r.assignments.map((a) => [a.title, a.ownerNames])).toEqual([["Kartlegging av boligbehov", ["Bolig- og bygningsavdelingen", "Kommunalavdelingen"]]]);
  });

  it("an owner line that is no name gives no owner's name", () => {
    const r = parseLetter(letter("Ansvarlig avdeling i KDD: Se eget brev"));
    expect(r.assignments.map((a) => a.ownerNames)).toEqual([undefined]);
  });

  const departmentList = [
    "Kommunal- og distriktsdepartementets avdelinger i styringen av Husbanken er Kommunalavdelingen (KOMM)",
    "og Bolig- og bygningsavdelingen (BBA).",
    "",
  ];

  it.each([
    ["Ansvarlig avdeling i KDD: Kommunalavdelingen", ["KOMM"]],
    ["Ansvarlig avdeling i KDD: kommunalavdelingen.", ["KOMM"]],
    ["Ansvarlig avdeling i KDD: Bolig- og bygningsavdelingen og Kommunalavdelingen", ["BBA", "KOMM"]],
    ["Ansvarlig avdeling i KDD: Bolig- og bygningsavdelingen (BBA) og Kommunalavdelingen", ["BBA", "KOMM"]],
  ])("a name alone gives the code the letter writes beside it elsewhere: %s", (ownerLine, codes) => {
    const r = parseLetter(letter(ownerLine, departmentList));
    expect(r.assignments.map((a) => [a.title, a.departments])).toEqual([["Kartlegging av boligbehov", codes]]);
    expect(r.departments.find((d) => d.code === "KOMM")?.name ?? "Kommunalavdelingen").toBe("Kommunalavdelingen");
    expect(r.warnings.filter((w) => /ansvarlig avdeling/i.test(w.message))).toEqual([]);
  });

  it("a name alone on the line after the label, and the code written before the name", () => {
    const text = letter("Ansvarlig avdeling i KDD:", ["Styringen følges opp av KOMM (Kommunalavdelingen).", ""]).replace(
      "Ansvarlig avdeling i KDD:\n",
      "Ansvarlig avdeling i KDD:\nKommunalavdelingen\n",
    );
    const r = parseLetter(text);
    expect(r.assignments.map((a) => [a.title, a.departments])).toEqual([["Kartlegging av boligbehov", ["KOMM"]]]);
  });

  it("a name the letter writes beside two codes stays without a code", () => {
    const r = parseLetter(
      letter("Ansvarlig avdeling i KDD: Kommunalavdelingen", ["Kommunalavdelingen (KOMM) og Kommunalavdelingen (KA) er nevnt.", ""]),
    );
    expect(r.assignments.map((a) => a.departments)).toEqual([[]]);
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/Fant ingen ansvarlig avdeling for TB2026-1/));
  });
});
