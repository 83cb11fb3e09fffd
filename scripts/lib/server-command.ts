/**
 * How the production server runs: plain `node` on build/start.js (scripts/start.ts compiled by
 * `npm run build`, node_modules external), no tsx loader at runtime. `npm start`, the benchmark,
 * the test helper and the reliability runs all start it from here, so what is measured and
 * tested is what runs in production. Keep the "start" script in package.json in step with
 * SERVER_NODE_FLAGS (test/http/server-build.test.ts checks it).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The compiled entry; it loads build/index.js and serves public/ relative to the working directory (REPO_ROOT). */
export const SERVER_ENTRY = "build/start.js";

/**
 * V8 flags for the server process (docs/performance.md §8): young-generation semi-spaces of at
 * most 8 MB instead of 16 MB, and the old generation may grow to 1.5 × the live heap after a full
 * GC instead of up to 4 ×. After the benchmark's load this keeps RSS near 170 MB instead of
 * 320–360 MB. (4 MB semi-spaces gave ≈ 155 MB but ≈ 20 % fewer updates per second.) No hard heap limit: with --max-old-space-size=160 one Word export of 2,000 assignments ran
 * out of memory and crashed the server, with 256 three Word and three Excel exports at once did.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=8", "--heap-growing-percent=50"];

/** Arguments for `spawn(process.execPath, serverArgs(), { cwd: REPO_ROOT })`. */
export function serverArgs(): string[] {
  return [...SERVER_NODE_FLAGS, path.join(REPO_ROOT, SERVER_ENTRY)];
}

/** Whether `npm run build` has made both the Remix server build and the compiled entry. */
export function serverBuildExists(): boolean {
  return fs.existsSync(path.join(REPO_ROOT, "build/index.js")) && fs.existsSync(path.join(REPO_ROOT, SERVER_ENTRY));
}
