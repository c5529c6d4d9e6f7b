// Builds test/qjs/host.cpp against Debian's Qt 5.15 and Qt 6 QJSEngine
// (qtdeclarative5-dev, qt6-declarative-dev), once per source change.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "test/qjs/host.cpp");
const outDir = join(root, ".cache/qjs");

export const QT_FLAVOURS = [
  { name: "qt5", modules: ["Qt5Qml", "Qt5Core"], extra: ["-fPIC"] },
  { name: "qt6", modules: ["Qt6Qml", "Qt6Core"], extra: ["-fPIC", "-std=c++17"] },
];

function pkgConfig(modules) {
  return execFileSync("pkg-config", ["--cflags", "--libs", ...modules], { encoding: "utf8" })
    .trim()
    .split(/\s+/);
}

/** Answers the path of the host binary for a flavour, compiling it when stale. */
export function qjsHost(flavour) {
  const f = QT_FLAVOURS.find((q) => q.name === flavour);
  if (!f) throw new Error("unknown Qt flavour " + flavour);
  const hash = createHash("sha1").update(readFileSync(source)).update(flavour).digest("hex").slice(0, 12);
  const bin = join(outDir, `host-${flavour}`);
  const stamp = bin + ".hash";
  if (existsSync(bin) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return bin;
  mkdirSync(outDir, { recursive: true });
  execFileSync("g++", ["-O1", ...f.extra, source, "-o", bin, ...pkgConfig(f.modules)], { stdio: "inherit" });
  writeFileSync(stamp, hash);
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of QT_FLAVOURS) console.log(qjsHost(f.name));
}
