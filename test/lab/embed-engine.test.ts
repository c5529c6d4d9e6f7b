// One engine.js for both ways of running: the built engine, taken out of a lab
// it was embedded in, opens its panel at file-sm: as the lab's module and at
// this-sm: installed; with both at once (two engines, one PT: here two Node
// contexts over one simulated world) the second says so and steps aside.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { VirtualClock } from "../../sim/clock";
import { installPtGlobals } from "../../sim/pt-globals";
import { classroom } from "../../sim/scenarios/classroom";
import { World } from "../../sim/world";
import { FILE_MODULE_ID } from "../../src/module-kind";
import { runCli } from "./run-cli";

/** The engine.js a lab carries once embedded (decoded from its File Script Module). */
function embeddedEngine(): string {
  const out = join(mkdtempSync(join(tmpdir(), "embed-engine-")), "lab.pkt");
  expect(runCli(["embed", join(FIXTURE_DIR, "empty-module.pkt"), "--out", out]).status).toBe(0);
  const xml = decodeLab(new Uint8Array(readFileSync(out)), nodeZlib).xml;
  const m = /<ID>engine\.js<\/ID>\s*<CONTENT><!\[CDATA\[([^\]]*)\]\]>/.exec(xml) as RegExpExecArray;
  return Buffer.from(m[1], "base64").toString("utf8");
}

/** One module: its own engine over the shared world, with what it printed in the Debug window. */
function module(world: World, engine: string, id?: string) {
  const debug: string[] = [];
  const ctx: { [name: string]: unknown } = {
    dprint: (s: string) => debug.push(String(s)),
    setTimeout: () => 0,
    clearTimeout: () => undefined,
    setInterval: () => 0,
    clearInterval: () => undefined,
  };
  installPtGlobals(ctx, world, id);
  createContext(ctx);
  runInContext(engine, ctx);
  return { debug, main: () => runInContext("main()", ctx), cleanUp: () => runInContext("cleanUp()", ctx) };
}

const newWorld = () => {
  const world = new World({ clock: new VirtualClock() });
  world.load(classroom());
  return world;
};

describe("the engine as a file module and as an installed one", () => {
  const engine = embeddedEngine();

  it("is the built engine.js, byte for byte", () => {
    expect(engine).toBe(readFileSync("dist/module/engine.js", "utf8"));
  });

  it("opens its panel at file-sm: as the lab's module, at this-sm: installed or when PT says nothing", () => {
    const urls = [FILE_MODULE_ID, "org.ptmail.console", undefined].map((id) => {
      const world = newWorld();
      module(world, engine, id).main();
      return world.webViewManager.views.map((v) => v.url);
    });
    expect(urls).toEqual([["file-sm:panel.html"], ["this-sm:panel.html"], ["this-sm:panel.html"]]);
  });

  it("one module started twice (main again, as PT's Start does) does not see itself as another", () => {
    const world = newWorld();
    const lab = module(world, engine, FILE_MODULE_ID);
    lab.main();
    lab.main();
    expect(world.app.menu.items.map((i) => i.label)).toEqual(["Mail Console"]);
    expect(world.webViewManager.views.map((v) => v.url)).toEqual(["file-sm:panel.html"]);
    expect(lab.debug.join("\n")).not.toMatch(/steps aside/);
  });

  it("installed first, then the lab's: the lab's steps aside, saying so; one menu item, one panel", () => {
    const world = newWorld();
    const installed = module(world, engine, "org.ptmail.console");
    const lab = module(world, engine, FILE_MODULE_ID);
    installed.main();
    lab.main();
    expect(world.app.menu.items.map((i) => i.label)).toEqual(["Mail Console"]);
    expect(world.webViewManager.views.map((v) => v.url)).toEqual(["this-sm:panel.html"]);
    expect(lab.debug.join("\n")).toMatch(/another Mail Console is running already .*this lab's one steps aside/);
    expect(installed.debug.join("\n")).not.toMatch(/steps aside/);
    // Its cleanUp touches nothing of the other's.
    lab.cleanUp();
    expect(world.app.menu.items.map((i) => i.label)).toEqual(["Mail Console"]);
  });

  it("the lab's first, then the installed one: the installed one steps aside; after the lab closes it can start", () => {
    const world = newWorld();
    const lab = module(world, engine, FILE_MODULE_ID);
    const installed = module(world, engine, "org.ptmail.console");
    lab.main();
    installed.main();
    expect(world.webViewManager.views.map((v) => v.url)).toEqual(["file-sm:panel.html"]);
    expect(installed.debug.join("\n")).toMatch(/this installed one steps aside/);
    lab.cleanUp();
    installed.main();
    expect(world.app.menu.items.map((i) => i.label)).toEqual(["Mail Console"]);
    expect(world.webViewManager.views.map((v) => v.url)).toEqual(["this-sm:panel.html"]);
  });
});
