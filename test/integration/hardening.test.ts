/**
 * Issue 17 against real SQLite files, in process: sign-in throttling under a parallel burst, the
 * hash cap, the own-password change (throttled and audited), the open-deadline rule, calendar
 * links ending on a password reset and on disable → enable, and a zip-bomb .docx.
 */
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CurrentUser } from "~/auth/guards.server";
import { changeOwnPassword, WRONG_CURRENT_MESSAGE } from "~/auth/password-change.server";
import { MAX_CONCURRENT_HASHES, passwordHashStats, verifyPassword } from "~/auth/password.server";
import { signIn, THROTTLED_MESSAGE } from "~/auth/sign-in.server";
import { importLetterText } from "~/use-cases/bootstrap.server";
import { createCalendarToken, userForCalendarToken } from "~/models/calendar-token.server";
import { agreeDeadline } from "~/models/deadline.server";
import { resetPassword, setUserDisabled } from "~/models/user.server";
import { extractLetterText } from "~/letters/extract.server";
import { createTestDatabase, readLetter2023, type TestDb } from "../helpers/db";
import { makeUser, TEST_PASSWORD } from "../helpers/users";
import { runInProcess } from "../helpers/cli";
import { cli as dbBackup } from "../../scripts/db-backup";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await t.cleanup();
});

const ADMIN = { userId: null, name: "test" };

describe("sign-in throttling under a parallel burst (hole 1)", () => {
  it("20 simultaneous wrong passwords: 5 are checked, 15 refused unhashed, and the right password is refused afterwards", async () => {
    const { email } = await makeUser(t.db, "leser");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(t.db, { email, password: `feil-passord-${i}`, ip: `10.9.0.${i}`, userAgent: "burst" })),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(5);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(15);
    // Never more hashes at once than the cap.
    expect(passwordHashStats().peak).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    const right = await signIn(t.db, { email, password: TEST_PASSWORD, ip: "10.9.1.1", userAgent: "etter" });
    expect(right).toEqual({ ok: false, reason: "throttled", message: THROTTLED_MESSAGE });
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    const attempts = await t.db.selectFrom("login_attempts").select(["success"]).execute();
    expect(attempts).toHaveLength(5);
    expect(attempts.every((a) => a.success === 0)).toBe(true);
  });

  it("a right password in the same burst counts as a success, not a failure", async () => {
    const { email } = await makeUser(t.db, "leser");
    const [ok] = await Promise.all([
      signIn(t.db, { email, password: TEST_PASSWORD, ip: "10.9.2.1", userAgent: "x" }),
      signIn(t.db, { email, password: "feil-passord-1", ip: "10.9.2.2", userAgent: "x" }),
    ]);
    expect(ok.ok).toBe(true);
    const rows = await t.db.selectFrom("login_attempts").select(["ip", "success"]).orderBy("ip").execute();
    expect(rows).toEqual([
      { ip: "10.9.2.1", success: 1 },
      { ip: "10.9.2.2", success: 0 },
    ]);
  });

  it("runs at most MAX_CONCURRENT_HASHES scrypt computations at once", async () => {
    const hash = "scrypt$14$8$1$c2FsdHNhbHRzYWx0c2FsdA==$" + Buffer.alloc(64).toString("base64");
    let peakSeen = 0;
    const timer = setInterval(() => (peakSeen = Math.max(peakSeen, passwordHashStats().active)), 1);
    await Promise.all(Array.from({ length: 8 }, () => verifyPassword("x", hash)));
    clearInterval(timer);
    expect(peakSeen).toBeGreaterThan(0);
    expect(peakSeen).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(passwordHashStats()).toMatchObject({ active: 0, waiting: 0 });
  });
});

describe("changing one's own password (hole 8)", () => {
  async function currentUser(role: "leser" | "admin" = "leser"): Promise<CurrentUser> {
    const { id, email } = await makeUser(t.db, role);
    return {
      id,
      email,
      name: "Test",
      role,
      departments: [],
      agencies: [],
      sessionHash: "x",
      mustChangePassword: false,
      actor: { userId: id, name: `Test <${email}>`, ip: "10.8.0.1", userAgent: "vitest" },
    };
  }

  it("audits a wrong current password and stops after 5, also for the right one", async () => {
    const user = await currentUser();
    for (let i = 0; i < 5; i++) {
      expect(await changeOwnPassword(t.db, user, `feil-nr-${i}`, "et helt nytt passord her")).toEqual({ ok: false, status: 400, message: WRONG_CURRENT_MESSAGE });
    }
    const locked = await changeOwnPassword(t.db, user, TEST_PASSWORD, "et helt nytt passord her");
    expect(locked).toEqual({ ok: false, status: 429, message: THROTTLED_MESSAGE });
    const actions = (await t.db.selectFrom("audit_log").select("action").where("user_id", "=", user.id).execute()).map((a) => a.action);
    expect(actions.filter((a) => a === "bruker:passord-feil")).toHaveLength(5);
    expect(actions).toContain("bruker:passord-sperret");
    expect(actions).not.toContain("bruker:passord-endret");
    // The account's sign-in shares the limit: the guesses were password guesses.
    expect((await signIn(t.db, { email: user.email, password: TEST_PASSWORD, ip: "10.8.0.2", userAgent: null })).ok).toBe(false);
  });

  it("changes it with the right current password, audited", async () => {
    const user = await currentUser();
    expect(await changeOwnPassword(t.db, user, TEST_PASSWORD, "et helt nytt passord her")).toEqual({ ok: true });
    const actions = (await t.db.selectFrom("audit_log").select("action").execute()).map((a) => a.action);
    expect(actions).toContain("bruker:passord-endret");
    expect((await signIn(t.db, { email: user.email, password: "et helt nytt passord her", ip: "10.8.0.3", userAgent: null })).ok).toBe(true);
  });
});

