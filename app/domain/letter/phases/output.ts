/** Phases "warnings" (what a reader should check) and "output" (the ParseResult: letters with recipient and genre, areas, goals, departments). */
import { departmentNames } from "../departments";
import { idIdentity, sameId } from "../ids";
import { isPartOnly } from "../later-letters";
import { AGENCY_WORD_ENDINGS, addresseeFromText, genreOf, letterNumberOf, recipientFromAddress, recipientFromSubject } from "../letter-meta";
import { wordsEndingWith } from "../words";
import type { ParsedArea, ParsedAssignment, ParsedDepartment, ParsedGoal, ParsedLetter } from "../types";
import { shortTitle, uniq } from "./patterns";
import type { ParseState } from "./state";

/** Phase "warnings": what is missing (owners, areas, listed IDs without a block, dates). */
export function phaseWarnings(st: ParseState): void {
  const { lines, warnings, letters, defs, listEntries, assignments, events } = st;
  // A letter that names no owner (or no area) at all gets one warning, not one per assignment.
  const noneIn = (li: number, has: (a: ParsedAssignment) => boolean, counts: (a: ParsedAssignment) => boolean = () => true) => {
    const own = assignments.filter((a) => a.letter === li && !a.announcedOnly && counts(a));
    return own.length >= 2 && !own.some(has);
  };
  const noOwners = letters.map((_, li) =>
    noneIn(li, (a) => a.departments.length > 0 || (a.ownerNames?.length ?? 0) > 0, (a) => !isPartOnly(a)),
  );
  const noAreas = letters.map((l, li) => l.kind === "main" && noneIn(li, (a) => a.area !== null));
  letters.forEach((l, li) => {
    const name = `«${shortTitle(l.title ?? `brev ${li + 1}`)}»`;
    if (noOwners[li]) {
      warnings.push({ line: lines[l.start].no, message: `${name} oppgir ingen ansvarlig avdeling for oppdragene – avdeling er ikke satt` });
    }
    if (noAreas[li]) {
      warnings.push({ line: lines[l.start].no, message: `Fant ingen områder (2.x) i ${name} – oppdragene står uten område` });
    }
  });
  for (const a of assignments) {
    // A part of an earlier assignment has that one's owners.
    if (a.departments.length === 0 && !a.announcedOnly && !noOwners[a.letter] && !isPartOnly(a)) {
      const named = a.ownerNames?.map((n) => `«${n}»`).join(" og ");
      warnings.push({
        line: a.line,
        message: named
          ? `Fant ingen ansvarlig avdeling for ${a.id} (${shortTitle(a.title)}) – ${named} står uten avdelingskode i brevet; importen setter koden registeret har for navnet`
          : `Fant ingen ansvarlig avdeling for ${a.id} (${shortTitle(a.title)}) – avdeling er ikke satt`,
      });
    }
    if (a.area === null && letters[a.letter].kind === "main" && !noAreas[a.letter]) {
      warnings.push({ line: a.line, message: `Fant ikke område (2.x) for ${a.id}` });
    }
  }
  const allIds = new Set(assignments.map((a) => idIdentity(a.id)));
  // A bulleted ID inside an assignment's text ("- TB2025-101 – Videreutvikling …" among the
  // assignments it follows up) is a reference, not an entry of the letter's opening list.
  const insideAssignment = (no: number) => assignments.some((a) => a.line < no && no <= (a.endLine ?? a.line));
  for (const e of listEntries) {
    const changed = events.some((ev) => ev.letter === e.letter && sameId(ev.target, e.id));
    if (!allIds.has(idIdentity(e.id)) && !changed && !insideAssignment(lines[e.idx].no)) {
      warnings.push({ line: lines[e.idx].no, message: `${e.id} står i oversikten i brevet, men selve oppdraget ble ikke funnet` });
    }
  }
  // A clarification inherits the area of the assignment it clarifies when its letter gives none.
  for (const a of assignments) {
    if (a.area !== null) continue;
    const target = a.relations.find((r) => r.type === "clarifies");
    const t = target ? assignments.find((x) => sameId(x.id, target.target)) : undefined;
    if (t?.area) a.area = t.area;
  }
  letters.forEach((l, li) => {
    if (l.kind === "supplementary" && l.date === null && (li > 0 || defs.length > 0)) {
      warnings.push({ line: lines[l.start].no, message: `Fant ikke dato for tilleggsbrevet som starter på linje ${lines[l.start].no}` });
    }
  });
  if (assignments.length === 0 && events.length === 0) {
    warnings.push({ line: 1, message: "Fant ingen oppdrag i teksten (ingen ID-er som «ID: TB2023-01 …», «TTB2023-02 …», «ID: 2026-01 …» eller «Oppdrag 13/2024 …», og ingen nummererte oppdrag under en overskrift «Oppdrag» eller «Særskilte oppdrag»)" });
  }
}

