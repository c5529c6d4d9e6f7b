// What a full log costs Qt's garbage collector: every collection marks every
// live heap item, and PT's script thread waits for it. With ended rows kept as
// objects a row was about 22 items and pauses reached 130-170 ms at the
// largest cap (issue 16); frozen (src/wire.ts) a row is one.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { qjsHost } from "../../build/qjs-host.mjs";

const ROWS = 5000;
const SENDERS = 150;

/** The objects the collector marked in the gc() before each PHASE line. */
function markedAt(out: string): { [phase: string]: number } {
  const marked: { [phase: string]: number } = {};
  let last = -1;
  for (const line of out.split("\n")) {
    const m = /(\d+) objects marked/.exec(line);
    if (m) last = Number(m[1]);
    const p = /^PHASE (\w+)/.exec(line);
    if (p) marked[p[1]] = last;
  }
  return marked;
}

/**
 * `script` (test/qjs/scripts/) after the engine, with `vars` defined before it, printing every collection's
 * figures: the objects marked in the gc() before its PHASE lines, and its output.
 */
function markedRun(
  flavour: string,
  script: string,
  vars: string,
): { marked: { [phase: string]: number }; out: string } {
  const prelude = join(mkdtempSync(join(tmpdir(), "qjs-heap-")), "vars.js");
  writeFileSync(prelude, vars);
  const files = ["dist/sim/pt-sim.js", "test/qjs/scripts/setup.js", "dist/module/engine.js", prelude];
  const out = execFileSync(qjsHost(flavour), [...files, `test/qjs/scripts/${script}`], {
    encoding: "utf8",
    timeout: 120000,
    env: { ...process.env, QV4_MM_STATS: "1", QT_LOGGING_RULES: "qt.qml.gc.*=true" },
  });
  const marked = markedAt(out);
  expect(marked.before, out.slice(-2000)).toBeGreaterThan(0);
  return { marked, out };
}

for (const flavour of ["qt5", "qt6"]) {
  describe(`the log's heap in ${flavour === "qt5" ? "Qt 5.15" : "Qt 6"}`, () => {
    it("costs the collector at most 2 heap items per ended row", () => {
      const { marked, out } = markedRun(flavour, "heap.js", `var ROWS = ${ROWS};`);
      expect(out).toContain(`RESULT {"rows":${ROWS + 100}}`);
      const perRow = (marked.after - marked.before) / ROWS;
      expect(perRow).toBeGreaterThan(0.5); // the count sees the rows at all
      expect(perRow).toBeLessThanOrEqual(2);
    });

    it("keeps at most 150 heap items per sender of a class of 150 on one LAN while a snapshot lives", () => {
      const { marked, out } = markedRun(flavour, "senders.js", `var SENDERS = ${SENDERS};`);
      expect(out).toContain(`RESULT {"rows":${SENDERS}}`);
      const perSender = (marked.after - marked.before) / (SENDERS - 1);
      expect(perSender).toBeGreaterThan(1); // the count sees the rows at all
      // Every sender's LAN kept (150 hosts each) was about 400.
      expect(perSender).toBeLessThanOrEqual(150);
    });
  });
}
