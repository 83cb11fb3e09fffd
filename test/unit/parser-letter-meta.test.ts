/** Letter metadata (genre, number, recipient) on written subject lines and address blocks. */
import { describe, expect, it } from "vitest";
import { addresseeFromText, genreOf, isGenreSubject, letterNumberOf, recipientFromAddress, recipientFromSubject } from "~/domain/letter/letter-meta";
import { parseLetter } from "~/domain/letter/parse";

describe("genre, number and recipient from the subject line", () => {
  it.each([
    ["Tildelingsbrev 2026 til Helsedirektoratet", "tildelingsbrev", null, "Helsedirektoratet"],
    ["Statsbudsjettet 2026 – tildelingsbrev til Folkehelseinstituttet", "tildelingsbrev", null, "Folkehelseinstituttet"],
    ["Oppdragsdokument til Norsk helsenett SF for 2026", "oppdragsdokument", null, "Norsk helsenett SF"],
    ["Oppdragsbrev 2026 til Statens helsetilsyn", "oppdragsbrev", null, "Statens helsetilsyn"],
    ["Supplerende tildelingsbrev nr. 3 til Helsedirektoratet", "supplerende tildelingsbrev", 3, "Helsedirektoratet"],
    ["Supplerende tildelingsbrev 2026 nr. 12 til Direktoratet for medisinske produkter", "supplerende tildelingsbrev", 12, "Direktoratet for medisinske produkter"],
    ["Tillegg nr. 2 til tildelingsbrev 2026 til Helsedirektoratet", "tillegg til tildelingsbrev", 2, "Helsedirektoratet"],
    ["Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til tildelingsbrev", "tillegg til tildelingsbrev", null, "Helsedirektoratet"],
    ["Tillegg til tildelingsbrev", "tillegg til tildelingsbrev", null, null],
    // Forms seen in older public letters of other ministries (written variants, not their text):
    ["Tildelingsbrev til Direktoratet for strålevern og atomsikkerhet 2026", "tildelingsbrev", null, "Direktoratet for strålevern og atomsikkerhet"],
    ["Endelig tildelingsbrev Helsetilsynet 2026 kap. 721 post 01 driftsutgifter og tilsyn", "tildelingsbrev", null, "Helsetilsynet"],
    // The name after the year and a dash, without an abbreviation in brackets.
    ["Tildelingsbrev for 2026 – Folkehelseinstituttet", "tildelingsbrev", null, "Folkehelseinstituttet"],
    ["Tildelingsbrev 2026 - Direktoratet for medisinske produkter (DMP)", "tildelingsbrev", null, "Direktoratet for medisinske produkter"],
    ["Supplerende tildelingsbrev nr. 3 for 2026 – Folkehelseinstituttet", "supplerende tildelingsbrev", 3, "Folkehelseinstituttet"],
    ["Tillegg nr. 2 til tildelingsbrev 2026 – Helsedirektoratet", "tillegg til tildelingsbrev", 2, "Helsedirektoratet"],
    ["Oppdragsdokument 2026 – Helse Nord RHF – endelig versjon", "oppdragsdokument", null, "Helse Nord RHF"],
    ["Tildelingsbrev 2026 – Tillegg nr. 2", "tillegg til tildelingsbrev", 2, null],
    ["Tildelingsbrev 2025 til Husbanken – tillegg nr. 2", "tillegg til tildelingsbrev", 2, "Husbanken"],
    ["Oppdragsdokument 2026 til Helse Vest RHF – tillegg nr. 1", "tillegg til oppdragsdokument", 1, "Helse Vest RHF"],
    // Later letters to an agency steered by an oppdragsdokument or oppdragsbrev.
    ["Tillegg til oppdragsdokument 2026 for Helse Nord RHF", "tillegg til oppdragsdokument", null, "Helse Nord RHF"],
    ["Tilleggsdokument til oppdragsdokumentet 2026 – Helse Midt-Norge RHF", "tillegg til oppdragsdokument", null, "Helse Midt-Norge RHF"],
    ["Supplerende oppdragsdokument nr. 2 til Norsk helsenett SF", "supplerende oppdragsdokument", 2, "Norsk helsenett SF"],
    ["Tillegg nr. 1 til oppdragsbrev 2026 til Statens helsetilsyn", "tillegg til oppdragsbrev", 1, "Statens helsetilsyn"],
    ["Supplerende oppdragsbrev nr. 3 til Direktoratet for medisinske produkter", "supplerende oppdragsbrev", 3, "Direktoratet for medisinske produkter"],
    // Later letters named in their own words.
    ["Endringsbrev nr. 1 2025 til Husbanken", "endringsbrev", 1, "Husbanken"],
    ["Tilleggsbrev nr. 2 til tildelingsbrev 2025 – Husbanken", "tilleggsbrev", 2, "Husbanken"],
    ["Supplement nr. 1 til tildelingsbrev 2025 for Husbanken", "tillegg til tildelingsbrev", 1, "Husbanken"],
    ["Oppdragsbrev 2025 – tillegg 1 – Husbanken", "tillegg til oppdragsbrev", 1, "Husbanken"],
    ["Endring av tildelingsbrev 2025 – Husbanken", "tildelingsbrev", null, "Husbanken"],
    ["Tildelingsbrev 2025 nr. 2 – Husbanken", "tildelingsbrev", 2, "Husbanken"],
  ])("%s", (subject, genre, number, recipient) => {
    expect(genreOf(subject)).toBe(genre);
    expect(letterNumberOf(subject)).toBe(number);
    expect(recipientFromSubject(subject)).toBe(recipient);
  });

  it("tells a subject line from a sentence that mentions the genre", () => {
    expect(isGenreSubject("Oppdragsdokument til Norsk helsenett SF for 2026")).toBe(true);
    expect(isGenreSubject("Supplerende tildelingsbrev nr. 4")).toBe(true);
    expect(isGenreSubject("Tildelingsbrev til Direktoratet for strålevern og atomsikkerhet 2026")).toBe(true);
    expect(isGenreSubject("Endelig tildelingsbrev Helsetilsynet 2026 kap. 721 post 01 driftsutgifter og tilsyn")).toBe(true);
    expect(isGenreSubject("Oppdragsdokumentet gjelder fra 1. januar.")).toBe(false);
    expect(isGenreSubject("oppdragsbrev til foretakene sendes i januar")).toBe(false);
    expect(isGenreSubject("Tilleggsdokument til oppdragsdokumentet 2026 – Helse Midt-Norge RHF")).toBe(true);
    expect(isGenreSubject("Tillegg til oppdragsdokumentet gis i foretaksmøtet i juni.")).toBe(false);
  });
});

