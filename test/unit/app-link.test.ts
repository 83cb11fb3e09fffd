import { describe, expect, it } from "vitest";
import { inAppNavigation, type LinkClick, type LinkTarget } from "~/lib/app-link";

const plain: LinkClick = { button: 0, defaultPrevented: false, metaKey: false, altKey: false, ctrlKey: false, shiftKey: false };
const link = (href: string, more: Partial<LinkTarget> = {}): LinkTarget => ({ href, target: "", download: false, ...more });
const here = "http://localhost:3000/oppdrag?aar=2023&side=2";

describe("which clicks on an in-app link navigate in the app", () => {
  it("a plain click on a link to another page of the app: navigate there, adding to the history", () => {
    expect(inAppNavigation(plain, link("http://localhost:3000/oppdrag/TB2023-05?virksomhet=hdir"), here)).toEqual({
      to: "/oppdrag/TB2023-05?virksomhet=hdir",
      replace: false,
    });
    // Another query on the same path is another page (a sort order, a page of the list).
    expect(inAppNavigation(plain, link("http://localhost:3000/oppdrag?aar=2023&side=3"), here)).toEqual({ to: "/oppdrag?aar=2023&side=3", replace: false });
    // A link with a fragment to another page keeps it.
    expect(inAppNavigation(plain, link("http://localhost:3000/?aar=2023#per-omrade"), here)).toEqual({ to: "/?aar=2023#per-omrade", replace: false });
  });

  it("a link to the page already shown replaces the history entry, as React Router's <Link> does", () => {
    expect(inAppNavigation(plain, link(here), here)).toEqual({ to: "/oppdrag?aar=2023&side=2", replace: true });
  });

  it("leaves new tabs, windows, downloads and modified clicks to the browser", () => {
    const target = link("http://localhost:3000/rapport");
    for (const key of ["metaKey", "altKey", "ctrlKey", "shiftKey"] as const) expect(inAppNavigation({ ...plain, [key]: true }, target, here)).toBeNull();
    expect(inAppNavigation({ ...plain, button: 1 }, target, here)).toBeNull();
    expect(inAppNavigation({ ...plain, defaultPrevented: true }, target, here)).toBeNull();
    expect(inAppNavigation(plain, link("http://localhost:3000/rapport", { target: "_blank" }), here)).toBeNull();
    expect(inAppNavigation(plain, link("http://localhost:3000/rapport", { download: true }), here)).toBeNull();
    expect(inAppNavigation(plain, link("http://localhost:3000/rapport", { target: "_self" }), here)).toEqual({ to: "/rapport", replace: false });
  });

  it("leaves other origins and jumps within the page to the browser", () => {
    expect(inAppNavigation(plain, link("https://www.regjeringen.no/no/dep/hod/"), here)).toBeNull();
    expect(inAppNavigation(plain, link("http://localhost:3001/oppdrag"), here)).toBeNull();
    expect(inAppNavigation(plain, link(`${here}#treff`), here)).toBeNull();
    expect(inAppNavigation(plain, link("not a url"), "also not a url")).toBeNull();
  });
});
