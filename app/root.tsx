import "@digdir/designsystemet-css/index.css";
import "@digdir/designsystemet-css/theme.css";
import "./styles/app.css";
import { cssBundleHref } from "@remix-run/css-bundle";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Button, Heading, Paragraph, SkipLink } from "~/components/ds";
import { useAppLinkNavigation } from "~/components/app-link";
import { getCurrentUser } from "./auth/guards.server";
import { can, ROLE_LABELS } from "./auth/permissions";
import { useEffect, useRef, type ReactNode } from "react";
import { useNonce } from "./nonce";

export const links: LinksFunction = () => [
  ...(cssBundleHref ? [{ rel: "stylesheet", href: cssBundleHref }] : []),
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Oppdragsoversikt" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = await getCurrentUser(args);
  return {
    user: user ? { name: user.name, role: user.role, departments: user.departments } : null,
  };
}

function Navigation() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [location.key]);
  if (!user) return null;
  // A <details> menu: folded behind "Meny" on narrow screens (opens without JavaScript), always
  // open on wide ones through `::details-content` (app.css). Closed again after each navigation.
  return (
    <details className="app-menu" ref={menu}>
      <summary>Meny</summary>
      <div className="app-menu__content">
      <nav aria-label="Hovedmeny" className="app-nav">
        <ul>
          <li>
            <NavLink to="/" end>
              Oversikt
            </NavLink>
          </li>
          <li>
            <NavLink to="/oppdrag">Oppdrag</NavLink>
          </li>
          <li>
            <NavLink to="/endringer">Endringer</NavLink>
          </li>
          <li>
            <NavLink to="/frister">Frister</NavLink>
          </li>
          <li>
            <NavLink to="/rapport">Rapport</NavLink>
          </li>
          {user.departments.map((code) => (
            <li key={code}>
              <NavLink to={`/avdeling/${encodeURIComponent(code)}`}>Min avdeling {code}</NavLink>
            </li>
          ))}
          {can(user, "brev:importer") ? (
            <>
              <li>
                <NavLink to="/admin/brev">Importer brev</NavLink>
              </li>
              <li>
                <NavLink to="/admin/videreforing">Videreføring</NavLink>
              </li>
            </>
          ) : null}
          {can(user, "bruker:administrer") ? (
            <li>
              <NavLink to="/admin/brukere">Brukere</NavLink>
            </li>
          ) : null}
          {can(user, "virksomhet:administrer") ? (
            <li>
              <NavLink to="/admin/virksomheter">Virksomheter</NavLink>
            </li>
          ) : null}
          {can(user, "logg:les") ? (
            <li>
              <NavLink to="/admin/logg">Revisjonslogg</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="app-header__user">
        <NavLink to="/konto">
          {user.name} <span className="muted">({ROLE_LABELS[user.role]})</span>
        </NavLink>
        <Form method="post" action="/logg-ut">
          <Button type="submit" variant="tertiary" data-size="sm">
            Logg ut
          </Button>
        </Form>
      </div>
      </div>
    </details>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="nb" data-color-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SkipLink href="#hovedinnhold">Hopp til hovedinnhold</SkipLink>
        <header className="app-header">
          <div className="app-header__inner">
            <a className="app-header__brand" href="/">
              Oppdragsoversikt
            </a>
            <Navigation />
          </div>
        </header>
        <main id="hovedinnhold" className="app-main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** After client-side navigation, move focus to the main content so screen readers follow. */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("hovedinnhold")?.focus();
  }, [pathname]);
}

export default function App() {
  useFocusMainOnNavigation();
  useAppLinkNavigation();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Noe gikk galt";
  let message = "Det oppstod en uventet feil. Prøv igjen om litt. Vedvarer feilen, kontakt brukerstøtte.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Fant ikke siden";
      message =
        typeof error.data === "string" && error.data
          ? error.data
          : "Siden eller oppdraget du leter etter finnes ikke. Sjekk adressen, eller gå til oversikten.";
    } else if (error.status === 403) {
      title = "Ingen tilgang";
      message = typeof error.data === "string" && error.data ? error.data : "Du har ikke tilgang til denne siden.";
    } else if (error.status === 400) {
      title = "Ugyldig forespørsel";
      message = typeof error.data === "string" && error.data ? error.data : message;
    } else if (error.status === 413) {
      title = "For stor forespørsel";
      message = typeof error.data === "string" && error.data ? error.data : message;
    } else if (error.status === 503) {
      title = "Tjenesten er midlertidig utilgjengelig";
      message = typeof error.data === "string" && error.data ? error.data : message;
    }
  }
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>{message}</Paragraph>
      <Paragraph>
        <a href="/">Gå til oversikten</a>
      </Paragraph>
    </div>
  );
}
