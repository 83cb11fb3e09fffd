/**
 * The benchmark database: N assignments over Y years and 15 departments, with their deadlines and
 * deliverables, and E status events, deterministically from a seed.
 *
 * Which code paths write what:
 *  - schema: the real migrations (`migrateToLatest`);
 *  - letters, goal areas, goals, departments, assignments, deadlines, deliverables, the FTS index
 *    and the import log: generated letter TEXT per year (./letters.ts) through the real parser and
 *    importer (`importLetterText`), exactly as `npm run letter:import` does;
 *  - users: the real `createUser`; sessions: the real `createSession`;
 *  - status events: a bulk path that does what `recordStatusUpdate` does per event (same
 *    statements: read version, append event with version + 1, bump `assignments.version`, append
 *    an audit row) but for all events in one transaction instead of one `BEGIN IMMEDIATE` each,
 *    in global time order. The FTS comment trigger runs for every event, as in production;
 *  - deliveries (deadline_events): the same bulk approach as `recordDelivery`, for about half of
 *    the deliverables whose date has passed.
 */
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { importLetterText } from "../../app/use-cases/bootstrap.server";
import { openDatabase, type AppDatabase } from "../../app/db/connection.server";
import { migrateToLatest } from "../../app/db/migrate.server";
import type { StatusCode } from "../../app/domain/status";
import { createUser } from "../../app/models/user.server";
import { letterText, planYear, TOPICS } from "./letters";
import { chance, createRng, int, pick, type Rng } from "./random";

export interface GenerateOptions {
  /** SQLite file to create (an existing file there is replaced). */
  path: string;
  seed: number;
  assignments: number;
  years: number;
  events: number;
  /** The last year of letters (default 2026); the first is endYear - years + 1. */
  endYear?: number;
  /** Agencies the letters go to (default 1; at most BENCH_AGENCIES.length): one letter per agency and year, every agency using the same keys. */
  agencies?: number;
}

/** Helse- og omsorgsdepartementet's agencies, in the order the generator uses them. */
export const BENCH_AGENCIES = [
  "Helsedirektoratet",
  "Folkehelseinstituttet",
  "Direktoratet for medisinske produkter",
  "Statens helsetilsyn",
  "Norsk helsenett SF",
  "Helse Sør-Øst RHF",
  "Helse Vest RHF",
  "Helse Nord RHF",
] as const;

export interface GeneratedUser {
  id: number;
  email: string;
  name: string;
}

export interface GenerateResult {
  path: string;
  years: number[];
  counts: { assignments: number; deadlines: number; deliverables: number; statusEvents: number; deliveries: number; letters: number };
  /** Keys per year, in letter order, of the first agency (the one the pages measure). */
  keysByYear: Record<number, string[]>;
  /** The agencies' URL slugs, the measured one first. */
  agencies: string[];
  /** The user the bench signs in as (saksbehandler: may read everything and update status). */
  user: GeneratedUser;
  timingsMs: { letters: number; events: number; total: number };
}

const STATUS_COMMENTS: Record<Exclude<StatusCode, "ikke_startet">, string[]> = {
  i_rute: ["Arbeidet går etter planen.", "Prosjektgruppe er etablert og arbeidet med {t} er i gang.", "Innspill fra kommunene om {t} er samlet inn."],
  forsinket: ["Forsinket på grunn av kapasitet i fagavdelingen; ny frist avtales med departementet.", "Data om {t} fra andre etater kom sent."],
  fullfort: ["Levert til departementet.", "Rapport om {t} er oversendt departementet."],
  utsatt: ["Utsatt etter avtale med departementet."],
  avsluttet: ["Avsluttet etter dialog med departementet; ses i sammenheng med annet arbeid om {t}."],
};

