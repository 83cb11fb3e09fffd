/**
 * DEMO DATA. A plausible, deterministic status history for the bundled 2023 letter, so that a
 * newcomer's first overview and report are not all *Ikke startet*. Every event is written by the
 * actor "demo" with the name "Demodata (eksempel)"; nothing here runs unless asked for (first
 * start with the bundled letter, or `npm run db:seed-demo`).
 */
import { fnv1a32 } from "~/domain/letter/ids";
import type { StatusCode } from "~/domain/status";
import { appendStatusEvent } from "~/models/status-event.server";
import type { AppDatabase } from "../db/connection.server";

export const DEMO_ACTOR = "demo";
export const DEMO_NAME = "Demodata (eksempel)";

const START_COMMENTS = [
  "Arbeidet er startet, og prosjektgruppe er etablert.",
  "Oppstartsmøte med departementet er holdt; arbeidsplan er laget.",
  "Arbeidet er i gang i fagavdelingen.",
];
const FINAL_COMMENTS: Record<Exclude<StatusCode, "ikke_startet">, string[]> = {
  fullfort: ["Levert til departementet.", "Rapport er oversendt departementet.", "Oppdraget er gjennomført som beskrevet."],
  i_rute: ["Oppdraget er flerårig og følger planen.", "Arbeidet går etter planen; neste leveranse er avtalt med departementet."],
  forsinket: [
    "Arbeidet er forsinket på grunn av kapasitet i fagavdelingen. Ny frist avtales med departementet.",
    "Forsinket fordi nødvendige data fra andre etater kom sent. Leveres i første kvartal neste år.",
  ],
  utsatt: ["Utsatt etter avtale med departementet."],
  avsluttet: ["Avsluttet etter dialog med departementet; oppdraget ses i sammenheng med annet arbeid."],
};

/** A small deterministic random generator per assignment (same history on every machine). */
function random(seed: string): () => number {
  let state = parseInt(fnv1a32(seed), 16) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 100_000) / 100_000;
  };
}

function dateIn(year: number, fromDay: number, toDay: number, r: number): Date {
  const start = Date.UTC(year, 0, 1);
  const day = Math.floor(fromDay + r * (toDay - fromDay));
  return new Date(start + day * 86_400_000 + 9 * 3_600_000 + Math.floor(r * 7) * 3_600_000);
}

export interface DemoOutcome {
  assignments: number;
  events: number;
  skipped: boolean;
}

export function seedDemoHistory(app: AppDatabase, year: number): DemoOutcome {
  const { sqlite } = app;
  const already = sqlite.prepare("select count(*) as n from status_events where actor = ?").get(DEMO_ACTOR) as { n: number };
  if (already.n > 0) return { assignments: 0, events: 0, skipped: true };
  const assignments = sqlite
    .prepare(
      `select a.id, a.key, a.version,
         (select count(*) from status_events e where e.assignment_id = a.id) as events,
         (select min(d.date) from deadlines d where d.assignment_id = a.id and d.state = 'dated') as first_deadline
       from assignments a where a.year = ? order by a.key`,
    )
    .all(year) as Array<{ id: number; key: string; version: number; events: number; first_deadline: string | null }>;
  const insert = (assignmentId: number, version: number, status: StatusCode, comment: string, effectiveAt: string, createdAt: string) =>
    appendStatusEvent(sqlite, {
      assignmentId,
      version,
      status,
      comment,
      actor: DEMO_ACTOR,
      actorName: DEMO_NAME,
      letterId: null,
      effectiveAt,
      createdAt,
      userId: null,
    });
  const bump = sqlite.prepare("update assignments set version = ? where id = ?");
  const now = new Date().toISOString();
  let events = 0;
  let touched = 0;
  sqlite.transaction(() => {
    for (const a of assignments) {
      if (a.events > 0) continue; // e.g. postponed by a letter: its history stays as it is
      const r = random(`${year}:${a.key}`);
      const roll = r();
      const outcome: StatusCode =
        roll < 0.55 ? "fullfort" : roll < 0.75 ? "i_rute" : roll < 0.87 ? "forsinket" : roll < 0.92 ? "avsluttet" : "ikke_startet";
      if (outcome === "ikke_startet") continue;
      let version = a.version;
      const startDay = Math.floor(20 + r() * 120);
      const started = dateIn(year, startDay, startDay + 1, 0);
      version += 1;
      insert(a.id, version, "i_rute", START_COMMENTS[Math.floor(r() * START_COMMENTS.length)], started.toISOString(), now);
      events += 1;
      if (outcome !== "i_rute" || r() < 0.5) {
        // Finished some weeks after the start, around the first deadline when it is in the year.
        const deadlineDay = a.first_deadline?.startsWith(String(year))
          ? Math.floor((Date.parse(a.first_deadline) - Date.UTC(year, 0, 1)) / 86_400_000)
          : 330;
        const from = startDay + 14;
        const to = Math.min(Math.max(deadlineDay, from + 10), 350);
        const finished = dateIn(year, from, to, r());
        const comments = FINAL_COMMENTS[outcome as Exclude<StatusCode, "ikke_startet">];
        version += 1;
        insert(a.id, version, outcome, comments[Math.floor(r() * comments.length)], finished.toISOString(), now);
        events += 1;
      }
      bump.run(version, a.id);
      touched += 1;
    }
  }).immediate();
  return { assignments: touched, events, skipped: false };
}
