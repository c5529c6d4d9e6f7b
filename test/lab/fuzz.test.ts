// The fuzz test of issue 27, small enough for npm test: the project's own
// fixture labs (all of test/fixtures), damaged (lab/fuzz-cases.ts) and wrapped back into a valid
// container, each read by the lab CLI. Every file gives one JSON line, the lab
// or a refusal of at most 200 characters, never an internal error, within a
// time bound; then all of them again in a child process under a memory bound.
// A fixed seed makes a failure the same on every run; `npm run fuzz` runs many
// more cases and prints each (lab/fuzz.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { fixtureSeeds } from "../../lab/fuzz";
import { badLine, buildCase, fuzzCases, type Seed } from "../../lab/fuzz-cases";
import { runCli } from "./run-cli";

const root = join(__dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "lab-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seeds: Seed[] = fixtureSeeds(root);

/** Per file, in this process (a loaded machine included); the damaged fixtures take milliseconds. */
const MS_PER_FILE = 3000;
/** The whole batch's peak resident memory in a child process: Node itself takes about 50 MB. */
const MAX_RSS_MB = 200;

describe("fuzz: damaged fixture labs", () => {
  it("the damage helpers change the lab, and a planted internal error is caught (it can fail)", () => {
    const c = buildCase(seeds, { seed: 0, edits: [{ kind: "delete", element: 1 }], wrap: { kind: "valid" } });
    expect(decodeLab(c.bytes, nodeZlib).xml).not.toBe(seeds[0].xml);
    expect(badLine(['{"file":"f","ok":false,"error":"internal error, please report it (x)"}'], "f")).toMatch(
      /^internal error/,
    );
    expect(badLine(['{"file":"f","ok":false,"error":"' + "x".repeat(201) + '"}'], "f")).not.toBe("");
    expect(badLine([], "f")).toBe("0 lines, not 1");
  });

  it("each gives one JSON line, the lab or a short refusal, in bounded time and memory", () => {
    expect(seeds.length).toBeGreaterThan(10);
    const written: string[] = [];
    fc.assert(
      fc.property(fuzzCases(seeds), (c) => {
        const { bytes, what } = buildCase(seeds, c);
        const path = join(dir, "case-" + written.length + seeds[c.seed].name.slice(-4));
        writeFileSync(path, bytes);
        written.push(path);
        const started = performance.now();
        const r = runCli(["--json", path]);
        const ms = performance.now() - started;
        const bad = badLine(r.out, path) || (ms > MS_PER_FILE ? "took " + Math.round(ms) + " ms" : "");
        if (bad) throw new Error(what + " → " + bad);
      }),
      { seed: 27, numRuns: 60 },
    );
    // The same files through the built CLI, its peak resident memory read as it exits.
    const report = 'process.on("exit",()=>process.stderr.write("maxRSS "+process.resourceUsage().maxRSS+"\\n"))';
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "data:text/javascript," + encodeURIComponent(report),
        join(root, "build/lab-cli.mjs"),
        "--json",
        ...written,
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    expect([0, 1]).toContain(child.status);
    expect(child.stdout.trim().split("\n")).toHaveLength(written.length);
    const rssKb = Number(/maxRSS (\d+)/.exec(child.stderr)?.[1]);
    expect(rssKb / 1024).toBeLessThan(MAX_RSS_MB);
  });
});
