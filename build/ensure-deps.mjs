// Makes sure the machine has what the tests need beyond npm: Debian's
// chromium (driven by playwright-core; we never download a browser), and the
// Qt 5.15 and Qt 6 QJSEngine development packages (PT 8.x and 9.x embed them)
// plus pkg-config. As root it installs what is missing with apt; otherwise it
// fails with the exact command to run. Then the old headless Chromium builds of
// the web-view floor (build/webview-floor.mjs), from the npm registry.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ensureOldChromiums } from "./webview-floor.mjs";

const purpose = process.argv.includes("--for") ? process.argv[process.argv.indexOf("--for") + 1] : "test";
if (purpose === "start") process.exit(0); // the playground needs only Node

const hasPkg = (name) => spawnSync("pkg-config", ["--exists", name]).status === 0;
const checks = [
  { pkg: "chromium", ok: () => existsSync("/usr/bin/chromium") },
  { pkg: "pkg-config", ok: () => spawnSync("pkg-config", ["--version"]).status === 0 },
  { pkg: "qtdeclarative5-dev", ok: () => hasPkg("Qt5Qml") },
  { pkg: "qt6-declarative-dev", ok: () => hasPkg("Qt6Qml") },
];

const missing = checks.filter((c) => !c.ok()).map((c) => c.pkg);
if (missing.length) installWithApt(missing);
// After apt: the old builds run on the libraries Debian's chromium brings.
try {
  ensureOldChromiums();
} catch (e) {
  console.error(`Fetching the old headless Chromium builds failed: ${e.message}\nRun: node build/webview-floor.mjs`);
  process.exit(1);
}

function installWithApt(missing) {
  const command = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root) {
    console.error(`Missing system packages: ${missing.join(", ")}.\nRun as root:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`Installing system packages for the tests: ${missing.join(", ")}`);
  try {
    execFileSync("sh", ["-c", command], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } catch {
    console.error(`Installing failed. Run it yourself:\n  ${command}`);
    process.exit(1);
  }
  const still = checks.filter((c) => !c.ok()).map((c) => c.pkg);
  if (still.length) {
    console.error(`Still missing after apt: ${still.join(", ")}`);
    process.exit(1);
  }
}
