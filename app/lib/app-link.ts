/**
 * When a click on an in-app link (`<AppLink>`) becomes a client-side navigation, and to where.
 * Plain and DOM-free so that it is tested without a browser; app/components/app-link.tsx wires it
 * to the document. The rules are React Router's `<Link>` click rules: only a plain primary click
 * on a link that opens in this tab, to this origin, and is no download; a link to the same page
 * replaces the history entry instead of adding one.
 */

export interface LinkClick {
  button: number;
  defaultPrevented: boolean;
  metaKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
}

export interface LinkTarget {
  /** The link's resolved URL (`HTMLAnchorElement.href`). */
  href: string;
  /** Its `target` attribute ("" when absent). */
  target: string;
  download: boolean;
}

export interface InAppNavigation {
  /** Path, query and fragment, for `navigate()`. */
  to: string;
  replace: boolean;
}

/** The navigation a click on `link` stands for while on `current`, or null: the browser handles it. */
export function inAppNavigation(click: LinkClick, link: LinkTarget, current: string): InAppNavigation | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.altKey || click.ctrlKey || click.shiftKey) return null;
  if ((link.target && link.target !== "_self") || link.download) return null;
  let url: URL;
  let here: URL;
  try {
    url = new URL(link.href, current);
    here = new URL(current);
  } catch {
    return null;
  }
  if (url.origin !== here.origin) return null;
  const sameDocument = url.pathname === here.pathname && url.search === here.search;
  // A jump to a fragment of this page is the browser's to make (it scrolls and moves focus).
  if (sameDocument && url.hash) return null;
  return { to: `${url.pathname}${url.search}${url.hash}`, replace: sameDocument };
}
