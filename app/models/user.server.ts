/**
 * Users and their departments. Every change is audited in the same transaction.
 */
import type { Kysely } from "kysely";
import { hashPassword } from "~/auth/password.server";
import { audit, type Actor } from "./audit.server";
import type { Database, User } from "../db/schema";
import type { Role } from "../domain/roles";
import { revokeCalendarTokensIn } from "./calendar-token.server";

export interface UserWithDepartments extends Omit<User, "password_hash"> {
  departments: string[];
  /** Ids of the agencies (virksomheter) the user belongs to. */
  agencies: number[];
}

/**
 * The agencies a new user gets: those given; with none given and exactly one agency in the
 * register, that one (a single-agency register never asks).
 */
async function agenciesFor(db: Kysely<Database>, given: readonly number[] | undefined): Promise<number[]> {
  if (given && given.length > 0) {
    const ids = [...new Set(given)];
    const known = await db.selectFrom("agencies").select("id").where("id", "in", ids).execute();
    if (known.length !== ids.length) throw new UserError("Ukjent virksomhet.");
    return ids;
  }
  const all = await db.selectFrom("agencies").select("id").limit(2).execute();
  return all.length === 1 ? [all[0]!.id] : [];
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active administrators: the last one may not be disabled or lose the role. */
async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export async function getUser(db: Kysely<Database>, id: number): Promise<UserWithDepartments | undefined> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "disabled_at", "created_at", "updated_at", "password_changed_at", "must_change_password"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!user) return undefined;
  const deps = await db
    .selectFrom("user_departments")
    .select("department_code")
    .where("user_id", "=", id)
    .orderBy("department_code")
    .execute();
  const agencies = await db.selectFrom("user_agencies").select("agency_id").where("user_id", "=", id).orderBy("agency_id").execute();
  return { ...user, departments: deps.map((d) => d.department_code), agencies: agencies.map((a) => a.agency_id) };
}

export async function listUsers(db: Kysely<Database>): Promise<UserWithDepartments[]> {
  const users = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "disabled_at", "created_at", "updated_at", "password_changed_at", "must_change_password"])
    .orderBy("name")
    .execute();
  const deps = await db.selectFrom("user_departments").selectAll().orderBy("department_code").execute();
  const agencies = await db.selectFrom("user_agencies").selectAll().orderBy("agency_id").execute();
  return users.map((u) => ({
    ...u,
    departments: deps.filter((d) => d.user_id === u.id).map((d) => d.department_code),
    agencies: agencies.filter((a) => a.user_id === u.id).map((a) => a.agency_id),
  }));
}

export class UserError extends Error {}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  departments?: string[];
  /** Agency ids; none given: the register's only agency, if it has exactly one. */
  agencies?: number[];
  /** Set by someone else (an administrator): the user must change it at first sign-in. */
  temporaryPassword?: boolean;
}

type NewUserAction = "bruker:opprettet" | "oppsett:første-admin";

/** Creates a user (password hashed before the transaction, since hashing is slow). */
export async function createUser(db: Kysely<Database>, input: NewUserInput, actor: Actor, action: NewUserAction = "bruker:opprettet"): Promise<number> {
  const { password, ...rest } = input;
  return createUserWithHash(db, { ...rest, passwordHash: await hashPassword(password) }, actor, action);
}

/**
 * Creates a user whose password is already hashed by `hashPassword` (the tests hash their one
 * test password once per file instead of once per user).
 */
export async function createUserWithHash(
  db: Kysely<Database>,
  input: Omit<NewUserInput, "password"> & { passwordHash: string },
  actor: Actor,
  action: NewUserAction = "bruker:opprettet",
): Promise<number> {
  const email = normaliseEmail(input.email);
  const passwordHash = input.passwordHash;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    if (action === "oppsett:første-admin") {
      if ((await countUsers(trx)) > 0) throw new UserError("Oppsettet er allerede gjort: det finnes brukere.");
    }
    const exists = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
    if (exists) throw new UserError("Det finnes allerede en bruker med denne e-postadressen.");
    const row = await trx
      .insertInto("users")
      .values({
        email,
        name: input.name.trim(),
        role: input.role,
        password_hash: passwordHash,
        disabled_at: null,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
        must_change_password: input.temporaryPassword ? 1 : 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const departments = [...new Set(input.departments ?? [])];
    for (const code of departments) {
      await trx.insertInto("user_departments").values({ user_id: row.id, department_code: code }).execute();
    }
    const agencies = await agenciesFor(trx, input.agencies);
    for (const agencyId of agencies) {
      await trx.insertInto("user_agencies").values({ user_id: row.id, agency_id: agencyId }).execute();
    }
    await audit(trx, actor, action, `bruker:${row.id}`, { email, name: input.name.trim(), role: input.role, departments, agencies });
    return row.id;
  });
}

