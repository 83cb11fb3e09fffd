import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    environment: "node",
    // A guard against hangs, not a speed check: a loaded 2-core machine running two files at once
    // needs room (timings belong in scripts/bench*).
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time: most of a browser or CLI test is waiting on another process, so one
    // worker on a 2-core machine (vitest's default there) leaves half the machine idle.
    maxWorkers: 2,
    // Browser steps can be slow on a loaded 2-core CI machine; polls wait up to 8 s.
    expect: { poll: { timeout: 8_000 } },
    // Cheaper password hashing in tests only (production uses scrypt N=2^17).
    env: { PASSWORD_SCRYPT_LOG_N: "14" },
  },
});
