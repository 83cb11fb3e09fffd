import { AppLink } from "~/components/app-link";

/**
 * "Forrige side", the pages, "Neste side" as plain links (work without JavaScript). `numbered`
 * lists every page (the assignment list); otherwise "Side 2 av 40" (the long audit log).
 */
export function Pagination({ page, pages, to, numbered = false }: { page: number; pages: number; to: (page: number) => string; numbered?: boolean }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Sider" className="filter-row">
      {page > 1 ? <AppLink to={to(page - 1)}>Forrige side</AppLink> : null}
      {numbered ? (
        Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
          p === page ? (
            <span key={p} aria-current="page">
              {p}
            </span>
          ) : (
            <AppLink key={p} to={to(p)} aria-label={`Side ${p}`}>
              {p}
            </AppLink>
          ),
        )
      ) : (
        <span>
          Side {page} av {pages}
        </span>
      )}
      {page < pages ? <AppLink to={to(page + 1)}>Neste side</AppLink> : null}
    </nav>
  );
}
