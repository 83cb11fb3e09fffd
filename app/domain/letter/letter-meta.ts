/**
 * Letter metadata read from a letter's subject line and address block: the genre word, the number
 * of a supplementary letter, the recipient agency. Pure functions, each tested on written variants
 * (test/unit/parser-letter-meta.test.ts). Used by the parser's letters phase and output.
 */

/** Genre words, most specific first (a "supplerende tildelingsbrev" also contains "tildelingsbrev"). */
const GENRES: [RegExp, string][] = [
  [/\bsuppler[ae]nde\s+tildelingsbrev/i, "supplerende tildelingsbrev"],
  [/\btillegg\s+(?:nr\.?\s*\d+\s+)?til\s+tildelingsbrev/i, "tillegg til tildelingsbrev"],
  // Later letters to agencies steered by an oppdragsdokument / oppdragsbrev ("Tillegg til
  // oppdragsdokument 2019", "Tilleggsdokument til oppdragsdokumentet 2017").
  [/\bsuppler[ae]nde\s+oppdragsdokument/i, "supplerende oppdragsdokument"],
  [/\btillegg(?:sdokument)?\s+(?:nr\.?\s*\d+\s+)?til\s+oppdragsdokument/i, "tillegg til oppdragsdokument"],
  [/\bsuppler[ae]nde\s+oppdragsbrev/i, "supplerende oppdragsbrev"],
  [/\btillegg\s+(?:nr\.?\s*\d+\s+)?til\s+oppdragsbrev/i, "tillegg til oppdragsbrev"],
  // The addition named after the subject: "Tildelingsbrev 2025 til Husbanken – tillegg nr. 2".
  [/\btildelingsbrev\b.*[-–,]\s*tillegg\b/i, "tillegg til tildelingsbrev"],
  [/\boppdragsdokument\b.*[-–,]\s*tillegg\b/i, "tillegg til oppdragsdokument"],
  [/\boppdragsbrev\b.*[-–,]\s*tillegg\b/i, "tillegg til oppdragsbrev"],
  // "Supplement nr. 1 til tildelingsbrev 2025": an addition by another word.
  [/\bsupplement\s+(?:nr\.?\s*\d+\s+)?til\s+tildelingsbrev/i, "tillegg til tildelingsbrev"],
  // A later letter named by its own word: "Endringsbrev nr. 1 2025 til Husbanken", "Tilleggsbrev nr. 2 til …".
  [/^endringsbrev\b/i, "endringsbrev"],
  [/^tilleggsbrev\b/i, "tilleggsbrev"],
  // A short later letter that corrects the year's letter ("Korrigering av oppdragsdokument for
  // Norsk helsenett SF for 2026": a changed budget line), not a second main letter.
  [/\bkorrigering\s+av\s+(?:tildelingsbrev|oppdragsdokument|oppdragsbrev)/i, "korrigering"],
  [/\boppdragsdokument/i, "oppdragsdokument"],
  [/\boppdragsbrev/i, "oppdragsbrev"],
  [/\btildelingsbrev/i, "tildelingsbrev"],
];

/** The genre word of a subject line, lower-cased ("supplerende tildelingsbrev"), or null. */
export function genreOf(subject: string | null): string | null {
  if (!subject) return null;
  for (const [re, genre] of GENRES) if (re.test(subject)) return genre;
  return null;
}

/** A subject line that starts a letter of one of the genres (not a sentence that mentions one). */
export function isGenreSubject(t: string): boolean {
  // A subject starts with a capital: "supplerende tildelingsbrev gjennom året …" is a wrapped sentence.
  if (t.length > 160 || /[.;:]$/.test(t) || !/^\p{Lu}/u.test(t)) return false;
  if (/^(?:Endelig|Foreløpig)\s+tildelingsbrev\b/i.test(t)) return true;
  if (t.length > 120) return false;
  return (
    /^Tildelingsbrev\s+til\s+\p{Lu}/u.test(t) ||
    /^(?:Suppler[ae]nde\s+tildelingsbrev|Tillegg\s+(?:nr\.?\s*\d+\s+)?til\s+tildelingsbrev)\b/i.test(t) ||
    /^(?:Suppler[ae]nde\s+(?:oppdragsdokument|oppdragsbrev)|Tillegg(?:sdokument)?\s+(?:nr\.?\s*\d+\s+)?til\s+(?:oppdragsdokument|oppdragsbrev))/i.test(t) ||
    /^Korrigering\s+av\s+(?:tildelingsbrev|oppdragsdokument|oppdragsbrev)(?:et)?\b/i.test(t) ||
    /^(?:Oppdragsdokument|Oppdragsbrev)(?:et)?\s+(?:\d{4}\s+)?(?:til|for)\s+\p{Lu}/u.test(t) ||
    /^(?:Oppdragsdokument|Oppdragsbrev)\s+\d{4}$/.test(t)
  );
}

