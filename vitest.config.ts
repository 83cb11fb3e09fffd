import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Browser steps can be slow on a loaded 2-core CI machine; polls wait up to 8 s.
    expect: { poll: { timeout: 8_000 } },
    // Cheaper password hashing in tests only (production uses scrypt N=2^17).
    env: { PASSWORD_SCRYPT_LOG_N: "14" },
  },
});
