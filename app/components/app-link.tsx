/**
 * In-app links that cost what a plain `<a>` costs to render (docs/decisions/089-app-links-and-one-buffer-per-page.md).
 *
 * Remix's `<Link>` runs a dozen router hooks per link on the server. The overview renders some 140
 * links and the list about 70, so those hooks were a large part of their rendering time.
 * `<AppLink>` renders only `<a href data-discover>`. One listener on the document, installed once
 * by `useAppLinkNavigation()` in the root, turns a plain click on such a link into a client-side
 * navigation, with the same rules as `<Link>` (app/lib/app-link.ts). Without JavaScript it is a
 * plain link. `data-discover` is what Remix marks its own links with, so that it finds the routes
 * a page links to ahead of a click; it marks ours as in-app links too. A click that `<Link>` or
 * `<NavLink>` has handled is already `defaultPrevented` and is left alone.
 *
 * `to` is a path ("/oppdrag?aar=2023") or a query on this page ("?side=2", rendered as
 * "/oppdrag?side=2"); "" is this page without a query, as for `<Link>`.
 */
import { forwardRef, useEffect, type ComponentPropsWithoutRef } from "react";
import { useLocation, useNavigate } from "@remix-run/react";
import { inAppNavigation } from "~/lib/app-link";

export const AppLink = forwardRef<HTMLAnchorElement, Omit<ComponentPropsWithoutRef<"a">, "href"> & { to: string }>(function AppLink({ to, ...rest }, ref) {
  const { pathname } = useLocation();
  // A query alone is resolved against this page, so the href is the same path `<Link>` would give.
  const href = to === "" || to.startsWith("?") ? `${pathname}${to}` : to;
  // Attributes in `<Link>`'s order. The content comes from the caller.
  // eslint-disable-next-line jsx-a11y/anchor-has-content
  return <a ref={ref} data-discover="true" {...rest} href={href} />;
});

/** Client-side navigation for every `<AppLink>` on the page: call once, in the root. */
export function useAppLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[data-discover]") : null;
      if (!(link instanceof HTMLAnchorElement)) return;
      const next = inAppNavigation(event, { href: link.href, target: link.target, download: link.hasAttribute("download") }, window.location.href);
      if (!next) return;
      event.preventDefault();
      navigate(next.to, { replace: next.replace });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
