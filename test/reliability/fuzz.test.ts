/**
 * Generated bad input for every form action (300 cases each here, 10,000 in
 * `npm run test:reliability`): always a 4xx with a message, never a change in the database.
 * And mutated letter texts never crash the parser.
 */
import fs from "node:fs";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDatabase } from "~/db/connection.server";
import { action as newUserAction } from "~/routes/admin.brukere._index";
import { tempDir } from "../../scripts/reliability/common";
import { prepareFuzz, runActionFuzz, TARGETS, type Env } from "../../scripts/reliability/fuzz";
import { FIXED_SEEDS, REGRESSION_CASES, runParserMutations, runRegressionCases } from "../../scripts/reliability/parser-mutations";

const dir = tempDir("oppdrag-fuzz-");
let env: Env;

beforeAll(async () => {
  env = await prepareFuzz(dir);
});
afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("form actions with generated bad input", () => {
  it.each(TARGETS.map((t) => t.name))("%s: 4xx with a message, nothing changed", { timeout: 60_000 }, async (name) => {
    const [result] = await runActionFuzz(env, { runs: 300, only: [name] });
    expect(result.failure).toBeUndefined();
    expect(Object.keys(result.statuses).every((s) => Number(s) >= 400 && Number(s) < 500)).toBe(true);
  });
});

describe("letter parser with mutated texts", () => {
  // Fixed seeds: the same cases on every run (fresh seeds are drawn by `npm run test:reliability`).
  it.each(FIXED_SEEDS)("seed %i: never crashes and reports problems as warnings", { timeout: 60_000 }, (seed) => {
    const result = runParserMutations({ cases: 100, seed });
    expect(result.failure).toBeUndefined();
    expect(result.crashes + result.internalErrors).toBe(0);
    expect(result.withWarnings).toBeGreaterThan(result.cases / 2);
  });
  it("every case that ever failed passes (regression cases)", () => {
    expect(REGRESSION_CASES.length).toBeGreaterThan(0);
    expect(runRegressionCases()).toEqual([]);
  });
});

describe("a file in a text field is not read as the text «[object File]»", () => {
  // Found by the fuzzing above; fixed with formText (app/lib/forms.ts).
  it("admin: a new user's name sent as a file is refused", async () => {
    process.env.DATABASE_PATH = env.main;
    getDatabase();
    const body = new FormData();
    body.append("email", "fil-som-navn@example.no");
    body.append("name", new Blob(["Kari"]));
    body.append("role", "leser");
    body.append("password", "lilla giraff spiser mango");
    body.append("password2", "lilla giraff spiser mango");
    let status = 200;
    try {
      const result = await newUserAction({
        request: new Request("http://localhost/admin/brukere", { method: "POST", body, headers: { Cookie: env.admin.cookie } }),
        params: {},
        context: { cspNonce: "x", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext,
      });
      status = result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200);
    } catch (error) {
      status = error instanceof Response ? error.status : 500;
    }
    expect(status).toBe(400);
  });
});
