/**
 * Letter TEXT for the benchmark database, in the real layout of the bundled 2023 letter (and the
 * 2024 variant in test/fixtures): per year one main letter ("ID: TB2026-01 Eieravdeling HOD: FHA
 * Title" under "2.x.3 Spesielle oppdrag") and one supplementary letter ("Tillegg til
 * tildelingsbrev": "TTB2026-1 Title … Ansvarlig avdeling i HOD: KTA", plus assignments without
 * an ID). The text goes through the real parser and importer, so the data has the shape the app
 * really produces. Deterministic from the seed.
 *
 * IDs have at most three digits (TB2026-999), so a year holds at most 999 TB + 999 TTB
 * assignments; anything above that becomes assignments without ID.
 */
import { chance, int, pick, type Rng } from "./random";

export const DEPARTMENTS = [
  "FHA", "KTA", "SHA", "EHE", "HRA", "ADA", "EIA", "DIG", "BSA", "PKA", "LMA", "OKA", "SPA", "FBA", "RHA",
] as const;

export const AREAS = [
  { code: "2.1", name: "Folkehelse" },
  { code: "2.2", name: "Helse- og omsorgstjenester" },
  { code: "2.3", name: "Beredskap" },
  { code: "2.4", name: "Kompetanse og personell" },
  { code: "2.5", name: "Finansiering, styringsinformasjon og registre" },
] as const;

const GOALS_PER_AREA = [3, 4, 1, 2, 3];

const GOAL_TITLES = [
  "Folkehelsearbeidet er kunnskapsbasert og tverrsektorielt",
  "Befolkningen har gode levevaner og god livskvalitet",
  "Mindre sosial ulikhet i helse",
  "Pasienter og brukere mottar tjenester av god kvalitet i hele landet",
  "Tjenestene er sammenhengende og koordinerte",
  "Tjenesten tar raskt i bruk virksomme og ressurseffektive metoder",
  "Pasienter og pårørende medvirker i egen behandling",
  "Tjenesten planlegger helhetlig og langsiktig",
  "Den nasjonale helseberedskapen er robust og samordnet",
  "Tjenesten har tilstrekkelig og kompetent personell",
  "Finansieringsordningene understøtter samhandling",
  "Styringsinformasjon er tilgjengelig og av god kvalitet",
  "Helseaktører og innbyggere får rett ytelse til rett tid",
];

/** Topic words: the free-text search in the benchmark looks for some of these. */
export const TOPICS = [
  "rusforebygging", "legevakt", "fastlegeordningen", "tobakksvarer", "kosthold", "skolemåltid",
  "beredskapslager", "psykisk helse", "velferdsteknologi", "antibiotikaresistens", "helseregistre",
  "smittevern", "ernæring", "fysisk aktivitet", "pasientforløp", "samhandling", "ventetider",
  "tolketjenester", "rehabilitering", "demensomsorg", "barnevern", "helsekompetanse",
  "legemiddelforsyning", "kreftbehandling", "habilitering", "overdoser", "selvmordsforebygging",
  "helsestasjoner", "jordmortjenesten", "e-helse",
];
const KINDS = [
  "Nasjonal handlingsplan for", "Utredning av", "Evaluering av", "Veileder om", "Kartlegging av",
  "Tilskuddsordning for", "Styrket innsats mot", "Kunnskapsgrunnlag om", "Pilotprosjekt om", "Oppfølging av",
];
const SUFFIXES = ["i kommunene", "for barn og unge", "i spesialisthelsetjenesten", "for eldre", "i hele landet", "og samarbeid med sektorene"];
const SENTENCES = [
  "Helsedirektoratet skal utrede behovet for nye tiltak innen {t} og foreslå en innretning som kan gi bedre tjenester.",
  "Arbeidet skal skje i samarbeid med Folkehelseinstituttet, KS og berørte fagmiljøer, og ses i sammenheng med {t}.",
  "Direktoratet skal gi departementet en vurdering av økonomiske og administrative konsekvenser av forslagene.",
  "Formålet er å styrke kvaliteten på {t} og å redusere uønsket variasjon mellom kommunene.",
  "Helsedirektoratet skal samle erfaringer fra regionale helseforetak og kommuner om {t}.",
  "Som svar på oppdraget forventes et notat med vurderinger og anbefalinger om videre arbeid med {t}.",
  "Direktoratet skal involvere brukerorganisasjoner og tjenesteytere i arbeidet.",
  "Oppdraget bygger på tidligere arbeid med {t} og skal ses i sammenheng med nasjonale strategier.",
];
const MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];

export interface LetterPlan {
  year: number;
  main: number;
  supplementary: number;
  withoutId: number;
}

/** How many assignments of each kind a year gets. */
export function planYear(year: number, perYear: number): LetterPlan {
  const withoutId = Math.max(1, perYear - 1998);
  const rest = perYear - withoutId;
  const main = Math.min(999, Math.ceil(rest / 2));
  return { year, main, supplementary: rest - main, withoutId };
}

/** Wraps text into PDF-like lines of at most `width` characters, each with a trailing space. */
function wrap(text: string, width = 88): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > width) {
      out.push(`${line} `);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(`${line} `);
  return out;
}

function title(rng: Rng, topic: string): string {
  const t = `${pick(rng, KINDS)} ${topic}`;
  return chance(rng, 0.5) ? `${t} ${pick(rng, SUFFIXES)}` : t;
}

function body(rng: Rng, topic: string): string[] {
  const n = int(rng, 2, 4);
  const text = Array.from({ length: n }, () => pick(rng, SENTENCES).replace("{t}", chance(rng, 0.6) ? topic : pick(rng, TOPICS))).join(" ");
  return wrap(text);
}

