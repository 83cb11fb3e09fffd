/**
 * `npm run test:reliability`: the full-size reliability run (see docs/reliability.md).
 *
 *   concurrency  50 clients × 200 status updates on 20 assignments over HTTP (real built server)
 *   crashes      100 × SIGKILL of the server under write load, restarted each time
 *   backups      20 online backups under write load, each restored and checked
 *   faults       read-only, disk full, locked by another process, file missing
 *   fuzz         10,000 generated bad inputs per form action; 1,000 mutated letter texts
 *
 * Short parts run first (backups, faults, fuzz), the long ones last (concurrency, crashes).
 * `--scale=0.1` runs everything smaller; `--only=fuzz,faults` picks parts. Prints a summary
 * table and exits non-zero when anything failed. Needs `npm run build` first.
 */
import fs from "node:fs";
import path from "node:path";
import { closeDatabase } from "../app/db/connection.server";
import { serverBuildExists } from "./lib/server-command";
import { runBackupsUnderLoad } from "./reliability/backups";
import { startChildServer } from "./reliability/child-server";
import { prepareDatabase, table, tempDir } from "./reliability/common";
import { runConcurrency } from "./reliability/concurrency";
import { runCrashCycles } from "./reliability/crash";
import { runFaultMatrix, startInProcessServer } from "./reliability/faults";
import { prepareFuzz, runActionFuzz, TARGETS } from "./reliability/fuzz";
import { runParserMutations, runRegressionCases } from "./reliability/parser-mutations";

// Test users are hashed with cheaper scrypt parameters (as in vitest); the app's own default is unchanged.
process.env.PASSWORD_SCRYPT_LOG_N ??= "14";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const scale = Number(arg("scale") ?? 1);
const only = arg("only")?.split(",");
const want = (part: string) => !only || only.includes(part);
const n = (full: number, min = 1) => Math.max(min, Math.round(full * scale));

if (!serverBuildExists()) {
  console.error("build/index.js eller build/start.js mangler: kjør `npm run build` først.");
  process.exit(1);
}

const rows: Array<[string, string | number]> = [];
const problems: string[] = [];
const started = Date.now();
const root = tempDir("oppdrag-reliability-");
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

