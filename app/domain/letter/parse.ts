/**
 * Parser for allocation letters (tildelingsbrev) and supplementary letters (tillegg til
 * tildelingsbrev) as text extracted from PDF. Pure: string in, `ParseResult` out, never throws.
 *
 * Structure it recognises (the genre, not one file):
 *  - Several letters in one file. The first is the main letter unless its subject says
 *    otherwise; a later letter starts at a subject line ("Statsbudsjettet 2023 - … - Tillegg til
 *    tildelingsbrev", "Tillegg til tildelingsbrev", "Tilleggsoppdrag …", "Tildelingsbrev 2026")
 *    once the previous letter has content or has been signed off ("Med hilsen"). The letterhead
 *    footer ("Postadresse …") just above the subject belongs to the new letter.
 *  - Letter header: "Vår ref" (also "Vår saksnr.", "Saksnr.") / "Dato" ("Vår dato") with the value
 *    on the same or a later line; a place and the date on one line ("Oslo, 19. desember 2024").
 *  - Numbered sections ("2.1 Folkehelse", "2.1.3 Spesielle oppdrag"); a goal area is a
 *    two-level section that holds assignments, goals or a "… oppdrag" subsection.
 *  - Goals "Mål 4: …" (title may wrap).
 *  - Assignment definitions: an ID at the start of a line ("ID: TB2023-01 Eieravdeling HOD: FHA
 *    Title", "TTB2023-04 Presisering av TB2023-18 Title", "TB2026-1 Title", "TB2026-101
 *    Avd. HOD: DIG, BSA"). Without the "ID:" label a line only defines an assignment when it
 *    follows a sentence end, blank line or heading, continues with a capital letter (not a
 *    verb), and has the letter's year: "… med oppdrag i\nTB2022-31 om læring …" is a mention.
 *    Bulleted IDs ("- TTB2023-02 …") are the summary list of a supplementary letter.
 *  - Owning departments: "Eieravdeling HOD:", "Avd. HOD:", "Ansvarlig avdeling (i) HOD:", "Ansvarlig:", "Eier:" with
 *    2–5 capital letters, several joined by "/", ",", "&" or "og"; on the same line, on a later
 *    line, or at the end of the block (supplementary letters). Never a fixed list of codes. Written
 *    with names: "Bolig- og bygningsavdelingen (BBA)", "KOMM (Kommunalavdelingen)", or a name
 *    alone where the letter writes its code beside it elsewhere (departments.ts).
 *  - Title: the rest of the ID line plus wrapped continuation lines. The title ends at a blank
 *    line unless the title so far ends in a word or sign that cannot end a title ("for", "og",
 *    "-", ",") or the next line starts in lower case; it also ends at a long line (> 60
 *    characters: PDF titles sit in a narrow column, body text runs full width), a line ending
 *    in ":" or a department/deadline/list line. A block without a title takes it from the
 *    letter's summary list, else its first sentence (with a warning).
 *  - Body: everything after the title to the next boundary (definition, section heading, area
 *    heading, "Kap. 765, post 21", "Med hilsen", a new letter), without page footers, URLs,
 *    mailto lines and letterhead lines. In supplementary letters an "Ansvarlig avdeling" line
 *    after the body closes the block.
 *  - Relations: "Presisering av TB…" in the title (clarifies), "erstatter TB…" (replaces).
 *  - Events: "Utsettelse av TB2023-31 …" heading (postponement), "TB… settes i bero" in a
 *    supplementary letter.
 *  - Assignments without ID in supplementary letters: a block closed by "Ansvarlig avdeling …",
 *    a numbered section "3 Oppdrag til …" (with following "Frister …" sections), or a whole
 *    "Tilleggsoppdrag" letter. Key: `uten-id-<year>-<fnv1a(reference|title)>` (see ids.ts).
 *  - Later letters (later-letters.ts): part kind and target of each block, IDs announced only in
 *    the opening list (exempt / "Ettersendes"), withdrawal / deadline change / owner change / "i
 *    bero" events, also for each ID of a list under a sentence that says so ("… utgår følgende
 *    oppdrag:"); a table of changed deadlines ("Opprinnelig frist", "Ny frist").
 *  - Newer layout: no table of contents as headings (also where the page number stands on the line
 *    below its entry); an ID alone on its line with the owner line below starts a block whatever
 *    stands above it; the title is the line after the owner line (joined where the PDF wrapped it).
 *  - Real 2026 shapes (decision 092): "Frist: … Ansvarlig avdeling i HOD: SHA" on one line; a
 *    short "Andre føringer:" above a task without ID; "Deres ref Vår ref" on one line; a
 *    "Korrigering av oppdragsdokument …" is a later letter; an oppdragsdokument's one-level
 *    chapters ("1. Digital samhandling") are its areas.
 *  - Other ID forms (ids.ts, decision 093): "Oppdrag 13/2024 Title", "Oppdrag 2024-001: Title",
 *    "ID 2026-01" as definitions when they stand where a block starts and go on with a title;
 *    "TB- 2026-2" (a split TB ID) is TB2026-2. line-ids.ts reads them; tables.ts reads table rows.
 *  - Other agencies (letter-meta.ts): recipient, genre, number; "ID: 2026-01 Title"; numbered
 *    assignments without IDs under an "Oppdrag" heading, numbered ("2 Særskilte oppdrag") or the
 *    words alone on a line: its subsections ("2.1 Title"), else its numbered lines ("1. Title",
 *    "Oppdrag 1: Title") set apart by blank lines or counting 1, 2, 3 … line by line, else a
 *    list of two or more bullets, else the rows of a table under "Nr. Oppdrag Frist"; an item
 *    that is one sentence (wrapped or not) is its own text,
 *    titled up to its "Frist".
 *  - Tables (decision 098, phases/table-rows.ts): a table of assignments and the letterhead read
 *    the same whether the PDF's text gives a row per line, each cell on lines of its own (blank
 *    lines between), or columns (`pdftotext -layout`, with or without its spaces).
 * Deadlines: see deadlines.ts. Everything odd becomes a warning with a line number.
 *
 * Code: `parseLetter` runs PHASES in order, each a function over a `ParseState` (phases/state.ts),
 * one module per phase (or pair of phases) in phases/; shared line patterns in phases/patterns.ts.
 */
