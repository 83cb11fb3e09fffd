/**
 * A table of assignments reads the same whatever way the PDF's text gives it (decision 098):
 * a row per line with its wrapped lines below, pdftotext's default (each cell on lines of its own,
 * blank lines between, the head's "Ansvarlig avdeling" wrapped), `pdftotext -layout` (cells in
 * columns, a wrapped cell's words under it, the letterhead beside the address) and the layout
 * text with its spaces lost. Tables with IDs and numbered tables without.
 */
import { describe, expect, it } from "vitest";
import { parseLetter } from "~/domain/letter/parse";

interface Row {
  key: string;
  /** The title cell as the PDF wrapped it. */
  title: string[];
  deadline: string[];
  owner: string;
}

const ID_ROWS: Row[] = [
  { key: "TB2025-01", title: ["Kartlegge behovet for startlån blant unge i", "distriktskommuner og i byene"], deadline: ["1. juni 2025"], owner: "BBA" },
  { key: "TB2025-02", title: ["Evaluere bostøtteordningen"], deadline: ["1. oktober", "2025"], owner: "BBA" },
  {
    key: "TB2025-03",
    title: ["Utrede en ny modell for tilskudd til", "utleieboliger, herunder kostnader og", "konsekvenser for kommunene"],
    deadline: ["15. mars 2025"],
    owner: "KOMM",
  },
  { key: "TB2025-04", title: ["Rapportere om digitaliseringsarbeidet"], deadline: ["Årsrapporten"], owner: "BBA" },
];

const EXPECTED_ID_TABLE = [
  ["TB2025-01", "Kartlegge behovet for startlån blant unge i distriktskommuner og i byene", "2025-06-01", ["BBA"]],
  ["TB2025-02", "Evaluere bostøtteordningen", "2025-10-01", ["BBA"]],
  ["TB2025-03", "Utrede en ny modell for tilskudd til utleieboliger, herunder kostnader og konsekvenser for kommunene", "2025-03-15", ["KOMM"]],
  ["TB2025-04", "Rapportere om digitaliseringsarbeidet", "2025-12-31", ["BBA"]],
];

type Form = "rows" | "pdftotext" | "layout" | "layout-collapsed";
const FORMS: Form[] = ["rows", "pdftotext", "layout", "layout-collapsed"];

const pad = (s: string, n: number) => s.padEnd(n);

/** The letterhead: the address and the "Deres ref / Vår ref / Dato" labels with their values. */
function letterhead(form: Form, recipient: string): string[] {
  const address = [recipient, "Postboks 1404", "8002 Bodø"];
  if (form === "layout") return [`${pad(address[0], 45)}Deres ref   Vår ref      Dato`, `${pad(address[1], 57)}24/1234-5    18.12.2024`, address[2]];
  if (form === "pdftotext") return [...address, "", "Deres ref Vår ref", "", "Dato", "", "24/1234-5 18.12.2024"];
  return [...address, "", "Deres ref Vår ref Dato", "24/1234-5 18.12.2024"];
}

/** A table in the form's text: the head cells and rows of cells (each cell its wrapped lines). */
function table(form: Form, head: string[][], rows: string[][][], widths: number[]): string[] {
  if (form === "pdftotext") {
    const out: string[] = [];
    for (const row of [head, ...rows]) {
      // pdftotext: the first two cells share a line where they sit close, the rest each on lines of their own.
      const [first, second, ...others] = row;
      out.push(`${first.join(" ")} ${second[0]}`, ...second.slice(1), "");
      for (const cell of others) out.push(...cell, "");
    }
    return out;
  }
  if (form === "rows") return [head, ...rows].flatMap((row) => rowOnLines(row));
  const layout = [head, ...rows].flatMap((row) => {
    const height = Math.max(...row.map((c) => c.length));
    return Array.from({ length: height }, (_, h) => row.map((cell, c) => pad(cell[h] ?? "", widths[c])).join("").trimEnd());
  });
  return form === "layout" ? layout : layout.map((l) => l.replace(/ {2,}/g, " ").trim());
}

/** A row on one line and its wrapped lines below, as most PDF text gives it: the first line of every cell, then the rest of each. */
function rowOnLines(row: string[][]): string[] {
  return [row.map((c) => c[0]).join(" "), ...row.flatMap((c) => c.slice(1))];
}

