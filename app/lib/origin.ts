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
