/**
 * Norwegian date phrases as they occur in allocation letters. Pure, no Date arithmetic (so no
 * silent overflow: 31.6.2026 is reported as invalid, never turned into 1 July).
 *
 * Supported forms (case-insensitive, any whitespace, also split over lines once joined):
 *   day + month name      1. juli 2023 · 15 mai 2023 · 28.mars 2023 · 18. feb. 2021 · 1. mars (year implied)
 *   numeric               15.09.23 · 1.10.2023 · 31.12. 2023 · 1.3.2023 · 31.12. (year implied)
 *   month + year          Mars 2027                               → last day of month, precision "month"
 *   end of a period       utgangen av januar 2023 · utgangen av februar (year implied)
 *                         → last day of the month, precision "month" (the phrase names a month;
 *                           "by the end of the month" is exactly what month precision means here)
 *                         utgangen av 2023 · utgangen av året     → 31 December, precision "year"
 *   a part of the year    2. kvartal 2026 · Q2 2026 · første (fyrste) halvår · 2. tertial(rapport) 2026
 *                         → the last day of its last month, precision "month" (30 June 2026 for
 *                           the 2nd quarter or 1st half-year, 31 August for the 2nd tertial)
 *   part of a month       primo juni · medio juni 2026 · ultimo august
 *                         → the 10th (the end of the first ten days) and the 15th, precision "day";
 *                           ultimo: the last day of the month, precision "month"
 *   a week                uke 23 · uke 23 2026 · veke 23          → the Friday of that ISO week, precision "day"
 *   a season              våren 2026 · før sommeren · sommeren · høsten 2026 (hausten)
 *                         → the end of June, June, August and November, precision "month"
 *   within the year       i løpet av 2026 · i løpet av året        → 31 December, precision "year"
 *   day/month-year        1/6-2026 · 15/9-26                       → that day
 *   relative              14 dager etter mottatt oppdrag           → state "to_be_agreed", no date
 *
 * Two-digit years are 20yy. A phrase without a year takes `impliedYear` (the letter's year).
 */
import type { DeadlinePrecision, DeadlineState } from "./types";

export const MONTHS: Readonly<Record<string, number>> = {
  januar: 1, jan: 1,
  februar: 2, feb: 2,
  mars: 3, mar: 3,
  april: 4, apr: 4,
  mai: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, okt: 10,
  november: 11, nov: 11,
  desember: 12, des: 12,
};

const MONTH_FULL = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember";
const MONTH_ANY = `${MONTH_FULL}|sept|jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|des`;
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  en: 1, ett: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, sju: 7, syv: 7, åtte: 8, ni: 9, ti: 10,
  fjorten: 14, tjue: 20, tretti: 30,
};

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Real calendar check (no overflow): 31.6 and 29.2.2023 are invalid. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1900 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

export function toIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export type NorwegianDate =
  | {
      ok: true;
      /** ISO date; null for relative phrases (state "to_be_agreed"). */
      date: string | null;
      precision: DeadlinePrecision | null;
      state: DeadlineState;
      /** True when the phrase had no year and `impliedYear` was used. */
      yearImplied: boolean;
    }
  | { ok: false; error: string };

export interface DatePhraseMatch {
  index: number;
  end: number;
  /** The matched text as written. */
  raw: string;
  /** "season" (våren 2026) and "within-year" (i løpet av 2026) are vaguer than the rest: deadlines only with a strong cue. */
  kind: "day" | "numeric" | "month" | "end-of-month" | "end-of-year" | "season" | "within-year" | "relative";
  result: NorwegianDate;
}

function expandYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function invalid(raw: string): NorwegianDate {
  return { ok: false, error: `ugyldig dato «${raw.replace(/\s+/g, " ").trim()}»` };
}

function noYear(raw: string): NorwegianDate {
  return { ok: false, error: `mangler årstall i «${raw.replace(/\s+/g, " ").trim()}»` };
}

function dayResult(raw: string, year: number | null, month: number, day: number, implied: boolean): NorwegianDate {
  if (year === null) return noYear(raw);
  if (!isValidDate(year, month, day)) return invalid(raw);
  return { ok: true, date: toIsoDate(year, month, day), precision: "day", state: "dated", yearImplied: implied };
}

