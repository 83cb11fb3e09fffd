/**
 * Corrections an admin makes in the import preview, applied to the parsed letter before it is
 * written. Pure.
 */
import type { ParseResult } from "~/domain/letter/types";

/** A correction of one item of the preview: leave it out, or fix its title, area or owner. */
export interface ItemOverride {
  skip?: boolean;
  title?: string;
  area?: string | null;
  departments?: string[];
}

export interface ImportOverrides {
  /** Owning departments for assignments the text left without (by assignment key). */
  departments?: Record<string, string[]>;
  /** Per item, by `itemRef`: "b<index>" for a block (`ParseResult.assignments`), "e<index>" for an event. */
  items?: Record<string, ItemOverride>;
  /** The recipient agency's name as the admin confirmed or corrected it (else the letter's). */
  agency?: string;
}

export function itemRef(kind: "block" | "event", index: number): string {
  return `${kind === "block" ? "b" : "e"}${index}`;
}

export function parseOverrides(json: string): ImportOverrides {
  try {
    const value = JSON.parse(json) as ImportOverrides;
    return typeof value === "object" && value ? value : {};
  } catch {
    return {};
  }
}

export interface OverriddenParse {
  parsed: ParseResult;
  /** For each block of `parsed`, its index in the original parse (items skipped are gone). */
  blockIndex: number[];
  eventIndex: number[];
}

export function applyOverrides(original: ParseResult, overrides: ImportOverrides): OverriddenParse {
  const deps = overrides.departments ?? {};
  const items = overrides.items ?? {};
  const blockIndex: number[] = [];
  const eventIndex: number[] = [];
  const assignments = original.assignments.flatMap((a, i) => {
    const o = items[itemRef("block", i)];
    if (o?.skip) return [];
    blockIndex.push(i);
    let b = deps[a.id]?.length && a.departments.length === 0 ? { ...a, departments: deps[a.id] } : a;
    if (o?.title !== undefined && o.title.trim()) b = { ...b, title: o.title.trim() };
    if (o?.area !== undefined) b = { ...b, area: o.area };
    if (o?.departments?.length) b = { ...b, departments: o.departments };
    return [b];
  });
  const events = original.events.filter((_, i) => {
    if (items[itemRef("event", i)]?.skip) return false;
    eventIndex.push(i);
    return true;
  });
  const known = new Set(original.departments.map((d) => d.code));
  const extra = [...Object.values(deps).flat(), ...Object.values(items).flatMap((o) => o.departments ?? [])].filter((c) => !known.has(c));
  return {
    parsed: {
      ...original,
      departments: [...original.departments, ...[...new Set(extra)].map((code) => ({ code, name: null }))],
      assignments,
      events,
    },
    blockIndex,
    eventIndex,
  };
}
