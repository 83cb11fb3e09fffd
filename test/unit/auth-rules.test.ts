import { describe, expect, it } from "vitest";
import { passwordProblems } from "~/auth/password-policy.server";
import { ACTIONS, can, PERMISSIONS, ROLES } from "~/auth/permissions";
import { newUserSchema, splitDepartmentCodes } from "~/auth/user-schema.server";
import { isCrossSiteRequest } from "~/lib/origin";

describe("role × action table", () => {
  it("covers every role and action", () => {
    for (const role of ROLES) for (const action of ACTIONS) expect(["yes", "own", "agency", "no"]).toContain(PERMISSIONS[role][action]);
  });

  it("gives admins everything and readers only reading", () => {
    for (const action of ACTIONS) expect(can({ role: "admin", departments: [] }, action)).toBe(true);
    for (const action of ACTIONS) expect(can({ role: "leser", departments: [] }, action)).toBe(action === "oppdrag:les");
  });

  it("lets case handlers update but not administer", () => {
    const s = { role: "saksbehandler" as const, departments: [], agencies: [1] };
    expect(can(s, "status:oppdater")).toBe(true);
    expect(can(s, "rapport:rediger")).toBe(true);
    expect(can(s, "bruker:administrer")).toBe(false);
    expect(can(s, "virksomhet:administrer")).toBe(false);
    expect(can(s, "brev:importer")).toBe(false);
  });

  it("lets case handlers update only their own agencies' assignments", () => {
    const hdirHandler = { role: "saksbehandler" as const, departments: [], agencies: [1] };
    for (const action of ["status:oppdater", "leveranse:oppdater", "rapport:rediger"] as const) {
      expect(can(hdirHandler, action, { agency: 1 }), action).toBe(true);
      expect(can(hdirHandler, action, { agency: 2, owners: ["FHA"] }), action).toBe(false);
    }
    expect(can({ ...hdirHandler, agencies: [1, 2] }, "status:oppdater", { agency: 2 })).toBe(true);
    // Belonging to no agency: nothing to update.
    expect(can({ role: "saksbehandler", departments: [] }, "status:oppdater")).toBe(false);
    expect(can({ role: "saksbehandler", departments: [], agencies: [] }, "status:oppdater", { agency: 1 })).toBe(false);
    // Admins update every agency's; readers none; agencies never widen a department's grant.
    expect(can({ role: "admin", departments: [], agencies: [] }, "status:oppdater", { agency: 2 })).toBe(true);
    expect(can({ role: "leser", departments: [], agencies: [2] }, "status:oppdater", { agency: 2 })).toBe(false);
    expect(can({ role: "departement", departments: ["FHA"], agencies: [1] }, "status:oppdater", { agency: 1 })).toBe(false);
  });

  it("lets a ministry department agree its own deadlines in any agency", () => {
    const d = { role: "departement" as const, departments: ["FHA"], agencies: [] };
    expect(can(d, "frist:avtal", { owners: ["FHA"], agency: 1 })).toBe(true);
    expect(can(d, "frist:avtal", { owners: ["FHA"], agency: 2 })).toBe(true);
    expect(can(d, "frist:avtal", { owners: ["KTA"], agency: 2 })).toBe(false);
    expect(can(d, "virksomhet:administrer")).toBe(false);
  });

  it("lets a department agree deadlines only for its own assignments", () => {
    const d = { role: "departement" as const, departments: ["FHA"] };
    expect(can(d, "frist:avtal", ["FHA"])).toBe(true);
    expect(can(d, "frist:avtal", ["KTA", "FHA"])).toBe(true);
    expect(can(d, "frist:avtal", ["KTA"])).toBe(false);
    expect(can(d, "status:oppdater", ["FHA"])).toBe(false);
    expect(can({ role: "departement", departments: [] }, "frist:avtal")).toBe(false);
  });
});

describe("password policy", () => {
  it("requires 12 characters and refuses common or repetitive passwords", () => {
    expect(passwordProblems("kort")).toHaveLength(1);
    expect(passwordProblems("Passord12345")).toEqual([expect.stringContaining("for vanlig")]);
    expect(passwordProblems("abababababab")).toEqual([expect.stringContaining("for vanlig")]);
    expect(passwordProblems("korrekt hest batteri stift")).toEqual([]);
    expect(passwordProblems("kari.nordmann-er-best", { email: "kari.nordmann@example.no" })).toEqual([
      expect.stringContaining("e-postadressen"),
    ]);
    expect(passwordProblems("x".repeat(129))).not.toEqual([]);
    // From the common-password list, also with digits tacked on.
    for (const common of ["qwerty123456", "iloveyou1234", "password123!", "1q2w3e4r5t6y", "sommerferie2023"]) {
      expect(passwordProblems(common), common).toEqual([expect.stringContaining("for vanlig")]);
    }
  });

  it("validates a new user with Norwegian messages", () => {
    const bad = newUserSchema.safeParse({ email: "ikke-epost", name: "", role: "sjef", password: "kort", password2: "annet" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["email", "name", "role", "password"]));
    const dep = newUserSchema.safeParse({ email: "a@b.no", name: "A", role: "departement", departments: [], password: "korrekt hest batteri stift" });
    expect(dep.error?.issues[0].message).toMatch(/minst én avdeling/);
    expect(splitDepartmentCodes("fha, KTA/sha")).toEqual(["FHA", "KTA", "SHA"]);
  });
});

describe("cross-site request check", () => {
  const expectedOrigin = "http://localhost:3000";
  it("refuses POSTs from other origins and allows same-origin or non-browser ones", () => {
    expect(isCrossSiteRequest({ method: "POST", origin: "https://evil.example", secFetchSite: "cross-site", expectedOrigin })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", origin: "null", secFetchSite: null, expectedOrigin })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", origin: null, secFetchSite: "same-site", expectedOrigin })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", origin: expectedOrigin, secFetchSite: "same-origin", expectedOrigin })).toBe(false);
    expect(isCrossSiteRequest({ method: "POST", origin: null, secFetchSite: null, expectedOrigin })).toBe(false);
    expect(isCrossSiteRequest({ method: "GET", origin: "https://evil.example", secFetchSite: "cross-site", expectedOrigin })).toBe(false);
  });
});
