/**
 * Password rules (OWASP ASVS 5.0 level 1, V6.2): at least 12 characters, at most 128, any
 * characters allowed, no composition rules, not a commonly used password (the ~49,000 most
 * common passwords from zxcvbn-ts, plus Norwegian and local guesses), not the user's e-mail.
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";

/** Common passwords of 12+ characters (from public breach top lists) and local guesses. */
const LOCAL_COMMON = new Set(
  [
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456123456",
    "123123123123",
    "111111111111",
    "000000000000",
    "qwertyuiopas",
    "qwertyuiop123",
    "qwerty123456",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "abcdefghijkl",
    "abc123abc123",
    "password1234",
    "password12345",
    "passwordpassword",
    "password123456",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "administrator",
    "administrator1",
    "adminadmin123",
    "changeme1234",
    "trustno11234",
    "sommer2023sommer",
    "passord12345",
    "passord123456",
    "passordpassord",
    "hemmelig1234",
    "hemmelighet1",
    "velkommen123",
    "velkommen1234",
    "sommerferie1",
    "sommerferie2023",
    "vinter2023vinter",
    "norge1234567",
    "oppdragsoversikt",
    "helsedirektoratet",
    "tildelingsbrev",
    "departementet",
  ].map((p) => p.toLowerCase()),
);

const LIST = new Set<string>(dictionary.passwords as string[]);

/** A common password, or one with a few digits or symbols tacked on ("qwerty123456"). */
function isCommon(lower: string): boolean {
  if (LIST.has(lower) || LOCAL_COMMON.has(lower)) return true;
  const base = lower.replace(/[\d\W_]{1,6}$/u, "");
  return base !== lower && base.length >= 4 && (LIST.has(base) || LOCAL_COMMON.has(base));
}

export interface PasswordContext {
  email?: string;
  name?: string;
}

/** Norwegian messages for what is wrong with a password; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`Passordet må ha minst ${MIN_PASSWORD_LENGTH} tegn.`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`Passordet kan ha høyst ${MAX_PASSWORD_LENGTH} tegn.`);
  const lower = password.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  if (isCommon(lower) || isCommon(compact) || /^(.)\1+$/.test(compact) || /^(.{1,4})\1+$/.test(compact)) {
    problems.push("Passordet er for vanlig eller for lett å gjette. Velg et annet, gjerne en setning.");
  }
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && compact.includes(local)) {
    problems.push("Passordet kan ikke inneholde e-postadressen din.");
  }
  return problems;
}
