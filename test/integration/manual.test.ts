import { describe, expect, it } from "vitest";
import { bootstrapDatabase } from "~/use-cases/bootstrap.server";
import { carryOver, carryOverCandidates, saveManualAssignment } from "~/use-cases/manual.server";
import { getAssignmentDetail } from "~/models/assignment.server";
import { recordStatusUpdate } from "~/models/status-event.server";
import { manualAssignmentSchema } from "~/domain/manual-assignment.server";
import { useTestDatabase } from "../helpers/db";
import { makeUser } from "../helpers/users";

const t = useTestDatabase((db) => bootstrapDatabase(db.db).then(() => undefined));
const actor = { userId: null, name: "Ada Admin <ada@example.no>" };

describe("assignments outside letters", () => {
  it("creates one by hand with history, and corrects it without touching its status history", async () => {
    const input = manualAssignmentSchema.parse({
      year: "2023",
      id: "tb2023-99",
      title: "Innspill til helseberedskapsmeldingen",
      body: "Gitt i etatsstyringsmøtet.",
      area: "2.3",
      departments: ["SHA"],
      deadline: "2023-11-01",
      source: "Etatsstyringsmøte 5. mai 2023",
    });
    const { key } = await saveManualAssignment(t.db, input, actor);
    expect(key).toBe("TB2023-99");
    let detail = await getAssignmentDetail(t.db, key);
    expect(detail?.assignment).toMatchObject({ title: "Innspill til helseberedskapsmeldingen", area_code: "2.3", letter_title: "Oppdrag gitt utenfor brev 2023" });
    expect(detail?.deadlines[0]).toMatchObject({ date: "2023-11-01", is_default: 0 });

    const a = await t.db.selectFrom("assignments").select(["id", "version"]).where("key", "=", key).executeTakeFirstOrThrow();
    const u = await makeUser(t.db, "saksbehandler");
    const saved = await recordStatusUpdate(t, { assignmentId: a.id, baseVersion: a.version, status: "i_rute", comment: "Startet", actor: { userId: u.id, name: `S <${u.email}>`, person: "S", ip: null, userAgent: null } });
    expect(saved.ok).toBe(true);
    const before = await t.db.selectFrom("status_events").selectAll().where("assignment_id", "=", a.id).execute();
    expect(before).toHaveLength(1);

    await saveManualAssignment(t.db, { ...input, title: "Innspill til helseberedskapsmeldingen 2023", source: "Rettet tittel" }, actor, key);
    detail = await getAssignmentDetail(t.db, key);
    expect(detail?.assignment.title).toBe("Innspill til helseberedskapsmeldingen 2023");
    expect(detail?.changes.map((c) => c.field)).toContain("tittel");
    expect(await t.db.selectFrom("status_events").selectAll().where("assignment_id", "=", a.id).execute()).toEqual(before);
    const audit = await t.db.selectFrom("audit_log").select(["action", "actor"]).where("action", "=", "brev:importert").execute();
    expect(audit.at(-1)?.actor).toBe("Ada Admin <ada@example.no>");
  });

  it("validates hand-made assignments with Norwegian messages", () => {
    const bad = manualAssignmentSchema.safeParse({ year: "20x", id: "ikke id", title: " ", body: "", area: "x", departments: ["fha"], deadline: "2023-02-30", source: "" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["year", "id", "title", "area", "departments", "deadline", "source"]));
  });

  it("takes an ID in every form the letters print", () => {
    const ok = (id: string) =>
      manualAssignmentSchema.safeParse({ year: "2026", id, title: "Tittel", body: "", area: "2.3", departments: ["SHA"], deadline: "", source: "Møte 5. mai" });
    expect(["TB2026-12", "ttb2026-3", "2026-01", "13/2026", "13 / 2026"].map((id) => ok(id).data?.id)).toEqual(["TB2026-12", "TTB2026-3", "2026-01", "13/2026", "13/2026"]);
    expect(ok("2026").success).toBe(false);
  });
});

describe("carrying over into the next year", () => {
  it("creates linked continuations for unfinished assignments, once", async () => {
    const candidates = await carryOverCandidates(t.db, 2023);
    expect(candidates.map((c) => c.key)).toContain("TB2023-05");
    expect(candidates.map((c) => c.key)).not.toContain("TB2023-31"); // postponed
    const done = await carryOver(t.db, 2023, ["TB2023-05", "TB2023-06"], actor);
    expect(done).toEqual(["TB2023-05/2024", "TB2023-06/2024"]);
    const detail = await getAssignmentDetail(t.db, "TB2023-05/2024");
    expect(detail?.assignment.year).toBe(2024);
    expect(detail?.outgoing).toEqual([expect.objectContaining({ type: "continues", key: "TB2023-05" })]);
    const original = await getAssignmentDetail(t.db, "TB2023-05");
    expect(original?.incoming).toEqual([expect.objectContaining({ type: "continues", key: "TB2023-05/2024" })]);
    expect((await carryOverCandidates(t.db, 2023)).map((c) => c.key)).not.toContain("TB2023-05");
    // A correction of the continuation keeps its link.
    await saveManualAssignment(
      t.db,
      { year: 2024, id: null, title: "Ulovlig handel tobakk (videreført)", body: "", area: "2.1", departments: ["FHA"], deadline: null, source: "Ny tittel" },
      actor,
      "TB2023-05/2024",
    );
    expect((await getAssignmentDetail(t.db, "TB2023-05/2024"))?.outgoing).toHaveLength(1);
  });
});
