// The BUILT engine in the Qt QJSEngines PT embeds: Qt 5.15 (PT 8.x) and Qt 6 (PT 9.x).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { qjsHost } from "../../build/qjs-host.mjs";
import { HOSTILE } from "../hostile";

const FILES = ["dist/sim/pt-sim.js", "test/qjs/scripts/setup.js", "dist/module/engine.js"];

function run(bin: string, script: string, prelude = ""): { code: number; out: string; result: any } {
  const files = [...FILES];
  if (prelude) {
    const p = join(mkdtempSync(join(tmpdir(), "qjs-")), "prelude.js");
    writeFileSync(p, prelude);
    files.splice(2, 0, p);
  }
  let out = "";
  let code = 0;
  try {
    out = execFileSync(bin, [...files, script], { encoding: "utf8", timeout: 60000 });
  } catch (e: any) {
    out = String(e.stdout || "") + String(e.stderr || "");
    code = e.status ?? -1;
  }
  const line = out.split("\n").filter((l) => l.startsWith("RESULT "))[0];
  return { code, out, result: line ? JSON.parse(line.slice(7)) : null };
}

for (const flavour of ["qt5", "qt6"]) {
  describe(`built engine.js in ${flavour === "qt5" ? "Qt 5.15 (PT 8.x)" : "Qt 6 (PT 9.x)"} QJSEngine`, () => {
    let bin = "";
    beforeAll(() => {
      bin = qjsHost(flavour);
    });

    it("runs main, sends, pushes, cancels and cleans up with no uncaught exception and nothing left behind", () => {
      const r = run(bin, "test/qjs/scripts/lifecycle.js");
      expect(r.out).toMatch(flavour === "qt5" ? /QT_VERSION 5\.15/ : /QT_VERSION 6\./);
      expect(r.code, r.out).toBe(0);
      const x = r.result;
      expect(x.openedOk).toBe(true);
      expect(x.sentIds).toHaveLength(2);
      expect(x.delivered.sort()).toEqual(["bob@beta.org:delivered:1,3,2", "carol@alpha.edu:delivered:1,2"]);
      expect(x.pushes).toBeGreaterThan(0);
      expect(x.cancelled).toBe(2);
      expect(x.states).toEqual([
        "carol@alpha.edu:delivered",
        "bob@beta.org:delivered",
        "dave@alpha.edu:cancelled",
        "erin@beta.org:cancelled",
      ]);
      expect(x.handlersAdded).toBeGreaterThan(10);
      expect(x.handlersLeft).toBe(0);
      expect(x.timersLeft).toBe(0);
      expect([x.menuBefore, x.menuAfter, x.views]).toEqual([1, 0, 0]);
    });

    it("carries hostile subjects and bodies verbatim through the pushed script", () => {
      const r = run(
        bin,
        "test/qjs/scripts/hostile.js",
        "var HOSTILE_JSON = " + JSON.stringify(JSON.stringify(HOSTILE)) + ";",
      );
      expect(r.code, r.out.slice(0, 2000)).toBe(0);
      expect(r.result).toMatchObject({ count: HOSTILE.length, same: HOSTILE.length, differ: [], flag: "clean" });
    });

    it("survives a harsher Packet Tracer: Simulation mode, a silent send, new wrappers, a denied privilege, odd args", () => {
      const r = run(bin, "test/qjs/scripts/harsh.js");
      expect(r.code, r.out.slice(0, 2000)).toBe(0);
      expect(r.result).toEqual({
        simWaiting: "sending+waiting",
        simNoticed: false,
        simDone: "delivered",
        watchdog: ["failed", "delivered", 1],
        wrappers: ["delivered", 1],
        denied: [9, 1, true, true],
        shapes: ["bounced", "failed"], // j@beta.org has no mailbox: accepted, then bounced
      });
    });

    it("lets go of a deleted device and a closed file at their removal event, and never calls into them after", () => {
      const r = run(bin, "test/qjs/scripts/removal.js", readFileSync("test/qjs/scripts/strict-removal.js", "utf8"));
      expect(r.code, r.out.slice(0, 2000)).toBe(0);
      expect(r.result).toEqual({
        states: ["delivered", "delivered", "delivered"],
        watched: [1, 1, 1], // the lab watches a router or switch, and again after each removal
        calls: [],
        left: 0,
      });
    });

    it("src/wire.ts bundled alone (as the panel and the bench take it) loads with no warning", async () => {
      const wire = await esbuild.build({
        stdin: { contents: 'export * from "./src/wire";', resolveDir: process.cwd(), loader: "ts" },
        bundle: true,
        format: "iife",
        globalName: "Wire",
        target: "es2016",
        platform: "neutral",
        write: false,
      });
      const dir = mkdtempSync(join(tmpdir(), "qjs-"));
      writeFileSync(join(dir, "wire.js"), wire.outputFiles[0].text);
      writeFileSync(
        join(dir, "use.js"),
        'console.log("RESULT " + JSON.stringify(Wire.accountTable().indexOf(["k", "PC", "a@b", "s"])));',
      );
      const out = execFileSync(bin, [join(dir, "wire.js"), join(dir, "use.js")], { encoding: "utf8" });
      // Qt 6 warned "Variable AccountTable is used before its declaration" while it was an exported class.
      expect(out.split("\n").filter((l) => l.startsWith("[qt]"))).toEqual([]);
      expect(out).toContain("RESULT 0");
    });

    it("loads the built simulator and engine with no warning: nothing is named above its declaration", () => {
      // Qt 6 warns "Variable World is used before its declaration" at a use written above the name's var or
      // const (a helper declared below its caller, an export getter above the modules, a module that a circle of
      // imports puts after its user); it runs, but PT 9 prints the warning. Qt 5.15 says nothing of it.
      const out = execFileSync(bin, ["dist/sim/pt-sim.js", "dist/module/engine.js"], { encoding: "utf8" });
      expect(out).toMatch(/^QT_VERSION [56]\./);
      expect(out.split("\n").filter((l) => l.startsWith("[qt]"))).toEqual([]);
    });

    it("the host itself fails on an uncaught exception (so a pass means something)", () => {
      const p = join(mkdtempSync(join(tmpdir(), "qjs-")), "throw.js");
      writeFileSync(p, "main(); setTimeout(function () { throw new Error('boom'); }, 10); __host.advance(100);");
      const r = run(bin, p);
      expect(r.code).toBe(4);
      expect(r.out).toMatch(/UNCAUGHT in timer: Error: boom/);
    });
  });
}
