/**
 * Password hashing with scrypt from Node's crypto (memory-hard; OWASP's recommended
 * parameters N=2^17, r=8, p=1). The parameters are stored in the hash, so they can be raised
 * later without breaking existing passwords. Passwords are never logged or returned.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const KEY_LENGTH = 64;

/**
 * At most this many scrypt computations run at once (each takes a libuv thread, 128 MB and
 * ≈ 0.3 s at N=2^17); further ones wait in line, and beyond MAX_WAITING_HASHES they are refused
 * with PasswordCheckBusyError, so a burst of sign-ins cannot occupy every core and all memory.
 */
export const MAX_CONCURRENT_HASHES = 2;
export const MAX_WAITING_HASHES = 32;

export class PasswordCheckBusyError extends Error {
  constructor() {
    super("Too many password checks at once");
    this.name = "PasswordCheckBusyError";
  }
}

let active = 0;
let peak = 0;
const waiting: Array<() => void> = [];

/** How many hashes run now and the most that ever ran at once (for tests and the audit of the cap). */
export function passwordHashStats(): { active: number; waiting: number; peak: number } {
  return { active, waiting: waiting.length, peak };
}

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_WAITING_HASHES) throw new PasswordCheckBusyError();
    // A finishing hash hands its slot straight to the next in line (`active` stays the same).
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    active += 1;
  }
  peak = Math.max(peak, active);
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  }
}

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return withHashSlot(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

/** log2(N). Tests may lower it through PASSWORD_SCRYPT_LOG_N (never below 14). */
function costLogN(): number {
  const fromEnv = Number(process.env.PASSWORD_SCRYPT_LOG_N);
  return Number.isInteger(fromEnv) && fromEnv >= 14 && fromEnv <= 20 ? fromEnv : 17;
}

export async function hashPassword(password: string): Promise<string> {
  const logN = costLogN();
  const r = 8;
  const p = 1;
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, { N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 });
  return ["scrypt", logN, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, logN, r, p, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, "base64");
  const key = await scryptAsync(password, Buffer.from(saltB64, "base64"), {
    N: 2 ** Number(logN),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so response times do not reveal unknown accounts. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing");
  await verifyPassword(password, await dummyHash);
  return false;
}
