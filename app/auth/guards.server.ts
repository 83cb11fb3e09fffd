/**
 * The checks every loader and action goes through: who is signed in, and may they do this.
 */
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { audit, type Actor } from "~/models/audit.server";
import { getDatabase } from "~/db/connection.server";
import { can, type Action, type Target } from "./permissions";
import { readSessionToken, resolveSession, type SessionUser } from "./session.server";

export interface CurrentUser extends SessionUser {
  actor: Actor;
}

interface Args {
  request: Request;
  context: AppLoadContext;
}

export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp || "ukjent";
}

export function actorFor(user: SessionUser, { request, context }: Args): Actor {
  return {
    userId: user.id,
    name: `${user.name} <${user.email}>`,
    person: user.name,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  };
}

/** The root loader and the route's loader share one request: look the session up once. */
const perRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

export function getCurrentUser(args: Args): Promise<CurrentUser | null> {
  let user = perRequest.get(args.request);
  if (!user) {
    user = lookUpUser(args);
    perRequest.set(args.request, user);
  }
  return user;
}

async function lookUpUser(args: Args): Promise<CurrentUser | null> {
  const token = readSessionToken(args.request);
  if (!token) return null;
  const user = await resolveSession(getDatabase(), token);
  return user ? { ...user, actor: actorFor(user, args) } : null;
}

/**
 * The signed-in user, allowed to do `action` (for "own" grants: on an assignment owned by
 * `owners`; for "agency" grants: on an assignment of that agency). Not signed in: redirect to the
 * sign-in page. Not allowed: 403, audited.
 */
export async function requireUser(args: Args, action: Action = "oppdrag:les", target?: readonly string[] | Target): Promise<CurrentUser> {
  const user = await getCurrentUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    const back = args.request.method === "GET" ? `${url.pathname}${url.search}` : "/";
    throw redirect(`/logg-inn?neste=${encodeURIComponent(back)}`);
  }
  // A temporary password set by an administrator must be replaced before anything else.
  if (user.mustChangePassword && new URL(args.request.url).pathname !== "/konto") {
    throw redirect("/konto?bytt=1");
  }
  if (!can(user, action, target)) {
    await audit(getDatabase().db, user.actor, "tilgang:nektet", new URL(args.request.url).pathname, { action, method: args.request.method });
    throw new Response("Du har ikke tilgang til dette. Kontakt en administrator hvis du mener du skal ha det.", {
      status: 403,
    });
  }
  return user;
}
