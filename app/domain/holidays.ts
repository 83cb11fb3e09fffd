/**
 * Norwegian public holidays (helligdager) and weekends, for notes on deadlines that fall on
 * them. Deadlines are never moved: the note only tells. Pure.
 */

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

const cache = new Map<number, Map<string, string>>();

/** The public holidays of a year: ISO date → Norwegian name. */
export function norwegianHolidays(year: number): Map<string, string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const map = new Map<string, string>([
    [`${year}-01-01`, "1. nyttårsdag"],
    [iso(plusDays(easter, -3)), "skjærtorsdag"],
    [iso(plusDays(easter, -2)), "langfredag"],
    [iso(easter), "1. påskedag"],
    [iso(plusDays(easter, 1)), "2. påskedag"],
    [`${year}-05-01`, "1. mai"],
    [`${year}-05-17`, "17. mai"],
    [iso(plusDays(easter, 39)), "Kristi himmelfartsdag"],
    [iso(plusDays(easter, 49)), "1. pinsedag"],
    [iso(plusDays(easter, 50)), "2. pinsedag"],
    [`${year}-12-25`, "1. juledag"],
    [`${year}-12-26`, "2. juledag"],
  ]);
  cache.set(year, map);
  return map;
}

/**
 * A note for a deadline on a day off: "helligdag (17. mai)", "lørdag", "søndag"; null for
 * working days. Holidays are named before weekends (1. påskedag is a Sunday and a holiday).
 */
export function dayOffNote(isoDate: string): string | null {
  const year = Number(isoDate.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  const holiday = norwegianHolidays(year).get(isoDate);
  if (holiday) return `helligdag (${holiday})`;
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  if (weekday === 6) return "lørdag";
  if (weekday === 0) return "søndag";
  return null;
}
