/**
 * One writer per append-only table (issue 15, item 2): in the app, only the named function's
 * module inserts into status_events, audit_log and assignment_changes.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/db";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "migrations" ? [] : sources(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

const WRITERS: Record<string, string> = {
  status_events: "app/models/status-event.server.ts",
  audit_log: "app/models/audit.server.ts",
  assignment_changes: "app/models/assignment-changes.server.ts",
};

describe("one writer per append-only table", () => {
  const files = sources(path.join(REPO_ROOT, "app")).map((f) => ({ file: path.relative(REPO_ROOT, f), text: fs.readFileSync(f, "utf8") }));
  for (const [table, writer] of Object.entries(WRITERS)) {
    it(`${table} is inserted only by ${writer}`, () => {
      const pattern = new RegExp(`insertInto\\(\\s*"${table}"\\s*\\)|insert\\s+into\\s+${table}\\b`, "i");
      const writers = files.filter((f) => pattern.test(f.text)).map((f) => f.file);
      expect(writers).toEqual([writer]);
    });
  }
  it("the importer, postponements and the demo history use the writers", () => {
    const text = (f: string) => fs.readFileSync(path.join(REPO_ROOT, f), "utf8");
    expect(text("app/use-cases/import-letter.server.ts")).toMatch(/appendStatusEvent\(/);
    expect(text("app/use-cases/import-letter.server.ts")).toMatch(/await audit\(/);
    expect(text("app/use-cases/import-letter.server.ts")).toMatch(/recordAssignmentChange\(/);
    expect(text("app/use-cases/demo-history.server.ts")).toMatch(/appendStatusEvent\(/);
    expect(text("app/models/status-event.server.ts")).toMatch(/appendStatusEvent\(/);
  });
});
