// The engine a lab carries (lab/embed), taken out of the lab as PT would read
// it, in the Qt QJSEngines PT embeds: Qt 5.15 (PT 8.x) and Qt 6 (PT 9.x). As
// the lab's File Script Module its panel is a file-sm: page; installed, this-sm:.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { qjsHost } from "../../build/qjs-host.mjs";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { FILE_MODULE_ID } from "../../src/module-kind";
import { runCli } from "../lab/run-cli";

const dir = mkdtempSync(join(tmpdir(), "qjs-file-module-"));

/** engine.js as decoded from the File Script Module of a lab it was embedded in. */
function embeddedEngine(): string {
  const lab = join(dir, "lab.pkt");
  expect(runCli(["embed", join(FIXTURE_DIR, "empty-module.pkt"), "--out", lab]).status).toBe(0);
  const xml = decodeLab(new Uint8Array(readFileSync(lab)), nodeZlib).xml;
  const m = /<ID>engine\.js<\/ID>\s*<CONTENT><!\[CDATA\[([^\]]*)\]\]>/.exec(xml) as RegExpExecArray;
  const path = join(dir, "engine.js");
  writeFileSync(path, Buffer.from(m[1], "base64"));
  return path;
}

/** The prelude standing for PT's `_ScriptModule` of a module with this ID. */
function prelude(id: string): string {
  const path = join(dir, id + ".js");
  writeFileSync(
    path,
    "var _ScriptModule = { getCep: function () { return { getId: function () { return " +
      JSON.stringify(id) +
      "; } }; } };\n",
  );
  return path;
}

function run(bin: string, engine: string, id: string): { code: number; out: string; result: any } {
  const files = [
    "dist/sim/pt-sim.js",
    "test/qjs/scripts/setup.js",
    prelude(id),
    engine,
    "test/qjs/scripts/file-module.js",
  ];
  let out = "";
  let code = 0;
  try {
    out = execFileSync(bin, files, { encoding: "utf8", timeout: 60000 });
  } catch (e: any) {
    out = String(e.stdout || "") + String(e.stderr || "");
    code = e.status ?? -1;
  }
  const line = out.split("\n").filter((l) => l.startsWith("RESULT "))[0];
  return { code, out, result: line ? JSON.parse(line.slice(7)) : null };
}

let engine = "";
beforeAll(() => {
  engine = embeddedEngine();
});

for (const flavour of ["qt5", "qt6"]) {
  describe(`the embedded engine.js in ${flavour === "qt5" ? "Qt 5.15 (PT 8.x)" : "Qt 6 (PT 9.x)"} QJSEngine`, () => {
    let bin = "";
    beforeAll(() => {
      bin = qjsHost(flavour);
    });

    it("as the lab's File Script Module: starts with a file-sm: page, answers the panel, cleans up", () => {
      const r = run(bin, engine, FILE_MODULE_ID);
      expect(r.code, r.out.slice(0, 2000)).toBe(0);
      expect(r.out).toMatch(flavour === "qt5" ? /QT_VERSION 5\.15/ : /QT_VERSION 6\./);
      expect(r.result).toEqual({
        urls: ["file-sm:panel.html"],
        openedOk: true,
        devices: r.result.devices,
        handlersLeft: 0,
        timersLeft: 0,
        menuAfter: 0,
        views: 0,
      });
      expect(r.result.devices).toBeGreaterThan(0);
    });

    it("installed (another ID): the same file opens a this-sm: page", () => {
      const r = run(bin, engine, "org.ptmail.console");
      expect(r.code, r.out.slice(0, 2000)).toBe(0);
      expect(r.result.urls).toEqual(["this-sm:panel.html"]);
    });
  });
}
