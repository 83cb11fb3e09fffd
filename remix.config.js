/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  // CSS side-effect imports from a package must be bundled (Node cannot import .css);
  // everything else, notably the native better-sqlite3, stays external.
  serverDependenciesToBundle: [/^@digdir\/designsystemet-css/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
