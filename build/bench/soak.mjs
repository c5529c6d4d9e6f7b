// A day in a classroom (issue 23): build/bench/soak-qjs.js on the shipped
// engine.js in each Qt host, and what it costs over time. At 10%, 50% and 100%
// of the events the script collects garbage and holds still; the engine's heap
// is read from Qt's GC statistics (QV4_MM_STATS with the qt.qml.gc logging
// rules: the memory in use and the large items after that collection) and the
// process's resident memory from /proc, once glibc gave back the memory it kept
// free (and as it was before, for comparison). The figures: each at 100% ÷ at 10%
// (the log is full from well before 10%, so growth is what the engine keeps
// that it should not), the longest call, and the events not accounted for.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { qjsHost } from "../qjs-host.mjs";
import { eachLine, residentBytes } from "./engine.mjs";
import { within } from "./failures.mjs";
import { median, round } from "./stats.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cache = join(root, "node_modules/.cache/mail-console-bench");
const SCRIPTS = ["dist/sim/pt-sim.js", "test/qjs/scripts/setup.js", "dist/module/engine.js"].map((f) => join(root, f));

/**
 * One soak in one Qt host: `events` mailSent events over `pcs` PCs (295: 300 devices), the log at
 * `cap` (null: the default). Answers the script's result and, per checkpoint, the heap and the RSS.
 * `statistics: false` runs without Qt's GC statistics: no heap is read, and calls are timed as PT runs
 * them. With the statistics on, Qt walks its free lists and counts each freed item by type at every
 * collection and prints some 40 lines: a 100,000-event run at 300 devices had 67 calls over 50 ms in
 * Qt 6 with them and 14 without. They can only be chosen when the engine is made, not per checkpoint.
 */
export function soakRun(
  flavour,
  { events = 1000000, pcs = 295, cap = null, limitMs = 4 * 3600000, progress = false, statistics = true } = {},
) {
  mkdirSync(cache, { recursive: true });
  const params = join(cache, `soak-${flavour}-${process.pid}.js`);
  writeFileSync(params, `var SOAK_EVENTS = ${events}; var SOAK_PCS = ${pcs}; var SOAK_CAP = ${cap};\n`);
  const env = statistics ? { ...process.env, QV4_MM_STATS: "1", QT_LOGGING_RULES: "qt.qml.gc.*=true" } : process.env;
  const child = spawn(qjsHost(flavour), SCRIPTS.concat([params, join(root, "build/bench/soak-qjs.js")]), { env });
  const points = {};
  let at = null,
    gc = null,
    result = null,
    tail = [];
  const line = (text) => {
    tail = tail.concat(text).slice(-20);
    const mark = /^SOAK (\d+) (collect|untrimmed|hold|done)/.exec(text);
    if (mark) {
      at = mark[2] === "collect" ? mark[1] : null;
      if (mark[2] === "collect") points[mark[1]] = { heap: null, rss: null, untrimmed: null };
      // The script allocates nothing while it holds: its resident memory now is the checkpoint's,
      // as glibc left it, then once it gave back what it kept free (the figure: what the process holds).
      if (mark[2] === "untrimmed") points[mark[1]].untrimmed = residentBytes(child.pid);
      if (mark[2] === "hold") {
        points[mark[1]].rss = residentBytes(child.pid);
        if (progress) console.error(`soak ${flavour} ${mark[1]}%: rss ${points[mark[1]].rss}`);
      }
      return;
    }
    if (/^=+ GC =+/.test(text)) gc = {};
    const n = (re) => Number((re.exec(text) || [])[1]);
    if (gc && /Used memory after GC/.test(text)) gc.used = n(/(\d+)/);
    if (gc && /Large item memory after GC/.test(text)) gc.large = n(/(\d+)/);
    if (gc && /End GC/.test(text)) {
      // The collection the checkpoint asked for: the last one before it holds.
      if (at && points[at]) {
        points[at].heap = (gc.used || 0) + (gc.large || 0);
        // A day's run is long: each checkpoint is told as it comes (rss is read at the hold after it).
        if (progress) console.error(`soak ${flavour} ${at}%: heap ${points[at].heap}`);
      }
      gc = null;
    }
    if (text.startsWith("RESULT ")) result = JSON.parse(text.slice(7));
  };
  return within(
    limitMs,
    `soak (${flavour})`,
    new Promise((resolve, reject) => {
      const flush = eachLine(child, line);
      child.on("error", reject);
      child.on("close", (code) => {
        flush();
        const complete = ["10", "50", "100"].every((p) => (points[p]?.heap || !statistics) && points[p]?.rss);
        if (code !== 0 || !result || !complete)
          reject(new Error(`soak (${flavour}): exit ${code}, ${JSON.stringify({ points })}\n${tail.join("\n")}`));
        else resolve({ result, points });
      });
    }),
  ).finally(() => {
    child.kill();
    rmSync(params, { force: true });
  });
}