function monthResult(raw: string, year: number | null, month: number, implied: boolean): NorwegianDate {
  if (year === null) return noYear(raw);
  if (!isValidDate(year, month, 1)) return invalid(raw);
  return {
    ok: true,
    date: toIsoDate(year, month, daysInMonth(year, month)),
    precision: "month",
    state: "dated",
    yearImplied: implied,
  };
}

function yearResult(raw: string, year: number | null, implied: boolean): NorwegianDate {
  if (year === null) return noYear(raw);
  if (!isValidDate(year, 12, 31)) return invalid(raw);
  return { ok: true, date: toIsoDate(year, 12, 31), precision: "year", state: "dated", yearImplied: implied };
}

// Each regex is linear: bounded quantifiers, no nested repetition.
// Plain "gi" (not "u"): months are ASCII, and unicode case folding makes irregexp slower.
const LETTER = "A-Za-zÆØÅæøåÉéÜüÖöÄä";
const RE_END = new RegExp(
  `\\butgangen\\s+av\\s+(?:(${MONTH_ANY})\\b\\.?(?:\\s*(\\d{4})\\b)?|(\\d{4})\\b|(året|dette året|inneværende år)(?![${LETTER}]))`,
  "gi",
);
const RE_DAY_MONTH = new RegExp(
  `(?<![\\d.,/])(\\d{1,2})\\s?\\.?\\s{0,3}(${MONTH_ANY})\\b\\.?(?:\\s{0,3}(\\d{4})(?!\\d))?`,
  "gi",
);
const RE_NUMERIC = /(?<![\d.,/])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])/g;
const RE_NUMERIC_NO_YEAR = /(?<![\d.,/])(\d{1,2})\.(\d{1,2})\.(?!\s?\d)/g;
const RE_MONTH_YEAR = new RegExp(`(?<![${LETTER}])(${MONTH_FULL})\\s{1,3}(\\d{4})(?!\\d)`, "gi");
/** "2. kvartal 2026", "første halvår", "1. tertial" / "2. tertialrapport" (the period's last month). */
const RE_PERIOD = new RegExp(
  `(?<![${LETTER}\\d])(?:([1-4])\\.|(første|fyrste|andre|annet|tredje|fjerde))\\s{0,3}(kvartal|halvår|tertial)(?:rapport(?:en)?)?(?![${LETTER}])(?:\\s{1,3}(?:(?:i|for)\\s{1,3})?(\\d{4})(?!\\d))?`,
  "gi",
);
const ORDINALS: Readonly<Record<string, number>> = { første: 1, fyrste: 1, andre: 2, annet: 2, tredje: 3, fjerde: 4 };
/** "Q3 2026": the quarter's last month. */
const RE_QUARTER_Q = /(?<![\p{L}\d])Q([1-4])\s?(?:(\d{4})(?!\d))?/gu;
/** Months per period, and how many periods a year has. */
const PERIODS: Readonly<Record<string, { months: number; count: number }>> = {
  kvartal: { months: 3, count: 4 },
  halvår: { months: 6, count: 2 },
  tertial: { months: 4, count: 3 },
};
/** "primo juni", "medio juni 2026", "ultimo august". */
const RE_PART_OF_MONTH = new RegExp(`(?<![${LETTER}])(primo|medio|ultimo)\\s{1,3}(${MONTH_ANY})\\b\\.?(?:\\s{0,3}(\\d{4})(?!\\d))?`, "gi");
/** The day a part of a month ends at: "primo" the first ten days, "medio" the middle. */
const PART_DAY: Readonly<Record<string, number>> = { primo: 10, medio: 15 };
/** "uke 23", "uke 23 2026", "uke 23 i 2026", nynorsk "veke 23". */
const RE_WEEK = new RegExp(`(?<![${LETTER}])(?:uke|veke)\\s{0,3}(\\d{1,2})(?!\\d)(?:\\s{1,3}(?:(?:i|for)\\s{1,3})?(\\d{4})(?!\\d))?`, "gi");
/**
 * A season: "våren 2026", "høsten", nynorsk "hausten", "sommaren". Spring and "before the summer"
 * ("før/innen sommeren") end in June (before the summer holidays), the summer in August, the autumn
 * in November. (Winter spans the turn of the year and is left out.)
 */