describe("the open-deadline rule (hole 2)", () => {
  it("refuses to agree a deadline the letter fixed, and writes nothing", async () => {
    await importLetterText(t.db, readLetter2023(), "tildelingsbrev-2023.txt");
    const { id } = await makeUser(t.db, "departement", { departments: ["FHA"] });
    const deadline = (state: "dated" | "to_be_agreed") =>
      t.db
        .selectFrom("deadlines as d")
        .innerJoin("assignments as a", "a.id", "d.assignment_id")
        .select(["d.id", "a.key", "d.label", "d.date"])
        .where("d.state", "=", state)
        .orderBy("d.id")
        .executeTakeFirstOrThrow();
    const fixed = await deadline("dated");
    const actor = { userId: id, name: "Frida" };
    expect(await agreeDeadline(t.db, fixed, "2030-01-01", "E-post fra FHA", actor)).toBe("fixed");
    expect(await t.db.selectFrom("deadline_agreements").selectAll().execute()).toEqual([]);
    const still = await t.db.selectFrom("effective_deadlines").select("date").where("id", "=", fixed.id).executeTakeFirstOrThrow();
    expect(still.date).toBe(fixed.date);
    const open = await deadline("to_be_agreed");
    expect(await agreeDeadline(t.db, open, "2023-10-02", "E-post fra FHA", actor)).toBe("saved");
    expect(await agreeDeadline(t.db, { ...open, id: 999_999 }, "2023-10-02", "E-post fra FHA", actor)).toBe("missing");
  });
});

describe("calendar links end with the account's credentials (hole 10)", () => {
  it("a password reset revokes the link", async () => {
    const { id } = await makeUser(t.db, "departement");
    const token = await createCalendarToken(t.db, id, ADMIN);
    expect(await userForCalendarToken(t.db, token)).not.toBeNull();
    await resetPassword(t.db, id, "et helt nytt passord her", ADMIN, { temporary: true });
    expect(await userForCalendarToken(t.db, token)).toBeNull();
  });

  it("disable → enable does not bring the link back", async () => {
    await makeUser(t.db, "admin");
    const { id } = await makeUser(t.db, "departement");
    const token = await createCalendarToken(t.db, id, ADMIN);
    await setUserDisabled(t.db, id, true, ADMIN);
    await setUserDisabled(t.db, id, false, ADMIN);
    expect(await userForCalendarToken(t.db, token)).toBeNull();
  });
});

describe("uploaded letters (hole 10)", () => {
  it("a zip-bomb .docx is refused with a Norwegian message before mammoth expands it", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file("word/document.xml", Buffer.alloc(100 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const result = await extractLetterText("bombe.docx", bomb);
    expect(result).toEqual({ ok: false, message: "Word-filen kunne ikke leses: den pakker seg ut til mer enn 40 MB, eller er skadet." });
    // Bounded: the check inflates at most 40 MB, never the 100 MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(90 * 1024 * 1024);
  });

  it("takes a Markdown file (.md) as text and reads it as the letter's plain text", async () => {
    const md = fs.readFileSync(path.resolve(__dirname, "../fixtures/letters/forms/helsedirektoratet-2026-nr2-markdown.md"));
    const result = await extractLetterText("Supplerende tildelingsbrev nr. 2.md", md);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.kind).toBe("txt");
    expect(result.text).not.toMatch(/\*\*|^#|^id: DOK/m);
    expect(result.text).toContain("\nTB2026-63 Helsetilbud i barnevernsinstitusjoner\n");
    expect(result.text.split("\n")).toHaveLength(md.toString("utf8").split("\n").length);
    expect(await extractLetterText("brev.rtf", md)).toEqual({ ok: false, message: "Filtypen støttes ikke. Last opp brevet som PDF (.pdf), Word (.docx) eller tekst (.txt eller .md)." });
  });

  it("refuses text past the length cap", async () => {
    const result = await extractLetterText("lang.txt", new TextEncoder().encode("Oppdrag ".repeat(300_000)));
    expect(result).toEqual({ ok: false, message: "Filen inneholder mer tekst enn et tildelingsbrev kan ha, og ble avvist." });
  });
});

describe("db:backup follows the output-path rule (hole 5's rule, every CLI that writes)", () => {
  it("refuses the database's own WAL file as the target, exit 1, database untouched", async () => {
    const before = fs.readFileSync(t.path);
    const res = await runInProcess(dbBackup, [`${t.path}-wal`], { env: { DATABASE_PATH: t.path } });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`Feil: «${t.path}-wal» er databasefilen (eller en av dens hjelpefiler) og blir aldri overskrevet.\n`);
    expect(res.stdout).toBe("");
    expect(fs.readFileSync(t.path).equals(before)).toBe(true);
  });
});
