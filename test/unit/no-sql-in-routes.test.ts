/**
 * Routes are thin (issue 15): no query builder, no SQL, no transaction in `app/routes`; data
 * access lives in `app/models` and `app/use-cases`.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/db";

const SQL = /\b(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom)\(|\.transaction\(\)|from "kysely"|\bsql`/;

describe("no SQL in routes", () => {
  const dir = path.join(REPO_ROOT, "app/routes");
  const files = fs.readdirSync(dir).filter((f) => /\.(ts|tsx)$/.test(f));
  it("finds the routes", () => expect(files.length).toBeGreaterThan(20));
  it("no route builds a query, writes SQL or opens a transaction", () => {
    const offenders = files.filter((f) => SQL.test(fs.readFileSync(path.join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
