import type { Kysely } from "kysely";
import { hashPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import type { Role } from "~/auth/permissions";
import type { Database } from "~/db/schema";
import { createUser, createUserWithHash } from "~/models/user.server";

export const TEST_PASSWORD = "korrekt hest batteri stift";

let counter = 0;

let testPasswordHash: Promise<string> | undefined;

/**
 * TEST_PASSWORD hashed once per test file: scrypt is most of the time it takes to create a user,
 * and users made with the test password can still sign in with it.
 */
function hashOfTestPassword(): Promise<string> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  return testPasswordHash;
}

export async function makeUser(
  db: Kysely<Database>,
  role: Role,
  options: { email?: string; name?: string; departments?: string[]; password?: string } = {},
) {
  counter += 1;
  const email = options.email ?? `${role}${counter}@example.no`;
  const fields = {
    email,
    name: options.name ?? `Test ${role} ${counter}`,
    role,
    departments: options.departments ?? (role === "departement" ? ["FHA"] : []),
  };
  const actor = { userId: null, name: "test" };
  const id =
    options.password === undefined || options.password === TEST_PASSWORD
      ? await createUserWithHash(db, { ...fields, passwordHash: await hashOfTestPassword() }, actor)
      : await createUser(db, { ...fields, password: options.password }, actor);
  return { id, email };
}

export const SESSION_COOKIE_NAME = "oppdrag_sesjon";

/** A signed-in session for a user: its token. */
export function sessionToken(db: Kysely<Database>, userId: number): Promise<string> {
  return createSession(db, userId, { ip: "127.0.0.1", userAgent: "test" });
}

/** A signed-in session for a user, as the Cookie header value the browser would send. */
export async function sessionCookie(db: Kysely<Database>, userId: number): Promise<string> {
  return `${SESSION_COOKIE_NAME}=${await sessionToken(db, userId)}`;
}
