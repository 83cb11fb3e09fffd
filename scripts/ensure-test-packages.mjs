// Installs the Debian packages the test suite drives, if any is missing (needs root and apt):
// chromium (browser tests), nginx and openssl (the reverse-proxy test), LibreOffice Writer and
// poppler-utils (rendering the Word/PDF report to check its layout), and metric-compatible fonts.
import { execSync } from "node:child_process";
import fs from "node:fs";

/** Each entry: the Debian package and the files any one of which shows it is installed. */
const PACKAGES = [
  { name: "chromium", files: [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"] },
  { name: "nginx", files: ["/usr/sbin/nginx"] },
  { name: "openssl", files: ["/usr/bin/openssl"] },
  { name: "libreoffice-writer-nogui", files: ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"] },
  { name: "poppler-utils", files: ["/usr/bin/pdftoppm"] },
  { name: "fonts-liberation2", files: ["/usr/share/fonts/truetype/liberation2"] },
  { name: "fonts-crosextra-carlito", files: ["/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"] },
];

const missing = PACKAGES.filter((p) => !p.files.filter(Boolean).some((f) => fs.existsSync(f))).map((p) => p.name);
if (missing.length === 0) process.exit(0);

console.log(`Mangler Debian-pakker for testene: ${missing.join(", ")}. Installerer …`);
try {
  execSync(
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(" ")}`,
    { stdio: "inherit", shell: "/bin/bash" },
  );
} catch {
  console.error(`Feil: klarte ikke å installere ${missing.join(", ")} (trenger root og tilgang til Debians pakkearkiv).`);
  process.exit(1);
}