/**
 * The soak's figures per Qt host, medians over `runs`. Each run is the day twice: without Qt's GC
 * statistics for the calls, their times and the process's memory (as PT runs), then with them for the
 * engine's heap; events lost count in both. In each, the two hosts run at once, one a core (the day takes
 * each about as long as the other). The figures are also saved (SAVED), so that `npm run bench --
 * --soak-events saved` reports the last day run rather than spending another.
 */
export async function soakFigures({ runs = 1, events = 1000000, progress = false } = {}) {
  const figures = {};
  const timed = { qt5: [], qt6: [] };
  const counted = { qt5: [], qt6: [] };
  const both = (statistics, into) =>
    Promise.all(
      ["qt5", "qt6"].map(async (flavour) =>
        into[flavour].push(await soakRun(flavour, { events, progress, statistics })),
      ),
    );
  for (let i = 0; i < runs; i++) {
    await both(false, timed);
    await both(true, counted);
  }
  for (const flavour of ["qt5", "qt6"]) {
    const all = timed[flavour];
    const ratio = (runs, what) => round(median(runs.map((r) => r.points["100"][what] / r.points["10"][what])), 2);
    figures[`${flavour}.soakHeapRatio`] = ratio(counted[flavour], "heap");
    figures[`${flavour}.soakRssRatio`] = ratio(all, "rss");
    figures[`${flavour}.soakRssUntrimmedRatio`] = ratio(all, "untrimmed");
    figures[`${flavour}.soakLongestCallMs`] = median(all.map((r) => Math.max(...Object.values(r.result.longestMs))));
    figures[`${flavour}.soakCallsOver50`] = median(all.map((r) => r.result.over50));
    figures[`${flavour}.soakLost`] = Math.max(
      ...all.concat(counted[flavour]).map((r) => r.result.lost + r.result.unreadable),
    );
    figures[`${flavour}.soakMinutes`] = round(median(all.map((r) => r.result.ms / 60000)), 1);
    figures[`${flavour}.soakCallsOver50WithStatistics`] = median(counted[flavour].map((r) => r.result.over50));
  }
  figures.soakEvents = events;
  mkdirSync(cache, { recursive: true });
  writeFileSync(SAVED, JSON.stringify({ at: new Date().toISOString(), figures, slowest: slowestOf(timed) }, null, 1));
  return figures;
}

/** Where soakFigures keeps its last figures. */
export const SAVED = join(cache, "soak-figures.json");

/** The last soak's figures, or null. */
export function savedSoakFigures() {
  if (!existsSync(SAVED)) return null;
  return JSON.parse(readFileSync(SAVED, "utf8")).figures;
}

function slowestOf(results) {
  const out = {};
  for (const flavour of Object.keys(results)) out[flavour] = results[flavour].map((r) => r.result.slowest);
  return out;
}

// `node build/bench/soak.mjs [events]`: the day alone, both hosts at once; its figures are printed and saved.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const events = Number(process.argv[2] || 1000000);
  soakFigures({ events, progress: true }).then(
    (figures) => console.log(JSON.stringify(figures, null, 1)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
