declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy. */
    cspNonce: string;
    /** The client's address as Express sees it (honours TRUST_PROXY). */
    clientIp: string;
    /** True when the request comes from this machine (loopback), not through a proxy. */
    isLocalRequest: boolean;
  }
}
export {};

declare module "@remix-run/server-runtime" {
  // Types loaders/actions for single fetch (data() unwrapped in useLoaderData/useActionData).
  interface Future {
    v3_singleFetch: true;
  }
}