/** The three letter words a subject names its letter by (before "supplerende" / "tillegg til"). */
const LETTER_WORD = "(?:tildelingsbrev|oppdragsdokument|oppdragsbrev)";
const RE_NUMBER_AFTER = new RegExp(`\\b${LETTER_WORD}\\s+(?:\\d{4}\\s+)?nr\\.?\\s*(\\d{1,3})\\b`, "i");
const RE_NUMBER_BEFORE = new RegExp(`\\btillegg(?:sdokument)?\\s+nr\\.?\\s*(\\d{1,3})\\s+til\\s+${LETTER_WORD}`, "i");
/**
 * "Endringsbrev nr. 1 …", "Tilleggsbrev nr. 2 …", "Supplement nr. 1 til …", and after the subject:
 * "Tildelingsbrev 2025 til Husbanken – tillegg nr. 2", "Oppdragsbrev 2025 – tillegg 1".
 */
const RE_NUMBER_OWN_WORD = /(?:^|[-–,:]\s*)(?:(?:endrings|tilleggs)?(?:brev|tillegg)|supplement)\s+(?:nr\.?\s*)?(\d{1,3})(?![\d.])/i;
/** "… til Helsedirektoratet" after the letter word, its year and number. */
const RE_RECIPIENT_TIL = new RegExp(`\\b${LETTER_WORD}(?:et)?(?:\\s+(?:for\\s+)?\\d{4})?(?:\\s+nr\\.?\\s*\\d{1,3})?(?:\\s+(?:for\\s+)?\\d{4})?\\s+til\\s+(.+)$`, "i");
/** "… 2026 – Folkehelseinstituttet" / "… 2026 for Helse Nord RHF" after the letter word. */
const RE_RECIPIENT_AFTER_YEAR = new RegExp(`\\b${LETTER_WORD}(?:et)?(?:\\s+nr\\.?\\s*\\d{1,3})?\\s+(?:for\\s+)?\\d{4}(?:\\s+nr\\.?\\s*\\d{1,3})?(?:\\s*[-–]\\s*|\\s+for\\s+)(\\p{Lu}.*)$`, "iu");
/** Words after a dash that name the letter or a part of it, not its recipient ("– Tillegg nr. 2", "– kap. 740", "– endelig versjon"). */
const RE_NOT_A_RECIPIENT = /^(?:Tillegg|Suppler[ae]nde|Endring|Kap|Statsbudsjett|Nr|Endelig|Foreløpig)|tillegg|tildeling|oppdrag/iu;
/** "Endringsbrev nr. 1 2025 til Husbanken": a later letter's own word, then "til" and the name. */
const RE_RECIPIENT_OWN_WORD = /^(?:Endrings|Tilleggs)brev\b.*?\s+til\s+(\p{Lu}[\p{L}.-]*(?:\s+[\p{L}.-]+){0,5})\s*$/u;
/** The last part after a dash, when it is a name: "Oppdragsbrev 2025 – tillegg 1 – Husbanken". */
const RE_RECIPIENT_LAST_DASH = /\s[-–]\s(\p{Lu}[\p{L}.-]*(?:\s+[\p{L}.-]+){0,5})\s*$/u;

/** "… oppdragsdokument for Norsk helsenett SF for 2026": the name between "for" and "for <year>". */
const RE_RECIPIENT_FOR_FOR = new RegExp(`\\b${LETTER_WORD}(?:et)?\\s+for\\s+(\\p{Lu}.*?)\\s+for\\s+\\d{4}\\s*$`, "u");