function idLetter(form: Form): string {
  const head = [["ID"], ["Oppdrag"], ["Frist"], ["Ansvarlig", "avdeling"]];
  const rows = ID_ROWS.map((r) => [[r.key], r.title, r.deadline, [r.owner]]);
  return [
    "Kommunal- og distriktsdepartementet",
    "",
    ...letterhead(form, "Husbanken"),
    "",
    "Tildelingsbrev 2025 til Husbanken",
    "",
    "1 Innledning",
    "",
    "Departementet viser til Prop. 1 S (2024–2025).",
    "",
    "2 Mål og oppdrag",
    "",
    "2.1 Oppdrag",
    "",
    "Husbanken skal i 2025 utføre følgende oppdrag:",
    "",
    ...table(form, head, rows, [12, 48, 16, 12]),
    "",
    "Med hilsen",
    "",
    "Ola Nordmann",
  ].join("\n");
}

function noIdLetter(form: Form): string {
  const head = [["Nr."], ["Oppdrag"], ["Frist"]];
  const rows = [
    [["1"], ["Utrede behovet for nye farleder i Nord-Norge,", "herunder kostnader og nytte"], ["1. juni 2025"]],
    [["2"], ["Evaluere losordningen"], ["1. oktober 2025"]],
    [["3"], ["Oppdatere beredskapsplanen for akutt forurensning"], ["Årsrapporten"]],
  ];
  return [
    ...letterhead(form, "Kystverket"),
    "",
    "Tildelingsbrev 2025 til Kystverket",
    "",
    "1 Innledning",
    "",
    "Departementet viser til Prop. 1 S (2024–2025).",
    "",
    "2 Mål for 2025",
    "",
    "Kystverket skal bidra til sikker ferdsel langs kysten.",
    "",
    "3 Oppdrag",
    "",
    ...table(form, head, rows, [6, 54, 16]),
    "",
    "4 Budsjett",
    "",
    "Midlene stilles til disposisjon fra 1.1.2025.",
  ].join("\n");
}

function reading(text: string) {
  const r = parseLetter(text);
  return {
    assignments: r.assignments.map((a) => [
      a.id.startsWith("uten-id") ? "uten-id" : a.id,
      a.title,
      a.deadlines.find((d) => !d.isDefault)?.date ?? null,
      a.departments,
    ]),
    letter: r.letters.map((l) => [l.date, l.reference]),
  };
}

describe("a table of assignments with IDs", () => {
  it.each(FORMS)("reads every row's title, deadline and owner: %s", (form) => {
    const r = reading(idLetter(form));
    expect(r.assignments).toEqual(EXPECTED_ID_TABLE);
  });

  it("a deadline cell that names a reporting point is the deadline, within the year, by that name", () => {
    const last = parseLetter(idLetter("rows")).assignments.at(-1)!;
    expect(last.deadlines).toEqual([{ date: "2025-12-31", precision: "year", label: null, text: "Årsrapporten", isDefault: false, state: "dated", line: expect.any(Number) }]);
    const lower = parseLetter(idLetter("pdftotext").replace("Årsrapporten", "I årsrapporten")).assignments.at(-1)!;
    expect(lower.deadlines.map((d) => [d.date, d.text, lower.departments])).toEqual([["2025-12-31", "I årsrapporten", ["BBA"]]]);
    const agreed = parseLetter(idLetter("rows").replace("Årsrapporten", "Avtales nærmere")).assignments.at(-1)!;
    expect(agreed.deadlines.map((d) => [d.state, d.date, d.text])).toEqual([["to_be_agreed", null, "Avtales nærmere"]]);
  });

  it.each(FORMS.filter((f) => f !== "layout-collapsed"))("reads the letterhead's reference and date: %s", (form) => {
    expect(reading(idLetter(form)).letter).toEqual([["2024-12-18", "24/1234-5"]]);
  });

  it("a head cell wrapped onto its own line is no row, and the table goes on after it", () => {
    const text = idLetter("rows");
    expect(text).toContain("ID Oppdrag Frist Ansvarlig\navdeling\nTB2025-01");
    expect(reading(text).assignments.map((a) => a[0])).toEqual(["TB2025-01", "TB2025-02", "TB2025-03", "TB2025-04"]);
  });
});

