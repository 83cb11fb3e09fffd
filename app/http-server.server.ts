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
import { getDatabase } from "./db/connection.server";
import { migrationsAreCurrent } from "./db/migrate.server";
import { createNonce } from "./security.server";

export async function loadBuild(buildPath = "build/index.js"): Promise<ServerBuild> {
  return (await import(pathToFileURL(path.resolve(buildPath)).href)) as ServerBuild;
}

export function createApp(build: ServerBuild): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  // Headers for every response (documents get the CSP from entry.server.tsx, with their nonce).
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static("public", { maxAge: "1h", index: false }));

  app.get("/healthz", async (_req, res) => {
    try {
      const { db, sqlite } = getDatabase();
      sqlite.prepare("select 1").get();
      const current = await migrationsAreCurrent(db);
      res.status(current ? 200 : 503).json({ ok: current, database: "ok", migrations: current ? "current" : "pending" });
    } catch {
      res.status(503).json({ ok: false, database: "unreachable" });
    }
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: () => ({ cspNonce: createNonce() }),
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
