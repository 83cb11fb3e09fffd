/**
 * Tables of assignments: the head row that names a table's columns, and the cells of a row after
 * its number or ID ("Kartlegge … 1. mai 2025 FHA": title, deadline cell, owner codes). Used for
 * tables with IDs (parse.ts, `tableRowAt`) and without (decision 090). Pure.
 */
import { findDatePhrases } from "./dates";

/** The head row of a table of assignments with IDs: "ID Oppdrag Frist Ansvarlig avdeling", "Nr. Tittel Frist". */
export const RE_ID_TABLE_HEAD = /^(?:ID|Nr\.?|Nummer)\s+(?:Oppdrag(?:et)?|Tittel|Beskrivelse)\b.{0,60}\bFrist\b/i;
/** A reporting point written in a deadline cell instead of a date. */
const RE_REPORTING_CELL = /\s+(?:Årsrapport(?:en)?|Tertialrapport(?:en)?|Løpende|Fortløpende|Avtales(?:\s+nærmere)?)\s*$/iu;
const RE_OWNER_CELL = /\s+([A-ZÆØÅ]{2,5}(?:\s*(?:\/|,|&)\s*[A-ZÆØÅ]{2,5})*)\s*$/u;

export interface TableRowCells {
  title: string;
  /** The deadline cell as written (a date, or a reporting point such as "Årsrapporten"), or null. */
  deadline: string | null;
  owners: string[];
}

/**
 * A table row's cells after its number or ID ("Kartlegge … 1. mai 2025 FHA"): the owner codes that
 * end it when the table has an owner column, the deadline cell before them (a date that ends what
 * is left, or a reporting point), and the title.
 */
export function tableRowCells(text: string, year: number, ownerColumn: boolean): TableRowCells {
  let rest = text.trim();
  let owners: string[] = [];
  const owner = ownerColumn ? RE_OWNER_CELL.exec(rest) : null;
  if (owner) {
    owners = owner[1].split(/\s*(?:\/|,|&)\s*/u);
    rest = rest.slice(0, owner.index).trim();
  }
  const last = findDatePhrases(rest, year > 0 ? year : null).at(-1);
  if (last && last.end >= rest.length) return { title: rest.slice(0, last.index).trim(), deadline: rest.slice(last.index), owners };
  const point = RE_REPORTING_CELL.exec(rest);
  if (point) return { title: rest.slice(0, point.index).trim(), deadline: point[0].trim(), owners };
  return { title: rest, deadline: null, owners };
}
