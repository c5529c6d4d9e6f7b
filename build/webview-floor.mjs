// The oldest web view the panel must run in, stated once: the build's esbuild
// targets, the panel guard (build/panel-guard.mjs) and the old-browser suite
// (test/webview/) all read it from here.
//
// Packet Tracer's web views are Qt WebEngine: PT 7.x ships Qt 5.12 (Chromium
// 69), PT 8.x some Qt 5.14 or 5.15 (Chromium 77, 80, 83 or 87: which one a given
// 8.x build ships is not known), PT 9.0.1 Qt 6.8 (Chrome 130). The README's
// "Supported Packet Tracer versions" gives the sources. Chromium 69 is the floor.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";

export const PANEL_FLOOR = {
  /** Chromium major version of Qt WebEngine 5.12 (PT 7.x). */
  chromium: 69,
  /** esbuild's target for the panel's JS and CSS. */
  esbuildTarget: "chrome69",
  /** The ECMAScript syntax Chromium 69 parses in full: ES2019 (optional catch binding came in 66; `?.`, `??` in 80). */
  ecmaVersion: 2019,
};

/**
 * Old headless Chromium builds, test-only: the npm registry's chrome-aws-lambda
 * tarballs (MIT) carry one brotli-compressed headless_shell each, so nothing is
 * downloaded from anywhere but the registry. Integrity is the registry's own
 * sha512, pinned so the suite always runs the bytes it was written against.
 */
export const OLD_CHROMIUMS = [
  {
    chromium: 69,
    qt: "Qt WebEngine 5.12 (PT 7.x)",
    pkg: "chrome-aws-lambda@1.6.3",
    binary: "package/bin/chromium-69.0.3494.0.br",
    integrity: "sha512-K22/X+AqpSFPmBxuIOHhmzH4Id7Od9GpKvEksuaV7fy+WLvS/TYlwpc4I4B36Wz9u/NmvL9wKsQ1TT9cMhdYhg==",
  },
  {
    chromium: 77,
    qt: "Qt WebEngine 5.14 (PT 8.x, possible)",
    pkg: "chrome-aws-lambda@1.19.0",
    binary: "package/bin/chromium-77.0.3844.0.br",
    integrity: "sha512-GTrnlZLjFni+qlGTWFcjiJPhmaV+cR/QVDTcDdNRxZm8NQKfopaVv03PLSLP6StzpC0BHquUg6tqz5QH0w1lIw==",
  },
  {
    chromium: 80,
    qt: "Qt WebEngine 5.15.0 (PT 8.x, possible)",
    pkg: "chrome-aws-lambda@2.1.1",
    binary: "package/bin/chromium.br",
    integrity: "sha512-Wer2QuygxsCov5bM2+8CLa6qYpNsc5AxYTlgTne00aFoxFP491LGJRxOQtGnYtsJP6UG4pB0SfrwTyPnLys1Lw==",
  },
];

/** Kept across clones (CI clones afresh on the same machine): about 380 MB unpacked. */
export function floorCacheDir() {
  if (process.env.WEBVIEW_FLOOR_CACHE) return process.env.WEBVIEW_FLOOR_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "pt-mail-console", "webview-floor");
}

/** Where the unpacked headless Chromium of a major version lives (present or not). */
export function oldChromiumPath(major) {
  return join(floorCacheDir(), `chromium-${major}`, "headless_shell");
}

/** Fetches (with npm pack, from the registry) and unpacks every old Chromium that is missing; answers their paths. */
export function ensureOldChromiums(log = console.log) {
  return OLD_CHROMIUMS.map((b) => {
    const bin = oldChromiumPath(b.chromium);
    if (existsSync(bin)) return bin;
    log(`Fetching headless Chromium ${b.chromium} for the web-view floor tests (${b.pkg}, test-only)`);
    const work = join(tmpdir(), `webview-floor-${b.chromium}-${process.pid}`);
    mkdirSync(work, { recursive: true });
    try {
      const name = execFileSync("npm", ["pack", b.pkg, "--silent", "--pack-destination", work], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      })
        .trim()
        .split("\n")
        .pop();
      const tgz = join(work, name);
      const sum = "sha512-" + createHash("sha512").update(readFileSync(tgz)).digest("base64");
      if (sum !== b.integrity) throw new Error(`${b.pkg}: integrity ${sum} is not the pinned ${b.integrity}`);
      execFileSync("tar", ["-xzf", tgz, "-C", work, b.binary]);
      mkdirSync(join(floorCacheDir(), `chromium-${b.chromium}`), { recursive: true });
      const partial = bin + ".partial";
      writeFileSync(partial, brotliDecompressSync(readFileSync(join(work, b.binary))));
      chmodSync(partial, 0o755);
      renameSync(partial, bin); // whole or absent: an interrupted unpack is never taken for a browser
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return bin;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const p of ensureOldChromiums()) console.log(p);
  console.log(readdirSync(floorCacheDir()).join(" "));
}
