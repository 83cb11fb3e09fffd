import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeRedirectTarget } from "~/lib/urls";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { purgeExpiredSessions, resolveSession } from "~/auth/session.server";
import { INVALID_MESSAGE, signIn, THROTTLED_MESSAGE } from "~/auth/sign-in.server";
import { resetPassword, setUserDisabled, UserError } from "~/models/user.server";
import { createTestDatabase, type TestDb } from "../helpers/db";
import { makeUser, TEST_PASSWORD } from "../helpers/users";


describe("passwords", () => {
  it("hashes with scrypt, salted, and verifies", async () => {
    const a = await hashPassword("korrekt hest batteri stift");
    const b = await hashPassword("korrekt hest batteri stift");
    expect(a).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("korrekt hest batteri stift", a)).toBe(true);
    expect(await verifyPassword("korrekt hest batteri stifT", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });
});

describe("sign-in, sessions and throttling", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const attempt = (email: string, password: string, ip = "10.0.0.1", now?: Date) =>
    signIn(t.db, { email, password, ip, userAgent: "vitest" }, now);

  it("signs in with the right password and audits success and failure", async () => {
    const { email, id } = await makeUser(t.db, "saksbehandler");
    const ok = await attempt(email.toUpperCase(), TEST_PASSWORD);
    expect(ok.ok).toBe(true);
    const user = await resolveSession(t, (ok as { token: string }).token);
    expect(user?.id).toBe(id);
    const bad = await attempt(email, "feil passord her");
    expect(bad).toEqual({ ok: false, reason: "invalid", message: INVALID_MESSAGE });
    const log = await t.db.selectFrom("audit_log").select(["action", "user_id", "details"]).orderBy("id").execute();
    expect(log.map((l) => l.action)).toEqual(["bruker:opprettet", "innlogging:ok", "innlogging:feilet"]);
    // No password, right or wrong, is ever stored in the log.
    const all = JSON.stringify(await t.db.selectFrom("audit_log").selectAll().execute());
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain("feil passord her");
  });

  it("gives the same answer for an unknown account as for a wrong password", async () => {
    const unknown = await attempt("finnes.ikke@example.no", TEST_PASSWORD);
    expect(unknown).toEqual({ ok: false, reason: "invalid", message: INVALID_MESSAGE });
  });

  it("refuses a disabled user and ends their sessions", async () => {
    const { email, id } = await makeUser(t.db, "leser");
    const ok = await attempt(email, TEST_PASSWORD);
    await makeUser(t.db, "admin");
    await setUserDisabled(t.db, id, true, { userId: null, name: "test" });
    expect(await resolveSession(t, (ok as { token: string }).token)).toBeNull();
    expect((await attempt(email, TEST_PASSWORD)).ok).toBe(false);
  });

  it("throttles after 5 failures for one account, whatever the address", async () => {
    const { email } = await makeUser(t.db, "leser");
    for (let i = 0; i < 5; i++) expect((await attempt(email, "feil-passord-nr-" + i, `10.0.1.${i}`)).ok).toBe(false);
    const locked = await attempt(email, TEST_PASSWORD, "10.0.9.9");
    expect(locked).toEqual({ ok: false, reason: "throttled", message: THROTTLED_MESSAGE });
    // The window passes: allowed again.
    const later = new Date(Date.now() + 16 * 60_000);
    expect((await attempt(email, TEST_PASSWORD, "10.0.9.9", later)).ok).toBe(true);
    const actions = (await t.db.selectFrom("audit_log").select("action").execute()).map((r) => r.action);
    expect(actions).toContain("innlogging:sperret");
  });

  it("throttles after 5 failures from one address, across accounts, without revealing which exist", async () => {
    const { email } = await makeUser(t.db, "leser");
    for (let i = 0; i < 5; i++) await attempt(`ukjent${i}@example.no`, "feil-passord-123", "10.0.2.1");
    expect((await attempt(email, TEST_PASSWORD, "10.0.2.1")).ok).toBe(false);
    expect((await attempt(email, TEST_PASSWORD, "10.0.2.2")).ok).toBe(true);
  });

  it("expires sessions after 30 idle minutes and after 12 hours in all", async () => {
    const { email } = await makeUser(t.db, "leser");
    const start = new Date("2026-01-05T08:00:00Z");
    const { token } = (await attempt(email, TEST_PASSWORD, "10.0.3.1", start)) as { token: string };
    // Active use every 20 minutes keeps it alive ...
    let now = start;
    for (let i = 0; i < 30; i++) {
      now = new Date(now.getTime() + 20 * 60_000);
      if (now.getTime() - start.getTime() >= 12 * 3_600_000) break;
      expect(await resolveSession(t, token, now)).not.toBeNull();
    }
    // ... but not past 12 hours.
    expect(await resolveSession(t, token, new Date(start.getTime() + 12 * 3_600_000 + 1000))).toBeNull();

    const second = (await attempt(email, TEST_PASSWORD, "10.0.3.1", start)) as { token: string };
    expect(await resolveSession(t, second.token, new Date(start.getTime() + 31 * 60_000))).toBeNull();
    await purgeExpiredSessions(t.db, new Date(start.getTime() + 13 * 3_600_000));
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });

  it("ends all sessions when the password is reset", async () => {
    const { email, id } = await makeUser(t.db, "leser");
    const { token } = (await attempt(email, TEST_PASSWORD)) as { token: string };
    await resetPassword(t.db, id, "et helt nytt passord her", { userId: null, name: "test" });
    expect(await resolveSession(t, token)).toBeNull();
    expect((await attempt(email, TEST_PASSWORD)).ok).toBe(false);
    expect((await attempt(email, "et helt nytt passord her")).ok).toBe(true);
  });

  it("will not disable the last active admin", async () => {
    const { id } = await makeUser(t.db, "admin");
    await expect(setUserDisabled(t.db, id, true, { userId: null, name: "test" })).rejects.toThrow(UserError);
  });

  it("keeps the audit log append-only", async () => {
    await makeUser(t.db, "leser");
    await expect(t.db.updateTable("audit_log").set({ action: "x" }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });

  it("follows only local paths after sign-in", () => {
    expect(safeRedirectTarget("/oppdrag/TB2023-05?per=2023-08-31")).toBe("/oppdrag/TB2023-05?per=2023-08-31");
    expect(safeRedirectTarget("//evil.example/")).toBe("/");
    expect(safeRedirectTarget("https://evil.example/")).toBe("/");
    expect(safeRedirectTarget("/\\evil.example")).toBe("/");
    expect(safeRedirectTarget(null)).toBe("/");
  });
});
