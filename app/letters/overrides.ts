/**
 * Corrections an admin makes in the import preview, applied to the parsed letter before it is
 * written. Pure.
 */
import type { ParseResult } from "~/domain/letter/types";

export interface ImportOverrides {
  /** Owning departments for assignments the text left without (by assignment key). */
  departments?: Record<string, string[]>;
  /** The recipient agency's name as the admin confirmed or corrected it (else the letter's). */
  agency?: string;
}

export function parseOverrides(json: string): ImportOverrides {
  try {
    const value = JSON.parse(json) as ImportOverrides;
    return typeof value === "object" && value ? value : {};
  } catch {
    return {};
  }
}

export function applyOverrides(parsed: ParseResult, overrides: ImportOverrides): ParseResult {
  const deps = overrides.departments ?? {};
  if (Object.keys(deps).length === 0) return parsed;
  const known = new Set(parsed.departments.map((d) => d.code));
  const extra = Object.values(deps)
    .flat()
    .filter((c) => !known.has(c));
  return {
    ...parsed,
    departments: [...parsed.departments, ...[...new Set(extra)].map((code) => ({ code, name: null }))],
    assignments: parsed.assignments.map((a) => (deps[a.id]?.length && a.departments.length === 0 ? { ...a, departments: deps[a.id] } : a)),
  };
}
