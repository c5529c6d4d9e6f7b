// npm run bench: figures, not tests. Prints a table, or with --json one JSON
// object; with --readme it also rewrites README.md's figures table (between
// its bench:figures markers). Each figure is a median over repeated runs;
// ratios are against a baseline measured in the same run (naivePushes: the
// push interval at 0, so every change is pushed, against burstPushes at the
// shipped 50 ms), memory against the same thing empty. Every wait is bounded:
// an event that never shows is counted as lost, a group of figures that fails
// is reported as not measured, and the others still run.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { matrixRenderMs } from "./bench/matrix-render.mjs";
import { matrixFigures } from "./bench-matrix.mjs";
import { CHROMIUM } from "./chromium.mjs";
import { qjsHost } from "./qjs-host.mjs";
import { startServer } from "./serve.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const p95 = (xs) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const cache = join(root, "node_modules/.cache/mail-console-bench");

/** Groups of figures that failed, by name: reported, not thrown, so one broken group leaves the others. */
const failed = {};
async function attempt(name, measure) {
  try {
    return await measure();
  } catch (e) {
    failed[name] = String(e?.message || e).split("\n")[0];
    console.error(`bench: ${name} not measured: ${failed[name]}`);
    return {};
  }
}

/** `promise`, or a rejection naming `what` after `ms`: a wait that never ends becomes a failure. */
function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function buildMs() {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    // A cold build: a fresh node process each time, as `npm run build` does.
    const t = performance.now();
    execFileSync(process.execPath, [join(root, "build/build.mjs")], { stdio: "ignore" });
    runs.push(performance.now() - t);
  }
  return median(runs);
}

/** The burst runs the engine (src/) on the simulator in this process, bundled for Node. */
async function burst(pushIntervalMs) {
  const out = await esbuild.build({
    stdin: {
      contents: `
        export { Engine } from "./src/engine";
        export { PanelStore } from "./ui/store";
        export { VirtualClock } from "./sim/clock";
        export { World } from "./sim/world";
        export { classroom } from "./sim/scenarios/classroom";
        export { decodeChanges } from "./src/wire";`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
  });
  const m = await import("data:text/javascript;base64," + Buffer.from(out.outputFiles[0].text).toString("base64"));
  const clock = new m.VirtualClock();
  const world = new m.World({ clock });
  world.load(m.classroom());
  const store = new m.PanelStore();
  let recorded = 0;
  world.webViewManager.onEvaluate = (_v, js) => {
    // Pushes travel encoded (src/wire.ts), and the panel decodes them as ui/main.ts does.
    new Function("window", js)({ mailConsolePush: (p) => store.apply(m.decodeChanges(p)) });
  };
  const engine = new m.Engine(world.host(), { pushIntervalMs });
  engine.start();
  engine.request({ type: "saveSettings", settings: { cap: 20000 } });
  store.apply(engine.request({ type: "openPanel" }).value);
  const pushesBefore = world.webViewManager.evaluated;
  const smtp = world.device("PC-Teacher").email.smtp;
  const N = 10000;
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    smtp.emit("mailSent", { dest: `s${i}@alpha.edu`, subject: "Burst " + i, body: "", responseType: 2 });
    clock.advance(i % 1000 === 999 ? 5 : 0); // 10,000 events over 50 ms of PT time; due timers run between events
  }
  // Bounded: 10 s of PT time after the burst; what has not arrived by then is counted as lost.
  for (let wait = 0; store.mails.length < N && wait < 1000; wait++) clock.advance(10);
  const ms = performance.now() - t;
  for (const mail of store.mails) recorded += mail.events.filter((e) => e.code !== null).length;
  const pushes = world.webViewManager.evaluated - pushesBefore;
  engine.stop();
  return { events: N, recorded, pushes, ms };
}