const RE_SEASON = new RegExp(
  `(?<![${LETTER}])(våren|vår|sommeren|sommaren|høsten|hausten)(?![${LETTER}])(?:\\s{1,3}(?:(?:i|for)\\s{1,3})?(\\d{4})(?!\\d))?`,
  "gi",
);
/** The month a season's deadline falls at the end of. */
function seasonMonth(season: string, before: boolean): number {
  if (/^vår/i.test(season)) return 6;
  if (/^som/i.test(season)) return before ? 6 : 8;
  return 11;
}
/** "i løpet av 2026", "i løpet av året" (within the year: 31 December), nynorsk "i løpet av". */
const RE_WITHIN_YEAR = new RegExp(`(?<![${LETTER}])i\\s{1,3}løpet\\s{1,3}av\\s{1,3}(?:(\\d{4})(?!\\d)|(året|inneværende år|dette året)(?![${LETTER}]))`, "gi");

/** "1/6-2026", "15/9-26": day/month-year. */
const RE_SLASH_DATE = /(?<![\d.,/])(\d{1,2})\/(\d{1,2})-(\d{4}|\d{2})(?!\d)/g;

/** Day of the week, 1 = Monday … 7 = Sunday (Sakamoto's method; no Date). */
function isoWeekday(year: number, month: number, day: number): number {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  const sunday0 = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + t[month - 1] + day) % 7;
  return sunday0 === 0 ? 7 : sunday0;
}

/** The number of ISO weeks in a year: 53 when it starts on a Thursday, or on a Wednesday in a leap year. */
function isoWeeksIn(year: number): number {
  const jan1 = isoWeekday(year, 1, 1);
  return jan1 === 4 || (jan1 === 3 && isLeapYear(year)) ? 53 : 52;
}

/** The Friday of ISO week `week` of `year` (the last working day of the week), or invalid. */
function weekResult(raw: string, year: number | null, week: number, implied: boolean): NorwegianDate {
  if (year === null) return noYear(raw);
  if (!Number.isInteger(year) || year < 1900 || year > 2199 || week < 1 || week > isoWeeksIn(year)) return invalid(raw);
  // Week 1 holds 4 January; its Monday is day-of-year 4 - (weekday of 4 January - 1), perhaps in December before.
  let dayOfYear = 4 - (isoWeekday(year, 1, 4) - 1) + (week - 1) * 7 + 4;
  let y = year;
  const daysIn = (yy: number) => (isLeapYear(yy) ? 366 : 365);
  if (dayOfYear < 1) dayOfYear += daysIn(--y);
  else if (dayOfYear > daysIn(y)) dayOfYear -= daysIn(y++);
  let month = 1;
  while (dayOfYear > daysInMonth(y, month)) dayOfYear -= daysInMonth(y, month++);
  return dayResult(raw, y, month, dayOfYear, implied);
}

const RE_RELATIVE = new RegExp(
  `(?<![${LETTER}\\d])(\\d{1,3}|${Object.keys(NUMBER_WORDS).join("|")})\\s+(?:dager|dagar|virkedager|arbeidsdager|uker|veker|måneder|mnd\\.?)\\s+etter\\b[^.;\\n]{0,60}`,
  "gi",
);

/**
 * All date phrases in `text`, in order, without overlaps (the earliest, then longest, wins).
 * Invalid dates (31.6.2026) are returned with `result.ok === false`: the caller decides whether
 * they matter (a deadline) or not (a version number in running text).
 */
