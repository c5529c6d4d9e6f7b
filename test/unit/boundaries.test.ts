// The walls of the house (STYLE.md, README "How it is built"): the panel reaches
// the engine only through the protocol and its wire form, the engine, which
// ships alone into PT's script engine, imports neither the simulator nor the
// panel, and no room has a circle of files that import each other.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");

function sources(folder: string): string[] {
  return (readdirSync(join(root, folder), { recursive: true }) as string[])
    .filter((f) => /\.(ts|mjs)$/.test(f))
    .map((f) => join(folder, f));
}

/** Every module a file imports or re-exports from, as a path relative to the repository. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+["']([^"']+)["']/g)) {
    const spec = m[1];
    found.push(spec.startsWith(".") ? relative(root, resolve(root, dirname(file), spec)) : spec);
  }
  return found;
}

/** The file an import names (a folder means its index.ts), or null outside the repository's sources. */
function fileOf(target: string): string | null {
  for (const f of [`${target}.ts`, `${target}/index.ts`, target])
    if (/\.(ts|mjs)$/.test(f) && existsSync(join(root, f))) return f;
  return null;
}

/** Each file's imports among the files of the same folder. */
function graphOf(folder: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(folder)) {
    const inside = importsOf(file)
      .map(fileOf)
      .filter((f): f is string => typeof f === "string" && f.startsWith(`${folder}/`));
    graph.set(file, inside);
  }
  return graph;
}

/** The circles of a graph: each group of files that reach one another (Tarjan's strongly connected components). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) || []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) group.push(w);
    if (group.length > 1 || (graph.get(v) || []).includes(v)) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function crossings(folder: string, allowed: (target: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of sources(folder)) {
    for (const target of importsOf(file)) if (!allowed(target)) out.push(`${file} imports ${target}`);
  }
  return out;
}

describe("boundaries", () => {
  it("ui/ imports nothing from src/ but the protocol, its wire form and the grading both it and lab/ use", () => {
    const shared = (t: string) => t === "src/protocol" || t === "src/wire" || t.startsWith("src/grading/");
    const bad = crossings("ui", (t) => !t.startsWith("src/") || shared(t));
    expect(bad).toEqual([]);
  });

  for (const folder of ["src", "ui", "sim", "lab", "playground"]) {
    it(`${folder}/ has no circle: no two files import each other, directly or round about`, () => {
      expect(circles(graphOf(folder))).toEqual([]);
    });
  }

  it("no double cast through unknown anywhere: a value is typed where it is made", () => {
    const doubleCast = new RegExp(["\\bas", "unknown", "as\\b"].join("\\s+")); // spelled so: this file has none either
    const bad: string[] = [];
    for (const folder of ["src", "ui", "sim", "lab", "build", "test"])
      for (const file of sources(folder)) if (doubleCast.test(readFileSync(join(root, file), "utf8"))) bad.push(file);
    expect(bad).toEqual([]);
  });

  it("src/ imports nothing from sim/, ui/, lab/ or test/, and no Node module", () => {
    const bad = crossings("src", (t) => !/^(sim|ui|lab|test)\//.test(t) && !t.startsWith("node:"));
    expect(bad).toEqual([]);
  });

  it("no two rooms import each other: sim/ stands below lab/, and the playground, an application, above both", () => {
    expect(crossings("sim", (t) => !/^(lab|playground|ui)\//.test(t))).toEqual([]);
    expect(crossings("lab", (t) => !/^(playground|ui)\//.test(t))).toEqual([]);
    expect(crossings("playground", (t) => !/^(ui|build|test)\//.test(t))).toEqual([]);
  });

  it("the check sees real crossings (it reads the imports it claims to)", () => {
    expect(importsOf("ui/engine-link.ts")).toContain("src/protocol");
    expect(importsOf("sim/device.ts")).toContain("src/pt");
    expect(graphOf("src").get("src/engine.ts")).toContain("src/pt/index.ts");
    expect(graphOf("sim").get("sim/device.ts")).toContain("sim/device-host.ts"); // a type import counts too
    expect(importsOf("playground/worker-files.ts")).toContain("lab/import/import-lab");
  });

  it("the circle check finds circles, long and short, and nothing else", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", ["e"]],
      ["e", ["d"]],
      ["f", ["a"]],
    ]);
    expect(circles(graph)).toEqual([
      ["d", "e"],
      ["a", "b", "c"],
    ]);
  });
});
