/**
 * Property-based tests of every form action with generated bad input (fast-check): over-long
 * text, control characters, broken encoding, files where text is expected, missing fields,
 * unknown IDs, impossible dates. Each case has at least one invalid part by construction, and
 * must be answered with a 4xx and a message, and change nothing in the database (row counts of
 * every table plus a hash of the rows that can change in place).
 *
 * The actions are called directly (no HTTP, for speed), through the same guard the server wraps
 * them in (app/http/faults.server.ts), on a database prepared here.
 */
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import fc from "fast-check";
import { STATUS_CODES } from "../../app/domain/status";
import { getDatabase } from "../../app/db/connection.server";
import { guardRouteHandler } from "../../app/http/faults.server";
import { bootstrapDatabase } from "../../app/use-cases/bootstrap.server";
import { fingerprint, signedInUser } from "./common";
import * as assignmentRoute from "../../app/routes/oppdrag.$id";
import * as signInRoute from "../../app/routes/logg-inn";
import * as accountRoute from "../../app/routes/konto";
import * as setupRoute from "../../app/routes/oppsett";
import * as newUserRoute from "../../app/routes/admin.brukere._index";
import * as userRoute from "../../app/routes/admin.brukere.$id";
import * as reportTextRoute from "../../app/routes/rapport.tekst.$key";
import * as assessmentRoute from "../../app/routes/rapport.vurdering.$omrade";

type Value = string | Blob | string[] | undefined;
interface Field {
  ok: boolean;
  v: Value;
}
type Case = Record<string, Field>;

export interface Env {
  /** The database with the 2023 letter and users. */
  main: string;
  /** A database without users, for the first-time setup page. */
  empty: string;
  admin: { id: number; cookie: string };
  clerk: { id: number; cookie: string };
  other: { id: number };
  keys: string[];
  /** Current version per key (nothing in these tests changes it). */
  versions: Map<string, number>;
  deadline: { key: string; own: number[]; foreign: number };
}

const good = (a: fc.Arbitrary<Value>) => a.map((v): Field => ({ ok: true, v }));
const bad = (a: fc.Arbitrary<Value>) => a.map((v): Field => ({ ok: false, v }));
const field = (valid: fc.Arbitrary<Value>, invalid: fc.Arbitrary<Value>) => fc.oneof(good(valid), bad(invalid));

// Building blocks of bad input.
const controlChars = fc
  .array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 20 })
  .map((codes) => String.fromCharCode(...codes));
/**
 * Printable text of at least n characters (code points, as the forms' limits count them; cheap to
 * generate even when long). Nothing the forms' cleaning removes (control characters), so it stays
 * too long after cleaning.
 */
const longText = (min: number, max: number) =>
  fc
    .tuple(fc.constantFrom("a", "æøå ", "🙂", "<script>", "'; drop table users; --", "Ã¦"), fc.integer({ min, max }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / [...unit].length)));
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  controlChars,
  fc.constantFrom("\uD800\uDFFF\uDBFF", "%E0%A4%A", "Ã¦Ã¸Ã¥", "\uFEFF", "null", "undefined", "[object Object]", "NaN", "-0", "1e309"),
);
/** Random text that is not a number an ID or version field would accept (so it stays invalid). */
const notANumber = anyText.filter((s) => !/^\s*[+]?\d+\s*$/.test(s) && !(Number.isInteger(Number(s)) && Number(s) > 0));
const file = fc.constantFrom(new Blob(["tekst i en fil"], { type: "text/plain" }), new Blob([new Uint8Array([0, 255, 254])]));
const missing = fc.constant(undefined);
const wrong = fc.oneof(file, missing);
/**
 * Found by this fuzzing and fixed: routes once read fields with `String(form.get(name))`, so a
 * file sent in a text field became the text "[object File]". They now use `formText`, which
 * treats a file as missing; every field gets files again.
 */
