import type { Kysely } from "kysely";
import { createSession } from "~/auth/session.server";
import type { Role } from "~/auth/permissions";
import type { Database } from "~/db/schema";
import { createUser } from "~/models/user.server";

export const TEST_PASSWORD = "korrekt hest batteri stift";

let counter = 0;

export async function makeUser(
  db: Kysely<Database>,
  role: Role,
  options: { email?: string; name?: string; departments?: string[]; password?: string } = {},
) {
  counter += 1;
  const email = options.email ?? `${role}${counter}@example.no`;
  const id = await createUser(
    db,
    {
      email,
      name: options.name ?? `Test ${role} ${counter}`,
      role,
      password: options.password ?? TEST_PASSWORD,
      departments: options.departments ?? (role === "departement" ? ["FHA"] : []),
    },
    { userId: null, name: "test" },
  );
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
