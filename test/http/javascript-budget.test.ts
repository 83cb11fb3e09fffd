/**
 * The JavaScript a first visit loads, from the built app over HTTP: the #9 budget of 120 kB
 * gzipped holds for the overview and for the heaviest form page, and the browser bundle carries
 * neither the validation library nor Designsystemet's React package (see
 * docs/decisions/061-designsystemet-markup-not-react-package.md).
 * Sizes, not timings: the same build always gives the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "~/db/connection.server";
import { measureFirstLoadJs } from "../../scripts/bench/http";
import { startTestServer, type RunningServer } from "../helpers/server";
import { makeUser, sessionCookie } from "../helpers/users";

const BUDGET_GZIP_BYTES = 120_000;

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const user = await makeUser(getDatabase().db, "saksbehandler");
  cookie = await sessionCookie(getDatabase().db, user.id);
});
afterAll(async () => {
  await server?.stop();
});

describe("first-load JavaScript", () => {
  for (const [path, signedIn] of [["/", true], ["/oppdrag/TB2023-05", true], ["/logg-inn", false]] as const) {
    it(`stays within ${BUDGET_GZIP_BYTES / 1000} kB gzipped on ${path}`, async () => {
      const js = await measureFirstLoadJs({ baseUrl: server.url, cookie: signedIn ? cookie : "", path });
      expect(js.files.length).toBeGreaterThan(3);
      expect(js.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
      for (const file of js.files) {
        const source = await (await fetch(`${server.url}${file.path}`)).text();
        expect(source, `${file.path} contains zod`).not.toMatch(/ZodError|\$ZodType/);
        expect(source, `${file.path} contains Designsystemet's React package`).not.toMatch(/aksel-icons|designsystemet-web|customElements\.define/);
      }
    });
  }
});
