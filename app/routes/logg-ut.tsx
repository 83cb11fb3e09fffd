import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getCurrentUser } from "~/auth/guards.server";
import { clearSessionCookieHeader, destroySession, readSessionToken } from "~/auth/session.server";
import { audit } from "~/models/audit.server";
import { getDatabase } from "~/db/connection.server";

export async function action(args: ActionFunctionArgs) {
  const user = await getCurrentUser(args);
  const token = readSessionToken(args.request);
  if (token) await destroySession(getDatabase().db, token);
  if (user) await audit(getDatabase().db, user.actor, "utlogging", `bruker:${user.id}`);
  return redirect("/logg-inn?utlogget=1", {
    headers: { "Set-Cookie": clearSessionCookieHeader(args.request), "Clear-Site-Data": '"cache", "storage"' },
  });
}

export async function loader() {
  // Signing out changes state, so it is a POST (a link or prefetch must not sign anyone out).
  return redirect("/");
}
