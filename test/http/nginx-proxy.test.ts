/**
 * Behind a real reverse proxy (issue 17, item 2): Debian's nginx with TLS (a self-signed
 * certificate made by openssl here), PUBLIC_URL=https://…, TRUST_PROXY=1, nginx passing
 * X-Forwarded-For and X-Forwarded-Proto but not Host (its default, hole 7). Sign-in, status
 * updates, throttling per client address, HSTS and Secure cookies, all over loopback ports.
 * The long version is part of `npm run test:reliability` (scripts/reliability/proxy.ts).
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../scripts/reliability/common";
import { httpsRequest, NGINX, runProxyChecks, startAppBehindNginx } from "../../scripts/reliability/proxy";

const dir = tempDir("oppdrag-nginx-");
let setup: Awaited<ReturnType<typeof startAppBehindNginx>>;

beforeAll(async () => {
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} mangler: kjør «node scripts/ensure-test-packages.mjs» (installerer nginx og openssl).`);
  setup = await startAppBehindNginx(dir);
});
afterAll(async () => {
  await setup?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("behind nginx with TLS", () => {
  it("signs in, saves status updates, throttles per client address, sends HSTS and Secure cookies", async () => {
    const r = await runProxyChecks({ proxy: setup.proxy, databasePath: setup.databasePath, email: setup.email, password: setup.password, updates: 3, clients: 2 });
    expect(r.failures).toEqual([]);
    expect(r.signIn.status).toBe(302);
    expect(r.signIn.location).toBe("/");
    expect(r.signIn.cookie).toMatch(/^__Host-oppdrag_sesjon=[A-Za-z0-9_-]{43}; Path=\/; .*HttpOnly; Secure; SameSite=Lax/);
    expect(Object.values(r.hsts)).toEqual(Array(4).fill("max-age=31536000; includeSubDomains"));
    expect(r.updates).toEqual({ sent: 3, saved: 3, other: 0, auditedFromClient: 3 });
    expect(r.throttling).toEqual({ clients: 2, lockedAfterFive: 2, spoofIgnored: 2, othersLetIn: 2 });
  });

  it("a POST from another site is refused through the proxy too", async () => {
    const res = await httpsRequest(setup.proxy, "/logg-inn", {
      method: "POST",
      body: new URLSearchParams({ email: setup.email, password: setup.password }).toString(),
      headers: { Origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain("Forespørselen kom fra et annet nettsted");
  });

  it("the setup page is never offered through the proxy", async () => {
    const res = await httpsRequest(setup.proxy, "/oppsett");
    expect([403, 404]).toContain(res.status);
  });
});
