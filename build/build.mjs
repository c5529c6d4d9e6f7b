// Builds what ships and what the tests and playground load:
//   dist/module/engine.js   the Script Engine file: one ES2016 IIFE plus the
//                           top-level functions PT calls by name
//   dist/module/panel.html  the Custom Interface file: one self-contained page
//   dist/sim/pt-sim.js      the simulator as an ES2016 script (QJSEngine tests)
//   dist/playground/*       the playground page and its worker
//   dist/playground/labs/*  its Sample labs: the fixture labs and index.json (sample-labs.mjs)
// The module's file names, globals, version and panel URL come from
// manifest/module.json (scriptEngine[0], customInterfaces[0], globals, ...).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";
import * as esbuild from "esbuild";
import { checkEngineSource, checkQtScript } from "./engine-guard.mjs";
import { checkPanelScript, checkPanelStyles, panelGuardError } from "./panel-guard.mjs";
import { buildSampleLabs } from "./sample-labs.mjs";
import { PANEL_FLOOR } from "./webview-floor.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function readManifest() {
  return JSON.parse(readFileSync(join(root, "manifest/module.json"), "utf8"));
}

const ENGINE_GLOBAL = "MailConsoleModule";

/** PT calls the manifest's globals (main, cleanUp, the panel's entry) by name: declare them as real top-level functions. */
function engineFooter(manifest) {
  return manifest.globals
    .map((name) => `function ${name}(){return ${ENGINE_GLOBAL}.${name}.apply(this,arguments)}`)
    .join("\n");
}

async function buildEngine(manifest, out) {
  const file = manifest.scriptEngine[0];
  // Checked before minifying, while esbuild's lowering helpers still carry their names.
  const result = await esbuild.build({
    entryPoints: [join(root, "src/main.ts")],
    bundle: true,
    format: "iife",
    globalName: ENGINE_GLOBAL,
    target: "es2016",
    platform: "neutral",
    write: false,
    charset: "ascii",
    legalComments: "none",
    define: { __MODULE_VERSION__: JSON.stringify(manifest.version), __PANEL_URL__: JSON.stringify(manifest.panelUrl) },
  });
  // Loading the bundle only defines things, so it can be evaluated here to see what it exports.
  const exported = runInNewContext(`${result.outputFiles[0].text};${ENGINE_GLOBAL}`, {});
  const missing = manifest.globals.filter((name) => typeof exported[name] !== "function");
  if (missing.length)
    throw new Error(`build: manifest/module.json names globals src/main.ts does not export: ${missing.join(", ")}`);
  checkEngineSource(result.outputFiles[0].text, `${file} (before minifying)`);
  const minified = await esbuild.transform(result.outputFiles[0].text, {
    target: "es2016",
    minify: true,
    charset: "ascii",
    legalComments: "none",
    banner: `/* ${manifest.name} ${manifest.version} (${manifest.id}): Packet Tracer Script Engine file */`,
    footer: engineFooter(manifest),
  });
  checkEngineSource(minified.code, file);
  writeFileSync(out("module/" + file), minified.code);
}

/** The panel's script and its source map (in memory: the panel guard maps findings back to ui/ and node_modules/). */
export async function bundlePanelScript(target = PANEL_FLOOR.esbuildTarget) {
  const result = await esbuild.build({
    entryPoints: [join(root, "ui/main.ts")],
    bundle: true,
    format: "iife",
    target,
    minify: true,
    write: false,
    charset: "ascii",
    legalComments: "none",
    sourcemap: "external",
    outfile: join(root, "dist/module/panel.js"),
  });
  const script = result.outputFiles.find((f) => f.path.endsWith(".js")).text;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith(".map")).text);
  return { script: script.replace(/\/\/# sourceMappingURL=.*\s*$/, ""), map };
}

async function buildPanel(manifest, out) {
  const { script, map } = await bundlePanelScript();
  const cssSource = readFileSync(join(root, "ui/styles.css"), "utf8");
  const css = await esbuild.transform(cssSource, { loader: "css", minify: true, target: PANEL_FLOOR.esbuildTarget });
  const file = manifest.customInterfaces[0];
  const problem = panelGuardError(
    [...checkPanelScript(script, map), ...checkPanelStyles(cssSource, "ui/styles.css")],
    file,
  );
  if (problem) throw new Error(problem);
  const js = script.replace(/<\/(script)/gi, "<\\/$1");
  const template = readFileSync(join(root, "ui/index.html"), "utf8");
  const html = template
    .replace("/*STYLE*/", () => css.code.trim())
    .replace("/*SCRIPT*/", () => js.trim())
    .replace("{{VERSION}}", manifest.version);
  writeFileSync(out("module/" + file), html);
}

/**
 * An IIFE bundle defines its exports' getters (`World: () => World`) above every module; Qt 6 warns "Variable World
 * is used before its declaration" at each one that names a class or a value. The getters run only after the bundle
 * has loaded, so they move below the modules, where nothing is named before its declaration.
 */
function exportsLast(code, exportsName) {
  const getters = new RegExp(`\\n  __export\\(${exportsName}, \\{\\n[^]*?\\n  \\}\\);\\n`).exec(code);
  const end = code.lastIndexOf(`\n  return __toCommonJS(${exportsName});`);
  if (!getters || end < getters.index) throw new Error(`build: no export getters of ${exportsName} to move`);
  const rest = code.slice(getters.index + getters[0].length);
  const tail = end - getters.index - getters[0].length;
  return code.slice(0, getters.index + 1) + rest.slice(0, tail) + getters[0].trimEnd() + rest.slice(tail);
}

async function buildSimAndPlayground(out) {
  // The simulator runs in the Qt QJSEngine tests too: the same Qt 5.15 traps apply.
  const sim = await esbuild.build({
    entryPoints: [join(root, "sim/pt-sim.ts")],
    bundle: true,
    format: "iife",
    globalName: "PtSim",
    target: "es2016",
    write: false,
    charset: "ascii",
  });
  const simCode = exportsLast(sim.outputFiles[0].text, "pt_sim_exports");
  checkQtScript(simCode, "dist/sim/pt-sim.js");
  writeFileSync(out("sim/pt-sim.js"), simCode);
  await esbuild.build({
    entryPoints: { playground: join(root, "playground/main.ts"), worker: join(root, "playground/worker.ts") },
    bundle: true,
    format: "iife",
    target: "chrome100",
    outdir: out("playground"),
    charset: "ascii",
    minify: true,
  });
  for (const f of ["index.html", "playground.css"])
    writeFileSync(out("playground/" + f), readFileSync(join(root, "playground", f)));
}

/** Builds into outDir (dist/ by default) from a manifest (manifest/module.json by default); answers the ms it took. */
export async function build(options = {}) {
  const manifest = options.manifest || readManifest();
  const outDir = options.outDir || join(root, "dist");
  const out = (p) => join(outDir, p);
  const start = performance.now();
  for (const d of ["module", "sim", "playground"]) mkdirSync(out(d), { recursive: true });
  const parts = [buildEngine(manifest, out), buildPanel(manifest, out)];
  if (!options.moduleOnly) parts.push(buildSimAndPlayground(out), buildSampleLabs(out("playground/labs")));
  await Promise.all(parts);
  writeFileSync(out("module/module.json"), JSON.stringify(manifest, null, 2) + "\n");
  return performance.now() - start;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().then(
    (ms) => console.log(`built dist/module (engine.js, panel.html), dist/sim, dist/playground in ${Math.round(ms)} ms`),
    (e) => {
      console.error(e.message || e);
      process.exit(1);
    },
  );
}
