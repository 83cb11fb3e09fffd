/**
 * The upload preview confirms or corrects the recipient agency (#16 item 1): what the text says,
 * the agency the import will use, a choice when the register holds several agencies and the text
 * does not say, and nothing imported until one is chosen.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { confirmUpload, createUpload, getUpload, previewUpload, setAgencyOverride } from "~/use-cases/letter-uploads.server";
import { AgencyError, findAgencyByName } from "~/models/agency.server";
import type { ParseResult } from "~/domain/letter/types";
import { createTestDatabase, type TestDb } from "../helpers/db";
import { block, importResult, MAIN, mainLetter, result, SUPP1 } from "../helpers/parts-fixtures";
import { makeUser } from "../helpers/users";

const actor = { userId: null, name: "Ada Admin <ada@example.no>" };

describe("the recipient agency in the upload preview", () => {
  let t: TestDb;
  let userId: number;
  beforeEach(async () => {
    t = await createTestDatabase();
    await importResult(t, mainLetter(), "hovedbrev.txt"); // no recipient in an empty register: Helsedirektoratet
    await importResult(t, result({ ...MAIN, reference: "25/9-1", title: "Tildelingsbrev 2026 til Folkehelseinstituttet", recipient: "Folkehelseinstituttet" }, [block("TB2026-12")]), "fhi.txt");
    userId = (await makeUser(t.db, "admin")).id;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const upload = (parsed: ParseResult) => createUpload(t.db, { userId, sourceName: "brev.txt", kind: "tekst", text: "Tekst.", parsed }, actor);
  const preview = async (id: number) => previewUpload(t.db, (await getUpload(t.db, id))!);
  const agencyOfKey = async (key: string) =>
    (await t.db.selectFrom("assignments as a").innerJoin("agencies as ag", "ag.id", "a.agency_id").select("ag.name").where("a.key", "=", key).execute()).map((r) => r.name);

  it("asks when the letter does not say and the register holds several agencies; imports nothing until chosen", async () => {
    const id = await upload(result(SUPP1, [block("TB2026-77")]));
    const before = await preview(id);
    expect(before.summary).toBeNull();
    expect(before.items).toEqual([]);
    expect(before.agency).toEqual({ fromText: null, chosen: null, known: ["Folkehelseinstituttet", "Helsedirektoratet"] });
    await expect(confirmUpload(t.db, id, actor)).rejects.toThrow(AgencyError);
    expect(await agencyOfKey("TB2026-77")).toEqual([]);
    expect((await getUpload(t.db, id))?.status).toBe("venter");

    expect(await setAgencyOverride(t.db, id, "  Folkehelseinstituttet ")).toBe(true);
    const chosen = await preview(id);
    expect(chosen.agency.chosen).toBe("Folkehelseinstituttet");
    expect(chosen.summary?.agency).toEqual({ name: "Folkehelseinstituttet", slug: "folkehelseinstituttet", created: false });
    expect(chosen.items.map((i) => [i.key, i.action])).toEqual([["TB2026-77", "new"]]);
    await confirmUpload(t.db, id, actor);
    expect(await agencyOfKey("TB2026-77")).toEqual(["Folkehelseinstituttet"]);
    const audited = await t.db.selectFrom("audit_log").select("details").where("action", "=", "brev:overstyrt").executeTakeFirstOrThrow();
    expect(JSON.parse(audited.details ?? "{}").corrections).toEqual([{ agency: "Folkehelseinstituttet" }]);
  });

  it("shows what the text says, corrects it, and names a new agency before it is created", async () => {
    const id = await upload(result({ ...SUPP1, recipient: "Norsk helsenett SF" }, [block("TB2026-12", { title: "Et annet oppdrag" })]));
    const read = await preview(id);
    expect(read.agency).toMatchObject({ fromText: "Norsk helsenett SF", chosen: "Norsk helsenett SF" });
    expect(read.summary?.agency).toEqual({ name: "Norsk helsenett SF", slug: "norsk-helsenett-sf", created: true });
    // A dry run: the agency is not created by looking.
    expect(await findAgencyByName(t.db, "Norsk helsenett SF")).toBeUndefined();
    // Corrected to Helsedirektoratet, TB2026-12 is Helsedirektoratet's own (an addition), not FHI's.
    await setAgencyOverride(t.db, id, "Helsedirektoratet");
    const corrected = await preview(id);
    expect(corrected.agency).toMatchObject({ fromText: "Norsk helsenett SF", chosen: "Helsedirektoratet" });
    expect(corrected.items.map((i) => [i.key, i.action])).toEqual([["TB2026-12", "added"]]);
    // Cleared again: back to what the text says.
    await setAgencyOverride(t.db, id, "");
    expect((await preview(id)).agency.chosen).toBe("Norsk helsenett SF");
  });

  it("resolves a joint recipient to the first agency the register knows", async () => {
    const id = await upload(result({ ...SUPP1, recipient: "Statens helsetilsyn og Folkehelseinstituttet" }, [block("TB2026-78")]));
    const p = await preview(id);
    expect(p.agency).toMatchObject({ fromText: "Statens helsetilsyn og Folkehelseinstituttet", chosen: "Folkehelseinstituttet" });
    await confirmUpload(t.db, id, actor);
    expect(await agencyOfKey("TB2026-78")).toEqual(["Folkehelseinstituttet"]);
    expect(await findAgencyByName(t.db, "Statens helsetilsyn")).toBeUndefined();
  });
});