async function browserFigures() {
  const server = await startServer(0);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const wire = await wireScript();
    const figures = {
      ...(await attempt("filterMs", () => within(300000, "filterMs", filterFigures(browser, server.url, wire)))),
      ...(await attempt("panelHeap", () => within(300000, "panelHeap", panelHeap(browser, server.url, wire)))),
    };
    const probes = await attempt("eventToScreenMs", async () => {
      const idle = await within(300000, "eventToScreenMs", eventToScreen(browser, server.url, 60));
      const busy = await within(300000, "eventToScreenMs", eventToScreen(browser, server.url, 10));
      return {
        eventToScreenMs: round(median(idle.dom), 2),
        eventToScreenP95Ms: round(p95(idle.dom), 2),
        eventToLayoutMs: round(median(idle.layout), 2),
        eventToLayoutP95Ms: round(p95(idle.layout), 2),
        eventToFrameMs: round(median(idle.frame), 2),
        // Events 10 ms apart fall inside the 50 ms push window: they wait for the next push.
        eventToScreenInWindowMs: round(median(busy.dom), 2),
        eventToScreenInWindowP95Ms: round(p95(busy.dom), 2),
        eventToLayoutInWindowMs: round(median(busy.layout), 2),
        eventToLayoutInWindowP95Ms: round(p95(busy.layout), 2),
        eventToFrameInWindowP95Ms: round(p95(busy.frame), 2),
        eventToScreenLost: idle.lost + busy.lost,
      };
    });
    Object.assign(figures, probes);
    // build/bench/matrix-render.mjs: the Lab check's 40 × 40 grid, to layout (issue 13).
    const grid = await attempt("matrixRenderMs", async () => ({
      matrixRenderMs: round(await within(120000, "matrixRenderMs", matrixRenderMs(browser, server.url)), 2),
    }));
    return Object.assign(figures, grid);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** src/wire.ts as a page script (window.MailWire), so a stand-in engine answers in the wire format the panel decodes. */
async function wireScript() {
  const out = await esbuild.build({
    entryPoints: [join(root, "src/wire.ts")],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "MailWire",
    logLevel: "silent",
  });
  // Playwright may wrap an init script in a function: the global is set explicitly.
  return out.outputFiles[0].text + ";window.MailWire = MailWire;";
}

/**
 * In the page: a stand-in $se holding `rows` mails (a tenth failed, 1 in 7
 * with "needle" in the body). Each answer is built when asked and not kept, so
 * the page's heap holds only what the panel keeps.
 */
function standInEngine(rows) {
  const at = 1767225600000;
  const mailsOf = (n) => {
    const mails = [];
    for (let i = 1; i <= n; i++) {
      mails.push({
        id: i,
        rev: i,
        origin: "console",
        group: i,
        file: 1,
        deviceKey: "k" + (i % 9),
        device: "PC-" + (i % 9),
        from: "teacher@alpha.edu",
        to: `student${i}@alpha.edu`,
        subject: "Lab " + (i % 50),
        body: "Exercise " + i + (i % 7 ? "" : " needle"),
        server: "mail.alpha.edu",
        state: i % 3 ? "delivered" : "failed",
        code: i % 3 ? 2 : 6,
        queuedAt: at + i,
        updatedAt: at + i,
        events: [
          { at: at + i, code: 1 },
          { at: at + 1 + i, code: i % 3 ? 2 : 6 },
        ],
      });
    }
    return mails;
  };
  const status = { simulationMode: false, version: "bench" };
  const changes = (full) => ({
    epoch: 1,
    seq: rows,
    mails: full ? mailsOf(rows) : [],
    full,
    droppedIds: [],
    dropped: 0,
    sent: rows,
    file: 1,
    devices: full ? [] : undefined,
    presets: full ? {} : undefined,
    status,
  });
  const wire = window.MailWire.encodeChanges;
  window.$se = (_name, req) => Promise.resolve({ ok: true, value: wire(changes(req.type === "openPanel")) });
}

/** The built panel alone with `rows` mails (standInEngine), its log shown. */
async function panelAlone(browser, url, wire, rows) {
  const page = await browser.newPage({ viewport: { width: 420, height: 560 } });
  await page.addInitScript({ content: wire });
  await page.addInitScript(standInEngine, rows);
  await page.goto(url + "module/panel.html");
  await page.getByLabel("Counters").getByText(`Sent ${rows}`).waitFor({ timeout: 60000 });
  return page;
}

/**
 * 10,000 rows searched and filtered: filterMs to the DOM change (a macrotask
 * after Preact's microtask render), filterToLayoutMs on to layout (reading
 * offsetHeight makes Chromium lay the page out then, unless the panel already
 * did), filterToFrameMs on to the end of the next animation frame, which shows
 * it. Each change waits for the previous one's frame.
 */
async function filterFigures(browser, url, wire) {
  const page = await panelAlone(browser, url, wire, 10000);
  const runs = await page.evaluate(async () => {
    const search = document.querySelector('input[type="search"]');
    const outcome = [...document.querySelectorAll("select")].find(
      (s) => s.previousSibling && /Outcome/.test(s.parentElement.textContent),
    );
    // MessageChannel, since nested setTimeouts are clamped to 4 ms.
    const channel = new MessageChannel();
    const settle = () =>
      new Promise((r) => {
        channel.port1.onmessage = () => r();
        channel.port2.postMessage(0);
      });
    // A task queued in the next animation frame runs once that frame is rendered.
    const afterFrame = () =>
      new Promise((r) =>
        requestAnimationFrame(() => {
          const c = new MessageChannel();
          c.port1.onmessage = () => r();
          c.port2.postMessage(0);
        }),
      );
    const dom = [],
      layout = [],
      frame = [];
    const time = async (change) => {
      const t = performance.now();
      change();
      await settle();
      const toDom = performance.now() - t;
      const height = document.body.offsetHeight;
      const toLayout = height >= 0 ? performance.now() - t : Number.NaN;
      await afterFrame();
      dom.push(toDom);
      layout.push(toLayout);
      frame.push(performance.now() - t);
    };
    const queries = ["needle", "student99", "lab 4", "", "exercise 12", "zzz-nothing", "alpha", "Lab 1"];
    // Round 0 warms up (JIT, the per-row search text cache) and is not counted.
    for (let round = 0; round < 7; round++) {
      if (round === 1) {
        dom.length = 0;
        layout.length = 0;
        frame.length = 0;
      }
      for (const q of queries)
        await time(() => {
          search.value = q;
          search.dispatchEvent(new Event("input", { bubbles: true }));
        });
      for (const v of ["failed", "delivered", "all"])
        await time(() => {
          outcome.value = v;
          outcome.dispatchEvent(new Event("change", { bubbles: true }));
        });
    }
    return { dom, layout, frame };
  });
  await page.close();
  if (process.env.BENCH_DEBUG) console.error("filter runs", runs.dom.map((x) => x.toFixed(1)).join(" "));
  return {
    filterMs: round(median(runs.dom), 2),
    filterToLayoutMs: round(median(runs.layout), 2),
    filterToFrameMs: round(median(runs.frame), 2),
  };
}

/**
 * The panel's JS heap with 10,000 rows against the same panel empty (the
 * floor), after a full collection each (CDP Runtime.getHeapUsage), 3 times.
 */
async function panelHeap(browser, url, wire) {
  const used = async (rows) => {
    const page = await panelAlone(browser, url, wire, rows);
    try {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    } finally {
      await page.close();
    }
  };
  const empty = [],
    full = [];
  for (let i = 0; i < 3; i++) {
    empty.push(await used(0));
    full.push(await used(10000));
  }
  return {
    panelHeapEmptyBytes: median(empty),
    panelHeapBytesPerRow: round((median(full) - median(empty)) / 10000),
  };
}

/**
 * From a mailSent in the worker to its row in the panel's DOM (dom), on to
 * layout (layout) and to the end of the next animation frame (frame), for 50
 * probes `gapMs` apart; a probe whose row has not shown after 3 s is lost.
 */
async function eventToScreen(browser, url, gapMs) {
  const page = await browser.newPage();
  await page.goto(url);
  const panel = await (await page.waitForSelector("#webview-body iframe")).contentFrame();
  await panel.getByRole("status", { name: "Connection: Live" }).waitFor({ timeout: 60000 });
  const dom = [],
    layout = [],
    frame = [];
  let lost = 0;
  for (let i = 0; i < 50; i++) {
    const probe = await page.evaluate(
      (n) =>
        new Promise((resolve) => {
          const doc = document.querySelector("#webview-body iframe").contentDocument;
          const dest = `probe${n}@alpha.edu`;
          const t = performance.now();
          const obs = new MutationObserver(() => {
            if (doc.body.textContent.includes(dest)) {
              const toDom = performance.now() - t;
              obs.disconnect();
              clearTimeout(timer);
              const height = doc.body.offsetHeight;
              const toLayout = height >= 0 ? performance.now() - t : Number.NaN;
              // A task queued in the next animation frame runs once that frame is rendered.
              requestAnimationFrame(() => {
                const c = new MessageChannel();
                c.port1.onmessage = () => resolve({ dom: toDom, layout: toLayout, frame: performance.now() - t });
                c.port2.postMessage(0);
              });
            }
          });
          const timer = setTimeout(() => {
            obs.disconnect();
            resolve(null);
          }, 3000);
          obs.observe(doc.body, { childList: true, subtree: true, characterData: true });
          window.playground.act({
            type: "emit",
            device: "PC-Alice",
            args: { dest, subject: "probe", body: "", responseType: 2 },
          });
        }),
      i,
    );
    if (probe) {
      dom.push(probe.dom);
      layout.push(probe.layout);
      frame.push(probe.frame);
    } else lost++;
    await page.waitForTimeout(gapMs);
  }
  await page.close();
  return { dom, layout, frame, lost };
}

const QT_SCRIPTS = ["dist/sim/pt-sim.js", "test/qjs/scripts/setup.js", "dist/module/engine.js"].map((f) =>
  join(root, f),
);
const ENGINE_QJS = join(root, "build/bench/engine-qjs.js");

/** The shipped engine.js in Qt 5.15 and Qt 6 QJSEngine (build/bench/engine-qjs.js). */
function engineInQt() {
  const figures = {};
  for (const flavour of ["qt5", "qt6"]) {
    const out = execFileSync(qjsHost(flavour), QT_SCRIPTS.concat([ENGINE_QJS]), { encoding: "utf8", timeout: 600000 });
    const line = out.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`bench: no result from the ${flavour} host:\n${out.slice(0, 2000)}`);
    const r = JSON.parse(line.slice(7));
    for (const cap of Object.keys(r.capEventRatio))
      figures[`${flavour}.capEventRatio@${cap}`] = round(r.capEventRatio[cap].ratio, 2);
    figures[`${flavour}.pushRatio`] = round(r.pushRatio.ratio, 2);
    const calls = r.longestEngineCallMs;
    figures[`${flavour}.longestEngineCallMs`] = Math.max(calls.event, calls.pull, calls.catchUpChunk, calls.cleanUp);
    figures[`${flavour}.cleanUpMs@1000`] = r.cleanUpMs.ms;
    figures[`${flavour}.cleanUpRatio`] = round(r.cleanUpMs.ratio, 2);
    figures.bytesPerMail = r.bytesPerMail.bytes;
    figures.bytesPerMailLater = r.bytesPerMail.laterBytes;
    figures.deviceAddCalls = r.deviceAddCalls;
  }
  return figures;
}

