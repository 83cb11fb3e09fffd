/**
 * The production HTTP server: Express with the Remix request handler, static assets, a
 * per-request CSP nonce and a health endpoint. Everything that must happen before a route runs
 * is here, in this order: methods, body size, security headers, the cross-site check and the
 * host the app answers as; at the end, Norwegian answers for errors Express itself raises.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { databaseHealth, withDatabaseFaultHandling } from "./faults.server";
import { isCrossSiteRequest, isLocalHostHeader, isLoopbackAddress, parseTrustProxy, SAFE_METHODS, trustsAnyProxy } from "../lib/origin";
import { bodyLimitFor, DRAIN_AFTER_LIMIT_BYTES, guardActionBody, tooLargeMessage } from "../lib/request-limit.server";
import { createNonce, STATIC_SECURITY_HEADERS } from "./security.server";

export async function loadBuild(buildPath = "build/index.js"): Promise<ServerBuild> {
  return (await import(pathToFileURL(path.resolve(buildPath)).href)) as ServerBuild;
}

/** The methods the app answers; anything else (TRACE, PUT, …) gets a Norwegian 405. */
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

/** Every route action reads its body through `guardActionBody` (size cap, valid UTF-8). */
function withBodyGuards(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = { ...route.module };
    if (module.action) module.action = guardActionBody(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}

function plain(res: express.Response, status: number, message: string): void {
  res.status(status).type("text/plain; charset=utf-8").set("Cache-Control", "no-store").send(message);
}

export function createApp(build: ServerBuild): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Remix reads the query from the URL itself: Express need not parse every query string with qs.
  app.set("query parser", false);
  const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
  try {
    app.set("trust proxy", trustProxy);
  } catch (error) {
    throw new Error(
      `TRUST_PROXY=«${process.env.TRUST_PROXY}» er ugyldig (${error instanceof Error ? error.message : String(error)}). ` +
        "Bruk et antall mellomledd (1), true/false, eller adresser og nett skilt med komma (10.0.0.1, 10.0.0.0/8, loopback).",
      { cause: error },
    );
  }
  const trustsProxy = trustsAnyProxy(trustProxy);
  const publicOrigin = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : null;
  const trustFn = app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;

  // Headers for every response (documents get the CSP from entry.server.tsx, with their nonce).
  const securityHeaders = Object.entries(STATIC_SECURITY_HEADERS);
  app.use((req, res, next) => {
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    if (req.secure || publicOrigin?.startsWith("https:")) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  });

  // Methods first: Remix cannot even build a request for TRACE (an English 500 before).
  app.use((req, res, next) => {
    if (ALLOWED_METHODS.has(req.method)) return next();
    res.set("Allow", [...ALLOWED_METHODS].join(", "));
    plain(res, 405, "Denne metoden støttes ikke. Bruk GET eller POST.");
  });

  // The body-size cap, from the declared length, before anything reads the body or asks who is
  // signed in. A body without Content-Length is counted as it streams (guardActionBody).
  app.use((req, res, next) => {
    const declared = Number(req.get("content-length"));
    const maxBytes = bodyLimitFor(req.path);
    if (!(Number.isFinite(declared) && declared > maxBytes)) return next();
    // Nothing of the body is kept. A moderately large one is read and dropped, so that the client
    // (still sending) gets to read the answer; a huge one is not read at all: the connection is
    // closed after the answer.
    if (declared > maxBytes + DRAIN_AFTER_LIMIT_BYTES) res.set("Connection", "close");
    else req.resume();
    plain(res, 413, tooLargeMessage(maxBytes));
  });

  // The origin the app answers as: PUBLIC_URL when set (a proxy need not pass Host or the
  // scheme); otherwise the Host header, or X-Forwarded-Host from a trusted proxy.
  const appOrigin = (req: express.Request): string => {
    if (publicOrigin) return publicOrigin;
    const forwarded = trustFn(req.socket.remoteAddress, 0) ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    return `${req.protocol}://${forwarded || req.get("host") || "localhost"}`;
  };

  // Cross-site state-changing requests are refused before anything runs (CSRF defence in depth;
  // the session cookie is SameSite=Lax as well).
  app.use((req, res, next) => {
    const expectedOrigin = appOrigin(req);
    if (!SAFE_METHODS.has(req.method)) {
      const crossSite = isCrossSiteRequest({
        method: req.method,
        origin: req.get("origin"),
        secFetchSite: req.get("sec-fetch-site"),
        expectedOrigin,
      });
      if (crossSite) {
        console.warn(`[${new Date().toISOString()}] Avviste forespørsel fra annet nettsted: ${req.method} ${req.path} (Origin: ${req.get("origin") ?? "-"})`);
        plain(res, 403, "Forespørselen kom fra et annet nettsted og ble avvist. Ingenting er lagret.");
        return;
      }
    }
    // The origin is decided (and checked) here, once. Remix compares Origin with X-Forwarded-Host
    // or Host again and answers an empty 500 when they differ (a proxy that does not pass Host, a
    // stray X-Forwarded-Host): hand it the host we decided on, and no forwarded host.
    res.locals.requestHost = req.headers.host ?? "";
    req.headers.host = new URL(expectedOrigin).host;
    delete req.headers["x-forwarded-host"];
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  // Only a path whose last segment has an extension can name a file in public/ (favicon.svg): page
  // requests skip the file-system lookup, which costs a stat and an error object when it misses.
  const publicFiles = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));

  // DB readable, migrations current, a write lock obtainable and room to write (app/http/faults.server.ts).
  app.get("/healthz", async (_req, res) => {
    const health = await databaseHealth();
    res.status(health.ok ? 200 : 503).set("Cache-Control", "no-store").json(health);
  });

  app.all(
    "*",
    createRequestHandler({
      // Database faults in loaders/actions become a Norwegian 503 page, not a 500; every action
      // reads a size-capped, UTF-8-checked body.
      build: withDatabaseFaultHandling(withBodyGuards(build)),
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => {
        // The nonce is made when first read, i.e. only for responses that render a document (a
        // redirect after a saved form has no use for one).
        let nonce: string | undefined;
        const originalHost = String(res.locals.requestHost ?? "");
        return {
          get cspNonce() {
            return (nonce ??= createNonce());
          },
          clientIp: req.ip ?? req.socket.remoteAddress ?? "ukjent",
          // The setup page: a connection from and to the loopback address, not through a proxy,
          // naming this machine in Host (and Origin, when sent): a rebinding page cannot pass.
          isLocalRequest:
            !trustsProxy &&
            isLoopbackAddress(req.socket.remoteAddress) &&
            isLoopbackAddress(req.socket.localAddress) &&
            !req.get("x-forwarded-for") &&
            !req.get("forwarded") &&
            isLocalHostHeader(originalHost) &&
            (!req.get("origin") || isLocalHostHeader(safeHost(req.get("origin")))),
        };
      },
    }),
  );

  // Errors Express raises itself (a malformed URL, a body that broke off) get a Norwegian answer.
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = Number((error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      plain(res, status, status === 413 ? tooLargeMessage(bodyLimitFor(req.path)) : "Forespørselen var ugyldig og ble ikke behandlet.");
      return;
    }
    console.error(`[${new Date().toISOString()}] ${req.method} ${req.path}:`, error);
    plain(res, 500, "Det oppstod en feil på serveren. Prøv igjen om litt, eller kontakt en administrator.");
  });
  return app;
}

function safeHost(origin: string | undefined): string | null {
  try {
    return origin ? new URL(origin).host : null;
  } catch {
    return null;
  }
}

export function listen(app: express.Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once("listening", () => resolve(server));
    server.once("error", reject);
  });
}
