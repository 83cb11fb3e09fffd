/** Line patterns and small text helpers that several phases of the parser share. */

/**
 * "Avd. HOD:", "Ansvarlig avdeling i HOD:", "Ansvarlig:", "Eier:", "Ansv. avd.:", also another
 * ministry's abbreviation ("Avd. NFD:") and other words for the unit ("Ansvarlig enhet:",
 * "Ansvarlig seksjon:", "Fagavdeling:").
 */
export const RE_DEPT_LABEL =
  /(?<![\p{L}])(?:[Ee]ieravdeling|[Ee]ier|[Aa]nsvarl[ie]g(?:\s+(?:fagavdeling|avdeling|avd\.?|enhet|eining|seksjon))?|[Aa]nsv\.\s*avd\.?|[Aa]vd\.|[Aa]vdeling|[Ff]agavdeling)(?:\s+i)?(?:\s+(?:[A-ZÆØÅ]{2,5}|[Dd]epartementet))?\s*:/u;

export const RE_DEPT_LINE_FULL = new RegExp(`^${RE_DEPT_LABEL.source}`, "u");

/** `RE_DEPT_LINE.test(t)` with a cheap first-character filter. */
export const RE_DEPT_LINE = {
  test: (t: string): boolean => /^[EAeaFf]/.test(t) && t.includes(":") && RE_DEPT_LINE_FULL.test(t),
  source: RE_DEPT_LINE_FULL.source,
};

export const RE_SUPPLEMENTARY_TITLE =
  /tillegg|suppler[ae]nde|supplement\s+(?:nr\.?\s*\d+\s+)?til|endret tildelingsbrev|revidert tildelingsbrev|korrigering av|endringsbrev|endring(?:er)?\s+(?:av|i|til)\s+(?:tildelingsbrev|oppdragsbrev|oppdragsdokument)|justert|justering av|(?:tildelingsbrev|oppdragsbrev)\s+(?:\d{4}\s+)?nr\.?\s*(?:[2-9]|\d{2})\b/i;

export const RE_POSTPONEMENT_HEAD = /^(?:Utsettelse|Utsetting)\s+av\s+/i;

const RE_BUDGET_HEADING_FULL = /^Kap(?:ittel|\.)?\s*\d{3,4}(?:\s*[,.]?\s*post\s*\d{2})?\s*[.,]?$/i;

export const RE_BUDGET_HEADING = { test: (t: string): boolean => /^[Kk]/.test(t) && t.length < 40 && RE_BUDGET_HEADING_FULL.test(t) };

/** "Med hilsen", "Med vennlig hilsen"; in nynorsk "Med helsing", "Med venleg helsing". */
const RE_CLOSING_FULL = /^Med\s+(?:venn?l[ie]g\s+)?(?:hilsen|helsing)\b/i;

export const RE_CLOSING = { test: (t: string): boolean => /^[Mm]ed\s/.test(t) && RE_CLOSING_FULL.test(t) };

export const RE_TITLE_CONTINUES = /(?:(?<![\p{L}\d])(?:og|eller|for|av|i|til|med|om|på|fra|mot|ved|under|over|mellom|etter|samt|som|en|et|ett|det|den|de|innen|uten|hos)|[-–,:/&(])$/iu;

export function joinWrapped(parts: string[]): string {
  let out = "";
  for (const raw of parts) {
    const p = raw.trim();
    if (p === "") continue;
    if (out === "") {
      out = p;
    } else if (/[\p{L}\d]-$/u.test(out) && /^\p{Ll}/u.test(p) && !/^(?:og|eller)\b/u.test(p)) {
      out += p; // "covid-19-" + "pasienter"
    } else {
      out += ` ${p}`;
    }
  }
  return out.replace(/\s+/g, " ").trim();
}

export function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** An area's name as its heading gives it, without a closing full stop. */
export function areaName(title: string): string {
  return title.replace(/\s+/g, " ").trim().replace(/\.$/, "");
}

export function shortTitle(title: string): string {
  return title.length > 60 ? `${title.slice(0, 57).trim()} …` : title;
}

/** A line that ends in a sentence's punctuation (or a closing quote or parenthesis). */
export const RE_SENTENCE_PUNCTUATION_END = /[.:;!?»)"”]$/;
/** An abbreviation a sentence goes on after: "jf.", "bl.a.", "f.eks.", "nr.", "pkt.", "kap.", "ca.", "iht.". */
const RE_ABBREVIATION_END = /(?:^|[\s(])(?:jf|jfr|bl\.a|f\.eks|nr|pkt|kap|ca|inkl|evt|iht|ifm|dvs|vedr|ref)\.$/i;

/** The line ends its sentence: at its punctuation, not at an abbreviation that goes on ("… pårørendeavtaler, jf."). */
export function endsSentence(text: string): boolean {
  return RE_SENTENCE_PUNCTUATION_END.test(text) && !RE_ABBREVIATION_END.test(text);
}

/** A section label of those words alone, perhaps with the year: "Oppdrag", "Særskilte oppdrag for 2026:", "Særskilte oppgaver". */
export const RE_PLAIN_OPPDRAG_HEADING =
  /^(?:(?:(?:Særskilte|Særskilde|Spesielle|Nye|Øvrige|Andre)\s+)?oppdrag|(?:Særskilte|Særskilde|Spesielle|Nye|Øvrige|Andre)\s+oppg[aå]ver?)(?:\s+(?:for|i)\s+(?:19|20)\d{2})?\s*:?$/i;
