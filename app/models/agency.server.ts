/**
 * Agencies (virksomheter) and which users belong to them. Agencies are data: created by the
 * importer from a letter's recipient, or by an administrator (/admin/virksomheter).
 */
import type { Kysely, Transaction } from "kysely";
import {
  AGENCY_PARAM,
  chooseAgency,
  AGENCY_NAME_MAX,
  AGENCY_SHORT_NAME_MAX,
  normaliseAgencyName,
  slugify,
  type AgencyRef,
} from "~/domain/agency";
import type { Database } from "~/db/schema";
import { audit, type Actor } from "./audit.server";

type Db = Kysely<Database> | Transaction<Database>;

export class AgencyError extends Error {}

const COLUMNS = ["id", "name", "short_name", "slug"] as const;

/** Every agency, by name. */
export function listAgencies(db: Db): Promise<AgencyRef[]> {
  return db.selectFrom("agencies").select(COLUMNS).orderBy("name").execute();
}

export function getAgencyBySlug(db: Db, slug: string): Promise<AgencyRef | undefined> {
  return db.selectFrom("agencies").select(COLUMNS).where("slug", "=", slug).executeTakeFirst();
}

export function getAgency(db: Db, id: number): Promise<AgencyRef | undefined> {
  return db.selectFrom("agencies").select(COLUMNS).where("id", "=", id).executeTakeFirst();
}

/**
 * The name of the agency a per-agency view is for: the chosen one, or with none chosen the
 * register's only agency; null when the register holds none, or several and none is chosen.
 */
export async function agencyNameFor(db: Db, agencyId: number | null): Promise<string | null> {
  const rows = await db
    .selectFrom("agencies")
    .select("name")
    .$if(agencyId !== null, (q) => q.where("id", "=", agencyId as number))
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0]!.name : null;
}

/** The agency of this name (case and spacing ignored), or of this short name. */
export async function findAgencyByName(db: Db, name: string): Promise<AgencyRef | undefined> {
  const wanted = normaliseAgencyName(name).toLowerCase();
  if (!wanted) return undefined;
  const all = await listAgencies(db);
  return (
    all.find((a) => a.name.toLowerCase() === wanted) ??
    all.find((a) => a.short_name?.toLowerCase() === wanted) ??
    all.find((a) => a.slug === wanted)
  );
}

function checkName(name: string, shortName: string | null): { name: string; shortName: string | null } {
  const n = normaliseAgencyName(name);
  const s = shortName === null ? null : normaliseAgencyName(shortName) || null;
  if (!n) throw new AgencyError("Skriv virksomhetens navn.");
  if (n.length > AGENCY_NAME_MAX) throw new AgencyError(`Navnet kan ha høyst ${AGENCY_NAME_MAX} tegn.`);
  if (s && s.length > AGENCY_SHORT_NAME_MAX) throw new AgencyError(`Kortnavnet kan ha høyst ${AGENCY_SHORT_NAME_MAX} tegn.`);
  return { name: n, shortName: s };
}

async function freeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  for (let n = 1; ; n += 1) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = await db.selectFrom("agencies").select("id").where("slug", "=", slug).executeTakeFirst();
    if (!taken) return slug;
  }
}

/** Creates an agency; refuses a name (or short name) that another agency already has. */
export async function createAgency(db: Db, input: { name: string; shortName?: string | null }, now = new Date()): Promise<AgencyRef> {
  const { name, shortName } = checkName(input.name, input.shortName ?? null);
  if (await findAgencyByName(db, name)) throw new AgencyError(`Virksomheten «${name}» finnes allerede.`);
  if (shortName && (await findAgencyByName(db, shortName))) throw new AgencyError(`Kortnavnet «${shortName}» er allerede i bruk.`);
  const slug = await freeSlug(db, name);
  const row = await db
    .insertInto("agencies")
    .values({ name, short_name: shortName, slug, created_at: now.toISOString() })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return row;
}

/** Renames an agency or sets its short name; the slug (and so every shared URL) stays. */
export async function updateAgency(db: Db, id: number, input: { name: string; shortName: string | null }): Promise<AgencyRef> {
  const { name, shortName } = checkName(input.name, input.shortName);
  const clash = await findAgencyByName(db, name);
  if (clash && clash.id !== id) throw new AgencyError(`Virksomheten «${name}» finnes allerede.`);
  if (shortName) {
    const shortClash = await findAgencyByName(db, shortName);
    if (shortClash && shortClash.id !== id) throw new AgencyError(`Kortnavnet «${shortName}» er allerede i bruk.`);
  }
  const row = await db
    .updateTable("agencies")
    .set({ name, short_name: shortName })
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw new AgencyError("Fant ikke virksomheten.");
  return row;
}

/** An administrator adds an agency (/admin/virksomheter): created and audited in one transaction. */
export async function addAgency(db: Kysely<Database>, input: { name: string; shortName: string | null }, actor: Actor): Promise<AgencyRef> {
  return db.transaction().execute(async (trx) => {
    const agency = await createAgency(trx, input);
    await audit(trx, actor, "virksomhet:opprettet", `virksomhet:${agency.slug}`, { name: agency.name, shortName: agency.short_name });
    return agency;
  });
}

