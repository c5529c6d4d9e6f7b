// Builds what ships and what the tests and playground load:
//   dist/module/engine.js   the Script Engine file: one ES2016 IIFE plus the
//                           top-level functions PT calls by name
//   dist/module/panel.html  the Custom Interface file: one self-contained page
//   dist/sim/pt-sim.js      the simulator as an ES2016 script (QJSEngine tests)
//   dist/playground/*       the playground page and its worker
import * as esbuild from "esbuild";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkEngineSource, checkQtScript } from "./engine-guard.mjs";
import { precompileHtm } from "./htm-precompile.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = (p) => join(root, "dist", p);
export const manifest = JSON.parse(readFileSync(join(root, "manifest/module.json"), "utf8"));

const ENGINE_GLOBAL = "MailConsoleModule";

/**
 * Engine-internal property names that esbuild shortens, to keep engine.js
 * within its 20 KB budget (npm run bench). mangledNamesAreInternal() refuses
 * any that could be data, and the Qt and browser suites run the mangled bundle.
 */
const MANGLED = [
  "view", "viewId", "ready", "pushedSeq", "pushedEpoch", "lastPushAt", "timer", "host", "subs", "spec", "changesSince",
  "report", "isOpen", "flush", "rescanTimer", "menuUuid", "running", "prefsChanged", "attach", "onMailSent",
  "watchSimulation", "addMenuItem", "byKey", "listener", "watchWorkspace", "inspect", "refresh",
  "nextId", "drops", "dropsForgottenUpTo", "enforceCap", "lanes", "onExternal", "armWatchdog", "clearWatchdog",
  "finish", "remember", "lane", "inFlight", "external", "ended", "queue", "eventsRecorded", "devicesRev", "prefsRev",
  "registry", "outbox", "bridge", "devicesChanged", "deviceInfo", "setSettings", "savePreset", "removeAll", "findByName",
  "setState", "touch", "record", "abandon", "rename", "enqueue", "pump",
  "batching", "watchTopology", "offAll", "smtp", "setCap",
];

/**
 * Fails when a name to mangle could be data: a PT API member, a protocol field,
 * or a quoted string (which could reach it as obj[name]). Object keys are
 * fine: esbuild renames them together with every access by name.
 */
function mangledNamesAreInternal(names) {
  const boundary = ["src/protocol.ts", ...["events", "network", "email", "app-window", "host"].map((f) => `src/pt/${f}.ts`)]
    .map((f) => readFileSync(join(root, f), "utf8")).join("\n");
  const sources = readdirSync(join(root, "src"), { recursive: true }).filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(root, "src", f), "utf8")).join("\n");
  const clash = names.filter((name) => new RegExp(`\\b${name}\\b`).test(boundary) ||
    new RegExp(`["'\`]${name}["'\`]`).test(sources));
  if (clash.length) throw new Error(`build: these names to mangle may also be data (PT API, protocol, or a quoted string): ${clash.join(", ")}`);
}

/** PT calls main, cleanUp and mailConsole by name: declare them as real top-level functions. */
function engineFooter() {
  return manifest.globals
    .map((name) => `function ${name}(){return ${ENGINE_GLOBAL}.${name}.apply(this,arguments)}`)
    .join("\n");
}

async function buildEngine() {
  mangledNamesAreInternal(MANGLED);
  // Checked before minifying, while esbuild's lowering helpers still carry their names.
  const result = await esbuild.build({
    entryPoints: [join(root, "src/main.ts")],
    bundle: true, format: "iife", globalName: ENGINE_GLOBAL, target: "es2016", platform: "neutral",
    write: false, charset: "ascii", legalComments: "none",
    mangleProps: new RegExp(`^(${MANGLED.join("|")})$`), mangleQuoted: false,
    define: { __MODULE_VERSION__: JSON.stringify(manifest.version), __PANEL_URL__: JSON.stringify(manifest.panelUrl) },
  });
  checkEngineSource(result.outputFiles[0].text, "dist/module/engine.js (before minifying)");
  const minified = await esbuild.transform(result.outputFiles[0].text, {
    target: "es2016", minify: true, charset: "ascii", legalComments: "none",
    banner: `/* ${manifest.name} ${manifest.version} (${manifest.id}): Packet Tracer Script Engine file */`,
    footer: engineFooter(),
  });
  checkEngineSource(minified.code, "dist/module/engine.js");
  writeFileSync(out("module/engine.js"), minified.code);
}

/** The panel's sources with their htm templates compiled to h() calls (build/htm-precompile.mjs). */
const precompiledTemplates = {
  name: "htm-precompile",
  setup(b) {
    b.onLoad({ filter: /[\\/]ui[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const compiled = precompileHtm(source, args.path);
      return compiled === null ? { contents: source, loader: "ts" } : { contents: compiled, loader: "js" };
    });
  },
};

async function buildPanel() {
  const result = await esbuild.build({
    entryPoints: [join(root, "ui/main.ts")],
    bundle: true, format: "iife", target: "chrome80", minify: true, write: false, charset: "ascii", legalComments: "none",
    plugins: [precompiledTemplates],
  });
  const css = await esbuild.transform(readFileSync(join(root, "ui/styles.css"), "utf8"), { loader: "css", minify: true, target: "chrome80" });
  const js = result.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1");
  const template = readFileSync(join(root, "ui/index.html"), "utf8");
  const html = template
    .replace("/*STYLE*/", () => css.code.trim())
    .replace("/*SCRIPT*/", () => js.trim())
    .replace("{{VERSION}}", manifest.version);
  writeFileSync(out("module/panel.html"), html);
}

async function buildSimAndPlayground() {
  // The simulator runs in the Qt QJSEngine tests too: the same Qt 5.15 traps apply.
  const sim = await esbuild.build({
    entryPoints: [join(root, "sim/pt-sim.ts")],
    bundle: true, format: "iife", globalName: "PtSim", target: "es2016", write: false, charset: "ascii",
  });
  checkQtScript(sim.outputFiles[0].text, "dist/sim/pt-sim.js");
  writeFileSync(out("sim/pt-sim.js"), sim.outputFiles[0].text);
  await esbuild.build({
    entryPoints: { playground: join(root, "sim/playground/main.ts"), worker: join(root, "sim/playground/worker.ts") },
    bundle: true, format: "iife", target: "chrome100", outdir: out("playground"), charset: "ascii", minify: true,
  });
  for (const f of ["index.html", "playground.css"]) writeFileSync(out("playground/" + f), readFileSync(join(root, "sim/playground", f)));
}

export async function build() {
  const start = performance.now();
  for (const d of ["module", "sim", "playground"]) mkdirSync(out(d), { recursive: true });
  await Promise.all([buildEngine(), buildPanel(), buildSimAndPlayground()]);
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
