/**
 * Concurrent status updates over HTTP against the real built server (a child process), at a
 * size fit for CI. `npm run test:reliability` runs the same code at 50 × 200 on 20 assignments.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../../scripts/reliability/child-server";
import { prepareDatabase, tempDir } from "../../scripts/reliability/common";
import { runConcurrency } from "../../scripts/reliability/concurrency";

const dir = tempDir();
const file = path.join(dir, "app.sqlite");
let server: ChildServer;
let cookie = "";

beforeAll(async () => {
  ({ cookie } = await prepareDatabase(file));
  server = await startChildServer(file);
});
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("concurrent status updates", () => {
  it("answers every update 302 or 409, and the history holds exactly the saved ones", { timeout: 60_000 }, async () => {
    const result = await runConcurrency({ url: server.url, databasePath: file, cookie, clients: 10, updatesPerClient: 20, assignments: 5 });
    expect(result.unexpectedSample).toEqual([]);
    expect(result.unexpected).toBe(0);
    expect(result.accepted + result.conflicts).toBe(200);
    expect(result.conflicts).toBeGreaterThan(0); // the test really did collide
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.phantom).toBe(0);
    expect(result.busyErrors).toBe(0);
    expect(result.mismatched).toEqual([]);
    expect(result.consistency).toEqual([]);
  });
});
