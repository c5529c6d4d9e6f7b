// The engine's figures in the Qt hosts: build/bench/engine-qjs.js run on the
// shipped engine.js, its timings and its heap per log entry.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { qjsHost } from "../qjs-host.mjs";
import { within } from "./failures.mjs";
import { median, round } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cache = join(root, "node_modules/.cache/mail-console-bench");

const QT_SCRIPTS = ["dist/sim/pt-sim.js", "test/qjs/scripts/setup.js", "dist/module/engine.js"].map((f) =>
  join(root, f),
);
const ENGINE_QJS = join(root, "build/bench/engine-qjs.js");

/** The shipped engine.js in Qt 5.15 and Qt 6 QJSEngine (build/bench/engine-qjs.js). */
export function engineInQt() {
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
 * What loading engine.js costs in each Qt host (build/bench/load-qjs.js): its text evaluated and main()
 * called, against reading as many characters of one string literal, medians of 9 in one process.
 */
export function engineLoad() {
  mkdirSync(cache, { recursive: true });
  const engine = readFileSync(join(root, "dist/module/engine.js"), "utf8");
  const sources = join(cache, "engine-load-sources.js");
  const floor = JSON.stringify("x".repeat(engine.length));
  writeFileSync(sources, `var ENGINE_SRC = ${JSON.stringify(engine)};\nvar FLOOR_SRC = ${JSON.stringify(floor)};\n`);
  const figures = {};
  for (const flavour of ["qt5", "qt6"]) {
    const scripts = QT_SCRIPTS.slice(0, 2).concat([sources, join(root, "build/bench/load-qjs.js")]);
    const out = execFileSync(qjsHost(flavour), scripts, { encoding: "utf8", timeout: 600000 });
    const line = out.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`bench: no load result from the ${flavour} host:\n${out.slice(0, 2000)}`);
    const r = JSON.parse(line.slice(7));
    figures[`${flavour}.engineLoadMs`] = round(r.loadMs, 1);
    figures[`${flavour}.engineEvalRatio`] = round(r.evalMs / Math.max(r.floorMs, 0.01), 1);
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
export async function engineHeap(entries = 10000) {
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

/**
 * Calls `line` with each line a child prints, as it prints them (`onChunk` first for each chunk read); the
 * answer prints the last line when the child has closed, whether or not it ended it with a newline.
 */
export function eachLine(child, line, onChunk = () => undefined) {
  let rest = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    onChunk();
    const lines = (rest + chunk).split("\n");
    rest = lines.pop();
    for (const l of lines) line(l);
  });
  return () => {
    if (rest) line(rest);
  };
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
    result = null;
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
      const flush = eachLine(child, line, () => chunks++);
      child.on("error", reject);
      child.on("close", (code) => {
        flush();
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
export function residentBytes(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * What the engine allocates per mail in each Qt host (build/bench/alloc-qjs.js): judged against a snapshot
 * every sender was judged on (warm), and each sender's first mail after the lab was read again (first,
 * median of 3). Each collection's "used before" less "used after" is what died since the one before; a
 * phase is bounded by a collection at each end, so their sum is what the phase allocated and let go.
 */
export async function engineAlloc() {
  mkdirSync(cache, { recursive: true });
  const params = join(cache, "alloc-params.js");
  writeFileSync(params, "var SOAK_FUNCTIONS_ONLY = true;\n");
  const scripts = QT_SCRIPTS.concat([
    params,
    join(root, "build/bench/soak-qjs.js"),
    join(root, "build/bench/alloc-qjs.js"),
  ]);
  const env = { ...process.env, QV4_MM_STATS: "1", QT_LOGGING_RULES: "qt.qml.gc.*=true" };
  const figures = {};
  for (const flavour of ["qt5", "qt6"]) {
    const child = spawn(qjsHost(flavour), scripts, { env });
    const phases = {};
    let phase = null,
      freed = 0,
      before = 0,
      largeBefore = 0,
      result = null;
    const line = (text) => {
      const mark = /^ALLOC (\w+) (begin|end)(?: (\d+))?/.exec(text);
      if (mark && mark[2] === "begin") [phase, freed] = [mark[1], 0];
      if (mark && mark[2] === "end") {
        if (!phases[mark[1]]) phases[mark[1]] = [];
        phases[mark[1]].push(freed / Number(mark[3]) / 1024);
        phase = null;
      }
      const n = (re) => Number((re.exec(text) || [])[1]);
      if (/Used memory before GC/.test(text)) before = n(/(\d+)/);
      if (/Used memory after GC/.test(text)) freed += phase ? before - n(/(\d+)/) : 0;
      if (/Large item memory before GC/.test(text)) largeBefore = n(/(\d+)/);
      if (/Large item memory after GC/.test(text)) freed += phase ? largeBefore - n(/(\d+)/) : 0;
      if (text.startsWith("RESULT ")) result = JSON.parse(text.slice(7));
    };
    const r = await within(
      300000,
      `engine allocation (${flavour})`,
      new Promise((resolve, reject) => {
        const flush = eachLine(child, line);
        child.on("error", reject);
        child.on("close", (code) => {
          flush();
          if (code !== 0 || !result || !phases.warm || !phases.first || !phases.same || !phases.labCheck)
            reject(new Error(`engine allocation (${flavour}): exit ${code}, ${JSON.stringify({ result, phases })}`));
          else resolve(phases);
        });
      }),
    ).finally(() => child.kill());
    const warm = median(r.warm);
    const first = median(r.first);
    figures[`${flavour}.mailAllocKb`] = round(warm, 1);
    figures[`${flavour}.firstJudgeAllocKb`] = round(first, 1);
    figures[`${flavour}.firstJudgeAllocRatio`] = round(first / warm, 1);
    figures[`${flavour}.sameLabJudgeAllocKb`] = round(median(r.same), 1);
    figures[`${flavour}.idleAllocKb`] = round(median(r.idle), 2);
    figures[`${flavour}.labCheckCellAllocKb`] = round(median(r.labCheck), 2);
  }
  return figures;
}