export const KNOWN_FILE_COERCION = false;
const missingOnly = KNOWN_FILE_COERCION ? missing : wrong;
const impossibleDate = fc.constantFrom("2026-06-31", "31.6.2026", "2026-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "2026-6-3", "i morgen", "2026-06-31T00:00:00Z");
const validPassword = fc.constantFrom("lilla giraff spiser mango", "sju små katter i snøen", "tre blå båter på fjorden");
const passwordTexts = fc.oneof(fc.string({ maxLength: 11 }), fc.constantFrom("passord12345", "password1234", "123456789012"), longText(129, 400));
const badPassword = fc.oneof(passwordTexts, wrong);
const badPasswordCoerced = fc.oneof(passwordTexts, missingOnly);
const validEmail = fc.constantFrom("ny.bruker@example.no", "kari@hdir.no");
const badEmail = fc.oneof(fc.constantFrom("", "   ", "ikke-en-epost", "@example.no", "a@", "a b@c.no"), longText(255, 600), missingOnly);
const validName = fc.constantFrom("Kari Nordmann", "Ola", "Åse Ødegård");
const badName = fc.oneof(fc.constantFrom("", "   "), longText(201, 500), missingOnly);
const badRole = fc.oneof(fc.constantFrom("Admin", "superbruker", "", "admin "), anyText, missingOnly);
const otherPassword2 = fc.oneof(fc.constantFrom("annet passord her", ""), missingOnly);
const validDepartments = fc.constantFrom<string[]>([], ["FHA"], ["FHA", "KTA"]);
const badDepartments = fc.oneof(
  fc.constantFrom<string[]>(["fha"], ["TOOLONGX"], ["F"], ["FHA", "1X"]),
  fc.array(fc.constant("FHA"), { minLength: 51, maxLength: 60 }),
  file,
);

function context(local = true): AppLoadContext {
  return { cspNonce: "x", clientIp: "127.0.0.1", isLocalRequest: local } as AppLoadContext;
}

function form(fields: Record<string, Value>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) data.append(name, v);
    else data.append(name, value);
  }
  return data;
}

function values(c: Case, skip: string[] = []): Record<string, Value> {
  return Object.fromEntries(Object.entries(c).filter(([k]) => !skip.includes(k)).map(([k, f]) => [k, f.v]));
}

interface Answer {
  status: number;
  message: string;
}

/** Status and message of whatever an action returned or threw. */
async function answerOf(run: () => Promise<unknown>): Promise<Answer> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    if (error instanceof Response) result = error;
    else throw error;
  }
  if (result instanceof Response) return { status: result.status, message: await result.text() };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const d = result as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, message: JSON.stringify(d.data) };
  }
  return { status: 200, message: JSON.stringify(result) };
}

type ActionFn = (args: { request: Request; params?: Record<string, string>; context?: AppLoadContext }) => Promise<unknown>;

interface Target {
  name: string;
  database: "main" | "empty";
  arbitrary: (env: Env) => fc.Arbitrary<Case>;
  /** True when the case really is invalid (some fields only matter in combination). */
  invalid?: (c: Case, env: Env) => boolean;
  request: (c: Case, env: Env) => { action: ActionFn; path: string; params: Record<string, string>; cookie?: string; body: FormData; local?: boolean };
}

const someInvalid = (c: Case) => Object.values(c).some((f) => !f.ok);
/** For URLs: lone surrogates (generated on purpose) cannot be percent-encoded; the browser sends U+FFFD. */
const enc = (s: string) => encodeURIComponent((s as string & { toWellFormed(): string }).toWellFormed());
const str = (v: Value) => (typeof v === "string" ? v : "");

