// npm run bench: figures, not tests. Prints a table, or with --json one JSON
// object. Each figure is a median over repeated runs; ratios are against a
// baseline measured in the same run (naivePushes: the push interval at 0, so
// every change is pushed, against burstPushes at the shipped 50 ms).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
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
        export { classroom } from "./sim/scenarios/classroom";`,
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
    new Function("window", js)({ mailConsolePush: (p) => store.apply(p) });
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
  while (store.mails.length < N) clock.advance(10);
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
    const idle = await eventToScreenMs(browser, server.url, 60);
    const busy = await eventToScreenMs(browser, server.url, 10);
    return {
      filterMs: await filterMs(browser, server.url),
      eventToScreenMs: median(idle),
      eventToScreenP95Ms: round(p95(idle), 2),
      // Events 10 ms apart fall inside the 50 ms push window: they wait for the next push.
      eventToScreenInWindowMs: round(median(busy), 2),
      eventToScreenInWindowP95Ms: round(p95(busy), 2),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The built panel alone, fed 10,000 rows through a stand-in $se, then searched and filtered. */
async function filterMs(browser, url) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const mails = [];
    for (let i = 1; i <= 10000; i++) {
      mails.push({
        id: i,
        rev: i,
        origin: "console",
        deviceKey: "k" + (i % 9),
        device: "PC-" + (i % 9),
        from: "teacher@alpha.edu",
        to: `student${i}@alpha.edu`,
        subject: "Lab " + (i % 50),
        body: "Exercise " + i + (i % 7 ? "" : " needle"),
        server: "mail.alpha.edu",
        state: i % 3 ? "delivered" : "failed",
        code: i % 3 ? 2 : 6,
        queuedAt: 1767225600000 + i,
        updatedAt: 1767225600000 + i,
        events: [
          { at: 1767225600000 + i, code: 1 },
          { at: 1767225600001 + i, code: i % 3 ? 2 : 6 },
        ],
      });
    }
    const snapshot = {
      epoch: 1,
      seq: 10000,
      mails,
      full: true,
      droppedIds: [],
      dropped: 0,
      devices: [],
      presets: {},
      status: { simulationMode: false, version: "bench" },
    };
    const nothingNew = {
      epoch: 1,
      seq: 10000,
      mails: [],
      full: false,
      droppedIds: [],
      dropped: 0,
      status: snapshot.status,
    };
    window.$se = (_name, req) => Promise.resolve({ ok: true, value: req.type === "openPanel" ? snapshot : nothingNew });
  });
  await page.goto(url + "module/panel.html");
  await page.getByLabel("Counters").getByText("Sent 10000").waitFor();
  const runs = await page.evaluate(async () => {
    const search = document.querySelector('input[type="search"]');
    const outcome = [...document.querySelectorAll("select")].find(
      (s) => s.previousSibling && /Outcome/.test(s.parentElement.textContent),
    );
    // A macrotask after Preact's (microtask) render; MessageChannel, since nested setTimeouts are clamped to 4 ms.
    const channel = new MessageChannel();
    const settle = () =>
      new Promise((r) => {
        channel.port1.onmessage = () => r();
        channel.port2.postMessage(0);
      });
    const times = [];
    const queries = ["needle", "student99", "lab 4", "", "exercise 12", "zzz-nothing", "alpha", "Lab 1"];
    // Round 0 warms up (JIT, the per-row search text cache) and is not counted.
    for (let round = 0; round < 7; round++) {
      if (round === 1) times.length = 0;
      for (const q of queries) {
        const t = performance.now();
        search.value = q;
        search.dispatchEvent(new Event("input", { bubbles: true }));
        await settle();
        times.push(performance.now() - t);
      }
      for (const v of ["failed", "delivered", "all"]) {
        const t = performance.now();
        outcome.value = v;
        outcome.dispatchEvent(new Event("change", { bubbles: true }));
        await settle();
        times.push(performance.now() - t);
      }
    }
    return times;
  });
  await page.close();
  if (process.env.BENCH_DEBUG) console.error("filter runs", runs.map((x) => x.toFixed(1)).join(" "));
  return median(runs);
}

/** From a mailSent in the worker to its row in the panel's DOM, for probes `gapMs` apart. */
async function eventToScreenMs(browser, url, gapMs) {
  const page = await browser.newPage();
  await page.goto(url);
  const frame = await (await page.waitForSelector("#webview-body iframe")).contentFrame();
  await frame.getByRole("status", { name: "Connection: Live" }).waitFor();
  const times = [];
  for (let i = 0; i < 50; i++) {
    times.push(
      await page.evaluate(
        (n) =>
          new Promise((resolve) => {
            const doc = document.querySelector("#webview-body iframe").contentDocument;
            const dest = `probe${n}@alpha.edu`;
            const t = performance.now();
            const obs = new MutationObserver(() => {
              if (doc.body.textContent.includes(dest)) {
                obs.disconnect();
                resolve(performance.now() - t);
              }
            });
            obs.observe(doc.body, { childList: true, subtree: true, characterData: true });
            window.playground.act({
              type: "emit",
              device: "PC-Alice",
              args: { dest, subject: "probe", body: "", responseType: 2 },
            });
          }),
        i,
      ),
    );
    await page.waitForTimeout(gapMs);
  }
  await page.close();
  return times;
}

/** The shipped engine.js in Qt 5.15 and Qt 6 QJSEngine (build/bench/engine-qjs.js). */
function engineInQt() {
  const figures = {};
  for (const flavour of ["qt5", "qt6"]) {
    const bin = qjsHost(flavour);
    const files = [
      "dist/sim/pt-sim.js",
      "test/qjs/scripts/setup.js",
      "dist/module/engine.js",
      "build/bench/engine-qjs.js",
    ];
    const out = execFileSync(
      bin,
      files.map((f) => join(root, f)),
      { encoding: "utf8", timeout: 600000 },
    );
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
    figures.deviceAddCalls = r.deviceAddCalls;
  }
  return figures;
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

const TARGETS = {
  // 20 KB before the Lab check, Check and the lab-specific explanations (issues 12, 13) joined the panel.
  panelGzipBytes: ["<=", 24576],
  // 12 KB before the mail model and the IPC lab reader shipped in the engine (issues 11-13): the model alone is 11 KB.
  engineGzipBytes: ["<=", 32768],
  buildMs: ["<=", 1000],
  burstRecorded: ["=", "burstEvents"],
  batchingRatio: [">=", 50],
  filterMs: ["<=", 10],
  eventToScreenMs: ["<=", 50],
  eventToScreenInWindowP95Ms: ["<=", 100],
  bytesPerMail: ["<=", 250],
  labDecodeMs: ["<=", 150],
  labImportMs: ["<=", 150],
  labDecodeMsChromium: ["<=", 150],
  labImportMsChromium: ["<=", 150],
  labPeakMemoryRatio: ["<=", 10],
  deviceAddCalls: ["<=", 300],
  ...Object.fromEntries(
    ["qt5", "qt6"].flatMap((q) => [
      [`${q}.capEventRatio@1000`, ["<=", 2]],
      [`${q}.capEventRatio@5000`, ["<=", 2]],
      [`${q}.capEventRatio@100000`, ["<=", 2]],
      [`${q}.pushRatio`, ["<=", 3]],
      [`${q}.longestEngineCallMs`, ["<=", 50]],
      [`${q}.cleanUpRatio`, ["<=", 5]],
    ]),
  ),
};

async function main() {
  execFileSync(process.execPath, [join(root, "build/build.mjs")], { stdio: "ignore" });
  const engine = readFileSync(join(root, "dist/module/engine.js"));
  const panel = readFileSync(join(root, "dist/module/panel.html"));
  const batched = [],
    naive = [];
  for (let i = 0; i < 3; i++) batched.push(await burst(50));
  for (let i = 0; i < 3; i++) naive.push(await burst(0));
  const b = {
    burstEvents: batched[0].events,
    burstRecorded: median(batched.map((x) => x.recorded)),
    burstPushes: median(batched.map((x) => x.pushes)),
    burstMs: round(median(batched.map((x) => x.ms))),
  };
  const figures = {
    buildMs: round(buildMs()),
    engineBytes: engine.length,
    engineGzipBytes: gzipSync(engine, { level: 9 }).length,
    panelBytes: panel.length,
    panelGzipBytes: gzipSync(panel, { level: 9 }).length,
    ...b,
    naivePushes: median(naive.map((x) => x.pushes)),
    ...(await browserFigures()),
    ...engineInQt(),
    ...labFigures(),
  };
  Object.assign(figures, await labChromiumFigures());
  figures.filterMs = round(figures.filterMs, 2);
  figures.eventToScreenMs = round(figures.eventToScreenMs, 2);
  const batchingRatio = round(figures.naivePushes / figures.burstPushes);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(Object.assign({ batchingRatio }, figures)));
    return;
  }
  const verdict = (key, value) => {
    const t = TARGETS[key];
    if (!t) return "";
    const [op, limit] = t;
    const lim = typeof limit === "string" ? figures[limit] : limit;
    const ok = op === "<=" ? value <= lim : op === ">=" ? value >= lim : value === lim;
    return `${op} ${typeof limit === "string" ? limit : lim}  ${ok ? "met" : "MISSED"}`;
  };
  const rows = Object.entries(figures).map(([k, v]) => [k, String(v), verdict(k, v)]);
  rows.push(["naivePushes / burstPushes", String(batchingRatio), verdict("batchingRatio", batchingRatio)]);
  const w0 = Math.max(...rows.map((r) => r[0].length)),
    w1 = Math.max(...rows.map((r) => r[1].length));
  console.log("figure".padEnd(w0) + "  " + "median".padStart(w1) + "  target");
  for (const [k, v, t] of rows) console.log(k.padEnd(w0) + "  " + v.padStart(w1) + "  " + t);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