/** "Supplerende tildelingsbrev nr. 3", "Tillegg nr. 2 til tildelingsbrev" (or oppdragsbrev …), "Endringsbrev nr. 1 …" → 3 / 2 / 1; else null. */
export function letterNumberOf(subject: string | null): number | null {
  if (!subject) return null;
  const m = RE_NUMBER_AFTER.exec(subject) ?? RE_NUMBER_BEFORE.exec(subject) ?? RE_NUMBER_OWN_WORD.exec(subject);
  return m ? Number(m[1]) : null;
}

const cleanName = (s: string): string | null => {
  const t = s
    .replace(/\s+/g, " ")
    .replace(/[\s.,;:–-]+$/u, "")
    .trim();
  if (t === "" || t.length > 80 || !/^\p{Lu}/u.test(t)) return null;
  return t;
};

/**
 * The recipient as written in the subject: "Tildelingsbrev 2026 til Helsedirektoratet",
 * "Oppdragsdokument til Norsk helsenett SF for 2026", "Statsbudsjettet 2026 – tildelingsbrev til
 * Folkehelseinstituttet", "Statsbudsjettet 2023 - kap. 740 Helsedirektoratet - Tillegg til
 * tildelingsbrev", "Tildelingsbrev for 2026 – Folkehelseinstituttet". Null when the subject does
 * not name one.
 */