export const TARGETS: Target[] = [
  {
    name: "oppdrag: status",
    database: "main",
    arbitrary: (env) =>
      fc.record({
        id: field(fc.constantFrom(...env.keys), fc.oneof(fc.constantFrom("TB2023-999", "TB2099-01", "", "../admin", "TB2023-05 "), longText(201, 400), anyText)),
        intent: field(fc.constant("status"), fc.oneof(fc.constantFrom("Status", "slett", ""), missing)),
        status: field(fc.constantFrom(...STATUS_CODES), fc.oneof(fc.constantFrom("I_RUTE", "ferdig", "i_rute "), anyText, wrong)),
        comment: field(fc.oneof(fc.constantFrom("Alt går etter planen.", "Forsinket på grunn av ferie."), controlChars.map((c) => `Tekst${c}med kontrolltegn`)), fc.oneof(longText(4001, 12000), file)),
        version: field(fc.constant("current"), fc.oneof(fc.constantFrom("stale", "-1", "1.0", "1e3", "0x1", " 1", "1234567890", ""), notANumber, wrong)),
      }),
    request: (c, env) => {
      const key = str(c.id.v);
      const version = c.version.v === "current" ? String(env.versions.get(key) ?? 0) : c.version.v === "stale" ? String((env.versions.get(key) ?? 0) + 3) : c.version.v;
      return {
        action: assignmentRoute.action as ActionFn,
        path: `/oppdrag/${enc(key)}`,
        params: { id: key },
        cookie: env.clerk.cookie,
        body: form({ ...values(c, ["id", "version"]), version }),
      };
    },
  },
  {
    name: "oppdrag: leveranse",
    database: "main",
    arbitrary: (env) =>
      fc.record({
        id: field(fc.constant(env.deadline.key), fc.oneof(fc.constantFrom("TB2023-999", ""), longText(201, 300))),
        intent: field(fc.constant("leveranse"), fc.oneof(fc.constantFrom("levering", "LEVERANSE"), missing)),
        deadlineId: field(
          fc.constantFrom(...env.deadline.own.map(String)),
          fc.oneof(fc.constantFrom(String(env.deadline.foreign), "0", "-1", "99999999", "1.5", "12345678901", ""), notANumber, wrong),
        ),
        delivered: field(fc.constantFrom("ja", "nei"), fc.oneof(fc.constantFrom("Ja", "yes", "true", ""), wrong)),
        deliveredOn: field(fc.constantFrom("2023-05-02", "2024-02-29"), fc.oneof(impossibleDate, anyText, wrong)),
      }),
    // The date only matters when the deliverable is marked as delivered.
    invalid: (c) =>
      !c.id.ok || !c.intent.ok || !c.deadlineId.ok || !c.delivered.ok || (c.delivered.v === "ja" && !c.deliveredOn.ok),
    request: (c, env) => ({
      action: assignmentRoute.action as ActionFn,
      path: `/oppdrag/${enc(str(c.id.v))}`,
      params: { id: str(c.id.v) },
      cookie: env.clerk.cookie,
      body: form(values(c, ["id"])),
    }),
  },
  {
    name: "logg inn",
    database: "main",
    arbitrary: () =>
      fc.record({
        email: field(validEmail, fc.oneof(fc.constantFrom("", "   "), longText(255, 600), wrong)),
        password: field(fc.constantFrom("feil passord her", "x"), fc.oneof(fc.constant(""), longText(1025, 3000), wrong)),
        neste: field(fc.oneof(missing, fc.constantFrom("/", "/oppdrag")), longText(2001, 4000)),
      }),
    request: (c) => ({ action: signInRoute.action as ActionFn, path: "/logg-inn", params: {}, body: form(values(c)) }),
  },
  {
    name: "konto: bytt passord",
    database: "main",
    arbitrary: () =>
      fc.record({
        current: field(fc.constantFrom("gammelt passord her"), fc.oneof(fc.constant(""), longText(1025, 2000), wrong)),
        password: field(validPassword, badPassword),
        password2: field(fc.constant("same"), fc.oneof(fc.constantFrom("annet passord her", ""), wrong)),
      }),
    request: (c, env) => ({
      action: accountRoute.action as ActionFn,
      path: "/konto",
      params: {},
      cookie: env.clerk.cookie,
      body: form({ ...values(c, ["password2"]), password2: c.password2.v === "same" ? c.password.v : c.password2.v }),
    }),
  },
  {
    name: "oppsett: første admin",
    database: "empty",
    arbitrary: () =>
      fc.record({
        local: field(fc.constant("ja"), fc.constant("nei")),
        email: field(validEmail, badEmail),
        name: field(validName, badName),
        password: field(validPassword, badPasswordCoerced),
        password2: field(fc.constant("same"), otherPassword2),
      }),
    request: (c) => ({
      action: setupRoute.action as ActionFn,
      path: "/oppsett",
      params: {},
      local: c.local.v === "ja",
      body: form({ ...values(c, ["local", "password2"]), password2: c.password2.v === "same" ? c.password.v : c.password2.v }),
    }),
  },
  {
    name: "admin: ny bruker",
    database: "main",
    arbitrary: () =>
      fc.record({
        email: field(validEmail, badEmail),
        name: field(validName, badName),
        role: field(fc.constantFrom("admin", "saksbehandler", "leser"), badRole),
        departments: field(validDepartments, badDepartments),
        password: field(validPassword, badPasswordCoerced),
        password2: field(fc.constant("same"), otherPassword2),
      }),
    request: (c, env) => ({
      action: newUserRoute.action as ActionFn,
      path: "/admin/brukere",
      params: {},
      cookie: env.admin.cookie,
      body: form({ ...values(c, ["password2"]), password2: c.password2.v === "same" ? c.password.v : c.password2.v }),
    }),
  },
  {
    name: "admin: endre bruker",
    database: "main",
    arbitrary: () =>
      fc.record({
        id: field(fc.constantFrom("other", "self"), fc.oneof(fc.constantFrom("0", "-1", "abc", "999999", "1.5", "1e9", ""), notANumber)),
        intent: field(fc.constantFrom("endre", "deaktiver", "aktiver", "passord"), fc.oneof(fc.constantFrom("slett", "Endre", ""), missingOnly)),
        name: field(validName, badName),
        role: field(fc.constantFrom("saksbehandler", "leser"), badRole),
        departments: field(validDepartments, badDepartments),
        password: field(validPassword, badPasswordCoerced),
      }),
    invalid: (c) => {
      if (!c.id.ok || !c.intent.ok) return true;
      if (c.intent.v === "endre") return !c.name.ok || !c.role.ok || !c.departments.ok;
      if (c.intent.v === "deaktiver") return c.id.v === "self";
      if (c.intent.v === "passord") return !c.password.ok;
      return false;
    },
    request: (c, env) => {
      const id = c.id.v === "other" ? String(env.other.id) : c.id.v === "self" ? String(env.admin.id) : str(c.id.v);
      return { action: userRoute.action as ActionFn, path: `/admin/brukere/${enc(id)}`, params: { id }, cookie: env.admin.cookie, body: form(values(c, ["id"])) };
    },
  },
  {
    name: "rapport: tekst",
    database: "main",
    arbitrary: (env) =>
      fc.record({
        key: field(fc.constantFrom(...env.keys), fc.oneof(fc.constantFrom("TB2023-999", ""), longText(201, 300), anyText)),
        per: field(fc.constantFrom("", "2023-12-31", "2023-08-31"), impossibleDate),
        text: field(fc.oneof(missing, fc.constantFrom("Kort forklaring.", "")), fc.oneof(longText(8001, 20000), file)),
      }),
    request: (c, env) => {
      const key = str(c.key.v);
      const per = str(c.per.v);
      return {
        action: reportTextRoute.action as ActionFn,
        path: `/rapport/tekst/${enc(key)}${per ? `?per=${enc(per)}` : ""}`,
        params: { key },
        cookie: env.clerk.cookie,
        body: form({ text: c.text.v }),
      };
    },
  },
  {
    name: "rapport: samlet vurdering",
    database: "main",
    arbitrary: () =>
      fc.record({
        omrade: field(fc.constantFrom("2.1", "2.3", "2.5"), fc.oneof(fc.constantFrom("9.9", "2.10", "", "2,1"), anyText)),
        per: field(fc.constantFrom("", "2023-12-31"), impossibleDate),
        text: field(fc.oneof(missing, fc.constantFrom("Samlet sett går det bra.", "")), fc.oneof(longText(8001, 20000), file)),
      }),
    request: (c, env) => {
      const omrade = str(c.omrade.v);
      const per = str(c.per.v);
      return {
        action: assessmentRoute.action as ActionFn,
        path: `/rapport/vurdering/${enc(omrade)}?aar=2023${per ? `&per=${enc(per)}` : ""}`,
        params: { omrade },
        cookie: env.clerk.cookie,
        body: form({ text: c.text.v }),
      };
    },
  },
];

