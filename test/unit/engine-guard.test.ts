import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { build } from "../../build/build.mjs";
import { checkEngineSource } from "../../build/engine-guard.mjs";
import { ENGINE_ENTRY } from "../../src/protocol";

const lower = (code: string) => esbuild.transformSync(code, { target: "es2016", loader: "ts", format: "iife" }).code; // unminified, as the build checks it

describe("engine bundle guard (what Qt 5.15's QJSEngine rejects)", () => {
  it("passes the built dist/module/engine.js", () => {
    expect(() => checkEngineSource(readFileSync("dist/module/engine.js", "utf8"), "engine.js")).not.toThrow();
  });

  const cases: [string, string, RegExp][] = [
    ["object rest", "export function f(x: any) { const {a, ...b} = x; return [a, b]; }", /object rest/],
    ["object spread", "export function f(x: any) { return {...x, y: 1}; }", /object spread/],
    ["async/await", "export async function f(p: Promise<number>) { return await p; }", /async\/await/],
    ["Object.fromEntries", "export const f = (x: any) => Object.fromEntries(x);", /Object\.fromEntries/],
    ["flat", "export const f = (x: any[]) => x.flat();", /Array\.prototype\.flat/],
    ["replaceAll", "export const f = (s: string) => s.replaceAll('a', 'b');", /replaceAll/],
    ["globalThis", "export const g = globalThis;", /globalThis/],
    ["named groups", "export const r = /(?<y>\\d+)/;", /new RegExp/],
    ["#private", "export class A { #p = 1; get() { return this.#p; } }", /#private/],
    ["WeakMap", "export const seen = new WeakMap<object, number>();", /WeakMap\/WeakSet/],
    ["WeakSet", "export const seen = new WeakSet<object>();", /WeakMap\/WeakSet/],
  ];
  for (const [name, source, message] of cases) {
    it(`fails on ${name}, naming it`, () => {
      expect(() => checkEngineSource(lower(source), "engine.js")).toThrow(message);
    });
  }

  it("fails on Qt 5.15's run-time traps: a method calling a free function of its own name", () => {
    const src = "function reach(x) { return x; } export class W { reach(x: number) { return reach(x); } }";
    expect(() => checkEngineSource(lower(src), "engine.js")).toThrow(/method reach\(\) refers to a free reach/);
    // A var or a parameter of the same name shadows the method name: fine.
    expect(() =>
      checkEngineSource(lower("export class W { lane(k: string) { var lane = k; return lane; } }"), "engine.js"),
    ).not.toThrow();
    expect(() =>
      checkEngineSource(lower("export class W { lane(lane: string) { return lane; } }"), "engine.js"),
    ).not.toThrow();
  });

  it("fails on Qt 5.15's run-time traps: a let or const named like its method (a SyntaxError there)", () => {
    for (const kind of ["let", "const"]) {
      const src = `export class W { lane(k: string) { if (k) { ${kind} lane = k; return lane; } return ""; } }`;
      expect(() => checkEngineSource(lower(src), "engine.js")).toThrow(
        /a let\/const named lane inside method lane\(\)/,
      );
    }
    expect(() =>
      checkEngineSource(
        lower("export const o = { pick(k: string) { const picked = k; return picked; } };"),
        "engine.js",
      ),
    ).not.toThrow();
  });

  it("fails on Qt 5.15's run-time traps: `this` in any block nested in an arrow function", () => {
    const inCatch = "export class A { n = 1; go() { return () => { try { f(); } catch (e) { return this.n; } }; } }";
    const inTry = "export class A { n = 1; go() { return () => { try { return this.n; } catch (e) { return 0; } }; } }";
    const inFinally = "export class A { n = 1; go() { return () => { try { f(); } finally { this.n = 2; } }; } }";
    const inIf = "export class A { n = 1; go() { return () => { if (this) { return this.n; } return 0; }; } }";
    const inLoop =
      "export class A { n = 1; go() { return () => { for (const x of [1]) { return this.n + x; } return 0; }; } }";
    const inSwitch =
      "export class A { n = 1; go(k: number) { return () => { switch (k) { case 1: return this.n; } return 0; }; } }";
    for (const bad of [inCatch, inTry, inFinally, inIf, inLoop, inSwitch]) {
      expect(() => checkEngineSource(lower(bad), "engine.js")).toThrow(/block nested in an arrow function/);
    }
    // The arrow's own body, a braceless if, and an arrow inside the block are fine in Qt 5.15.
    for (const fine of [
      "export class A { n = 1; go() { return () => { return this.n; }; } }",
      "export class A { n = 1; go() { return () => { if (this) return this.n; return 0; }; } }",
      "export class A { n = 1; go() { return () => { if (this) { return [1].map(() => this.n)[0]; } return 0; }; } }",
    ]) {
      expect(() => checkEngineSource(lower(fine), "engine.js")).not.toThrow();
    }
    const method = "export class A { n = 1; go() { try { return this.n; } catch (e) { return 0; } } }";
    expect(() => checkEngineSource(lower(method), "engine.js")).not.toThrow();
    const fine =
      "export class A { n = 1; go() { return () => { const self = this; try { f(); } catch (e) { return self.n; } }; } }";
    expect(() => checkEngineSource(lower(fine), "engine.js")).not.toThrow();
  });

  it("fails on syntax above ES2016 that esbuild was told to keep", () => {
    expect(() => checkEngineSource("var a = b ?? c;", "engine.js")).toThrow(/syntax above ES2016 at 1:/);
    expect(() => checkEngineSource("try { f() } catch { }", "engine.js")).toThrow(/syntax above ES2016/);
  });

  it("declares main, cleanUp and the panel's entry as top-level functions, with no Node or DOM", () => {
    const code = readFileSync("dist/module/engine.js", "utf8");
    for (const name of ["main", "cleanUp", ENGINE_ENTRY]) expect(code).toMatch(new RegExp(`\\nfunction ${name}\\(`));
    // (A local named `process`, a PT process object, is fine; Node's process.env/exit/argv are not.)
    expect(code).not.toMatch(/\brequire\(|\bprocess\.(env|exit|argv|stdout|platform)\b|\bdocument\.|\bwindow\./);
  });
});

describe("manifest", () => {
  const manifest = JSON.parse(readFileSync("manifest/module.json", "utf8"));

  it("lists the panel's entry among the globals PT may call, and opens the panel file it ships", () => {
    expect(manifest.globals).toContain(ENGINE_ENTRY);
    expect(manifest.panelUrl).toBe("this-sm:" + manifest.customInterfaces[0]);
    expect(manifest.id).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    for (const p of manifest.privileges) expect(p.why.length).toBeGreaterThan(10);
  });

  it("is what the build reads: other file names, version and panel URL in a manifest give other files", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "manifest-"));
    const other = Object.assign({}, manifest, {
      version: "9.8.7",
      scriptEngine: ["other-engine.js"],
      customInterfaces: ["other-panel.html"],
      panelUrl: "this-sm:other-panel.html",
    });
    await build({ manifest: other, outDir, moduleOnly: true });
    expect(readdirSync(join(outDir, "module")).sort()).toEqual(["module.json", "other-engine.js", "other-panel.html"]);
    const engine = readFileSync(join(outDir, "module/other-engine.js"), "utf8");
    expect(engine).toContain('"this-sm:other-panel.html"');
    expect(engine).toContain('"9.8.7"');
    expect(engine).not.toContain(JSON.stringify(manifest.panelUrl));
  });

  it("refuses a manifest global the engine does not export", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "manifest-"));
    const other = Object.assign({}, manifest, { globals: ["main", "cleanUp", "noSuchEntry"] });
    await expect(build({ manifest: other, outDir, moduleOnly: true })).rejects.toThrow(/does not export: noSuchEntry/);
  });
});