export function findDatePhrases(text: string, impliedYear: number | null = null): DatePhraseMatch[] {
  const found: DatePhraseMatch[] = [];
  const push = (m: RegExpExecArray, kind: DatePhraseMatch["kind"], result: NorwegianDate) =>
    found.push({ index: m.index, end: m.index + m[0].length, raw: m[0], kind, result });
  const iy = impliedYear !== null && Number.isFinite(impliedYear) ? impliedYear : null;
  let m: RegExpExecArray | null;

  RE_END.lastIndex = /utgangen/i.test(text) ? 0 : text.length + 1;
  while (RE_END.lastIndex <= text.length && (m = RE_END.exec(text)) !== null) {
    if (m[1]) {
      const month = MONTHS[m[1].toLowerCase()];
      const year = m[2] ? Number(m[2]) : iy;
      push(m, "end-of-month", monthResult(m[0], year, month, !m[2]));
    } else if (m[3]) {
      push(m, "end-of-year", yearResult(m[0], Number(m[3]), false));
    } else {
      push(m, "end-of-year", yearResult(m[0], iy, true));
    }
  }
  RE_DAY_MONTH.lastIndex = 0;
  while ((m = RE_DAY_MONTH.exec(text)) !== null) {
    const month = MONTHS[m[2].toLowerCase()];
    const year = m[3] ? Number(m[3]) : iy;
    push(m, "day", dayResult(m[0], year, month, Number(m[1]), !m[3]));
  }
  RE_NUMERIC.lastIndex = 0;
  while ((m = RE_NUMERIC.exec(text)) !== null) {
    push(m, "numeric", dayResult(m[0], expandYear(m[3]), Number(m[2]), Number(m[1]), false));
  }
  RE_NUMERIC_NO_YEAR.lastIndex = 0;
  while ((m = RE_NUMERIC_NO_YEAR.exec(text)) !== null) {
    push(m, "numeric", dayResult(m[0], iy, Number(m[2]), Number(m[1]), true));
  }
  RE_MONTH_YEAR.lastIndex = 0;
  while ((m = RE_MONTH_YEAR.exec(text)) !== null) {
    push(m, "month", monthResult(m[0], Number(m[2]), MONTHS[m[1].toLowerCase()], false));
  }
  RE_PERIOD.lastIndex = /kvartal|halvår|tertial/i.test(text) ? 0 : text.length + 1;
  while (RE_PERIOD.lastIndex <= text.length && (m = RE_PERIOD.exec(text)) !== null) {
    const n = m[1] ? Number(m[1]) : ORDINALS[m[2].toLowerCase()];
    const period = PERIODS[m[3].toLowerCase()];
    if (n > period.count) continue; // "4. halvår": no such period
    const year = m[4] ? Number(m[4]) : iy;
    push(m, "end-of-month", monthResult(m[0], year, n * period.months, !m[4]));
  }
  RE_QUARTER_Q.lastIndex = text.includes("Q") ? 0 : text.length + 1;
  while (RE_QUARTER_Q.lastIndex <= text.length && (m = RE_QUARTER_Q.exec(text)) !== null) {
    const year = m[2] ? Number(m[2]) : iy;
    push(m, "end-of-month", monthResult(m[0], year, Number(m[1]) * 3, !m[2]));
  }
  RE_PART_OF_MONTH.lastIndex = /primo|medio|ultimo/i.test(text) ? 0 : text.length + 1;
  while (RE_PART_OF_MONTH.lastIndex <= text.length && (m = RE_PART_OF_MONTH.exec(text)) !== null) {
    const month = MONTHS[m[2].toLowerCase()];
    const year = m[3] ? Number(m[3]) : iy;
    const part = m[1].toLowerCase();
    if (part === "ultimo") push(m, "end-of-month", monthResult(m[0], year, month, !m[3]));
    else push(m, "day", dayResult(m[0], year, month, PART_DAY[part], !m[3]));
  }
  RE_WEEK.lastIndex = /uke|veke/i.test(text) ? 0 : text.length + 1;
  while (RE_WEEK.lastIndex <= text.length && (m = RE_WEEK.exec(text)) !== null) {
    const year = m[2] ? Number(m[2]) : iy;
    push(m, "day", weekResult(m[0], year, Number(m[1]), !m[2]));
  }
  RE_SEASON.lastIndex = /vår|som|høst|haust/i.test(text) ? 0 : text.length + 1;
  while (RE_SEASON.lastIndex <= text.length && (m = RE_SEASON.exec(text)) !== null) {
    // "vår" alone is a pronoun ("vår vurdering"): only "våren", or "vår" with a year.
    if (/^vår$/i.test(m[1]) && !m[2]) continue;
    const year = m[2] ? Number(m[2]) : iy;
    const before = /(?:før|innen|innan)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index));
    push(m, "season", monthResult(m[0], year, seasonMonth(m[1], before), !m[2]));
  }
  RE_WITHIN_YEAR.lastIndex = /løpet/i.test(text) ? 0 : text.length + 1;
  while (RE_WITHIN_YEAR.lastIndex <= text.length && (m = RE_WITHIN_YEAR.exec(text)) !== null) {
    push(m, "within-year", m[1] ? yearResult(m[0], Number(m[1]), false) : yearResult(m[0], iy, true));
  }
  RE_SLASH_DATE.lastIndex = text.includes("/") ? 0 : text.length + 1;
  while (RE_SLASH_DATE.lastIndex <= text.length && (m = RE_SLASH_DATE.exec(text)) !== null) {
    push(m, "numeric", dayResult(m[0], expandYear(m[3]), Number(m[2]), Number(m[1]), false));
  }
  RE_RELATIVE.lastIndex = text.includes("etter") ? 0 : text.length + 1;
  while (RE_RELATIVE.lastIndex <= text.length && (m = RE_RELATIVE.exec(text)) !== null) {
    push(m, "relative", { ok: true, date: null, precision: null, state: "to_be_agreed", yearImplied: false });
  }

  found.sort((a, b) => a.index - b.index || b.end - b.index - (a.end - a.index));
  const out: DatePhraseMatch[] = [];
  let lastEnd = -1;
  for (const f of found) {
    if (f.index < lastEnd) continue;
    out.push({ ...f, raw: f.raw.trimEnd() });
    lastEnd = f.end;
  }
  return out;
}

