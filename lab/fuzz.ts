// `npm run fuzz -- [--runs N] [--seed S] [--quiet]` (from the repository's root): the fuzz test of issue 27
// at length. Damaged fixture labs (fuzz-cases.ts) are each read by the lab
// CLI's main(), as `npm run lab -- --json` reads them; each case is printed
// with its outcome, time and the process's resident memory, and the run stops
// at the first that breaks the rule (fast-check then shrinks it and prints the
// smallest, with the seed to replay it). npm run fuzz caps the heap at 1 GB.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { main as cli } from "./cli";
import { decodeLab } from "./codec/lab-file";
import { nodeZlib } from "./codec/zlib-node";
import { badLine, buildCase, fuzzCases, type Seed } from "./fuzz-cases";

const MS_PER_FILE = 5000;

/** Every .pkt and .pka under test/fixtures (the labs and the grading class the project writes), decoded. */
export function fixtureSeeds(root: string): Seed[] {
  const dir = join(root, "test/fixtures");
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.pk[ta]$/.test(f))
    .sort()
    .map((name) => ({ name, xml: decodeLab(new Uint8Array(readFileSync(join(dir, name))), nodeZlib).xml }));
}
const MAX_RSS = 1024 * 1024 * 1024;

export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const option = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const runs = option("--runs", 2000),
    seed = option("--seed", Date.now() % 1e9),
    quiet = argv.indexOf("--quiet") >= 0;
  const seeds = fixtureSeeds(process.cwd()); // npm runs scripts from the package's root
  const dir = mkdtempSync(join(tmpdir(), "lab-fuzz-"));
  const tally = { read: 0, refused: 0 };
  let n = 0,
    slowest = 0,
    peak = 0;
  out("fuzz: " + runs + " cases from " + seeds.length + " fixture labs, seed " + seed);
  try {
    const result = fc.check(
      fc.property(fuzzCases(seeds), (c) => {
        const { bytes, what } = buildCase(seeds, c);
        const path = join(dir, "case" + seeds[c.seed].name.slice(-4));
        writeFileSync(path, bytes);
        const lines: string[] = [];
        const started = performance.now();
        cli(["--json", path], (l) => lines.push(l), err);
        const ms = performance.now() - started,
          rss = process.memoryUsage.rss();
        slowest = Math.max(slowest, ms);
        peak = Math.max(peak, rss);
        const bad =
          badLine(lines, path) ||
          (ms > MS_PER_FILE ? "took " + Math.round(ms) + " ms" : "") ||
          (rss > MAX_RSS ? "resident memory " + Math.round(rss / 1048576) + " MB" : "");
        const r = bad ? null : JSON.parse(lines[0]);
        if (r) tally[r.ok ? "read" : "refused"]++;
        if (!quiet || bad)
          out(
            "#" +
              ++n +
              " " +
              what +
              " → " +
              (bad ? "BROKEN: " + bad : r.ok ? "read" : "refused: " + r.error) +
              " (" +
              Math.round(ms) +
              " ms, " +
              Math.round(rss / 1048576) +
              " MB)",
          );
        return !bad;
      }),
      { seed, numRuns: runs },
    );
    out(
      "fuzz: " +
        tally.read +
        " read, " +
        tally.refused +
        " refused in one line; slowest " +
        Math.round(slowest) +
        " ms, peak resident " +
        Math.round(peak / 1048576) +
        " MB",
    );
    if (result.failed) {
      err(fc.defaultReportMessage(result) || "fuzz: a case broke the rule");
      return 1;
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