describe("a numbered table without IDs", () => {
  it.each(FORMS)("reads every row's title and deadline: %s", (form) => {
    expect(reading(noIdLetter(form)).assignments).toEqual([
      ["uten-id", "Utrede behovet for nye farleder i Nord-Norge, herunder kostnader og nytte", "2025-06-01", []],
      ["uten-id", "Evaluere losordningen", "2025-10-01", []],
      ["uten-id", "Oppdatere beredskapsplanen for akutt forurensning", "2025-12-31", []],
    ]);
  });
});

describe("what follows a table is not a row's cell", () => {
  it("a paragraph after the last row stays out of it, in every form", () => {
    for (const form of FORMS) {
      const text = idLetter(form).replace("\nMed hilsen", "Departementet ber om at arbeidet samordnes med kommunene.\n\nMed hilsen");
      const r = parseLetter(text);
      expect(r.assignments.at(-1)?.title, form).toBe("Rapportere om digitaliseringsarbeidet");
    }
  });
});

/** A later letter with a table of changed deadlines (`ID Oppdrag Opprinnelig frist Ny frist`), perhaps with a reason column after them. */
function changeLetter(form: Form, reason = false): string {
  const head = [["ID"], ["Oppdrag"], ["Opprinnelig", "frist"], ["Ny frist"], ...(reason ? [["Begrunnelse"]] : [])];
  const rows = [
    [["TB2025-01"], ["Kartlegge behovet for startlån blant unge i", "distriktskommuner og i byene"], ["1. juni 2025"], ["1. september 2025"], ["Data fra SSB kommer", "senere"]],
    [["TB2025-03"], ["Utrede en ny modell for tilskudd til", "utleieboliger"], ["15. mars 2025"], ["1. juli 2025"], ["Avventer høring"]],
  ].map((row) => (reason ? row : row.slice(0, 4)));
  return [
    ...letterhead(form, "Husbanken"),
    "",
    "Tildelingsbrev 2025 til Husbanken – tillegg nr. 2",
    "",
    "1 Endrede frister",
    "",
    "Departementet har endret fristene for disse oppdragene:",
    "",
    ...table(form, head, rows, [12, 48, 20, 20, 24]),
    "",
    "Med hilsen",
  ].join("\n");
}

describe("a table of changed deadlines in a later letter", () => {
  it.each(FORMS)("gives a deadline change per row, and no assignment: %s", (form) => {
    const r = parseLetter(changeLetter(form));
    expect(r.letters.map((l) => [l.kind, l.number])).toEqual([["supplementary", 2]]);
    expect(r.assignments).toEqual([]);
    expect(r.events.map((e) => [e.type, e.target, e.deadline?.date, e.text])).toEqual([
      [
        "deadline_change",
        "TB2025-01",
        "2025-09-01",
        "TB2025-01 Kartlegge behovet for startlån blant unge i distriktskommuner og i byene – frist endret fra 1. juni 2025 til 1. september 2025",
      ],
      ["deadline_change", "TB2025-03", "2025-07-01", "TB2025-03 Utrede en ny modell for tilskudd til utleieboliger – frist endret fra 15. mars 2025 til 1. juli 2025"],
    ]);
  });
});

