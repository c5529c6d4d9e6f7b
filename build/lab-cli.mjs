// Runs a TypeScript tool from lab/ in Node 20 (which cannot run .ts). Each tool exports
//   main(argv, out, err): number | Promise<number>   (the exit status)
//   node build/lab-cli.mjs FILE...                   lab/cli.ts   (npm run lab -- FILE...)
//   node build/lab-cli.mjs --run lab/make-fixtures.ts [args]
//   node build/lab-cli.mjs --run lab/bench.ts [args]
// A call should cost Node's start and the tool's work (issue 24), so:
// - the tool is bundled with esbuild into node_modules/.cache/mail-console-lab
//   (or $LAB_CLI_CACHE) once, and again only when a file it was made from
//   changed: NAME.inputs.json keeps each input's fingerprint (length and
//   CRC-32 of its content; its size and time, to skip reading it when they
//   are unchanged), from esbuild's metafile. On a hit esbuild is not loaded.
// - the bundle is CommonJS, run through vm.Script with V8's code cache
//   (NAME.<crc>.v8, made after the first run, so it holds the functions that
//   run used): no parsing or compiling on later calls. Tools therefore have no
//   top-level await; `import.meta.url` is the bundle's file URL, and import()
//   is a require.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import * as zlib from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let args = process.argv.slice(2);
let entry = join(root, "lab/cli.ts");
if (args[0] === "--run") {
  entry = resolve(args[1] || "");
  if (!args[1] || relative(join(root, "lab"), entry).startsWith("..")) {
    process.stderr.write("lab-cli: --run takes a file under lab/\n");
    process.exit(1);
  }
  args = args.slice(2);
}
const cache = process.env.LAB_CLI_CACHE || join(root, "node_modules/.cache/mail-console-lab");
const name = relative(join(root, "lab"), entry).replace(/[\\/]/g, "__").replace(/\.ts$/, "");
const outfile = join(cache, name + ".cjs");
const stampFile = join(cache, name + ".inputs.json");

/** esbuild's options: a change to them is a change of every bundle (they are part of the stamp). */
const OPTIONS = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  define: { "import.meta.url": "__bundleUrl" },
  // A script run by vm.Script has no import(): esbuild turns each into a require.
  supported: { "dynamic-import": false },
  // First, so "use strict" stays the directive it is in the ES modules the tools are written as.
  banner: { js: '"use strict";\nvar __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // Linked, not inline: Node reads a map only with --enable-source-maps, and a smaller file loads faster.
  sourcemap: "linked",
  logLevel: "warning",
};

/** A file's fingerprint: its length and CRC-32 (Node 20.15+), else SHA-1 (node:crypto costs ~4 ms to load). */
const hashOf = zlib.crc32 ? (bytes) => bytes.length + ":" + zlib.crc32(bytes).toString(16) : await sha1();
async function sha1() {
  const { createHash } = await import("node:crypto");
  return (bytes) => createHash("sha1").update(bytes).digest("hex");
}

function recipe() {
  const esbuild = JSON.parse(readFileSync(join(root, "node_modules/esbuild/package.json"), "utf8"));
  return JSON.stringify(OPTIONS) + " esbuild " + esbuild.version;
}

/**
 * Fresh when the recipe is the same and every input's content is: an input
 * whose size and time are as stamped is not even read; a touched one (a
 * checkout, a save without a change) is read and hashed, and restamped.
 */
function fresh() {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
    if (stamp.recipe !== recipe()) return false;
    let touched = false;
    for (const input of stamp.inputs) {
      const path = join(root, input[0]),
        now = statSync(path);
      if (now.size === input[2] && now.mtimeMs === input[3]) continue;
      if (hashOf(readFileSync(path)) !== input[1]) return false;
      input[2] = now.size;
      input[3] = now.mtimeMs;
      touched = true;
    }
    if (touched) writeAtomic(stampFile, JSON.stringify(stamp));
    return existsSync(outfile);
  } catch {
    return false; // no stamp, an input gone: build
  }
}

/** Writes through a temporary name and a rename, so a concurrent call never reads half a file. */
function writeAtomic(path, data) {
  writeFileSync(path + "." + process.pid + ".tmp", data);
  renameSync(path + "." + process.pid + ".tmp", path);
}

async function build() {
  const esbuild = await import("esbuild");
  mkdirSync(cache, { recursive: true });
  const result = await esbuild.build({
    ...OPTIONS,
    entryPoints: [entry],
    outfile,
    absWorkingDir: root,
    metafile: true,
    write: false,
  });
  // node:fs and the like are no files. An input whose length is no longer what esbuild read changed
  // during the build: then no stamp is written, and the next call builds again.
  const files = Object.entries(result.metafile.inputs).filter(([file]) => !file.includes(":"));
  const read = files.map(([file, meta]) => [
    file,
    statSync(join(root, file)),
    readFileSync(join(root, file)),
    meta.bytes,
  ]);
  for (const out of result.outputFiles) writeAtomic(out.path, out.contents);
  // Code caches of earlier bundles, and the ES module bundles this launcher made before (issue 24).
  for (const old of readdirSync(cache))
    if (old.startsWith(name + ".") && /\.v8$|\.mjs$|\.mjs\.map$/.test(old)) rmSync(join(cache, old), { force: true });
  if (read.some(([, , bytes, length]) => bytes.length !== length)) return;
  const inputs = read.map(([file, stat, bytes]) => [file, hashOf(bytes), stat.size, stat.mtimeMs]);
  writeAtomic(stampFile, JSON.stringify({ recipe: recipe(), inputs }));
}

if (!fresh()) await build();

// Node's own CommonJS wrapper, so V8 can cache the compiled function. The cache file is named by the
// bundle's CRC: V8 checks only a source's length before trusting a cache.
const bundle = readFileSync(outfile),
  source = bundle.toString("utf8");
const codeCache = join(cache, name + "." + hashOf(bundle).replace(":", "-") + ".v8");
const cachedData = existsSync(codeCache) ? readFileSync(codeCache) : undefined;
const script = new Script("(function (exports, require, module, __filename, __dirname) {" + source + "\n})", {
  filename: outfile,
  cachedData,
});
const tool = { exports: {} };
script.runInThisContext()(tool.exports, createRequire(outfile), tool, outfile, cache);
const line = (stream) => (text) => stream.write(text + "\n");
process.exitCode = await tool.exports.main(args, line(process.stdout), line(process.stderr));
if (!cachedData || script.cachedDataRejected) writeAtomic(codeCache, script.createCachedData());
