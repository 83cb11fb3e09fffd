/**
 * The production server as built by `npm run build`: plain JavaScript that `node` runs without
 * tsx, the same command everywhere, and the heavy export/upload libraries loaded only on use
 * (docs/performance.md §8).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, SERVER_ENTRY, SERVER_NODE_FLAGS } from "../../scripts/lib/server-command";

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
/** Packages a module imports statically (`import … from "x"`, `export … from "x"`, `import "x"`). */
const staticImports = (code: string) => new Set([...code.matchAll(/(?:\bfrom\s*|^import\s*)"([^"]+)"/gm)].map((m) => m[1]));

describe("the compiled server", () => {
  it("npm start runs the compiled entry with plain node and the shared flags", () => {
    const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`npm run build && NODE_ENV=production ${["node", ...SERVER_NODE_FLAGS, SERVER_ENTRY].join(" ")}`);
    expect(scripts.build).toMatch(/^remix build && esbuild scripts\/start\.ts .*--outfile=build\/start\.js/);
    expect(scripts.test).toContain("npm run build");
  });

  it("build/start.js has the app code bundled and needs no tsx", () => {
    const imports = staticImports(read(SERVER_ENTRY));
    expect([...imports].filter((name) => name.startsWith("~/") || name.startsWith(".") || name.includes("tsx"))).toEqual([]);
    expect(imports).toContain("better-sqlite3");
  });

  it("the server build loads exceljs, docx and mammoth only when they are used", () => {
    const code = read("build/index.js");
    const imports = staticImports(code);
    for (const name of ["exceljs", "docx", "mammoth"]) {
      expect(imports.has(name), `${name} is imported statically`).toBe(false);
      expect(code).toContain(`import("${name}")`);
    }
  });
});
