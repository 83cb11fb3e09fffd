/** The written 2026 letter series (test/fixtures/letters/2026/, see its README.md). */
import fs from "node:fs";
import path from "node:path";
import { parseLetter } from "~/domain/letter/parse";
import { letterFiles } from "../../scripts/reliability/parser-mutations";
import { REPO_ROOT } from "./db";

export const SERIES_2026_DIR = path.join(REPO_ROOT, "test/fixtures/letters/2026");

/** Helsedirektoratet's main letter and its five supplementary letters, in the order they came. */
export const SERIES_2026 = [
  "00-tildelingsbrev-2026.txt",
  "01-supplerende-tildelingsbrev-nr-1.txt",
  "02-supplerende-tildelingsbrev-nr-2.txt",
  "03-supplerende-tildelingsbrev-nr-3.txt",
  "04-supplerende-tildelingsbrev-nr-4.txt",
  "05-supplerende-tildelingsbrev-nr-5.txt",
] as const;

/** A letter of the series folder (the series, or the other agencies' letters beside it) as text. */
export function readSeriesLetter(file: string): string {
  return fs.readFileSync(path.join(SERIES_2026_DIR, file), "utf8");
}

/** Letters in other ministries' ID forms (test/fixtures/letters/forms/, see its README.md). */
export function readFormLetter(file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/letters/forms", file), "utf8");
}

/** Every letter text we bundle or test with: the parser-mutation letters (the 2023 letter, test/fixtures/letters/ and its 2026/ folder), then forms/ (absolute paths). */
export function allFixtureLetters(): string[] {
  const forms = path.join(REPO_ROOT, "test/fixtures/letters/forms");
  return [
    ...letterFiles(),
    ...fs
      .readdirSync(forms)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => path.join(forms, f)),
  ];
}

/**
 * What a reader of a parsed letter relies on, for comparing two readings of the same letter: its
 * letters (kind, year, date, reference), each assignment's ID, title, owners, area, part and
 * deadline dates, and the events.
 */
export function readingOf(text: string) {
  const r = parseLetter(text);
  return {
    letters: r.letters.map((l) => [l.kind, l.year, l.date, l.reference]),
    assignments: r.assignments.map((a) => [a.id, a.title, a.departments, a.area, a.kind, a.target, a.deadlines.map((d) => d.date)]),
    events: r.events.map((e) => [e.type, e.target]),
  };
}