function nextStatus(rng: Rng, last: boolean): Exclude<StatusCode, "ikke_startet"> {
  const x = rng();
  if (last) return x < 0.45 ? "fullfort" : x < 0.72 ? "i_rute" : x < 0.88 ? "forsinket" : x < 0.95 ? "utsatt" : "avsluttet";
  return x < 0.7 ? "i_rute" : x < 0.95 ? "forsinket" : "utsatt";
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

const DAY = 86_400_000;

export async function generateDatabase(options: GenerateOptions): Promise<GenerateResult> {
  const t0 = performance.now();
  const endYear = options.endYear ?? 2026;
  const years = Array.from({ length: options.years }, (_, i) => endYear - options.years + 1 + i);
  const rng = createRng(options.seed);
  removeDatabaseFiles(options.path);
  const app = openDatabase(options.path);
  try {
    await migrateToLatest(app.db);

    // Letters: text in the real layout through the real parser and importer.
    const keysByYear: Record<number, string[]> = {};
    const agencyCount = Math.max(1, Math.min(options.agencies ?? 1, BENCH_AGENCIES.length));
    const letters = years.length * agencyCount;
    const perLetter = Math.floor(options.assignments / letters);
    const slugs: string[] = [];
    for (const [i, year] of years.entries()) {
      for (let a = 0; a < agencyCount; a++) {
        const last = i === years.length - 1 && a === agencyCount - 1;
        const n = last ? options.assignments - perLetter * (letters - 1) : perLetter;
        const { text, keys } = letterText(planYear(year, n), rng);
        const summary = await importLetterText(app.db, text, `bench-tildelingsbrev-${year}-${a + 1}.txt`, {
          actor: "system:benchmark",
          agency: BENCH_AGENCIES[a],
        });
        if (summary.assignments.created.length !== n) {
          throw new Error(`Generert brev ${year} (${BENCH_AGENCIES[a]}): ventet ${n} oppdrag, importøren laget ${summary.assignments.created.length}`);
        }
        if (i === 0) slugs.push(summary.agency!.slug);
        if (a === 0) keysByYear[year] = keys;
      }
    }
    const tLetters = performance.now();

    const user = await benchUser(app);
    // The bench user is a case handler of every agency (status updates in the load test).
    const agencyIds = (await app.db.selectFrom("agencies").select("id").execute()).map((r) => r.id);
    await app.db.deleteFrom("user_agencies").where("user_id", "=", user.id).execute();
    await app.db.insertInto("user_agencies").values(agencyIds.map((agency_id) => ({ user_id: user.id, agency_id }))).execute();
    const statusEvents = writeStatusEvents(app, options.events, endYear, rng, user);
    const deliveries = writeDeliveries(app, endYear, rng, user);
    const tEvents = performance.now();

    app.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const count = (sql: string) => (app.sqlite.prepare(sql).get() as { n: number }).n;
    return {
      path: app.path,
      years,
      counts: {
        assignments: count("select count(*) as n from assignments"),
        deadlines: count("select count(*) as n from deadlines"),
        deliverables: count("select count(*) as n from deadlines where label is not null"),
        statusEvents,
        deliveries,
        letters: count("select count(*) as n from letters"),
      },
      keysByYear,
      agencies: slugs,
      user,
      timingsMs: { letters: tLetters - t0, events: tEvents - tLetters, total: performance.now() - t0 },
    };
  } finally {
    await app.db.destroy();
  }
}

async function benchUser(app: AppDatabase): Promise<GeneratedUser> {
  const email = "benchmark@example.no";
  const name = "Benchmark Saksbehandler";
  const id = await createUser(
    app.db,
    { email, name, role: "saksbehandler", password: randomBytes(18).toString("base64url"), departments: [] },
    { userId: null, name: "cli" },
  );
  return { id, email, name };
}

/**
 * `total` status events spread over the assignments (about total / assignments each, some none),
 * each assignment's events at increasing times within its year and the start of the next, all
 * written in global time order with versions 1..n per assignment.
 */
function writeStatusEvents(app: AppDatabase, total: number, endYear: number, rng: Rng, user: GeneratedUser): number {
  const { sqlite } = app;
  const assignments = sqlite.prepare("select id, key, year, body from assignments order by id").all() as Array<{
    id: number;
    key: string;
    year: number;
    body: string;
  }>;
  if (assignments.length === 0 || total <= 0) return 0;
  const counts = new Array<number>(assignments.length).fill(0);
  for (let i = 0; i < total; i++) counts[Math.floor(rng() * assignments.length)] += 1;

  const cutoff = Date.UTC(endYear, 10, 1); // 1 November of the last year: no events in the future
  type Planned = { at: number; index: number; status: StatusCode; comment: string | null };
  const planned: Planned[] = [];
  assignments.forEach((a, index) => {
    const k = counts[index];
    if (k === 0) return;
    const from = Date.UTC(a.year, 0, 15);
    const to = Math.min(Date.UTC(a.year + 1, 1, 28), cutoff);
    const times = Array.from({ length: k }, () => from + Math.floor(rng() * Math.max(DAY, to - from))).sort((x, y) => x - y);
    const topic = TOPICS.find((t) => a.body.includes(t)) ?? pick(rng, TOPICS);
    times.forEach((at, j) => {
      const status = nextStatus(rng, j === k - 1);
      const needsComment = status === "forsinket" || status === "utsatt" || status === "avsluttet";
      const comment = needsComment || chance(rng, 0.5) ? pick(rng, STATUS_COMMENTS[status]).replace("{t}", topic) : null;
      planned.push({ at: at + j, index, status, comment });
    });
  });
  planned.sort((x, y) => x.at - y.at || x.index - y.index);

  // The statements of recordStatusUpdate (app/models/status-event.server.ts), in one transaction.
  const selectVersion = sqlite.prepare<[number], { version: number; key: string }>("select version, key from assignments where id = ?");
  const insertEvent = sqlite.prepare(
    `insert into status_events (assignment_id, version, status, comment, actor, actor_name, letter_id, effective_at, created_at, user_id)
     values (?, ?, ?, ?, ?, ?, null, ?, ?, ?)`,
  );
  const bump = sqlite.prepare("update assignments set version = ?, updated_at = ? where id = ?");
  const auditInsert = sqlite.prepare(
    `insert into audit_log (created_at, user_id, actor, action, target, details, ip, user_agent)
     values (?, ?, ?, 'status:oppdatert', ?, ?, '127.0.0.1', 'benchmark-generator')`,
  );
  sqlite.transaction(() => {
    for (const e of planned) {
      const id = assignments[e.index].id;
      const row = selectVersion.get(id)!;
      const version = row.version + 1;
      const at = new Date(e.at).toISOString();
      insertEvent.run(id, version, e.status, e.comment, `bruker:${user.id}`, user.name, at, at, user.id);
      bump.run(version, at, id);
      auditInsert.run(at, user.id, `${user.name} <${user.email}>`, `oppdrag:${row.key}`, JSON.stringify({ version, status: e.status, comment: e.comment }));
    }
  }).immediate();
  return planned.length;
}

/** About half of the deliverables whose date has passed are marked delivered a few days before it. */
function writeDeliveries(app: AppDatabase, endYear: number, rng: Rng, user: GeneratedUser): number {
  const { sqlite } = app;
  const cutoff = `${endYear}-11-01`;
  const deliverables = sqlite
    .prepare("select d.id, d.assignment_id, d.date, a.key, d.label from deadlines d join assignments a on a.id = d.assignment_id where d.label is not null and d.state = 'dated' and d.date < ? order by d.id")
    .all(cutoff) as Array<{ id: number; assignment_id: number; date: string; key: string; label: string }>;
  const insert = sqlite.prepare(
    "insert into deadline_events (deadline_id, assignment_id, delivered_on, user_id, actor_name, created_at) values (?, ?, ?, ?, ?, ?)",
  );
  const auditInsert = sqlite.prepare(
    `insert into audit_log (created_at, user_id, actor, action, target, details, ip, user_agent)
     values (?, ?, ?, 'leveranse:oppdatert', ?, ?, '127.0.0.1', 'benchmark-generator')`,
  );
  let n = 0;
  sqlite.transaction(() => {
    for (const d of deliverables) {
      if (!chance(rng, 0.5)) continue;
      const on = new Date(Date.parse(`${d.date}T12:00:00Z`) - int(rng, 0, 10) * DAY);
      const day = on.toISOString().slice(0, 10);
      insert.run(d.id, d.assignment_id, day, user.id, user.name, on.toISOString());
      auditInsert.run(on.toISOString(), user.id, `${user.name} <${user.email}>`, `oppdrag:${d.key}`, JSON.stringify({ deliverable: d.label, deliveredOn: day }));
      n += 1;
    }
  }).immediate();
  return n;
}
