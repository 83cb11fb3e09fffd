/**
 * Agencies (virksomheter): names, slugs and the `?virksomhet=` choice. Pure; shared with the
 * browser. Storage is app/models/agency.server.ts.
 */

export interface AgencyRef {
  id: number;
  name: string;
  short_name: string | null;
  slug: string;
}

/** The URL parameter that carries the agency choice (overview, list, report, …). */
export const AGENCY_PARAM = "virksomhet";

/** The agency the register knew before it held several; the CLI's and first start's fallback. */
export const DEFAULT_AGENCY_NAME = "Helsedirektoratet";

export const AGENCY_NAME_MAX = 200;
export const AGENCY_SHORT_NAME_MAX = 40;

/** Whitespace collapsed and trimmed: the form names are stored and compared in. */
export function normaliseAgencyName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/**
 * The URL form of a name: lower case, Norwegian letters spelt out (æ→ae, ø→o, å→a), everything
 * else that is not a–z or 0–9 turned into single hyphens. "Norsk helsenett SF" → "norsk-helsenett-sf".
 */
export function slugify(name: string): string {
  const slug = normaliseAgencyName(name)
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "virksomhet";
}

/** True for a well-formed slug (what the database's CHECK accepts). */
export function isSlug(value: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/.test(value);
}

/**
 * The agencies a joint recipient names, in order: "Helsedirektoratet og Folkehelseinstituttet" →
 * both. Split on "og", "," and "/" only when every part reads as a name (starts with a capital):
 * "Direktoratet for samfunnssikkerhet og beredskap" is one agency. One name: that name alone.
 */
export function recipientNames(recipient: string): string[] {
  const whole = normaliseAgencyName(recipient);
  const parts = whole
    .split(/\s*,\s*|\s+og\s+|\s*\/\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every((p) => /^\p{Lu}/u.test(p)) ? parts : whole ? [whole] : [];
}

/** The label to show in tight places: the short name when there is one, else the name. */
export function agencyLabel(agency: Pick<AgencyRef, "name" | "short_name">): string {
  return agency.short_name || agency.name;
}

/**
 * The agency asked for in the URL: the matching one, or null for "all agencies" (no choice, an
 * empty choice, or one the database does not have). With one agency in the database that one.
 */
export function chooseAgency<T extends AgencyRef>(requested: string | null | undefined, agencies: readonly T[]): T | null {
  if (agencies.length === 1) return agencies[0]!;
  if (!requested) return null;
  return agencies.find((a) => a.slug === requested) ?? null;
}

/**
 * Adds `?virksomhet=<slug>` to a path (keeping its other parameters) when the choice matters:
 * with one agency in the database the URLs stay as they were.
 */
export function withAgency(path: string, agency: Pick<AgencyRef, "slug"> | string | null | undefined, agencyCount: number): string {
  const slug = typeof agency === "string" ? agency : agency?.slug;
  if (!slug || agencyCount <= 1) return path;
  const [base, hash] = path.split("#", 2) as [string, string | undefined];
  const separator = base.includes("?") ? "&" : "?";
  return `${base}${separator}${AGENCY_PARAM}=${encodeURIComponent(slug)}${hash !== undefined ? `#${hash}` : ""}`;
}
