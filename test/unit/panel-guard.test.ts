// The panel guard (build/panel-guard.mjs) fails the build, before any browser
// starts, on what the oldest PT web view (Chromium 69) cannot run, and names
// the source that brought it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { bundlePanelScript } from "../../build/build.mjs";
import { checkPanelScript, checkPanelStyles, panelGuardError } from "../../build/panel-guard.mjs";
import { PANEL_FLOOR } from "../../build/webview-floor.mjs";

/** Bundles a planted source as esbuild would at `target`, with its source map. */
async function planted(source: string, target = "esnext") {
  const dir = mkdtempSync(join(tmpdir(), "panel-guard-"));
  writeFileSync(join(dir, "planted.ts"), source);
  const out = await esbuild.build({
    entryPoints: [join(dir, "planted.ts")],
    bundle: true,
    format: "iife",
    target,
    minify: true,
    write: false,
    sourcemap: "external",
    outfile: join(dir, "out.js"),
  });
  const code = out.outputFiles.find((f) => f.path.endsWith(".js"))!.text;
  const map = JSON.parse(out.outputFiles.find((f) => f.path.endsWith(".map"))!.text);
  return checkPanelScript(code, map);
}

describe("the panel guard, script", () => {
  it("names a planted ?? and the file and line it came from", async () => {
    const found = await planted('declare const w: any;\nexport const a = 1;\nw.out = w.x ?? "none";\n');
    expect(found).toHaveLength(1);
    expect(found[0].where).toMatch(/planted\.ts:3$/);
    expect(found[0].what).toMatch(/^syntax above ES2019/);
  });

  it("takes the same source once esbuild lowers it for the floor", async () => {
    expect(await planted('declare const w: any;\nw.out = w.x ?? "none";\n', PANEL_FLOOR.esbuildTarget)).toEqual([]);
  });

  it("names library calls newer than Chromium 69, and lets a feature test through", async () => {
    const found = await planted(
      [
        "declare const w: any;",
        "w.a = Object.fromEntries(w.pairs);",
        'w.b = w.s.replaceAll("a", "b");',
        "w.c = w.list.at(-1);",
        "w.d = w.events.at;", // a property of our own called at: a read, not the library's call
        'w.e = typeof globalThis !== "undefined";',
        "w.f = globalThis.x;",
      ].join("\n"),
    );
    expect(found.map((f) => `${f.where.replace(/.*planted/, "planted")} ${f.what}`)).toEqual([
      "planted.ts:2 calls .fromEntries(), which came in Chromium 73",
      "planted.ts:3 calls .replaceAll(), which came in Chromium 85",
      "planted.ts:4 calls .at(), which came in Chromium 92",
      "planted.ts:7 uses globalThis, which came in Chromium 71 (feature-test it with typeof)",
    ]);
  });

  it("finds Preact's own ?? when the panel is built above the floor, and nothing at the floor", async () => {
    const above = await bundlePanelScript("chrome80");
    const found = checkPanelScript(above.script, above.map);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].where).toMatch(/^node_modules\/preact\//);
    const floor = await bundlePanelScript();
    expect(checkPanelScript(floor.script, floor.map)).toEqual([]);
  });
});

describe("the panel guard, styles", () => {
  it("names a planted :focus-visible with its line", () => {
    const css = ".a {\n  color: red;\n}\nbutton:focus-visible {\n  outline: 2px solid;\n}\n";
    expect(checkPanelStyles(css, "ui/planted.css")).toEqual([
      { where: "ui/planted.css:4", what: ":focus-visible came in Chromium 86 (style :focus instead)" },
    ]);
  });

  it("wants the fallback before overflow-wrap: anywhere, in the same rule", () => {
    const bare = ".who {\n  color: red;\n  overflow-wrap: anywhere;\n}\n";
    expect(checkPanelStyles(bare, "x.css").map((f) => f.where)).toEqual(["x.css:3"]);
    const after = ".who {\n  overflow-wrap: anywhere;\n  word-break: break-word;\n}\n";
    expect(checkPanelStyles(after, "x.css")).toHaveLength(1);
    const covered = ".who {\n  word-break: break-word;\n  overflow-wrap: anywhere;\n}\n";
    expect(checkPanelStyles(covered, "x.css")).toEqual([]);
  });

  it("refuses gap on a flex container (Chromium 84) and takes it on a grid (66)", () => {
    const flex = "@media (min-width: 1px) {\n  .row {\n    display: flex;\n    gap: 4px;\n  }\n}\n";
    expect(checkPanelStyles(flex, "x.css").map((f) => f.where + " " + f.what)).toEqual([
      "x.css:4 gap on a flex container came in Chromium 84 (space items with margins)",
    ]);
    expect(checkPanelStyles(".g {\n  display: grid;\n  gap: 4px;\n}\n", "x.css")).toEqual([]);
  });

  it("takes a newer value after a plain one of the same property", () => {
    expect(checkPanelStyles(".w {\n  width: clamp(1px, 50%, 9px);\n}\n", "x.css")).toHaveLength(1);
    expect(checkPanelStyles(".w {\n  width: 50%;\n  width: clamp(1px, 50%, 9px);\n}\n", "x.css")).toEqual([]);
  });

  it("names a comment left open, which silently swallows the rules after it", () => {
    const what = "this /* comment runs on over CSS rules (is its */ missing?): the rules inside it are lost";
    const open = "/* a theme\n   the floor is 69:\n\n:root {\n  --accent: #1565c0;\n}\n";
    expect(checkPanelStyles(open, "ui/styles.css")).toEqual([{ where: "ui/styles.css:1", what }]);
    // Open until a later comment's end: the rules between are lost just the same.
    const later = open + "/* the log */\n.log {\n  margin: 0;\n}\n";
    expect(checkPanelStyles(later, "ui/styles.css")).toEqual([{ where: "ui/styles.css:1", what }]);
    expect(checkPanelStyles("/* closed, {braces} in words */\n:root {\n  --a: 1;\n}\n", "x.css")).toEqual([]);
  });

  it("finds nothing in the panel's own styles", () => {
    expect(checkPanelStyles(readFileSync(join(__dirname, "../../ui/styles.css"), "utf8"), "ui/styles.css")).toEqual([]);
  });

  it("says what failed and where in one error", () => {
    const e = panelGuardError([{ where: "ui/styles.css:4", what: ":focus-visible came in Chromium 86" }], "panel.html");
    expect(e).toBe(
      "panel.html: 1 thing(s) older Packet Tracer web views cannot run (the floor is Chromium 69, build/webview-floor.mjs):\n  ui/styles.css:4: :focus-visible came in Chromium 86",
    );
    expect(panelGuardError([], "panel.html")).toBeNull();
  });
});