/** Deadline sentence(s) in one of the letter's phrasings; [] leaves the default (31 December). */
function deadlineLines(rng: Rng, year: number): string[] {
  const x = rng();
  const yy = String(year % 100).padStart(2, "0");
  const day = int(rng, 1, 28);
  const month = int(rng, 1, 12);
  if (x < 0.3) return [`Frist: ${day}. ${MONTHS[month - 1]} ${year}. `];
  if (x < 0.42) return [`Sluttrapporten bes levert innen ${day}. ${MONTHS[month - 1]} ${year + 1}. `];
  if (x < 0.52) return ["Frist for arbeidet avklares i dialog med departementet. "];
  if (x < 0.7) {
    const m1 = int(rng, 2, 8);
    return [
      `Delleveranse 1: Statusrapport med foreløpige vurderinger. Frist: ${String(day).padStart(2, "0")}.${String(m1).padStart(2, "0")}.${yy} `,
      "",
      `Delleveranse 2: Fullstendig utredning. Frist: 31.12.${yy}. `,
    ];
  }
  return [];
}

/** The text of one year's letters (main + supplementary) and the assignment keys it defines. */
export function letterText(plan: LetterPlan, rng: Rng): { text: string; keys: string[] } {
  const { year } = plan;
  const keys: string[] = [];
  const lines: string[] = [
    " 1 Innledning ",
    "",
    `Det vises til Prop. 1 S (${year - 1} – ${year}) fra Helse- og omsorgsdepartementet. `,
    "",
    "1.4 Generelt om spesielle oppdrag ",
    "",
    "Der ikke annen frist er angitt forutsettes det at oppdragene i tildelingsbrevet ferdigstilles i ",
    `løpet av ${year}.   `,
    "",
    " 2 Mål, styringsparametere, bevilgninger og oppdrag per område ",
    "",
  ];
  let goal = 0;
  const perArea = AREAS.map((_, i) => Math.floor(plan.main / AREAS.length) + (i < plan.main % AREAS.length ? 1 : 0));
  let id = 0;
  AREAS.forEach((area, ai) => {
    lines.push(`${area.code} ${area.name} `, "", `${area.code}.1 Mål, vurderingskriterier, styringsparametere og nøkkeltall `, "");
    const goals: number[] = [];
    for (let g = 0; g < GOALS_PER_AREA[ai]; g++) {
      goal += 1;
      goals.push(goal);
      lines.push(`Mål ${goal}: ${GOAL_TITLES[goal - 1]} `, "Vurdering av måloppnåelse skal inkludere hvordan Helsedirektoratet bidrar. ", "");
    }
    lines.push(`${area.code}.3 Spesielle oppdrag `, "");
    for (let k = 0; k < perArea[ai]; k++) {
      id += 1;
      const key = `TB${year}-${String(id).padStart(2, "0")}`;
      keys.push(key);
      const topic = pick(rng, TOPICS);
      const owners = chance(rng, 0.12) ? `${pick(rng, DEPARTMENTS)}/${pick(rng, DEPARTMENTS)}` : pick(rng, DEPARTMENTS);
      const owner = owners.includes("/") && owners.split("/")[0] === owners.split("/")[1] ? owners.split("/")[0] : owners;
      lines.push(`ID: ${key} Eieravdeling HOD: ${owner} ${title(rng, topic)} `, "");
      if (chance(rng, 0.3)) lines.push(`Tilknyttet mål: ${pick(rng, goals)} `, "");
      lines.push(...body(rng, topic), ...deadlineLines(rng, year), "");
    }
    lines.push("");
  });
  const yy = String(year % 100).padStart(2, "0");
  lines.push(
    "3 Øvrige økonomiske rammer ",
    "",
    "Med hilsen ",
    "",
    "Ola Nordmann ",
    ` Statsbudsjettet ${year} - kap. 740 Helsedirektoratet - Tillegg til `,
    "tildelingsbrev ",
    "",
    "Deres ref ",
    "",
    "Vår ref ",
    "",
    `${yy}/133-2 `,
    "",
    "Dato ",
    "",
    `7. februar ${year} `,
    "",
    "Helse- og omsorgstjenester ",
    "",
  );
  // Blocks without ID each follow a TTB block (consecutive ones would read as one block).
  const untitledAfter = new Map<number, number>();
  for (let j = 1; j <= plan.withoutId; j++) untitledAfter.set(Math.floor((j * plan.supplementary) / (plan.withoutId + 1)), j);
  const block = (head: string, topic: string, deadline: string[]) =>
    lines.push(head, "", ...body(rng, topic), ...deadline, "", `Ansvarlig avdeling i HOD: ${pick(rng, DEPARTMENTS)} `, "");
  for (let k = 0; k <= plan.supplementary; k++) {
    if (k > 0) {
      const topic = pick(rng, TOPICS);
      const key = `TTB${year}-${String(k).padStart(2, "0")}`;
      keys.push(key);
      block(`${key} ${title(rng, topic)} `, topic, deadlineLines(rng, year));
    }
    const j = untitledAfter.get(k);
    if (j !== undefined) {
      // Without ID: the title alone, unique within the year (the key is derived from it), and one
      // plain deadline.
      const topic = pick(rng, TOPICS);
      block(`${pick(rng, KINDS)} ${topic} (del ${j}) `, topic, [`Frist: ${int(rng, 1, 28)}. ${pick(rng, MONTHS)} ${year}. `]);
    }
  }
  lines.push("Med hilsen ", "", "Kari Nordmann ", "");
  return { text: lines.join("\n"), keys };
}
