// Every figure with its target (FIGURES), the verdicts, the printed table and README.md's table.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { failed } from "./failures.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export const QT = { qt5: "Qt 5.15", qt6: "Qt 6" };
const perQt = (key, what, target) => Object.keys(QT).map((q) => [`${q}.${key}`, `${what}, ${QT[q]}`, target]);

/**
 * Every figure of the table and of README.md, in order: its key (as --json
 * names it), what it is, and its target ([op, limit], a limit naming another
 * figure; null: reported, no target).
 */
// biome-ignore format: a table reads best one figure per line
const FIGURES = [
  ["buildMs", "cold `npm run build`, 5 runs", ["<=", 1000]],
  // 12 KB before the mail model and the IPC lab reader shipped in the engine (issues 11-13): the model alone is 11 KB;
  // 32 KB before VLANs and ACLs joined it (issue 20). The bound is now set by what loading costs (engineLoadMs):
  // 30 ms in Qt 5.15 at 36 KB, about linear in the size, so 40 KB kept module start well under 50 ms; 42 KB since
  // the Lab check's pages and the slices of issue 23 (41.1 KB: 35 and 38 ms under load, 2 cores busy); 42.5 KB
  // since the model's tables by name (model/name-table.ts: 42.1 KB, 20 and 22 ms on a quiet machine).
  ["engineGzipBytes", "engine.js gzipped, with the mail model and the lab reader", ["<=", 43520]],
  ["engineBytes", "engine.js", null],
  ...perQt("engineLoadMs", "engine.js evaluated and main() called, as PT starts the module (build/bench/load-qjs.js)", ["<=", 50]),
  ...perQt("engineEvalRatio", "evaluating engine.js ÷ reading as many characters of one string literal", null),
  // 20 KB before the Lab check, Check and the lab-specific explanations (issues 12, 13) joined the panel;
  // 24 KB before the Lab check's grid (1.4 KB) and the wire decoder (0.5 KB, issue 16); 26 KB before grading
  // against an expectation file joined the Lab check (3.9 KB, issue 25: the rules reader, scorer and CSV are the CLI's).
  ["panelGzipBytes", "panel.html gzipped", ["<=", 32768]],
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
  // Issue 23, a day in a classroom (build/bench/soak.mjs): soakEvents mailSent events over 300 devices at the
  // default cap, with pulls, Check, Lab check, devices added and removed and two File > Open.
  ["soakEvents", "the soak's mailSent events", null],
  // Calls and memory from a run without Qt's GC statistics (as PT runs); the heap from a second run with them.
  ...perQt("soakHeapRatio", "the soak: engine heap after GC at 100% of it ÷ at 10%", ["<=", 1.2]),
  ...perQt("soakRssRatio", "the soak: process memory at 100% ÷ at 10% (glibc's free memory given back)", ["<=", 1.2]),
  ...perQt("soakRssUntrimmedRatio", "the soak: process memory at 100% ÷ at 10%, with what glibc keeps free", null),
  ...perQt("soakLongestCallMs", "the soak: longest call (a handler, a request, a timer callback), ms", ["<=", 50]),
  ...perQt("soakCallsOver50", "the soak: calls over 50 ms", ["=", 0]),
  ...perQt("soakCallsOver50WithStatistics", "the same in the run with Qt's GC statistics (they cost each collection)", null),
  ...perQt("soakLost", "the soak: events neither in the log nor in its dropped count", ["=", 0]),
  ...perQt("soakMinutes", "the soak's run, minutes", null),
  ...perQt("engineHeapBytesPerEntry", "engine heap after GC per log entry (10,000 ended mails ÷ the empty log)", null),
  ...perQt("engineHeapItemsPerEntry", "heap items marked per log entry", null),
  ...perQt("engineRssBytesPerEntry", "process memory per log entry, string contents included", null),
  // Issue 23: each 4 MB or so allocated costs a collection of 10-15 ms at 300 devices, paid by the running call
  // (build/bench/alloc-qjs.js; 144 KB a mail and 680 KB a first judgment in Qt 6 before this figure existed).
  ...perQt("mailAllocKb", "KB allocated per mail judged, 300 devices, every sender judged on the snapshot before", ["<=", 64]),
  ...perQt("firstJudgeAllocKb", "KB allocated per sender's first mail after the lab changed and was read again", ["<=", 384]),
  ...perQt("firstJudgeAllocRatio", "that first judgment ÷ a mail judged warm", null),
  // A read that finds the lab unchanged answers the last snapshot, and its memo with it (src/lab-reader.ts).
  ...perQt("sameLabJudgeAllocKb", "KB allocated per sender's first mail after a read found the lab unchanged", ["<=", 64]),
  ...perQt("idleAllocKb", "KB allocated per 1 ms of timers with no mail (the floor)", null),
  // A Lab check of the 300 devices is 87,025 cells, worked out in ticks: 8.3 KB a cell in Qt 6 was 720 MB, some
  // 60 collections that fall in its ticks, and the day's slowest calls were ticks with two (fate.ts: steps worded when read).
  ...perQt("labCheckCellAllocKb", "KB allocated per cell of a whole Lab check of 300 devices, its pages read", ["<=", 8]),
  ...perQt("matrixMs", "40 × 40 delivery matrix (`build/bench-matrix.mjs`)", ["<=", 100]),
  ...perQt("matrixBaselineMs", "the same 1,600 pairs by decideFate alone", null),
  // Issue 20: the same class on a campus (build/bench-matrix.mjs campusOf): VLANs routed by a multilayer switch,
  // half the pupils on DHCP leases through its relays, every mail past an access list on the border router.
  ...perQt("matrixCampusMs", "the 40 × 40 matrix on a campus with VLANs, DHCP and an access list", ["<=", 100]),
  ...perQt("matrixCampusRatio", "the campus's matrix ÷ the plain class's, in the same run", null),
  ["campusReadCalls", "IPC calls to read that campus (53 devices, 108 ports) through the lab reader", null],
  ["campusReadCallsPerPort", "the same per port: VLANs and lists cost none, being read from each switch's and router's one serializeToXml()", null],
  ["filterMs", "10,000 rows, a search or filter to the DOM (Chromium)", ["<=", 10]],
  ["filterToLayoutMs", "the same, to layout", ["<=", 10]],
  ["filterToFrameMs", "the same, to the end of the next animation frame", null],
  ["panelPushMs", "a push of one mail at 100,000 rows: the panel's main-thread time (Chromium, 420 × 560)", ["<=", 2]],
  ["panelPushMsAt1000", "the same at 1,000 rows (the floor)", null],
  ["panelPushToDomMs", "a push at 100,000 rows to the DOM, its render's scheduling included", null],
  ["scrollFps", "scrolling 100,000 rows with 20 pushes a second: 1000 ÷ the median frame", [">=", 55]],
  ["scrollFrameP95Ms", "the same, p95 frame, ms", null],
  ["idleCpuRatio", "an idle panel's main-thread time at 100,000 rows ÷ an empty panel's, 5 s", ["<=", 1.2]],
  ["idleTaskMs", "the same at 100,000 rows, ms", null],
  ["idleTaskMsEmpty", "the same, empty (the floor), ms", null],
  ["firstKeystrokeRatio", "the first search keystroke at 100,000 rows, 300 ms after focus, ÷ a warm one", ["<=", 2]],
  ["firstKeystrokeMs", "the first keystroke, ms", null],
  ["warmKeystrokeMs", "a warm one, ms", null],
  ["firstKeystrokeColdMs", "the first keystroke with no focus before it (all search text built then), ms", null],
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
  // Issue 24: generated labs of 10 KB to 5 MB of file; AES-128-CTR is Node's native cipher over the same bytes.
  ["labDecodeMBps", "decode throughput over labs of 10 KB to 5 MB (Node), MB of file per s", null],
  ["labDecodeAesCtrRatio", "that decode time ÷ Node's AES-128-CTR over the same bytes, same run (the floor)", null],
  ["labDecodePeakRatio", "memory added while decoding the 5 MB lab ÷ (file + XML)", ["<=", "labDecodePeakBudget"]],
  ["labDecodePeakBudget", "what it may add, 3 × file + 2 × XML, ÷ (file + XML)", null],
  ["labCliStartRatio", "one `node build/lab-cli.mjs --json` call (`npm run lab`) on a tiny lab ÷ `node -e 0`, medians of 7", ["<=", 1.5]],
  ["labCliStartMs", "that call, ms", null],
  ["nodeStartMs", "`node -e 0`, ms (the floor)", null],
  // Issue 25 (build/bench/grade.mjs, lab/grade/bench.ts): 100 generated labs of about 1 MB of XML each.
  ["gradeLabsPerSecond", "`npm run lab -- grade`: labs graded per s on every core (worker threads)", null],
  ["gradeOneCoreLabsPerSecond", "the same labs graded by one worker, per s", null],
  ["gradeCoreRatio", "every core ÷ one worker (target for 2 cores)", [">=", 1.7]],
  ["gradeCpuRatio", "CPU time on every core ÷ on one worker (the extra work; on N idle cores the core ratio ≈ N ÷ this)", null],
  ["gradeMachineCoreRatio", "the same ratio for a plain CPU loop, same run: what the machine allows (the ceiling)", null],
  ["gradeThreads", "worker threads (cores)", null],
  ["gradeMs", "grading one lab (decode, import, matrix, score), median, ms", ["<=", 50]],
  ["gradeWorkerPeakRatio", "the most memory a lab adds to its worker ÷ the lab's XML", ["<=", 12]],
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

export function printTable(figures) {
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
const BEGIN =
  "<!-- bench:figures: written by `npm run bench -- --readme`; edit build/bench/table.mjs, not this table -->";
const END = "<!-- /bench:figures -->";

/** README.md's figures table, between its markers, from this run. */
export function writeReadme(figures) {
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
