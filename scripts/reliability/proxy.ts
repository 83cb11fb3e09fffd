/**
 * The app behind a real reverse proxy: Debian's nginx in front of the built server, TLS with a
 * self-signed certificate made by openssl, PUBLIC_URL=https://localhost:<port>, TRUST_PROXY=1,
 * all on loopback ports. nginx runs as a child process with its own prefix, configuration, pid
 * and temp folders (no system service). The nginx configuration is the one README.md documents
 * (`nginxConfig`): it passes X-Forwarded-For and X-Forwarded-Proto but not Host, nginx's default.
 *
 * `runProxyChecks` signs in, updates statuses and checks throttling per client address through
 * the proxy. Clients appear with different addresses by connecting from different loopback
 * addresses (127.0.0.x), which nginx then reports in X-Forwarded-For.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import SQLite from "better-sqlite3";
import { pickAssignments, sleep } from "./common";

export const NGINX = "/usr/sbin/nginx";

export interface NginxProxy {
  /** https://localhost:<port> */
  url: string;
  /** The self-signed certificate, to trust in the client. */
  ca: Buffer;
  stop: () => Promise<void>;
  errorLog: () => string;
}

/** A free TCP port on 127.0.0.1 (closed again; nginx takes it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The `server` block README.md documents, with the test's certificate, ports and upstream. */
export function nginxServerBlock(o: { listen: string; certificate: string; key: string; upstream: string; serverName: string }): string {
  return `server {
    listen ${o.listen} ssl;
    server_name ${o.serverName};
    ssl_certificate     ${o.certificate};
    ssl_certificate_key ${o.key};
    ssl_protocols       TLSv1.2 TLSv1.3;
    # The app's own limit is 1 MB per form and 20 MB for the letter upload (it answers 413 in Norwegian).
    client_max_body_size 21m;

    location / {
        proxy_pass http://${o.upstream};
        # Who the client is (TRUST_PROXY=1 takes the last address, the one nginx adds) and that it used HTTPS.
        proxy_set_header X-Forwarded-For   $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        # Host need not be passed on: with PUBLIC_URL set the app answers as PUBLIC_URL.
    }
}`;
}