describe("recipient from the address block", () => {
  it("takes the name above Postboks (or before it on one line), not a letterhead label or the ministry", () => {
    expect(recipientFromAddress(["", "Norsk helsenett SF", "Postboks 6123 Torgarden", "7435 TRONDHEIM"])).toBe("Norsk helsenett SF");
    expect(recipientFromAddress(["Postadresse", "Postboks 8011 Dep"])).toBeNull();
    expect(recipientFromAddress(["Helse- og omsorgsdepartementet", "Postboks 8011 Dep"])).toBeNull();
    expect(recipientFromAddress(["Statens helsetilsyn Postboks 231 Skøyen"])).toBe("Statens helsetilsyn");
    expect(recipientFromAddress(["Helsetilsynet Postboks 231 Skøyen 0213 OSLO", "Deres ref Vår ref Dato"])).toBe("Helsetilsynet");
    // A street address instead of a post box: the block's first line above the post code and town.
    expect(recipientFromAddress(["Distriktssenteret", "Ogndalsveien 2", "7713 STEINKJER", "", "Deres ref"])).toBe("Distriktssenteret");
    expect(recipientFromAddress(["Kompetansesenter for distriktsutvikling", "Ogndalsveien 2", "", "7713 STEINKJER"])).toBe("Kompetansesenter for distriktsutvikling");
    // The department's own footer is no addressee.
    expect(recipientFromAddress(["Med hilsen", "", "Postadresse", "Akersgata 59", "0180 OSLO"])).toBeNull();
  });
});

describe("a later letter named in its own words at the top of its file", () => {
  it.each([
    ["Endringsbrev nr. 1 2025 til Husbanken", 1],
    ["Tilleggsbrev nr. 2 til tildelingsbrev 2025 – Husbanken", 2],
    ["Supplement nr. 1 til tildelingsbrev 2025 for Husbanken", 1],
    ["Oppdragsbrev 2025 – tillegg 1 – Husbanken", 1],
    ["Endring av tildelingsbrev 2025 – Husbanken", null],
    ["Justert tildelingsbrev 2025 til Husbanken", null],
  ])("«%s» is a later letter to Husbanken, its subject the letter's title", (subject, number) => {
    const text = ["Kommunal- og distriktsdepartementet", "", "Husbanken", "Postboks 1404", "8002 Bodø", "", subject, "", "1 Nye oppdrag", "", "ID: TB2025-09 Kartlegge boligbehov", "", "Husbanken skal kartlegge behovet.", "", "Frist: 1. juni 2025", "", "Med hilsen"].join("\n");
    const r = parseLetter(text);
    expect(r.letters.map((l) => [l.title, l.kind, l.number, l.recipient])).toEqual([[subject, "supplementary", number, "Husbanken"]]);
  });

  it("inside a letter the same words are a heading, not a new letter", () => {
    const text = ["Tildelingsbrev 2025 til Husbanken", "", "1 Innledning", "", "Departementet viser til Prop. 1 S.", "", "Endring av tildelingsbrev 2025", "", "Tildelingsbrevet kan endres gjennom året.", "", "Med hilsen"].join("\n");
    expect(parseLetter(text).letters.map((l) => [l.title, l.kind])).toEqual([["Tildelingsbrev 2025 til Husbanken", "main"]]);
  });
});