/**
 * The value of a "Frist:" line in a form that only that label makes a date: a year ("2026",
 * "innen 2026": 31 December), a month alone ("juni", "Innen desember": its last day, in the
 * letter's year), a day and month without the closing dot ("15.06", "1/6"), an ISO date
 * ("2026-06-01"). Null for anything else (a sentence, a date phrase `findDatePhrases` reads).
 */
export function bareDeadlineValue(value: string, impliedYear: number | null): NorwegianDate | null {
  const v = value.trim().replace(/\.$/, "").replace(/^(?:innen|innan|senest|seinast)\s+/i, "");
  const year = /^(\d{4})$/.exec(v);
  if (year) return yearResult(v, Number(year[1]), false);
  const month = new RegExp(`^(${MONTH_FULL})$`, "i").exec(v);
  if (month) return monthResult(v, impliedYear, MONTHS[month[1].toLowerCase()], true);
  const dayMonth = /^(\d{1,2})[./](\d{1,2})$/.exec(v);
  if (dayMonth) return dayResult(v, impliedYear, Number(dayMonth[2]), Number(dayMonth[1]), true);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (iso) return dayResult(v, Number(iso[1]), Number(iso[2]), Number(iso[3]), false);
  return null;
}

/**
 * Parse one Norwegian date phrase, e.g. "1. juli 2023", "15.09.23", "Mars 2027",
 * "utgangen av januar 2023", "1. mars" (with `impliedYear`), "14 dager etter mottatt oppdrag",
 * "avklares i dialog med departementet" (to_be_agreed), "settes i bero" (on_hold).
 * Leading words such as "Frist:" or "innen" are ignored: the first date phrase found counts.
 *
 * Returns null when the phrase holds no date at all, `{ ok: false }` for an impossible or
 * incomplete date (31.6.2026, "1. mars" without `impliedYear`), never throws.
 */
export function parseNorwegianDate(phrase: string, impliedYear: number | null = null): NorwegianDate | null {
  if (typeof phrase !== "string" || phrase.length === 0) return null;
  const text = phrase.length > 2000 ? phrase.slice(0, 2000) : phrase;
  const matches = findDatePhrases(text, impliedYear);
  if (matches.length > 0) return matches[0].result;
  if (/\b(?:settes|satt|er satt|blir satt|stilles)\s+i\s+bero\b/iu.test(text)) {
    return { ok: true, date: null, precision: null, state: "on_hold", yearImplied: false };
  }
  if (/\b(?:avklares|avtales|avklart|avtalt|fastsettes\s+(?:etter|i|senere|nærmere|når))\b/iu.test(text)) {
    return { ok: true, date: null, precision: null, state: "to_be_agreed", yearImplied: false };
  }
  const year = /^\s*(?:innen\s+)?(\d{4})\s*$/iu.exec(text);
  if (year) return yearResult(year[0], Number(year[1]), false);
  return null;
}
