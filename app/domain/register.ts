/**
 * The register: every assignment as it stands now, in the shape `register:export` and the list's
 * download write (README, "register:export"). Field names are a public contract: add fields
 * freely, never rename or remove one. Pure.
 */
import type { DeadlinePrecision, DeadlineState } from "~/domain/letter/types";
import { formatDeadlineDate } from "~/domain/format";
import type { ExportPartKind } from "~/domain/parts";
import { PART_KIND_LABELS } from "~/domain/parts";
import { STATUS_LABELS, type StatusCode } from "~/domain/status";

export interface RegisterDeadline {
  /** yyyy-MM-dd as it stands (an agreed date applied); null when the letter gives none or an invalid one. */
  date: string | null;
  precision: DeadlinePrecision | null;
  /** Deliverable label ("Delleveranse 1"), null for the assignment itself. */
  label: string | null;
  /** The phrase in the letter ("Frist: 1. juli 2023"). */
  text: string;
  /** Title of the letter the deadline comes from (a later letter for its deliverables or a moved deadline). */
  letter: string;
  /** dated | to_be_agreed | on_hold | invalid. */
  state: DeadlineState;
}

export interface RegisterPart {
  /** Title of the letter. */
  letter: string;
  /** The letter's date (yyyy-MM-dd), null when the letter does not give one. */
  date: string | null;
  kind: ExportPartKind;
}

export interface RegisterEntry {
  /** The assignment ID ("TB2026-12"), or the synthetic key of one without ID. */
  id: string;
  year: number;
  title: string;
  /** Owning department codes. */
  departments: string[];
  /** Goal area code ("3.4"), null when unknown. */
  area: string | null;
  /** Goal ("Mål 2"), null when unknown. */
  goal: string | null;
  /** Status code: ikke_startet | i_rute | forsinket | fullfort | utsatt | avsluttet. */
  status: StatusCode;
  exempt: boolean;
  /** True when the assignment is known only from a later letter (its own letter is not imported). */
  knownOnlyFromLetter: boolean;
  deadlines: RegisterDeadline[];
  /** The original first, then each later letter's part in order. */
  parts: RegisterPart[];
  /** The agency (virksomhet) the assignment is given to, by name: IDs are unique per agency and year. */
  agency: string;
}

export const REGISTER_FORMATS = ["json", "csv", "xlsx"] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export function registerToJson(entries: RegisterEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** When a deadline falls, in words: "1. mai 2026", "mai 2026", "avklares med departementet", "satt i bero". */
export function deadlineWhen(d: Pick<RegisterDeadline, "state" | "date" | "precision">): string {
  if (d.state === "to_be_agreed") return "avklares med departementet";
  if (d.state === "on_hold") return "satt i bero";
  if (d.state === "invalid") return "ugyldig dato i brevet";
  return d.date ? formatDeadlineDate(d.date, d.precision) : "ikke oppgitt";
}

/** A deadline on one line, the Norwegian way: "Delleveranse 1: 1. mai 2026 («Frist: 1. mai 2026», Tildelingsbrev 2026)". */
export function deadlineLine(d: RegisterDeadline): string {
  const label = d.label ? `${d.label}: ` : "";
  return `${label}${deadlineWhen(d)} («${d.text}», ${d.letter})`;
}

export function partLine(p: RegisterPart, formatDate: (iso: string) => string): string {
  return `${PART_KIND_LABELS[p.kind]}: ${p.letter}${p.date ? `, ${formatDate(p.date)}` : ""}`;
}

export const REGISTER_COLUMNS = ["ID", "År", "Virksomhet", "Tittel", "Avdelinger", "Område", "Mål", "Status", "Unntatt offentlighet", "Frister", "Deler"] as const;

/** One row per assignment, Norwegian headings and values; deadlines and parts one per line in their cells. */
export function registerRows(entries: RegisterEntry[], formatDate: (iso: string) => string): string[][] {
  return entries.map((e) => [
    e.id,
    String(e.year),
    e.agency,
    e.title,
    e.departments.join("/"),
    e.area ?? "",
    e.goal ?? "",
    STATUS_LABELS[e.status],
    e.exempt ? "Ja" : "Nei",
    e.deadlines.map(deadlineLine).join("\n"),
    e.parts.map((p) => partLine(p, formatDate)).join("\n"),
  ]);
}