export async function setUserDisabled(db: Kysely<Database>, id: number, disabled: boolean, actor: Actor): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "email", "role", "disabled_at"]).where("id", "=", id).executeTakeFirst();
    if (!user) throw new UserError("Fant ikke brukeren.");
    if (disabled && user.role === "admin") {
      if ((await countActiveAdmins(trx)) <= 1 && user.disabled_at === null) {
        throw new UserError("Kan ikke deaktivere den siste aktive administratoren.");
      }
    }
    await trx
      .updateTable("users")
      .set({ disabled_at: disabled ? (user.disabled_at ?? now) : null, updated_at: now })
      .where("id", "=", id)
      .execute();
    if (disabled) {
      await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
      await revokeCalendarTokensIn(trx, id, now);
    }
    await audit(trx, actor, disabled ? "bruker:deaktivert" : "bruker:aktivert", `bruker:${id}`, { email: user.email });
  });
}

export async function resetPassword(
  db: Kysely<Database>,
  id: number,
  password: string,
  actor: Actor,
  options: { temporary?: boolean } = {},
): Promise<void> {
  const passwordHash = await hashPassword(password);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "email"]).where("id", "=", id).executeTakeFirst();
    if (!user) throw new UserError("Fant ikke brukeren.");
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now, must_change_password: options.temporary ? 1 : 0 })
      .where("id", "=", id)
      .execute();
    // A new password ends every existing session of that user, and their calendar links.
    await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
    await revokeCalendarTokensIn(trx, id, now);
    await audit(trx, actor, "bruker:passord-tilbakestilt", `bruker:${id}`, { email: user.email });
  });
}

export async function updateUser(
  db: Kysely<Database>,
  id: number,
  input: { name: string; role: Role; departments: string[]; agencies?: number[] },
  actor: Actor,
): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "email", "role", "name", "disabled_at"]).where("id", "=", id).executeTakeFirst();
    if (!user) throw new UserError("Fant ikke brukeren.");
    if (user.role === "admin" && input.role !== "admin" && user.disabled_at === null) {
      if ((await countActiveAdmins(trx)) <= 1) throw new UserError("Kan ikke fjerne rollen til den siste aktive administratoren.");
    }
    await trx.updateTable("users").set({ name: input.name.trim(), role: input.role, updated_at: now }).where("id", "=", id).execute();
    await trx.deleteFrom("user_departments").where("user_id", "=", id).execute();
    for (const code of [...new Set(input.departments)]) {
      await trx.insertInto("user_departments").values({ user_id: id, department_code: code }).execute();
    }
    // Agencies change only when the form offered them (a register with several agencies).
    if (input.agencies !== undefined) {
      const agencies = await agenciesFor(trx, input.agencies);
      await trx.deleteFrom("user_agencies").where("user_id", "=", id).execute();
      for (const agencyId of agencies) await trx.insertInto("user_agencies").values({ user_id: id, agency_id: agencyId }).execute();
    }
    await audit(trx, actor, "bruker:endret", `bruker:${id}`, {
      email: user.email,
      before: { name: user.name, role: user.role },
      after: { name: input.name.trim(), role: input.role, departments: input.departments, agencies: input.agencies },
    });
  });
}

/**
 * A user's own new password, once the caller has checked the current one (through the sign-in
 * throttle: `changeOwnPassword` in app/auth/password-change.server.ts). Other sessions of the
 * user end; the one in use (`keepSessionHash`) stays.
 */
export async function setOwnPassword(
  db: Kysely<Database>,
  id: number,
  next: string,
  actor: Actor,
  keepSessionHash: string | null,
): Promise<void> {
  const user = await db.selectFrom("users").select(["email"]).where("id", "=", id).executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(next);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now, must_change_password: 0 })
      .where("id", "=", id)
      .execute();
    await trx
      .deleteFrom("sessions")
      .where("user_id", "=", id)
      .$if(keepSessionHash !== null, (q) => q.where("id_hash", "<>", keepSessionHash as string))
      .execute();
    await audit(trx, actor, "bruker:passord-endret", `bruker:${id}`, { email: user.email });
  });
}

/**
 * Ends a user's calendar links (on disable and on a password reset by an admin: a link made by
 * whoever had the account must not outlive it). Enabling the user again does not bring them back.
 */