/**
 * The engine's heap per log entry in each Qt host: build/bench/engine-qjs.js
 * with BENCH_HEAP_ENTRIES, the log empty and then holding that many ended
 * mails, 3 runs. Qt's GC statistics (QV4_MM_STATS, the qt.qml.gc logging
 * rules; the host prints Qt's messages on stdout, in order with the script's)
 * give, after each collection, the memory in use and the heap items marked.
 * Strings keep their characters outside that heap, so the resident memory of
 * the process is read too while each phase holds still.
 */
async function engineHeap(entries = 10000) {
  const figures = {};
  for (const flavour of ["qt5", "qt6"]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await heapRun(flavour, entries));
    const per = (f) => round(median(runs.map((r) => (f(r.full) - f(r.empty)) / entries)));
    figures[`${flavour}.engineHeapBytesPerEntry`] = per((p) => p.used + p.large);
    figures[`${flavour}.engineHeapItemsPerEntry`] = round(
      median(runs.map((r) => (r.full.marked - r.empty.marked) / entries)),
      2,
    );
    figures[`${flavour}.engineRssBytesPerEntry`] = per((p) => p.rss);
  }
  return figures;
}

function heapRun(flavour, entries) {
  mkdirSync(cache, { recursive: true });
  const count = join(cache, "engine-heap-entries.js");
  writeFileSync(count, `var BENCH_HEAP_ENTRIES = ${entries};\n`);
  const env = { ...process.env, QV4_MM_STATS: "1", QT_LOGGING_RULES: "qt.qml.gc.*=true" };
  const child = spawn(qjsHost(flavour), QT_SCRIPTS.concat([count, ENGINE_QJS]), { env });
  const phases = {};
  let phase = null,
    chunks = 0,
    heldIn = -1,
    gc = null,
    result = null,
    rest = "";
  const line = (text) => {
    const mark = /^HEAP (\w+) (collect|hold|done)/.exec(text);
    if (mark) {
      phase = mark[2] === "done" ? null : mark[1];
      if (mark[2] === "collect") phases[phase] = { gcs: [], rss: null };
      // The script allocates nothing while it holds: its resident memory now is the phase's,
      // unless its end came in the same chunk (read too late: not measured).
      if (mark[2] === "hold") phases[phase].rss = residentBytes(child.pid);
      if (mark[2] === "done" && heldIn === chunks) phases[mark[1]].rss = null;
      if (mark[2] === "hold") heldIn = chunks;
      return;
    }
    if (/^=+ GC =+/.test(text)) gc = {};
    const n = (re) => Number((re.exec(text) || [])[1]);
    if (gc && /objects marked/.test(text)) gc.marked = n(/(\d+) objects marked/);
    if (gc && /Used memory after GC/.test(text)) gc.used = n(/(\d+)/);
    if (gc && /Large item memory after GC/.test(text)) gc.large = n(/(\d+)/);
    if (gc && /End GC/.test(text)) {
      if (phase && phases[phase]) phases[phase].gcs.push(gc);
      gc = null;
    }
    if (text.startsWith("RESULT ")) result = JSON.parse(text.slice(7));
  };
  return within(
    300000,
    `engine heap (${flavour})`,
    new Promise((resolve, reject) => {
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk) => {
        chunks++;
        const lines = (rest + chunk).split("\n");
        rest = lines.pop();
        for (const l of lines) line(l);
      });
      child.on("error", reject);
      child.on("close", (code) => {
        if (rest) line(rest);
        const leanest = (p) => {
          // The collection that left the least: the log and the engine, with the least garbage in flight.
          const g = p?.gcs.slice().sort((a, b) => a.used + a.large - (b.used + b.large))[0];
          return g && p.rss ? { used: g.used, large: g.large || 0, marked: g.marked, rss: p.rss } : null;
        };
        const empty = leanest(phases.empty),
          full = leanest(phases.full);
        if (code !== 0 || !result || result.held !== entries || !empty || !full)
          reject(new Error(`engine heap (${flavour}): exit ${code}, ${JSON.stringify({ result, empty, full })}`));
        else resolve({ empty, full });
      });
    }),
  ).finally(() => child.kill());
}

