/**
 * The production HTTP server: Express with the Remix request handler, static assets, a
 * per-request CSP nonce and a health endpoint.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { databaseHealth, withDatabaseFaultHandling } from "./faults.server";
import { isCrossSiteRequest, SAFE_METHODS } from "../lib/origin";
import { createNonce, STATIC_SECURITY_HEADERS } from "./security.server";

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."));
}

export async function loadBuild(buildPath = "build/index.js"): Promise<ServerBuild> {
  return (await import(pathToFileURL(path.resolve(buildPath)).href)) as ServerBuild;
}

export function createApp(build: ServerBuild): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  // Headers for every response (documents get the CSP from entry.server.tsx, with their nonce).
  const securityHeaders = Object.entries(STATIC_SECURITY_HEADERS);
  app.use((req, res, next) => {
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    if (req.secure || process.env.PUBLIC_URL?.startsWith("https:")) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  });

  // Cross-site state-changing requests are refused before anything runs (CSRF defence in depth;
  // the session cookie is SameSite=Lax as well).
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const expectedOrigin = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : `${req.protocol}://${req.get("host")}`;
    const crossSite = isCrossSiteRequest({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      expectedOrigin,
    });
    if (!crossSite) return next();
    console.warn(`[${new Date().toISOString()}] Avviste forespørsel fra annet nettsted: ${req.method} ${req.path} (Origin: ${req.get("origin") ?? "-"})`);
    res.status(403).type("text/plain; charset=utf-8").send("Forespørselen kom fra et annet nettsted og ble avvist. Ingenting er lagret.");
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
      // Database faults in loaders/actions become a Norwegian 503 page, not a 500.
      build: withDatabaseFaultHandling(build),
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req) => {
        // The nonce is made when first read, i.e. only for responses that render a document (a
        // redirect after a saved form has no use for one).
        let nonce: string | undefined;
        return {
          get cspNonce() {
            return (nonce ??= createNonce());
          },
          clientIp: req.ip ?? req.socket.remoteAddress ?? "ukjent",
          isLocalRequest: isLoopback(req.socket.remoteAddress) && !req.get("x-forwarded-for") && !req.get("forwarded"),
        };
      },
    }),
  );
  return app;
}

export function listen(app: express.Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once("listening", () => resolve(server));
    server.once("error", reject);
  });
}
