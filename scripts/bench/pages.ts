/**
 * The pages the benchmark measures, each as a URL and the route module's loader that answers it.
 * The same URLs are used for loader calls, HTTP requests and the recorded SQL. With several
 * agencies, the six main pages are one agency's (`?virksomhet=`), and the list and department
 * page are measured across every agency as well. `MINIMAL_PAGE` is the layout with next to no
 * data: the HTTP target is relative to it (docs/performance.md).
 */
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { loader as overviewLoader } from "../../app/routes/_index";
import { loader as listLoader } from "../../app/routes/oppdrag._index";
import { loader as detailLoader } from "../../app/routes/oppdrag.$id";
import { loader as departmentLoader } from "../../app/routes/avdeling.$kode";
import { loader as reportLoader } from "../../app/routes/rapport._index";

export const PAGE_NAMES = ["overview", "list", "search", "detail", "department", "report", "listAll", "departmentAll"] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export interface Page {
  name: PageName;
  label: string;
  path: string;
  params: Record<string, string>;
  loader: (args: LoaderFunctionArgs) => Promise<unknown>;
}

export const SEARCH_WORD = "legevakt";
export const DEPARTMENT = "KTA";

/** The layout with next to no data (own account page): what any page costs at least over HTTP. */
export const MINIMAL_PAGE = { label: "Minimal side (Min konto)", path: "/konto" };

export function benchPages(options: { year: number; detailKey: string; agency?: string | null }): Page[] {
  const { year, detailKey } = options;
  const a = options.agency ? `&virksomhet=${encodeURIComponent(options.agency)}` : "";
  return [
    { name: "overview", label: "Oversikt", path: `/?aar=${year}${a}`, params: {}, loader: overviewLoader },
    {
      name: "list",
      label: "Filtrert liste",
      path: `/oppdrag?aar=${year}&omrade=2.2&status=i_rute&status=forsinket&sorter=frist${a}`,
      params: {},
      loader: listLoader,
    },
    { name: "search", label: "Fritekstsøk", path: `/oppdrag?aar=${year}&q=${encodeURIComponent(SEARCH_WORD)}${a}`, params: {}, loader: listLoader },
    {
      name: "detail",
      label: "Oppdragsside",
      path: `/oppdrag/${encodeURIComponent(detailKey)}${a ? `?${a.slice(1)}` : ""}`,
      params: { id: detailKey },
      loader: detailLoader,
    },
    { name: "department", label: "Avdelingsside", path: `/avdeling/${DEPARTMENT}?aar=${year}${a}`, params: { kode: DEPARTMENT }, loader: departmentLoader },
    { name: "report", label: "Rapport (forhåndsvisning)", path: `/rapport?aar=${year}&per=${year}-08-31${a}`, params: {}, loader: reportLoader },
    {
      name: "listAll",
      label: "Filtrert liste, alle virksomheter",
      path: `/oppdrag?aar=${year}&omrade=2.2&status=forsinket&sorter=frist`,
      params: {},
      loader: listLoader,
    },
    {
      name: "departmentAll",
      label: "Avdelingsside, alle virksomheter",
      path: `/avdeling/${DEPARTMENT}?aar=${year}`,
      params: { kode: DEPARTMENT },
      loader: departmentLoader,
    },
  ];
}

export const LOADER_CONTEXT = { cspNonce: "benchmark", clientIp: "127.0.0.1", isLocalRequest: true } as AppLoadContext;

export function loaderArgs(page: Page, cookie: string): LoaderFunctionArgs {
  return {
    request: new Request(`http://localhost${page.path}`, { headers: { Cookie: cookie } }),
    params: page.params,
    context: LOADER_CONTEXT,
  };
}
