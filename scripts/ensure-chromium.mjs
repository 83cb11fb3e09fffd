// Installs Debian's chromium for the browser tests if it is missing (needs root and apt).
import { execSync } from "node:child_process";
import fs from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
if (candidates.some((p) => fs.existsSync(p))) process.exit(0);

console.log("Chromium mangler: installerer Debians chromium-pakke …");
try {
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
    stdio: "inherit",
    shell: "/bin/bash",
  });
} catch {
  console.error("Feil: klarte ikke å installere chromium (trenger root og tilgang til Debians pakkearkiv).");
  process.exit(1);
}