describe("a table with a column after the deadline and owner (a note)", () => {
  /** A letter whose table has a note column after "Frist" and "Ansvarlig avdeling": "Merknad", "Kommentar", "Begrunnelse". */
  function noteLetter(form: Form, noteHead = "Merknad"): string {
    const head = [["ID"], ["Oppdrag"], ["Frist"], ["Ansvarlig", "avdeling"], [noteHead]];
    const rows = [
      [["TB2025-01"], ["Kartlegge behovet for startlån blant unge i", "distriktskommuner og i byene"], ["1. juni 2025"], ["BBA"], ["Se TB2024-07"]],
      [["TB2025-02"], ["Evaluere bostøtteordningen"], ["1. oktober", "2025"], ["BBA"], []],
      [["TB2025-03"], ["Utrede en ny modell for tilskudd til", "utleieboliger, herunder kostnader og", "konsekvenser for kommunene"], ["15. mars 2025"], ["KOMM"], ["Videreført fra 2024"]],
      [["TB2025-04"], ["Rapportere om digitaliseringsarbeidet"], ["Årsrapporten"], ["BBA"], ["Ny mal fra 1. mars 2025"]],
    ];
    return idLetter(form).replace(/ID +Oppdrag[\s\S]*?\n\nMed hilsen/, `${table(form, head, rows, [12, 48, 16, 12, 26]).join("\n")}\n\nMed hilsen`);
  }

  it.each(FORMS)("reads every row's title, deadline and owner, and keeps the note as its text: %s", (form) => {
    const text = noteLetter(form);
    expect(text).toContain("Merknad");
    const r = parseLetter(text);
    expect(reading(text).assignments).toEqual(EXPECTED_ID_TABLE);
    expect(r.assignments.map((a) => a.body.split("\n").filter(Boolean).slice(1))).toEqual([["Se TB2024-07"], [], ["Videreført fra 2024"], ["Ny mal fra 1. mars 2025"]]);
    // The note's date is no deadline of the row.
    expect(r.assignments.at(-1)?.deadlines.map((d) => d.date)).toEqual(["2025-12-31"]);
  });

  it("a note wrapped onto lines of its own stays the note where the text keeps its cells apart", () => {
    for (const form of ["pdftotext", "layout"] as const) {
      const text = noteLetter(form).replace("Se TB2024-07", "Gjøres i samarbeid med");
      const wrapped = form === "pdftotext"
        ? text.replace("Gjøres i samarbeid med\n", "Gjøres i samarbeid med\nKS og kommunene\n")
        : text.replace(/^( +distriktskommuner og i byene)$/m, (line) => `${line.padEnd(12 + 48 + 16 + 12)}KS og kommunene`);
      expect(wrapped, form).toContain("KS og kommunene");
      const first = parseLetter(wrapped).assignments[0];
      expect([first.title, first.deadlines[0].date, first.departments, first.body.split("\n").filter(Boolean)], form).toEqual([
        "Kartlegge behovet for startlån blant unge i distriktskommuner og i byene",
        "2025-06-01",
        ["BBA"],
        ["1. juni 2025", "Gjøres i samarbeid med KS og kommunene"],
      ]);
    }
  });

  it("an ID of another year on a line of its own in the note column is a reference, not a row", () => {
    const text = noteLetter("rows").replace("BBA Se TB2024-07", "BBA Ses i sammenheng med").replace("distriktskommuner og i byene\n", "distriktskommuner og i byene\nTB2024-07\n");
    expect(text).toContain("Ses i sammenheng med\ndistriktskommuner og i byene\nTB2024-07\n");
    const r = parseLetter(text);
    expect(r.assignments.map((a) => a.id)).toEqual(["TB2025-01", "TB2025-02", "TB2025-03", "TB2025-04"]);
    expect(r.assignments[0].body).toContain("Ses i sammenheng med TB2024-07");
  });

  it.each(FORMS)("a table of changed deadlines with a column for the reason: %s", (form) => {
    const text = changeLetter(form, true);
    expect(text).toContain("Begrunnelse");
    const r = parseLetter(text);
    expect(r.assignments).toEqual([]);
    expect(r.events.map((e) => [e.type, e.target, e.deadline?.date])).toEqual([
      ["deadline_change", "TB2025-01", "2025-09-01"],
      ["deadline_change", "TB2025-03", "2025-07-01"],
    ]);
  });

  it("a numbered table without IDs with a comment column: the titles without the deadline and comment", () => {
    for (const form of FORMS) {
      const text = noIdLetter(form)
        .replace(/^(Nr\.? +Oppdrag +Frist)$/m, (h) => (form === "layout" ? `${h.padEnd(6 + 54 + 16)}Kommentar` : `${h} Kommentar`))
        .replace(/^(Frist)$/m, form === "pdftotext" ? "Frist\n\nKommentar" : "$1")
        .replace(/^(2 +Evaluere losordningen +1\. oktober 2025)$/m, (row) => (form === "layout" ? `${row.padEnd(6 + 54 + 16)}Med Kystverket Sørøst` : `${row} Med Kystverket Sørøst`))
        .replace(/^(1\. oktober 2025)$/m, form === "pdftotext" ? "1. oktober 2025\n\nMed Kystverket Sørøst" : "$1");
      expect(text, form).toContain("Kommentar");
      expect(text, form).toContain("Med Kystverket Sørøst");
      expect(reading(text).assignments.map((a) => [a[1], a[2]]), form).toEqual([
        ["Utrede behovet for nye farleder i Nord-Norge, herunder kostnader og nytte", "2025-06-01"],
        ["Evaluere losordningen", "2025-10-01"],
        ["Oppdatere beredskapsplanen for akutt forurensning", "2025-12-31"],
      ]);
    }
  });
});