/** Prepares the two databases in `dir` (sets DATABASE_PATH while it works). */
export async function prepareFuzz(dir: string): Promise<Env> {
  const main = path.join(dir, "fuzz.sqlite");
  const empty = path.join(dir, "fuzz-tom.sqlite");
  process.env.DATABASE_PATH = empty;
  await bootstrapDatabase(getDatabase().db, { seedFile: null });
  process.env.DATABASE_PATH = main;
  const app = getDatabase();
  await bootstrapDatabase(app.db);
  const admin = await signedInUser(app, "admin");
  const clerk = await signedInUser(app, "saksbehandler");
  const other = await signedInUser(app, "leser");
  const rows = app.sqlite.prepare("select key, version from assignments where year = 2023 and has_id = 1 order by id").all() as Array<{ key: string; version: number }>;
  const withDeadlines = app.sqlite
    .prepare("select a.key, group_concat(d.id) as ids from assignments a join deadlines d on d.assignment_id = a.id group by a.id having count(*) > 1 order by a.id limit 2")
    .all() as Array<{ key: string; ids: string }>;
  return {
    main,
    empty,
    admin,
    clerk,
    other,
    keys: rows.slice(0, 30).map((r) => r.key),
    versions: new Map(rows.map((r) => [r.key, r.version])),
    deadline: { key: withDeadlines[0].key, own: withDeadlines[0].ids.split(",").map(Number), foreign: Number(withDeadlines[1].ids.split(",")[0]) },
  };
}

