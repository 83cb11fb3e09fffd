/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  // CSS side-effect imports from a package must be bundled (Node cannot import .css).
  // date-fns is bundled so that only the functions and the one locale the app uses are loaded:
  // its index imports all of date-fns and every locale, ≈ 25 MB more server memory
  // (docs/performance.md §8). Everything else, notably the native better-sqlite3, stays external.
  serverDependenciesToBundle: [/^@digdir\/designsystemet-css/, /^date-fns/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