/** An administrator renames an agency or sets its short name: changed and audited (before → after) in one transaction. */
export async function changeAgency(db: Kysely<Database>, id: number, input: { name: string; shortName: string | null }, actor: Actor): Promise<AgencyRef> {
  return db.transaction().execute(async (trx) => {
    const before = await getAgency(trx, id);
    if (!before) throw new AgencyError("Fant ikke virksomheten.");
    const agency = await updateAgency(trx, id, input);
    await audit(trx, actor, "virksomhet:endret", `virksomhet:${agency.slug}`, {
      before: { name: before.name, shortName: before.short_name },
      after: { name: agency.name, shortName: agency.short_name },
    });
    return agency;
  });
}

/** The agency of this name, created when the register does not have it yet (imports). */
export async function ensureAgency(db: Db, name: string, now = new Date()): Promise<AgencyRef> {
  return (await findAgencyByName(db, name)) ?? createAgency(db, { name }, now);
}

/** Per agency: how many letters, assignments and users it has (the admin page). */
export async function agencyUsage(db: Db): Promise<Map<number, { letters: number; assignments: number; users: number }>> {
  const [letters, assignments, users] = await Promise.all([
    db.selectFrom("letters").select(["agency_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("agency_id").execute(),
    db.selectFrom("assignments").select(["agency_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("agency_id").execute(),
    db.selectFrom("user_agencies").select(["agency_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("agency_id").execute(),
  ]);
  const usage = new Map<number, { letters: number; assignments: number; users: number }>();
  const get = (id: number) => usage.get(id) ?? usage.set(id, { letters: 0, assignments: 0, users: 0 }).get(id)!;
  for (const r of letters) get(r.agency_id).letters = Number(r.n);
  for (const r of assignments) get(r.agency_id).assignments = Number(r.n);
  for (const r of users) get(r.agency_id).users = Number(r.n);
  return usage;
}

/** The ids of the agencies a user belongs to. */
export async function userAgencyIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom("user_agencies").select("agency_id").where("user_id", "=", userId).orderBy("agency_id").execute();
  return rows.map((r) => r.agency_id);
}

/** Replaces a user's agencies; refuses ids the database does not have. */
export async function setUserAgencies(db: Db, userId: number, agencyIds: readonly number[]): Promise<void> {
  const ids = [...new Set(agencyIds)];
  if (ids.length > 0) {
    const known = await db.selectFrom("agencies").select("id").where("id", "in", ids).execute();
    if (known.length !== ids.length) throw new AgencyError("Ukjent virksomhet.");
  }
  await db.deleteFrom("user_agencies").where("user_id", "=", userId).execute();
  if (ids.length > 0) await db.insertInto("user_agencies").values(ids.map((agency_id) => ({ user_id: userId, agency_id }))).execute();
}

/** Agencies given by name or short name (CLI `--agencies`); throws naming the unknown ones. */
export async function agenciesByNames(db: Db, names: readonly string[]): Promise<AgencyRef[]> {
  const found: AgencyRef[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const a = await findAgencyByName(db, n);
    if (a) found.push(a);
    else unknown.push(n);
  }
  if (unknown.length > 0) throw new AgencyError(`Ukjent virksomhet: ${unknown.join(", ")}.`);
  return found;
}

export interface AgencyChoice {
  /** Every agency in the register, by name. */
  agencies: AgencyRef[];
  /** The chosen one; null: all agencies (only where `required` is false and there are several). */
  agency: AgencyRef | null;
  /** More than one agency: show the filter, and put `?virksomhet=` into links. */
  multi: boolean;
}

/**
 * The agency a page shows, from `?virksomhet=`. With one agency that one (no filter shown);
 * `required` pages (overview, report: one agency's letter at a time) fall back to the first of
 * `preferred` (the user's own agencies), else the first by name.
 */
export async function readAgencyChoice(
  db: Db,
  params: URLSearchParams,
  options: { required?: boolean; preferred?: readonly number[] } = {},
): Promise<AgencyChoice> {
  const agencies = await listAgencies(db);
  let agency = chooseAgency(params.get(AGENCY_PARAM), agencies);
  if (!agency && options.required && agencies.length > 0) {
    agency = agencies.find((a) => options.preferred?.includes(a.id)) ?? agencies[0]!;
  }
  return { agencies, agency, multi: agencies.length > 1 };
}

/**
 * A case handler updates only their agencies' assignments, so with several agencies in the
 * register one must be chosen; null when the choice is fine.
 */
export async function caseHandlerAgencyProblem(db: Db, role: string, agencyIds: readonly number[]): Promise<string | null> {
  if (role !== "saksbehandler" || agencyIds.length > 0) return null;
  const agencies = await db.selectFrom("agencies").select("id").limit(2).execute();
  return agencies.length > 1 ? "En saksbehandler må knyttes til minst én virksomhet." : null;
}