/** Phase "output": the ParseResult (letters with recipient, genre and number; areas, goals, departments). */
export function phaseOutput(st: ParseState): void {
  const { text, lines, warnings, result, letters, areaSpans, goalLines, areaAtLine, assignments, events } = st;
  let agency: string | null | undefined; // the whole text's most frequent agency, read when needed
  result.letters = letters.map((l): ParsedLetter => {
    const own: string[] = [];
    for (let i = l.start; i <= l.end; i++) own.push(lines[i].text);
    let genre = genreOf(l.title);
    if (genre === null && l.kind === "main") {
      // A main letter without a subject line: the first genre word its text uses for itself.
      const head = own.slice(0, 400).join("\n");
      const m = /\b(tildelingsbrev|oppdragsdokument|oppdragsbrev)/i.exec(head);
      genre = m ? m[1].toLowerCase() : null;
    }
    const recipient =
      recipientFromSubject(l.title) ?? recipientFromAddress(own) ?? (l.kind === "main" ? (addresseeFromText(own.join("\n")) ?? (agency ??= mostFrequentAgency(text))) : null);
    let title = l.title;
    if (!title) {
      const word = genre ?? (l.kind === "main" ? "tildelingsbrev" : "tillegg til tildelingsbrev");
      const cap = word.charAt(0).toUpperCase() + word.slice(1);
      title = `${cap} ${l.year || ""}${l.kind === "main" && recipient ? ` – ${recipient}` : ""}`.replace(/\s+/g, " ").trim();
    }
    let endIdx = l.end;
    while (endIdx > l.start && lines[endIdx].blank) endIdx--;
    return {
      kind: l.kind,
      year: l.year,
      date: l.date,
      reference: l.reference,
      title,
      recipient,
      genre,
      number: letterNumberOf(l.title),
      startLine: lines[l.start].no,
      endLine: lines[Math.max(l.start, endIdx)].no,
    };
  });
  result.assignments = assignments;
  result.events = events.sort((a, b) => a.line - b.line);
  const seenArea = new Set<string>();
  result.areas = areaSpans
    .filter((a) => (seenArea.has(a.code) ? false : (seenArea.add(a.code), true)))
    .map((a): ParsedArea => ({ code: a.code, name: a.name }));
  const seenGoal = new Set<string>();
  result.goals = goalLines
    .filter((g) => (seenGoal.has(g.code) ? false : (seenGoal.add(g.code), true)))
    .map((g): ParsedGoal => ({ code: g.code, area: areaAtLine(g.idx)?.code ?? null, title: g.title }));
  const codes = uniq(assignments.flatMap((a) => a.departments));
  const names = departmentNames(codes, st.departmentNames);
  result.departments = codes.map((code): ParsedDepartment => ({ code, name: names.get(code) ?? null }));
  warnings.sort((a, b) => a.line - b.line);
}

/** "Tildelingsbrev 2023 – Helsedirektoratet": the agency named most often in the text. */
function mostFrequentAgency(text: string): string | null {
  const counts = new Map<string, number>();
  const sample = text.length > 300_000 ? text.slice(0, 300_000) : text;
  for (const suffix of AGENCY_WORD_ENDINGS) {
    for (const w of wordsEndingWith(sample, suffix)) {
      if (/^\p{Lu}\p{Ll}+$/u.test(w) && w.length > suffix.length) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let bestCount = 2;
  for (const [name, c] of counts) {
    if (c > bestCount) {
      best = name;
      bestCount = c;
    }
  }
  return best;
}
