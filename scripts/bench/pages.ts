/**
 * The six pages the benchmark measures, each as a URL and the route module's loader that answers
 * it. The same URLs are used for loader calls, HTTP requests and the recorded SQL.
 */
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { loader as overviewLoader } from "../../app/routes/_index";
import { loader as listLoader } from "../../app/routes/oppdrag._index";
import { loader as detailLoader } from "../../app/routes/oppdrag.$id";
import { loader as departmentLoader } from "../../app/routes/avdeling.$kode";
import { loader as reportLoader } from "../../app/routes/rapport._index";

export const PAGE_NAMES = ["overview", "list", "search", "detail", "department", "report"] as const;
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

export function benchPages(options: { year: number; detailKey: string }): Page[] {
  const { year, detailKey } = options;
  return [
    { name: "overview", label: "Oversikt", path: `/?aar=${year}`, params: {}, loader: overviewLoader },
    {
      name: "list",
      label: "Filtrert liste",
      path: `/oppdrag?aar=${year}&omrade=2.2&status=i_rute&status=forsinket&sorter=frist`,
      params: {},
      loader: listLoader,
    },
    { name: "search", label: "Fritekstsøk", path: `/oppdrag?aar=${year}&q=${encodeURIComponent(SEARCH_WORD)}`, params: {}, loader: listLoader },
    { name: "detail", label: "Oppdragsside", path: `/oppdrag/${encodeURIComponent(detailKey)}`, params: { id: detailKey }, loader: detailLoader },
    { name: "department", label: "Avdelingsside", path: `/avdeling/${DEPARTMENT}?aar=${year}`, params: { kode: DEPARTMENT }, loader: departmentLoader },
    { name: "report", label: "Rapport (forhåndsvisning)", path: `/rapport?aar=${year}&per=${year}-08-31`, params: {}, loader: reportLoader },
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
