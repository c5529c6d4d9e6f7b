// npm run scenarios: runs the simulator's scenario catalogue and prints, for
// each scenario, the codes expected and observed. Exits 1 on any mismatch, or
// when any of the 13 SmtpResponseType codes was never observed.
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function loadSim() {
  const sandbox = { console, Date, Math, JSON };
  runInNewContext(readFileSync(join(root, "dist/sim/pt-sim.js"), "utf8"), sandbox);
  return sandbox.PtSim;
}

export function runCatalogue(sim = loadSim()) {
  const results = sim.CATALOGUE.map((s) => sim.runScenario(s));
  const seen = new Set(results.flatMap((r) => r.observed.flat()));
  const missing = [];
  for (let c = 1; c <= 13; c++) if (!seen.has(c)) missing.push(c);
  return { results, missing };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { results, missing } = runCatalogue();
  const fmt = (runs) => runs.map((r) => r.join(",")).join(" then ");
  const rows = results.map((r) => [r.name, fmt(r.expected), fmt(r.observed), r.ok ? "OK" : "FAIL" + (r.problem ? ": " + r.problem : "")]);
  const head = ["scenario", "expected", "observed", "result"];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(width[i])).join("  ");
  console.log(line(head));
  console.log(width.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  console.log(missing.length ? `codes never observed: ${missing.join(", ")}` : "all 13 SmtpResponseType codes observed");
  process.exit(failed || missing.length ? 1 : 0);
}