/** A process's resident memory (Linux), or null. */
function residentBytes(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Opening a saved lab of about 1 MB of XML in Node (lab/bench.ts): decode, import, peak memory over XML size. */
const BENCH_LAB = join(tmpdir(), "mail-console-bench-lab.pkt");

function labFigures() {
  const args = [join(root, "build/lab-cli.mjs"), "--run", "lab/bench.ts", "--json", "--keep", BENCH_LAB];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", cwd: root, timeout: 300000 });
  const r = JSON.parse(out.trim().split("\n").pop());
  return { labDecodeMs: r.labDecodeMs, labImportMs: r.labImportMs, labPeakMemoryRatio: r.labPeakMemoryRatio };
}

/** The same lab decoded (Compression Streams) and imported in Chromium, from the same lab/ source. */
async function labInChromium(browser) {
  const bundle = await esbuild.build({
    stdin: {
      contents:
        "export { decodeLabAsync } from './lab/codec/lab-file'; export { webZlib } from './lab/codec/zlib-web'; export { importLab } from './lab/import/import-lab';",
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    globalName: "LabCodec",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const base64 = readFileSync(BENCH_LAB).toString("base64");
  const runs = await page.evaluate(async (b64) => {
    const file = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const { decodeLabAsync, webZlib, importLab } = window.LabCodec;
    const decode = [],
      load = [];
    for (let i = 0; i < 7; i++) {
      let t = performance.now();
      const lab = await decodeLabAsync(file, webZlib);
      decode.push(performance.now() - t);
      t = performance.now();
      importLab(lab.xml, lab.kind);
      load.push(performance.now() - t);
    }
    return { decode, load };
  }, base64);
  await page.close();
  return { labDecodeMsChromium: round(median(runs.decode)), labImportMsChromium: round(median(runs.load)) };
}

async function labChromiumFigures() {
  const browser = await chromium.launch(CHROMIUM);
  try {
    return await labInChromium(browser);
  } finally {
    await browser.close();
  }
}

const QT = { qt5: "Qt 5.15", qt6: "Qt 6" };
const perQt = (key, what, target) => Object.keys(QT).map((q) => [`${q}.${key}`, `${what}, ${QT[q]}`, target]);

/**
 * Every figure of the table and of README.md, in order: its key (as --json
 * names it), what it is, and its target ([op, limit], a limit naming another
 * figure; null: reported, no target).
 */
// biome-ignore format: a table reads best one figure per line
const FIGURES = [
  ["buildMs", "cold `npm run build`, 5 runs", ["<=", 1000]],
  // 12 KB before the mail model and the IPC lab reader shipped in the engine (issues 11-13): the model alone is 11 KB.
  ["engineGzipBytes", "engine.js gzipped, with the mail model and the lab reader", ["<=", 32768]],
  ["engineBytes", "engine.js", null],
  // 20 KB before the Lab check, Check and the lab-specific explanations (issues 12, 13) joined the panel;
  // 24 KB before the Lab check's grid (1.4 KB) and the wire decoder (0.5 KB, issue 16).
  ["panelGzipBytes", "panel.html gzipped", ["<=", 26624]],
  ["panelBytes", "panel.html", null],
  ["burstRecorded", "10,000-event burst (Node): events recorded", ["=", "burstEvents"]],
  ["burstPushes", "10,000-event burst: pushes", null],
  ["burstMs", "10,000-event burst: ms", null],
  ["naivePushes", "the same burst with the push interval at 0 (the floor)", null],
  ["batchingRatio", "batching ratio: naivePushes ÷ burstPushes", [">=", 50]],
  ...perQt("capEventRatio@1000", "one event at a full log ÷ just below, cap 1,000", ["<=", 2]),
  ...perQt("capEventRatio@5000", "the same at 5,000", ["<=", 2]),
  ...perQt("capEventRatio@100000", "the same at 100,000", ["<=", 2]),
  ...perQt("pushRatio", "a one-change pull at 100,000 rows ÷ stringifying that change", ["<=", 3]),
  ...perQt("longestEngineCallMs", "longest call at 100,000 rows (each of 100,000 events, pull, catch-up chunk, cleanUp)", ["<=", 50]),
  ...perQt("cleanUpMs@1000", "cleanUp at 1,000 devices, ms", null),
  ...perQt("cleanUpRatio", "cleanUp at 1,000 devices ÷ unregistering their handlers", ["<=", 5]),
  ["deviceAddCalls", "getProcess calls while 300 devices are added one by one", ["<=", 300]],
  ["bytesPerMail", "a typical mail with its verdict, as the engine's answer carries it", ["<=", 250]],
  ["bytesPerMailLater", "the same mail an hour into a session, as mail 5,001 (more digits)", null],
  ...perQt("engineHeapBytesPerEntry", "engine heap after GC per log entry (10,000 ended mails ÷ the empty log)", null),
  ...perQt("engineHeapItemsPerEntry", "heap items marked per log entry", null),
  ...perQt("engineRssBytesPerEntry", "process memory per log entry, string contents included", null),
  ...perQt("matrixMs", "40 × 40 delivery matrix (`build/bench-matrix.mjs`)", ["<=", 100]),
  ...perQt("matrixBaselineMs", "the same 1,600 pairs by decideFate alone", null),
  ["filterMs", "10,000 rows, a search or filter to the DOM (Chromium)", ["<=", 10]],
  ["filterToLayoutMs", "the same, to layout", ["<=", 10]],
  ["filterToFrameMs", "the same, to the end of the next animation frame", null],
  ["panelHeapBytesPerRow", "panel JS heap per row (10,000 rows ÷ the empty panel)", null],
  ["panelHeapEmptyBytes", "panel JS heap, empty (the floor)", null],
  ["eventToScreenMs", "a mailSent to its row in the DOM (playground, probes 60 ms apart)", ["<=", 50]],
  ["eventToScreenP95Ms", "the same, p95", null],
  ["eventToLayoutMs", "a mailSent to its row laid out", ["<=", 50]],
  ["eventToLayoutP95Ms", "the same, p95", null],
  ["eventToFrameMs", "a mailSent to the end of the next animation frame after its row", null],
  ["eventToScreenInWindowMs", "to the DOM, probes 10 ms apart (inside the 50 ms push window)", null],
  ["eventToScreenInWindowP95Ms", "the same, p95", ["<=", 100]],
  ["eventToLayoutInWindowMs", "to layout, probes 10 ms apart", null],
  ["eventToLayoutInWindowP95Ms", "the same, p95", ["<=", 100]],
  ["eventToFrameInWindowP95Ms", "to the end of the next frame, probes 10 ms apart, p95", null],
  ["eventToScreenLost", "probes whose row did not show within 3 s", ["=", 0]],
  ["matrixRenderMs", "the Lab check's 40 × 40 grid to layout (Chromium)", ["<=", 50]],
  ["labDecodeMs", "decode a 1 MB lab (Node)", ["<=", 150]],
  ["labImportMs", "import it (Node)", ["<=", 150]],
  ["labDecodeMsChromium", "decode it in Chromium", ["<=", 150]],
  ["labImportMsChromium", "import it in Chromium", ["<=", 150]],
  ["labPeakMemoryRatio", "peak memory ÷ XML size while opening it", ["<=", 10]],
];

/** [key, what, value, target text, "met" / "missed" / ""] for every figure. */
function verdicts(figures) {
  return FIGURES.map(([key, what, target]) => {
    const value = figures[key];
    const measured = typeof value === "number" && Number.isFinite(value);
    if (!target) return [key, what, measured ? value : null, "", ""];
    const [op, limit] = target;
    const lim = typeof limit === "string" ? figures[limit] : limit;
    const ok = !measured ? false : op === "<=" ? value <= lim : op === ">=" ? value >= lim : value === lim;
    const shown = typeof limit === "string" ? `${limit} (${number(lim)})` : number(lim);
    return [
      key,
      what,
      measured ? value : null,
      `${op === "=" ? "=" : op === "<=" ? "≤" : "≥"} ${shown}`,
      ok ? "met" : "missed",
    ];
  });
}

const number = (x) =>
  typeof x === "number" && Number.isFinite(x)
    ? x.toLocaleString("en-US", { maximumFractionDigits: 2 })
    : "not measured";

function printTable(figures) {
  const rows = verdicts(figures).map(([key, , value, target, met]) => [key, number(value), target, met.toUpperCase()]);
  const w0 = Math.max(...rows.map((r) => r[0].length)),
    w1 = Math.max(...rows.map((r) => r[1].length)),
    w2 = Math.max(...rows.map((r) => r[2].length));
  console.log("figure".padEnd(w0) + "  " + "median".padStart(w1) + "  " + "target".padEnd(w2) + "  ");
  for (const [k, v, t, m] of rows) console.log(k.padEnd(w0) + "  " + v.padStart(w1) + "  " + t.padEnd(w2) + "  " + m);
  for (const name of Object.keys(failed)) console.log(`not measured: ${name}: ${failed[name]}`);
}

const README = join(root, "README.md");
// Other work on the machine makes every figure noisier: the table says how busy it was.
const startLoad = loadavg()[0];
const BEGIN = "<!-- bench:figures: written by `npm run bench -- --readme`; edit build/bench.mjs, not this table -->";
const END = "<!-- /bench:figures -->";

/** README.md's figures table, between its markers, from this run. */
function writeReadme(figures) {
  const text = readFileSync(README, "utf8");
  const from = text.indexOf(BEGIN),
    to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error("README.md has no bench:figures markers");
  const cpu = cpus();
  const machine = `${cpu.length} cores (${cpu[0] ? cpu[0].model.trim() : "unknown CPU"}), load average ${startLoad.toFixed(1)} at the start`;
  const lines = [
    BEGIN,
    "",
    `On ${machine}, ${new Date().toISOString().slice(0, 10)}:`,
    "",
    "| figure | median | target | met |",
    "|---|---|---|---|",
    ...verdicts(figures).map(
      ([key, what, value, target, met]) =>
        `| \`${key}\`: ${what} | ${number(value)} | ${target || "—"} | ${met || "—"} |`,
    ),
  ];
  for (const name of Object.keys(failed)) lines.push("", `Not measured: ${name} (${failed[name]}).`);
  lines.push("");
  writeFileSync(README, text.slice(0, from) + lines.join("\n") + "\n" + text.slice(to));
}

async function main() {
  const argv = process.argv.slice(2);
  execFileSync(process.execPath, [join(root, "build/build.mjs")], { stdio: "ignore" });
  const engine = readFileSync(join(root, "dist/module/engine.js"));
  const panel = readFileSync(join(root, "dist/module/panel.html"));
  const bursts = await attempt("burst", async () => {
    const batched = [],
      naive = [];
    for (let i = 0; i < 3; i++) batched.push(await burst(50));
    for (let i = 0; i < 3; i++) naive.push(await burst(0));
    const b = {
      burstEvents: batched[0].events,
      burstRecorded: median(batched.map((x) => x.recorded)),
      burstPushes: median(batched.map((x) => x.pushes)),
      burstMs: round(median(batched.map((x) => x.ms))),
      naivePushes: median(naive.map((x) => x.pushes)),
    };
    return { ...b, batchingRatio: round(b.naivePushes / b.burstPushes) };
  });
  const figures = {
    buildMs: round(buildMs()),
    engineBytes: engine.length,
    engineGzipBytes: gzipSync(engine, { level: 9 }).length,
    panelBytes: panel.length,
    panelGzipBytes: gzipSync(panel, { level: 9 }).length,
    ...bursts,
    ...(await browserFigures()),
    ...(await attempt("engine in Qt", async () => engineInQt())),
    ...(await attempt("engine heap", () => engineHeap(10000))),
  };
  for (const q of Object.keys(QT))
    Object.assign(
      figures,
      await attempt(`matrixMs (${QT[q]})`, async () => {
        const r = await matrixFigures(q, 7);
        return { [`${q}.matrixMs`]: r.matrixMs, [`${q}.matrixBaselineMs`]: r.baselineMs };
      }),
    );
  Object.assign(figures, await attempt("lab figures", async () => labFigures()));
  Object.assign(figures, await attempt("lab figures in Chromium", () => labChromiumFigures()));
  if (Object.keys(failed).length) figures.failed = failed;
  if (argv.includes("--json")) console.log(JSON.stringify(figures));
  else printTable(figures);
  if (argv.includes("--readme")) writeReadme(figures);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
