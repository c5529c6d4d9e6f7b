// The playground's "Sample labs" (playground/sample-labs.ts): the project's own fixture labs, as
// lab/make-fixtures.ts wrote them into test/fixtures/labs/, copied into dist/playground/labs/ with
//   index.json   [{ file, title, description, bytes }]  in fixtureLabs() order
// so the playground opens them from its own server, offline. The list is whatever
// lab/fixtures/labs.ts fixtureLabs() answers at build time, never a hand-kept one; title and
// description come from each spec's name, "title: description".

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInThisContext } from "node:vm";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// As lab/make-fixtures.ts FIXTURE_DIR (a TypeScript constant this script cannot import without bundling it too).
const FIXTURE_DIR = join(root, "test/fixtures/labs");

/** fixtureLabs()' files and spec names: the TypeScript bundled in memory (about 40 ms) and run here. */
async function fixtureNames() {
  const result = await esbuild.build({
    stdin: { contents: 'export { fixtureLabs } from "./lab/fixtures/labs";', resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const mod = { exports: {} };
  runInThisContext(`(function (module, exports, require) {${result.outputFiles[0].text}\n})`)(
    mod,
    mod.exports,
    createRequire(import.meta.url),
  );
  return mod.exports.fixtureLabs().map((lab) => ({ file: lab.file, name: lab.spec.name }));
}

/** "vlan-stick: router-on-a-stick, …" → title "vlan-stick", description "router-on-a-stick, …"; a name without ": " is all title. */
export function splitName(name) {
  const at = name.indexOf(": ");
  return at < 0 ? { title: name, description: "" } : { title: name.slice(0, at), description: name.slice(at + 2) };
}

/**
 * Writes dir (dist/playground/labs): each fixture lab on disk and index.json, each through a temporary name
 * and a rename (other vitest runs build this same dist/ while a server reads it), then removes labs no
 * longer listed. A lab fixtureLabs() names that make-fixtures has not written yet is left out, with a
 * warning: the build goes on.
 */
export async function buildSampleLabs(dir, warn = console.warn) {
  const labs = await fixtureNames();
  mkdirSync(dir, { recursive: true });
  const index = [];
  for (const { file, name } of labs) {
    const from = join(FIXTURE_DIR, file);
    if (!existsSync(from)) {
      warn(
        `build: sample lab test/fixtures/labs/${file} is missing (node build/lab-cli.mjs --run lab/make-fixtures.ts writes it)`,
      );
      continue;
    }
    const bytes = readFileSync(from);
    writeAtomic(join(dir, file), bytes);
    index.push({ file, ...splitName(name), bytes: bytes.length });
  }
  writeAtomic(join(dir, "index.json"), JSON.stringify(index, null, 1) + "\n");
  const kept = new Set(index.map((lab) => lab.file).concat("index.json"));
  for (const old of readdirSync(dir)) if (!kept.has(old) && !old.endsWith(".tmp")) rmSync(join(dir, old));
  return index;
}

function writeAtomic(path, data) {
  writeFileSync(path + "." + process.pid + ".tmp", data);
  renameSync(path + "." + process.pid + ".tmp", path);
}