/** A short, readable account of a case (long values abbreviated). */
function describe(c: Case): string {
  return Object.entries(c)
    .map(([k, f]) => {
      const v = f.v;
      const shown =
        v === undefined ? "mangler" : v instanceof Blob ? "fil" : Array.isArray(v) ? `[${v.slice(0, 3).join(",")}${v.length > 3 ? ` …${v.length}` : ""}]` : JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length} tegn)` : v);
      return `${k}=${shown}${f.ok ? "" : "✗"}`;
    })
    .join(" ");
}

export interface FuzzResult {
  name: string;
  runs: number;
  /** Property failures: a non-4xx answer, no message, a change in the database, or an exception. */
  failures: number;
  failure?: string;
  statuses: Record<number, number>;
  ms: number;
}

export async function runActionFuzz(env: Env, options: { runs: number; seed?: number; only?: string[] }): Promise<FuzzResult[]> {
  const results: FuzzResult[] = [];
  for (const target of TARGETS) {
    if (options.only && !options.only.includes(target.name)) continue;
    process.env.DATABASE_PATH = target.database === "main" ? env.main : env.empty;
    const statuses: Record<number, number> = {};
    const started = Date.now();
    const invalid = target.invalid ?? someInvalid;
    let lastError = "";
    const property = fc.asyncProperty(
      target.arbitrary(env).filter((c) => invalid(c, env)),
      async (c) => {
        const app = getDatabase();
        const before = fingerprint(app.sqlite);
        const spec = target.request(c, env);
        const headers: Record<string, string> = { "User-Agent": "fuzz" };
        if (spec.cookie) headers.Cookie = spec.cookie;
        const request = new Request(`http://localhost${spec.path}`, { method: "POST", body: spec.body, headers });
        const action = guardRouteHandler(spec.action);
        const fail = (message: string) => {
          lastError = `${message} (${describe(c)})`;
          throw new Error(lastError);
        };
        let answer: Answer;
        try {
          answer = await answerOf(() => action({ request, params: spec.params, context: context(spec.local ?? true) }));
        } catch (error) {
          return fail(`kastet ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        }
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status < 400 || answer.status >= 500) fail(`svarte ${answer.status}: ${answer.message.slice(0, 200)}`);
        if (answer.message.replace(/[{}[\]"\s:,]|null|errors|values|intent/g, "").length === 0) fail(`svarte ${answer.status} uten melding`);
        const after = fingerprint(getDatabase().sqlite);
        if (after !== before) fail(`svarte ${answer.status}, men databasen ble endret`);
      },
    );
    let failure: string | undefined;
    try {
      await fc.assert(property, { numRuns: options.runs, seed: options.seed, endOnFailure: false, verbose: 0 });
    } catch (error) {
      const seed = /seed: (-?\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
      failure = `${lastError || String(error).slice(0, 500)}${seed ? ` [seed ${seed}]` : ""}`;
    }
    results.push({ name: target.name, runs: options.runs, failures: failure ? 1 : 0, failure, statuses, ms: Date.now() - started });
  }
  return results;
}