describe("letters[] carries recipient, genre and number", () => {
  it("an oppdragsdokument is not named after Helsedirektoratet", () => {
    const text = [
      "Oppdragsdokument til Norsk helsenett SF for 2026",
      "",
      "Vår ref",
      "25/900-4",
      "",
      "Dato",
      "20. januar 2026",
      "",
      "Helsedirektoratet og Folkehelseinstituttet er viktige samarbeidspartnere for Helsedirektoratet.",
    ].join("\n");
    const r = parseLetter(text);
    expect(r.letters[0]).toMatchObject({ kind: "main", year: 2026, recipient: "Norsk helsenett SF", genre: "oppdragsdokument", number: null });
    expect(r.letters[0].title).toBe("Oppdragsdokument til Norsk helsenett SF for 2026");
  });

  it("a later letter to an oppdragsdokument is a supplementary letter of the same agency, with its number", () => {
    const text = [
      "Oppdragsdokument 2026 til Helse Nord RHF",
      "",
      "2 Oppdrag",
      "",
      "1. Fødetilbud",
      "Helse Nord RHF skal lage en plan.",
      "",
      "2. Ambulansetjeneste",
      "Helse Nord RHF skal evaluere tjenesten.",
      "",
      "Med hilsen",
      "",
      "Tillegg nr. 1 til oppdragsdokument 2026 for Helse Nord RHF",
      "",
      "2 Nye oppdrag",
      "",
      "1. Beredskapslager",
      "Helse Nord RHF skal bygge opp et beredskapslager.",
      "Frist: 2. tertial 2026",
      "",
      "2. Rekruttering",
      "Helse Nord RHF skal rapportere om rekruttering.",
      "",
      "Med hilsen",
    ].join("\n");
    const r = parseLetter(text);
    expect(r.letters.map((l) => [l.kind, l.genre, l.recipient, l.number])).toEqual([
      ["main", "oppdragsdokument", "Helse Nord RHF", null],
      ["supplementary", "tillegg til oppdragsdokument", "Helse Nord RHF", 1],
    ]);
    expect(r.assignments.map((a) => [a.letter, a.title, a.deadlines.map((d) => d.date)])).toEqual([
      [0, "Fødetilbud", ["2026-12-31"]],
      [0, "Ambulansetjeneste", ["2026-12-31"]],
      [1, "Beredskapslager", ["2026-08-31"]],
      [1, "Rekruttering", ["2026-12-31"]],
    ]);
  });

  it("a main letter without a subject line is named from its genre and the agency the text names", () => {
    const text = ["1 Innledning", "", "Tildelingsbrevet for 2025 gjelder Helsedirektoratet. Helsedirektoratet skal", "rapportere til Helsedirektoratet og Helsedirektoratet."].join("\n");
    const r = parseLetter(text);
    expect(r.letters[0]).toMatchObject({ title: "Tildelingsbrev 2025 – Helsedirektoratet", year: 2025, genre: "tildelingsbrev", recipient: "Helsedirektoratet" });
  });
});

describe("the addressee of a letter without subject line or address block", () => {
  it("is the name most often told what it 'skal' do, not the agency mentioned most", () => {
    const text = [
      "Helsedirektoratet og Folkehelseinstituttet er samarbeidspartnere. Helsedirektoratet holdes orientert.",
      "Norsk helsenett SF skal drifte helsenettet. Helsedirektoratet mottar kopi.",
      "Norsk helsenett SF skal levere en plan.",
    ].join("\n");
    expect(addresseeFromText(text)).toBe("Norsk helsenett SF");
    expect(addresseeFromText("Helsedirektoratet skal gjøre noe.")).toBeNull();
  });

  it("names an oppdragsdokument without subject after its addressee", () => {
    const text = ["1 Innledning", "", "Oppdragsdokumentet for 2026 gjelder foretaket. Helsedirektoratet og Helsedirektoratet og", "Helsedirektoratet holdes orientert.", "Norsk helsenett SF skal drifte nettet.", "Norsk helsenett SF skal levere en plan."].join("\n");
    expect(parseLetter(text).letters[0]).toMatchObject({ title: "Oppdragsdokument 2026 – Norsk helsenett SF", recipient: "Norsk helsenett SF", genre: "oppdragsdokument" });
  });
});