export function recipientFromSubject(subject: string | null): string | null {
  if (!subject) return null;
  const til = RE_RECIPIENT_TIL.exec(subject);
  if (til) {
    const name = til[1]
      .replace(/\s+(?:(?:for\s+(?:budsjettåret\s+)?|i\s+)?\d{4})\b.*$/i, "")
      .replace(/\s*[-–]\s*.*$/u, "")
      .replace(/\s*\(.*$/u, "");
    return cleanName(name);
  }
  const own = RE_RECIPIENT_OWN_WORD.exec(subject);
  if (own && !/^(?:Tildelingsbrev|Oppdrags)/u.test(own[1])) return cleanName(own[1]);
  // "Tildelingsbrev for 2026 – Folkehelseinstituttet", "Supplerende tildelingsbrev nr. 3 for 2026 –
  // Direktoratet for medisinske produkter (DMP)", "Tillegg til oppdragsdokument 2026 for Helse
  // Nord RHF": the name after the year and a dash or "for".
  const dash = RE_RECIPIENT_AFTER_YEAR.exec(subject);
  if (dash && !RE_NOT_A_RECIPIENT.test(dash[1])) return cleanName(dash[1].replace(/\s*\(.*$/u, "").replace(/\s+[-–]\s.*$/u, ""));
  // "Korrigering av oppdragsdokument for Norsk helsenett SF for 2026": "for" the name "for" the year.
  const forFor = RE_RECIPIENT_FOR_FOR.exec(subject);
  if (forFor) return cleanName(forFor[1]);
  // "Endelig tildelingsbrev Veterinærinstituttet 2007 kap post 50 …": the name before the year.
  const bare = /\btildelingsbrev\s+(\p{Lu}[\p{L}-]*(?:\s+[\p{L}-]+){0,4}?)\s+\d{4}\b/u.exec(subject);
  if (bare && !/^(?:for|til|nr)\b/i.test(bare[1])) return cleanName(bare[1]);
  const statsbudsjett = /^Statsbudsjettet\s+(?:for\s+)?\d{4}\s*[-–]\s*(?:kap(?:ittel|\.)?\s*\d{3,4}\s+)?(.+?)\s*[-–]\s*(?:Tillegg|Suppler[ae]nde|Tildelingsbrev|Oppdrag|Tilleggsoppdrag)/iu.exec(subject);
  if (statsbudsjett) return cleanName(statsbudsjett[1]);
  // "Oppdragsbrev 2025 – tillegg 1 – Husbanken": the last part, when it names no letter or part of one.
  const lastDash = /\b(?:tildelingsbrev|oppdragsbrev|oppdragsdokument)/i.test(subject) ? RE_RECIPIENT_LAST_DASH.exec(subject) : null;
  if (lastDash && !RE_NOT_A_RECIPIENT.test(lastDash[1])) return cleanName(lastDash[1].replace(/\s*\(.*$/u, ""));
  return null;
}

/** Letterhead labels and the sending ministry, never the recipient. */
const NOT_AN_ADDRESSEE = /^(?:Postadresse|Kontoradresse|Besøksadresse|Adresse|Telefon|Org)\b|departementet$/iu;

const ADDRESSEE_NAME = /^\p{Lu}[\p{L}-]*(?:\s[\p{L}-]+){0,4}$/u;

/**
 * The addressee of an address block: the name on the line above "Postboks …" (or before it on
 * the same line: "Helsedirektoratet Postboks 220"), or, for an agency with a street address, the
 * first line of the block above the post code and town ("Ogndalsveien 2" / "7713 STEINKJER").
 * `lines` are trimmed lines of one letter.
 */
export function recipientFromAddress(lines: string[]): string | null {
  const nameAbove = (i: number, skipStreet: boolean): string | null => {
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      if (lines[k] === "" || (skipStreet && /\d/.test(lines[k]))) continue;
      return ADDRESSEE_NAME.test(lines[k]) && lines[k].length <= 60 && !NOT_AN_ADDRESSEE.test(lines[k]) ? cleanName(lines[k]) : null;
    }
    return null;
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    // Cheap tests first: a letter has thousands of lines and a handful of address lines.
    const first = t.charCodeAt(0);
    const startsWithDigit = first >= 48 && first <= 57;
    if (!startsWithDigit && !/postboks/i.test(t)) continue;
    const same = /^(\p{Lu}[\p{L}-]*(?:\s[\p{L}-]+){0,4})\s+Postboks\s+\d+/u.exec(t);
    if (same && !NOT_AN_ADDRESSEE.test(same[1])) return cleanName(same[1]);
    if (/^Postboks\s+\d+/i.test(t)) {
      const name = nameAbove(i, false);
      if (name) return name;
    } else if (startsWithDigit && /^\d{4}\s+\p{Lu}{2,}[\p{Lu} -]*$/u.test(t)) {
      const name = nameAbove(i, true);
      if (name) return name;
    }
  }
  return null;
}

/**
 * An agency's name as a letter writes it: "Norsk helsenett SF", "Sykehuset Innlandet HF", "Helse
 * Sør-Øst RHF", or one word in -direktoratet, -instituttet, -tilsynet, -verket, -etaten, -ombudet.
 */
export const AGENCY_WORD_ENDINGS = ["direktoratet", "instituttet", "tilsynet", "verket", "etaten", "ombudet"];
export const AGENCY_NAME = String.raw`\p{Lu}[\p{L}-]*(?:\s\p{Ll}[\p{L}-]*){0,3}\s(?:SF|HF)|Helse\s\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?\sRHF|\p{Lu}\p{Ll}+(?:${AGENCY_WORD_ENDINGS.join("|")})`;

/** How an agency's name can end ("… SF", "Helse … RHF", "…direktoratet"). */
const NAME_ENDINGS = ["SF", "HF", ...AGENCY_WORD_ENDINGS];
const RE_NAME_AT_END = new RegExp(`(?<![\\p{L}])(?:${AGENCY_NAME})$`, "u");

/**
 * The agency a letter without subject line or address block speaks to: the name most often
 * followed by "skal" ("Norsk helsenett SF skal …", "Helsedirektoratet skal …"), counting names
 * ending in -direktoratet, -instituttet, -tilsynet, -verket, -etaten, -ombudet, in "SF"/"HF", and
 * the regional health authorities ("Helse Sør-Øst RHF").
 * Null when no name is told what to do at least twice.
 */
export function addresseeFromText(text: string): string | null {
  const sample = text.length > 300_000 ? text.slice(0, 300_000) : text;
  const counts = new Map<string, number>();
  // Found from each " skal" backwards (a regex over the whole text is too slow on long letters).
  for (let at = sample.indexOf(" skal"); at >= 0; at = sample.indexOf(" skal", at + 5)) {
    if (/[\p{L}\d]/u.test(sample.charAt(at + 5))) continue;
    const before = sample.slice(Math.max(0, at - 80), at).replace(/\s+$/, "");
    // Only text ending the way a name ends can end in one: test that before the pattern.
    if (!NAME_ENDINGS.some((ending) => before.endsWith(ending))) continue;
    const m = RE_NAME_AT_END.exec(before);
    if (m) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 1;
  for (const [name, c] of counts) {
    if (c > bestCount) {
      best = name;
      bestCount = c;
    }
  }
  return best;
}
