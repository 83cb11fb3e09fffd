/**
 * Who may do what: the one role × action table. Every loader and action asks `can` (through
 * `requireUser` in guards.server.ts); the README documents the same table. Pure.
 */
import { ROLES, type Role } from "~/domain/roles";

export { ROLES, type Role };

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  saksbehandler: "Saksbehandler",
  departement: "Departement",
  leser: "Leser",
};

export const ACTIONS = [
  "oppdrag:les",
  "status:oppdater",
  "leveranse:oppdater",
  "rapport:rediger",
  "frist:avtal",
  "brev:importer",
  "bruker:administrer",
  "virksomhet:administrer",
  "logg:les",
] as const;

export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  "oppdrag:les": "Se oppdrag, oversikter og rapporter",
  "status:oppdater": "Oppdatere status og kommentar",
  "leveranse:oppdater": "Markere delleveranser som levert",
  "rapport:rediger": "Skrive rapporttekster og samlet vurdering",
  "frist:avtal": "Avtale frister som skal avklares",
  "brev:importer": "Importere tildelingsbrev",
  "bruker:administrer": "Administrere brukere",
  "virksomhet:administrer": "Administrere virksomheter",
  "logg:les": "Lese revisjonsloggen",
};

/**
 * yes: always; own: only for assignments owned by one of the user's ministry departments (in any
 * agency); agency: only for assignments of one of the agencies the user belongs to; no: never.
 */
export type Grant = "yes" | "own" | "agency" | "no";

export const PERMISSIONS: Record<Role, Record<Action, Grant>> = {
  admin: {
    "oppdrag:les": "yes",
    "status:oppdater": "yes",
    "leveranse:oppdater": "yes",
    "rapport:rediger": "yes",
    "frist:avtal": "yes",
    "brev:importer": "yes",
    "bruker:administrer": "yes",
    "virksomhet:administrer": "yes",
    "logg:les": "yes",
  },
  saksbehandler: {
    "oppdrag:les": "yes",
    "status:oppdater": "agency",
    "leveranse:oppdater": "agency",
    "rapport:rediger": "agency",
    "frist:avtal": "no",
    "brev:importer": "no",
    "bruker:administrer": "no",
    "virksomhet:administrer": "no",
    "logg:les": "no",
  },
  departement: {
    "oppdrag:les": "yes",
    "status:oppdater": "no",
    "leveranse:oppdater": "no",
    "rapport:rediger": "no",
    "frist:avtal": "own",
    "brev:importer": "no",
    "bruker:administrer": "no",
    "virksomhet:administrer": "no",
    "logg:les": "no",
  },
  leser: {
    "oppdrag:les": "yes",
    "status:oppdater": "no",
    "leveranse:oppdater": "no",
    "rapport:rediger": "no",
    "frist:avtal": "no",
    "brev:importer": "no",
    "bruker:administrer": "no",
    "virksomhet:administrer": "no",
    "logg:les": "no",
  },
};

export interface Principal {
  role: Role;
  departments: readonly string[];
  /** Ids of the agencies (virksomheter) the user belongs to. */
  agencies?: readonly number[];
}

/** What an action is done to: the assignment's owning departments and its agency's id. */
export interface Target {
  owners?: readonly string[];
  agency?: number;
}

/**
 * May this user do this? For "own" grants pass the owning departments of the assignment, for
 * "agency" grants its agency (a bare array is the owners); without them the answer is whether
 * the user could do it for *some* assignment.
 */
export function can(user: Principal, action: Action, target?: readonly string[] | Target): boolean {
  const grant = PERMISSIONS[user.role]?.[action] ?? "no";
  if (grant === "yes") return true;
  if (grant === "no") return false;
  const { owners, agency } = target === undefined ? {} : Array.isArray(target) ? { owners: target as readonly string[] } : (target as Target);
  if (grant === "agency") {
    const mine = user.agencies ?? [];
    return agency === undefined ? mine.length > 0 : mine.includes(agency);
  }
  if (owners === undefined) return user.departments.length > 0;
  return owners.some((code) => user.departments.includes(code));
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