try {
  if (want("backups")) {
    const file = path.join(root, "backup.sqlite");
    const { cookie } = await prepareDatabase(file);
    const server = await startChildServer(file);
    const dir = path.join(root, "sikkerhetskopier");
    fs.mkdirSync(dir);
    log(`Sikkerhetskopier: ${n(20)} under skrivelast …`);
    try {
      const r = await runBackupsUnderLoad({ url: server.url, databasePath: file, cookie, backups: n(20), clients: 8, dir, pauseMs: 150 });
      rows.push(
        ["Sikkerhetskopier tatt under last", r.backups],
        ["  gjenopprettet og kontrollert", r.restored],
        ["  skrivinger mens kopiene ble tatt", r.writesDuringBackups],
        ["  bekreftede skrivinger som manglet i kopien", r.missingInBackup],
      );
      if (r.restored !== r.backups || r.failures.length) problems.push(`sikkerhetskopier: ${r.failures.join(" | ")}`);
    } finally {
      await server.kill();
    }
  }

  if (want("faults")) {
    const file = path.join(root, "feil.sqlite");
    const { cookie } = await prepareDatabase(file);
    const server = await startInProcessServer(file);
    log("Feilmatrise: skrivebeskyttet, disk full, låst, fil mangler …");
    try {
      const outcomes = await runFaultMatrix({ url: server.url, databasePath: file, cookie });
      for (const o of outcomes) {
        rows.push([`Feil: ${o.fault}`, o.ok ? `503 + logg, intakt, gjenopprettet` : "FEILET"]);
        if (!o.ok) problems.push(`feil ${o.fault}: ${JSON.stringify(o)}`);
      }
    } finally {
      await server.stop();
      await closeDatabase();
    }
  }

  if (want("fuzz")) {
    const env = await prepareFuzz(fs.mkdtempSync(path.join(root, "fuzz-")));
    const runs = n(10_000);
    log(`Fuzzing: ${runs} ugyldige innsendinger per skjemahandling (${TARGETS.length} handlinger) …`);
    const results = await runActionFuzz(env, { runs });
    let total = 0;
    let failures = 0;
    for (const r of results) {
      total += r.runs;
      failures += r.failures;
      log(`  ${r.name}: ${r.runs} tilfeller, svar ${JSON.stringify(r.statuses)}, ${(r.ms / 1000).toFixed(1)} s${r.failure ? ` FEIL: ${r.failure}` : ""}`);
      if (r.failure) problems.push(`fuzz ${r.name}: ${r.failure}`);
    }
    rows.push(["Fuzz-tilfeller (skjemahandlinger)", total], ["  handlinger", results.length], ["  krasj / feil svar / endret database", failures]);
    await closeDatabase();

    // A fresh seed every run, printed for replay: runParserMutations({ cases, seed }).
    const parserSeed = Math.floor(Math.random() * 0x7fffffff);
    log(`Tolker: frø ${parserSeed} (gjenta med runParserMutations({ cases: ${n(1000)}, seed: ${parserSeed} }))`);
    const regressions = runRegressionCases();
    for (const r of regressions) problems.push(`tolker (regresjon): ${r}`);
    const parser = runParserMutations({ cases: n(1000), seed: parserSeed });
    rows.push(
      ["Muterte brevtekster", parser.cases],
      ["  krasj i tolkeren", parser.crashes + parser.internalErrors],
      ["  ga advarsler", parser.withWarnings],
    );
    if (parser.failure) problems.push(`tolker: ${parser.failure}`);
    log(`Tolker: ${parser.cases} muterte brev, ${parser.withWarnings} med advarsler, ${(parser.ms / 1000).toFixed(1)} s`);
  }
  if (want("concurrency")) {
    const file = path.join(root, "samtidighet.sqlite");
    const { cookie } = await prepareDatabase(file);
    const server = await startChildServer(file);
    log(`Samtidighet: ${n(50)} klienter × ${n(200)} oppdateringer på 20 oppdrag …`);
    try {
      const r = await runConcurrency({ url: server.url, databasePath: file, cookie, clients: n(50), updatesPerClient: n(200), assignments: 20 });
      rows.push(
        ["Statusoppdateringer sendt (HTTP)", r.updates],
        ["  lagret (302)", r.accepted],
        ["  konflikt (409)", r.conflicts],
        ["  andre svar", r.unexpected],
        ["  tapt / dobbelt / lagret tross 409", `${r.lost} / ${r.duplicated} / ${r.phantom}`],
        ["  SQLITE_BUSY til bruker", r.busyErrors],
        ["  oppdrag der versjon ≠ historikk", r.mismatched.length],
        ["  forespørsler per sekund", r.perSecond],
      );
      if (r.unexpected || r.lost || r.duplicated || r.phantom || r.mismatched.length || r.busyErrors || r.consistency.length) {
        problems.push(`samtidighet: ${JSON.stringify({ ...r, unexpectedSample: r.unexpectedSample.slice(0, 2) })}`);
      }
      log(`Samtidighet: ${r.accepted} lagret, ${r.conflicts} konflikter, ${r.lost} tapt på ${(r.ms / 1000).toFixed(1)} s`);
    } finally {
      await server.kill();
    }
  }

  if (want("crash")) {
    const file = path.join(root, "krasj.sqlite");
    const { cookie } = await prepareDatabase(file);
    const cycles = n(100);
    log(`Krasj: ${cycles} × SIGKILL under skrivelast …`);
    const r = await runCrashCycles({
      databasePath: file,
      cookie,
      cycles,
      clients: 8,
      assignments: 8,
      killAfterMs: [150, 900],
      onCycle: (c, acked) => c % 10 === 0 && log(`  syklus ${c}/${cycles}: ${acked} bekreftede skrivinger så langt`),
    });
    rows.push(
      ["Krasjsykluser (SIGKILL + omstart)", r.cycles],
      ["  bekreftede skrivinger (302)", r.acknowledged],
      ["  tapt etter krasj", r.lost],
      ["  integrity_check / konsistens feilet", r.integrityFailures.length],
      ["  avbrutt midt i (lagret høyst én gang)", `${r.inFlight} (${r.inFlightSaved} lagret)`],
    );
    if (r.lost || r.duplicated || r.integrityFailures.length) problems.push(`krasj: ${r.integrityFailures.join(" | ")}`);
  }

} catch (error) {
  problems.push(`avbrutt: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

rows.push(["Tid totalt", `${((Date.now() - started) / 1000).toFixed(0)} s`], ["Resultat", problems.length ? "FEILET" : "OK"]);
console.log(`\n${table(rows)}\n`);
if (problems.length) {
  console.error(`Problemer:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