import { phaseAreasAndGoals, phaseBoundaries } from "./phases/areas";
import { phaseBlocks, phaseEvents } from "./phases/blocks";
import { phaseDefinitions } from "./phases/definitions";
import { phaseHeadings } from "./phases/headings";
import { phaseLaterLetters } from "./phases/later";
import { phaseLetters } from "./phases/letters";
import { phaseOutput, phaseWarnings } from "./phases/output";
import { createParseState, type ParseState } from "./phases/state";
import { phaseWithoutId } from "./phases/without-id";
import type { ParseResult, ParseWarning } from "./types";

export { createParseState, type ParseState };
export { phaseAreasAndGoals, phaseBlocks, phaseBoundaries, phaseDefinitions, phaseEvents, phaseHeadings, phaseLaterLetters, phaseLetters, phaseOutput, phaseWarnings, phaseWithoutId };

/** Parse the text of one file holding one or more letters. Never throws. */
export function parseLetter(text: string): ParseResult {
  const warnings: ParseWarning[] = [];
  try {
    return parseInternal(typeof text === "string" ? text : "", warnings);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      letters: [],
      assignments: [],
      events: [],
      warnings: [...warnings, { line: 1, message: `Intern feil i tolkingen av brevet: ${message}` }],
      areas: [],
      goals: [],
      departments: [],
    };
  }
}

function parseInternal(input: string, warnings: ParseWarning[]): ParseResult {
  const st = createParseState(input, warnings);
  if (st.lines.every((l) => l.blank)) {
    warnings.push({ line: 1, message: "Teksten er tom – fant ingen brev å tolke" });
    return st.result;
  }
  for (const phase of PHASES) phase(st);
  return st.result;
}

/** The phases in order, each a function over the parse state. */
export const PHASES: ((st: ParseState) => void)[] = [phaseLetters, phaseHeadings, phaseDefinitions, phaseAreasAndGoals, phaseBoundaries, phaseBlocks, phaseEvents, phaseWithoutId, phaseLaterLetters, phaseWarnings, phaseOutput];
