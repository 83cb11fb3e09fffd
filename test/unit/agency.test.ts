import { describe, expect, it } from "vitest";
import { agencyLabel, chooseAgency, isSlug, normaliseAgencyName, recipientNames, slugify, withAgency } from "~/domain/agency";
import { filterToSearch, readFilter } from "~/domain/assignment-filter";
import { assignmentPath } from "~/lib/urls";
import { reportPath } from "~/lib/report-params";

const hdir = { id: 1, name: "Helsedirektoratet", short_name: "Hdir", slug: "helsedirektoratet" };
const nhn = { id: 2, name: "Norsk helsenett SF", short_name: null, slug: "norsk-helsenett-sf" };

describe("agency names and slugs", () => {
  it("makes URL slugs from Norwegian names", () => {
    expect(slugify("Norsk helsenett SF")).toBe("norsk-helsenett-sf");
    expect(slugify("  Direktoratet for medisinske produkter ")).toBe("direktoratet-for-medisinske-produkter");
    expect(slugify("Helse Sør-Øst RHF")).toBe("helse-sor-ost-rhf");
    expect(slugify("Statens helsetilsyn – Tilsynsavdelingen")).toBe("statens-helsetilsyn-tilsynsavdelingen");
    expect(slugify("Ærlig Åpen")).toBe("aerlig-apen");
    expect(slugify("!!!")).toBe("virksomhet");
    expect(isSlug(slugify("x".repeat(300)))).toBe(true);
    expect(isSlug("helsedirektoratet")).toBe(true);
    expect(isSlug("Helse")).toBe(false);
    expect(isSlug("-a")).toBe(false);
    expect(isSlug("a b")).toBe(false);
    expect(normaliseAgencyName("  Norsk   helsenett\nSF ")).toBe("Norsk helsenett SF");
    expect(agencyLabel(hdir)).toBe("Hdir");
    expect(agencyLabel(nhn)).toBe("Norsk helsenett SF");
  });

  it("reads the choice from the URL: the only agency, a known slug, or all", () => {
    expect(chooseAgency(null, [hdir])).toBe(hdir);
    expect(chooseAgency("noe-annet", [hdir])).toBe(hdir);
    expect(chooseAgency("norsk-helsenett-sf", [hdir, nhn])).toBe(nhn);
    expect(chooseAgency("ukjent", [hdir, nhn])).toBeNull();
    expect(chooseAgency(null, [hdir, nhn])).toBeNull();
  });

  it("keeps the choice in shareable URLs only when there is one to keep", () => {
    expect(withAgency("/frister", hdir, 1)).toBe("/frister");
    expect(withAgency("/frister", hdir, 2)).toBe("/frister?virksomhet=helsedirektoratet");
    expect(withAgency("/?aar=2026#x", "norsk-helsenett-sf", 2)).toBe("/?aar=2026&virksomhet=norsk-helsenett-sf#x");
    expect(assignmentPath("2026-01", null, "norsk-helsenett-sf")).toBe("/oppdrag/2026-01?virksomhet=norsk-helsenett-sf");
    expect(assignmentPath("TB2026-1", "2026-03-01", "helsedirektoratet")).toBe("/oppdrag/TB2026-1?virksomhet=helsedirektoratet&per=2026-03-01");
    expect(assignmentPath("TB2023-05")).toBe("/oppdrag/TB2023-05");
    expect(reportPath(2026, "2026-12-31", null, "", "helsedirektoratet")).toBe("/rapport?virksomhet=helsedirektoratet&aar=2026&per=2026-12-31");
    const filter = readFilter(new URLSearchParams("virksomhet=norsk-helsenett-sf&aar=2026"));
    expect(filter.agency).toBe("norsk-helsenett-sf");
    expect(filterToSearch(filter)).toBe("?virksomhet=norsk-helsenett-sf&aar=2026");
    expect(readFilter(new URLSearchParams("virksomhet=<script>")).agency).toBeNull();
  });

  it("reads the agencies a joint recipient names, and leaves one name with 'og' in it whole", () => {
    expect(recipientNames("Helsedirektoratet og Folkehelseinstituttet")).toEqual(["Helsedirektoratet", "Folkehelseinstituttet"]);
    expect(recipientNames("Helsedirektoratet, Folkehelseinstituttet og  Norsk helsenett SF")).toEqual(["Helsedirektoratet", "Folkehelseinstituttet", "Norsk helsenett SF"]);
    expect(recipientNames("Direktoratet for samfunnssikkerhet og beredskap")).toEqual(["Direktoratet for samfunnssikkerhet og beredskap"]);
    expect(recipientNames(" Norsk helsenett SF ")).toEqual(["Norsk helsenett SF"]);
    expect(recipientNames("  ")).toEqual([]);
  });
});