/** nginx on 127.0.0.1:`port` (a free one if not given), proxying to `upstream` (host:port). */
export async function startNginxProxy(options: { dir: string; upstream: string; port?: number }): Promise<NginxProxy> {
  const { dir, upstream } = options;
  for (const sub of ["logs", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const certificate = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    { stdio: "pipe" },
  );
  const port = options.port ?? (await freePort());
  const errorLog = path.join(dir, "logs/error.log");
  const config = `# Test configuration: one process in the foreground, everything under ${dir}.
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLog} warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    ${nginxServerBlock({ listen: `127.0.0.1:${port}`, certificate, key, upstream, serverName: "localhost" }).replace(/\n/g, "\n    ")}
}
`;
  const configFile = path.join(dir, "nginx.conf");
  fs.writeFileSync(configFile, config);
  const child: ChildProcess = spawn(NGINX, ["-p", dir, "-c", configFile, "-e", errorLog], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Ready when the port accepts connections.
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx stoppet under oppstart:\n${output}\n${safeRead(errorLog)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() - started > 15_000) {
      child.kill("SIGKILL");
      throw new Error(`nginx startet ikke innen 15 s:\n${output}\n${safeRead(errorLog)}`);
    }
    await sleep(50);
  }
  return {
    url: `https://localhost:${port}`,
    ca: fs.readFileSync(certificate),
    errorLog: () => safeRead(errorLog),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request through the proxy, from a chosen loopback address (the "client"). */
export function httpsRequest(
  proxy: Pick<NginxProxy, "url" | "ca">,
  urlPath: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<HttpsAnswer> {
  const url = new URL(urlPath, proxy.url);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        servername: "localhost",
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? "GET",
        ca: proxy.ca,
        localAddress: options.from ?? "127.0.0.1",
        agent: false,
        headers: {
          Host: url.host,
          ...(options.body !== undefined
            ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(options.body)), Origin: url.origin }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const form = (values: Record<string, string>) => new URLSearchParams(values).toString();

export interface ProxyCheckResult {
  signIn: { status: number; cookie: string; location: string | undefined };
  hsts: Record<string, string | undefined>;
  updates: { sent: number; saved: number; other: number; auditedFromClient: number };
  throttling: { clients: number; lockedAfterFive: number; spoofIgnored: number; othersLetIn: number };
  failures: string[];
}

/**
 * Through the proxy: sign in (302, `__Host-…; Secure` cookie), HSTS on a page, /healthz and a
 * static file, `updates` status updates (each 302, saved, audited with the client's address),
 * and for each of `clients` client addresses: 5 wrong passwords (with a spoofed X-Forwarded-For
 * that must be ignored) lock that address (429), while the next address still signs in.
 */
export async function runProxyChecks(options: {
  proxy: Pick<NginxProxy, "url" | "ca">;
  databasePath: string;
  email: string;
  password: string;
  updates: number;
  clients: number;
}): Promise<ProxyCheckResult> {
  const { proxy } = options;
  const failures: string[] = [];
  const signIn = await httpsRequest(proxy, "/logg-inn", { method: "POST", body: form({ email: options.email, password: options.password, neste: "/" }), from: "127.0.0.2" });
  const setCookie = [signIn.headers["set-cookie"] ?? []].flat().join("\n");
  const cookie = setCookie.split(";")[0];
  if (signIn.status !== 302) failures.push(`innlogging: ${signIn.status} ${signIn.body.slice(0, 200)}`);
  if (!/^__Host-oppdrag_sesjon=[A-Za-z0-9_-]{43}; .*Secure/.test(setCookie) || !/HttpOnly/.test(setCookie)) failures.push(`informasjonskapsel: ${setCookie}`);

  const hsts: Record<string, string | undefined> = {};
  for (const p of ["/", "/healthz", "/favicon.svg", "/logg-inn"]) {
    const res = await httpsRequest(proxy, p, { headers: { Cookie: cookie } });
    hsts[p] = res.headers["strict-transport-security"] as string | undefined;
    if (hsts[p] !== "max-age=31536000; includeSubDomains") failures.push(`HSTS mangler på ${p} (${res.status})`);
  }

  const sqlite = new SQLite(options.databasePath, { readonly: true });
  const updates = { sent: 0, saved: 0, other: 0, auditedFromClient: 0 };
  try {
    const [target] = pickAssignments(sqlite, 1);
    let version = target.version;
    for (let i = 0; i < options.updates; i++) {
      updates.sent += 1;
      const comment = `Gjennom proxy nr. ${i + 1}`;
      const res = await httpsRequest(proxy, `/oppdrag/${encodeURIComponent(target.key)}`, {
        method: "POST",
        body: form({ intent: "status", status: "i_rute", comment, version: String(version) }),
        headers: { Cookie: cookie },
        from: "127.0.0.2",
      });
      if (res.status === 302) {
        updates.saved += 1;
        version += 1;
      } else {
        updates.other += 1;
        failures.push(`statusoppdatering ${i + 1}: ${res.status} ${res.body.slice(0, 200)}`);
      }
    }
    updates.auditedFromClient = sqlite
      .prepare("select count(*) from audit_log where action = 'status:oppdatert' and ip = '127.0.0.2'")
      .pluck()
      .get() as number;
    if (updates.auditedFromClient !== updates.saved) failures.push(`revisjonslogg: ${updates.auditedFromClient} av ${updates.saved} med klientens adresse`);
  } finally {
    sqlite.close();
  }

  const throttling = { clients: options.clients, lockedAfterFive: 0, spoofIgnored: 0, othersLetIn: 0 };
  for (let c = 0; c < options.clients; c++) {
    const from = `127.0.${1 + Math.floor(c / 200)}.${10 + (c % 200)}`;
    for (let i = 0; i < 5; i++) {
      // A different made-up address each time: the proxy's own entry is the one that counts.
      const res = await httpsRequest(proxy, "/logg-inn", {
        method: "POST",
        body: form({ email: `ukjent-${c}-${i}@example.no`, password: "feil passord her" }),
        headers: { "X-Forwarded-For": `198.51.100.${i + 1}` },
        from,
      });
      if (res.status !== 401) failures.push(`klient ${from} forsøk ${i + 1}: ${res.status}`);
    }
    const sixth = await httpsRequest(proxy, "/logg-inn", {
      method: "POST",
      body: form({ email: options.email, password: options.password }),
      headers: { "X-Forwarded-For": "198.51.100.99" },
      from,
    });
    if (sixth.status === 429 && sixth.body.includes("For mange mislykkede innloggingsforsøk")) {
      throttling.lockedAfterFive += 1;
      throttling.spoofIgnored += 1;
    } else failures.push(`klient ${from}: 6. forsøk ga ${sixth.status}, ikke 429`);
    const other = await httpsRequest(proxy, "/logg-inn", { method: "POST", body: form({ email: options.email, password: options.password }), from: "127.0.0.3" });
    if (other.status === 302) throttling.othersLetIn += 1;
    else failures.push(`en annen klient etter ${from}: ${other.status}, ikke 302`);
  }
  return { signIn: { status: signIn.status, cookie: setCookie, location: signIn.headers.location as string | undefined }, hsts, updates, throttling, failures };
}

/**
 * A database with the 2023 letter and a case handler, the built server behind nginx
 * (PUBLIC_URL=https://localhost:<nginx port>, TRUST_PROXY=1), ready for `runProxyChecks`.
 */
export async function startAppBehindNginx(dir: string) {
  const { openDatabase } = await import("../../app/db/connection.server");
  const { bootstrapDatabase } = await import("../../app/use-cases/bootstrap.server");
  const { signedInUser, PASSWORD } = await import("./common");
  const { startChildServer } = await import("./child-server");
  const databasePath = path.join(dir, "app.sqlite");
  const app = openDatabase(databasePath);
  let email: string;
  try {
    await bootstrapDatabase(app.db);
    ({ email } = await signedInUser(app, "saksbehandler"));
  } finally {
    await app.db.destroy();
  }
  const port = await freePort();
  const server = await startChildServer(databasePath, { PUBLIC_URL: `https://localhost:${port}`, TRUST_PROXY: "1" });
  let proxy: NginxProxy;
  try {
    proxy = await startNginxProxy({ dir: path.join(dir, "nginx"), upstream: new URL(server.url).host, port });
  } catch (error) {
    await server.kill();
    throw error;
  }
  return {
    databasePath,
    email,
    password: PASSWORD,
    server,
    proxy,
    stop: async () => {
      await proxy.stop();
      await server.kill();
    },
  };
}
