/**
 * Cross-site request check for state-changing requests. Pure.
 *
 * A request is same-origin when its Origin header equals the app's origin; browsers that send
 * no Origin are judged by Sec-Fetch-Site. Requests with neither (curl, scripts) carry no
 * browser credentials by accident, so they pass to the normal session check.
 */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest(input: {
  method: string;
  origin: string | null | undefined;
  secFetchSite: string | null | undefined;
  expectedOrigin: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  if (input.origin) return input.origin !== input.expectedOrigin;
  if (input.secFetchSite) return !["same-origin", "none"].includes(input.secFetchSite);
  return false;
}

/** Express's `trust proxy` values (https://expressjs.com/en/guide/behind-proxies.html). */
export type TrustProxySetting = boolean | number | string[];

/**
 * `TRUST_PROXY` as Express documents `trust proxy`: `true`/`false`, a hop count (`1`), or a
 * comma-separated list of addresses, subnets and the names `loopback`, `linklocal`,
 * `uniquelocal`. Unset or empty is `false`. (Passed on as a plain string, `1` became the address
 * 0.0.0.1 and `true` an invalid address: issue 17, hole 6.) Whether each address is valid is
 * left to Express, which refuses an invalid one when it is set.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxySetting {
  const value = (raw ?? "").trim();
  if (value === "" || /^false$/i.test(value)) return false;
  if (/^true$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.length === 0) return false;
  return list;
}

/** Whether a setting trusts any proxy at all (`false`, `0` and an empty list do not). */
export function trustsAnyProxy(setting: TrustProxySetting): boolean {
  return Array.isArray(setting) ? setting.length > 0 : setting !== false && setting !== 0;
}

export function isLoopbackAddress(address: string | null | undefined): boolean {
  return !!address && (address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127."));
}

/** Host names the first-time setup page answers to (DNS rebinding: a foreign name is refused). */
const LOCAL_HOST_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True when a Host (or Origin host) value names this machine: localhost, 127.0.0.1 or [::1], any port. */
export function isLocalHostHeader(host: string | null | undefined): boolean {
  if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return LOCAL_HOST_NAMES.has(hostname.toLowerCase());
}
