/** (b) The pages as HTTP requests against the running server, and the overview's first-load JS. */
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { summarise, type Timing } from "./stats";
import type { Page } from "./pages";

/** One GET, body read to the end; anything but 200 is an error. */
async function get(url: string, cookie: string): Promise<string> {
  const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 200)}`);
  return body;
}

/**
 * Each page's HTTP timing, sampled round-robin: `warmup` rounds, then `samples` rounds of one GET
 * to every page in turn. A slow moment on the machine then falls on all pages alike rather than on
 * one page's block of samples, so each page compares fairly with the minimal page measured in the
 * same rounds (the HTTP target is relative to it).
 */
export async function measureHttpPages(
  pages: ReadonlyArray<Pick<Page, "path">>,
  options: { baseUrl: string; cookie: string; warmup: number; samples: number },
): Promise<Timing[]> {
  const fetchPage = (page: Pick<Page, "path">) => get(`${options.baseUrl}${page.path}`, options.cookie);
  for (let round = 0; round < options.warmup; round++) for (const page of pages) await fetchPage(page);
  const times = pages.map(() => [] as number[]);
  for (let round = 0; round < options.samples; round++) {
    for (const [i, page] of pages.entries()) {
      const t0 = performance.now();
      await fetchPage(page);
      times[i].push(performance.now() - t0);
    }
  }
  return times.map(summarise);
}

/** The size of a page's HTML document in bytes (UTF-8), as served. */
export async function htmlBytes(page: Pick<Page, "path">, options: { baseUrl: string; cookie: string }): Promise<number> {
  return Buffer.byteLength(await get(`${options.baseUrl}${page.path}`, options.cookie), "utf8");
}

export interface FirstLoadJs {
  page: string;
  files: Array<{ path: string; bytes: number; gzipBytes: number }>;
  bytes: number;
  gzipBytes: number;
}

/**
 * The JavaScript a first visit to `path` loads: every /build/….js file its HTML references
 * (modulepreload links, script src and the inline module's imports), each fetched from the server
 * and gzipped with zlib (default level 6, as a typical reverse proxy would).
 */
export async function measureFirstLoadJs(options: { baseUrl: string; cookie: string; path: string }): Promise<FirstLoadJs> {
  const html = await get(`${options.baseUrl}${options.path}`, options.cookie);
  const paths = [...new Set([...html.matchAll(/["'](\/build\/[^"'\s]+?\.js)["']/g)].map((m) => m[1]))].sort();
  const files = [];
  for (const p of paths) {
    const res = await fetch(`${options.baseUrl}${p}`);
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status}`);
    const buf = Buffer.from(await res.arrayBuffer());
    files.push({ path: p, bytes: buf.length, gzipBytes: gzipSync(buf).length });
  }
  return {
    page: options.path,
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
  };
}
