// The walls of the house (STYLE.md): the panel reaches the engine only through
// the protocol, and the engine, which ships alone into PT's script engine,
// imports neither the simulator nor the panel.
import { readdirSync, readFileSync } from "node:fs";
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

function crossings(folder: string, allowed: (target: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of sources(folder)) {
    for (const target of importsOf(file)) if (!allowed(target)) out.push(`${file} imports ${target}`);
  }
  return out;
}

describe("boundaries", () => {
  it("ui/ imports nothing from src/ but the protocol", () => {
    const bad = crossings("ui", (t) => !t.startsWith("src/") || t === "src/protocol");
    expect(bad).toEqual([]);
  });

  it("src/ imports nothing from sim/, ui/, lab/ or test/, and no Node module", () => {
    const bad = crossings("src", (t) => !/^(sim|ui|lab|test)\//.test(t) && !t.startsWith("node:"));
    expect(bad).toEqual([]);
  });

  it("the check sees real crossings (it reads the imports it claims to)", () => {
    expect(importsOf("ui/main.ts")).toContain("src/protocol");
    expect(importsOf("sim/device.ts")).toContain("src/pt");
  });
});