describe("a table whose narrow ID column wrapped its IDs", () => {
  // The upload's text of a PDF that LibreOffice made from a letter with this table: the ID column
  // broke each ID after its hyphen, the title and deadline cells wrapped.
  const rows = [
    "ID Oppdrag Frist",
    "Ansvarlig",
    "avdeling",
    "TB2025-",
    "01",
    "Kartlegge behovet for startlån blant unge i distriktskommuner",
    "og i byene, herunder kostnader",
    "1. juni 2025 BBA",
    "",
    "TB2025-",
    "02",
    "Evaluere bostøtteordningen",
    "1. oktober",
    "2025",
    "BBA",
    "",
    "TB2025-",
    "03",
    "Rapportere om digitaliseringsarbeidet Årsrapporten BBA",
  ];

  it("joins each ID again and reads its row", () => {
    const text = idLetter("rows").replace(/ID Oppdrag Frist Ansvarlig\n[\s\S]*?\n\nMed hilsen/, `${rows.join("\n")}\n\nMed hilsen`);
    expect(text).toContain("TB2025-\n01\n");
    const r = parseLetter(text);
    expect(r.assignments.map((a) => [a.id, a.title, a.deadlines[0].date, a.departments])).toEqual([
      ["TB2025-01", "Kartlegge behovet for startlån blant unge i distriktskommuner og i byene, herunder kostnader", "2025-06-01", ["BBA"]],
      ["TB2025-02", "Evaluere bostøtteordningen", "2025-10-01", ["BBA"]],
      ["TB2025-03", "Rapportere om digitaliseringsarbeidet", "2025-12-31", ["BBA"]],
    ]);
  });

  it("an ID broken after its leading zero ('TB2025-0' / '1', a column too narrow for it): no ID is number 0", () => {
    const text = idLetter("rows").replace(/ID Oppdrag Frist Ansvarlig\n[\s\S]*?\n\nMed hilsen/, `${rows.join("\n").replace(/TB2025-\n0/g, "TB2025-0\n")}\n\nMed hilsen`);
    expect(text).toContain("TB2025-0\n1\n");
    expect(parseLetter(text).assignments.map((a) => [a.id, a.deadlines[0].date, a.departments])).toEqual([
      ["TB2025-01", "2025-06-01", ["BBA"]],
      ["TB2025-02", "2025-10-01", ["BBA"]],
      ["TB2025-03", "2025-12-31", ["BBA"]],
    ]);
    // A real ID that ends in 0 is not joined with a number below it.
    const ten = parseLetter(["Tildelingsbrev 2025 til Husbanken", "", "2 Oppdrag", "", "ID: TB2025-10", "Kartlegge boligbehovet", "", "Husbanken skal kartlegge behovet.", "1", ""].join("\n"));
    expect(ten.assignments.map((a) => a.id)).toEqual(["TB2025-10"]);
  });

  it("an ID broken after its hyphen outside a table, and a line that only ends in a hyphen", () => {
    const text = ["Oppdragsdokument 2026 til Norsk helsenett SF", "", "1. Digital samhandling", "", "ID: 2026-", "01 Nasjonal kjernejournal", "", "Norsk helsenett skal videreutvikle kjernejournalen.", "", "Frist: 1. juni 2026"].join("\n");
    expect(parseLetter(text).assignments.map((a) => [a.id, a.title])).toEqual([["2026-01", "Nasjonal kjernejournal"]]);
    const prose = parseLetter(["Tildelingsbrev 2026 til Helsedirektoratet", "", "Arbeidet skal ses i sammenheng med 2025-", "01 er et tall."].join("\n"));
    expect(prose.assignments).toEqual([]);
  });
});
