/**
 * The upload preview per item (issue 14 item 6): new, added-to, changed and withdrawn
 * assignments with exactly what changes; single items left out or corrected before confirming;
 * the text parsed once (the stored parse is what the preview and the import read); the upload
 * marked imported and audited, with the overrides, in the import's transaction.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { confirmUpload, createUpload, getUpload, previewUpload, setItemOverride } from "~/use-cases/letter-uploads.server";
import { createTestDatabase, tableCounts, type TestDb } from "../helpers/db";
import { importResult, mainLetter, supplement1, supplement2 } from "../helpers/parts-fixtures";
import { makeUser } from "../helpers/users";

const actor = { userId: null, name: "Ada Admin <ada@example.no>" };

describe("upload preview per item", () => {
  let t: TestDb;
  let userId: number;
  beforeEach(async () => {
    t = await createTestDatabase();
    await importResult(t, mainLetter(), "hovedbrev.txt");
    userId = (await makeUser(t.db, "admin")).id;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  // The text is not a letter the parser understands: the preview can only come from the stored parse.
  const upload = (parsed = supplement2()) => createUpload(t.db, { userId, sourceName: "supplement-2.txt", kind: "tekst", text: "Tekst som ble lest ved opplasting.", parsed }, actor);

  it("shows added-to, changed and withdrawn assignments with before → after, from the parse made at upload", async () => {
    const id = await upload();
    const preview = await previewUpload(t.db, (await getUpload(t.db, id))!);
    const summary = preview.items.map((i) => [i.key, i.action, i.kind, i.ref]);
    expect(summary).toEqual([
      ["TB2026-12", "added", "clarification", "b0"],
      ["TB2026-20", "withdrawn", "withdrawal", "e0"],
      ["TB2026-12", "changed", "change", "e1"],
      ["TB2026-17", "changed", "change", "e2"],
    ]);
    expect(preview.items[2].changes).toEqual([{ field: "frist", old: "1. juni 2026 (Frist: 1.6.2026)", new: "1. september 2026" }]);
    expect(preview.items[3].changes).toEqual([{ field: "avdelinger", old: "SHA", new: "KTA" }]);
    expect(preview.items[1].changes).toEqual([{ field: "status", old: null, new: "Avsluttet" }]);
    const audit = await t.db.selectFrom("audit_log").select(["action", "target"]).where("action", "=", "brev:lastet-opp").execute();
    expect(audit).toEqual([{ action: "brev:lastet-opp", target: `opplasting:${id}` }]);
  });

  it("leaves out single items and fixes title, area and owner per item; the overrides are audited with the import", async () => {
    const first = await createUpload(t.db, { userId, sourceName: "supplement-1.txt", kind: "tekst", text: "x", parsed: supplement1() }, actor);
    expect(await setItemOverride(t.db, first, "b1", { title: "Digital samhandling (presisert)", area: "3.1", departments: ["EHE"] })).toBe(true);
    let preview = await previewUpload(t.db, (await getUpload(t.db, first))!);
    const known = preview.items.find((i) => i.key === "TB2025-115")!;
    expect(known).toMatchObject({ action: "new", knownOnly: true, title: "Digital samhandling (presisert)", ref: "b1" });
    expect(known.warnings[0]).toMatch(/bare kjent fra dette brevet/);
    await confirmUpload(t.db, first, actor);
    const a = await t.db.selectFrom("assignments").selectAll().where("key", "=", "TB2025-115").executeTakeFirstOrThrow();
    expect(a).toMatchObject({ title: "Digital samhandling (presisert)", area_code: "3.1" });

    const id = await upload();
    expect(await setItemOverride(t.db, id, "e0", { skip: true })).toBe(true);
    preview = await previewUpload(t.db, (await getUpload(t.db, id))!);
    expect(preview.items.map((i) => i.ref)).toEqual(["b0", "e1", "e2"]);
    const summary = await confirmUpload(t.db, id, actor);
    expect(summary?.importId).not.toBeNull();
    const row = await getUpload(t.db, id);
    expect(row).toMatchObject({ status: "importert", import_id: summary!.importId });
    const withdrawn = await t.db.selectFrom("status_events as e").innerJoin("assignments as a", "a.id", "e.assignment_id").select("e.status").where("a.key", "=", "TB2026-20").execute();
    expect(withdrawn).toEqual([]);
    const audits = await t.db.selectFrom("audit_log").select(["action", "target", "details"]).where("action", "in", ["brev:importert", "brev:overstyrt"]).orderBy("id").execute();
    expect(audits.map((r) => r.action)).toEqual(["brev:importert", "brev:importert", "brev:overstyrt", "brev:importert", "brev:overstyrt"]);
    expect(JSON.parse(audits[2].details!)).toMatchObject({ corrections: [{ ref: "b1", key: "TB2025-115", departments: ["EHE"], area: "3.1" }] });
    expect(JSON.parse(audits[4].details!)).toMatchObject({ corrections: [{ ref: "e0", key: "TB2026-20", skip: true }] });

    // Confirming again writes nothing: the upload is already imported.
    const counts = tableCounts(t);
    expect(await confirmUpload(t.db, id, actor)).toBeNull();
    expect(tableCounts(t)).toEqual(counts);
  });

  it("a failure inside the import leaves the upload waiting and writes nothing", async () => {
    const id = await upload();
    const counts = tableCounts(t);
    t.sqlite.exec(`create trigger fail_marks before update on letter_uploads begin select raise(abort, 'disk full (simulert)'); end`);
    await expect(confirmUpload(t.db, id, actor)).rejects.toThrow(/disk full/);
    t.sqlite.exec("drop trigger fail_marks");
    expect(tableCounts(t)).toEqual(counts);
    expect((await getUpload(t.db, id))?.status).toBe("venter");
  });
});
