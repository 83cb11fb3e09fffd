import "@digdir/designsystemet-css";
import "@digdir/designsystemet-css/theme.css";
import "./styles/app.css";
import { cssBundleHref } from "@remix-run/css-bundle";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
} from "@remix-run/react";
import { Heading, Paragraph, SkipLink } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { useNonce } from "./nonce";

export const links: LinksFunction = () => [
  ...(cssBundleHref ? [{ rel: "stylesheet", href: cssBundleHref }] : []),
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Oppdragsoversikt" }];

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
            <nav aria-label="Hovedmeny" className="app-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Oversikt
                  </NavLink>
                </li>
              </ul>
            </nav>
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

export default function App() {
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
    } else if (error.status === 400) {
      title = "Ugyldig forespørsel";
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
