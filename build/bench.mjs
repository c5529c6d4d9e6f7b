// npm run bench: figures, not tests. Prints a table, or with --json one JSON
// object; with --readme it also rewrites README.md's figures table (between
// its bench:figures markers). Each figure is a median over repeated runs;
// ratios are against a baseline measured in the same run (naivePushes: the
// push interval at 0, so every change is pushed, against burstPushes at the
// shipped 50 ms), memory against the same thing empty. Every wait is bounded:
// an event that never shows is counted as lost, a group of figures that fails
// is reported as not measured, and the others still run.
//
// This file runs the groups of figures, each with its time limit; build/bench/
// holds how each is measured (burst, panel, engine, lab), the shared stats and
// failures, and the table (FIGURES, verdicts, README.md's table).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { burst } from "./bench/burst.mjs";
import { engineAlloc, engineHeap, engineInQt, engineLoad } from "./bench/engine.mjs";
import { attempt, failed, within } from "./bench/failures.mjs";
import { gradeFigures } from "./bench/grade.mjs";
import { labChromiumFigures, labFigures } from "./bench/lab.mjs";
import { matrixRenderMs } from "./bench/matrix-render.mjs";
import { eventToScreen, filterFigures, panelHeap } from "./bench/panel.mjs";
import { panelScaleFigures } from "./bench/panel-scale.mjs";
import { savedSoakFigures, soakFigures } from "./bench/soak.mjs";
import { median, p95, round } from "./bench/stats.mjs";
import { printTable, QT, writeReadme } from "./bench/table.mjs";
import { campusReadCalls, matrixFigures } from "./bench-matrix.mjs";
import { CHROMIUM } from "./chromium.mjs";
import { startServer } from "./serve.mjs";
import { wireScript } from "./wire-script.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

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
    Object.assign(figures, grid);
    // build/bench/panel-scale.mjs: pushes, scrolling, idle CPU and the first keystroke at 100,000 rows.
    const scale = await attempt("panelScale", () =>
      within(600000, "panelScale", panelScaleFigures(browser, server.url, wire)),
    );
    return Object.assign(figures, scale);
  } finally {
    await browser.close();
    await server.close();
  }
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
    ...(await attempt("engine load", async () => engineLoad())),
    ...(await attempt("engine heap", () => engineHeap(10000))),
    ...(await attempt("engine allocation", () => engineAlloc())),
  };
  for (const q of Object.keys(QT))
    Object.assign(
      figures,
      await attempt(`matrixMs (${QT[q]})`, async () => {
        const r = await matrixFigures(q, 7);
        const campus = await matrixFigures(q, 7, "campus");
        return {
          [`${q}.matrixMs`]: r.matrixMs,
          [`${q}.matrixBaselineMs`]: r.baselineMs,
          [`${q}.matrixCampusMs`]: campus.matrixMs,
          [`${q}.matrixCampusRatio`]: Math.round((campus.matrixMs / r.matrixMs) * 100) / 100,
        };
      }),
    );
  Object.assign(
    figures,
    await attempt("campus read", async () => {
      const r = await campusReadCalls();
      return { campusReadCalls: r.calls, campusReadCallsPerPort: Math.round(r.perPort * 10) / 10 };
    }),
  );
  Object.assign(figures, await attempt("lab figures", async () => labFigures()));
  Object.assign(figures, await attempt("grade figures", async () => gradeFigures()));
  // A day in a classroom, shortened: 60,000 events, both Qt hosts at once. The full day, `--soak-events
  // 1000000`, takes the better part of an hour; 0 skips it; `saved` reports the last soak run
  // (`node build/bench/soak.mjs 1000000` runs the day alone).
  const soakAt = argv.indexOf("--soak-events");
  const soakArg = soakAt >= 0 ? argv[soakAt + 1] : "60000";
  if (soakArg === "saved") Object.assign(figures, savedSoakFigures() || {});
  else if (Number(soakArg) > 0)
    Object.assign(figures, await attempt("soak", () => soakFigures({ events: Number(soakArg) })));
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
