/**
 * The Litestream restore drill, small (scripts/reliability/replication.ts; the long one runs in
 * `npm run test:reliability`): write under load with replication to a file replica, kill the
 * server and Litestream, delete the machine's copy, restore from the replica (latest and a point
 * in time) and find every write acknowledged before the replication lag bound.
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../../scripts/reliability/common";
import { runReplicationDrill } from "../../scripts/reliability/replication";

const dir = tempDir("oppdrag-litestream-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("Litestream replication", () => {
  it("restores every acknowledged write older than the lag bound after the machine's copy is lost", { timeout: 120_000 }, async () => {
    const r = await runReplicationDrill({ dir, clients: 3, loadMs: 4000, syncInterval: "500ms", lagBoundMs: 2000 });
    expect(r.failures).toEqual([]);
    expect(r.restoreOk).toBe(true);
    expect(r.acknowledged).toBeGreaterThan(10);
    expect(r.lostBeyondLag).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.pointInTime.ok).toBe(true);
    expect(r.pointInTime.missingBefore).toBe(0);
    expect(r.pointInTime.events).toBeLessThan(r.pointInTime.latestEvents);
  });
});
