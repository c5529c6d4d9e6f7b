// npm run scenarios: runs the simulator's scenario catalogue and prints, for
// each scenario and send, the switches flipped, the codes expected and
// observed, the outcome and the model's rule row that decided it. Exits 1 on
// any difference, when any of the 13 SmtpResponseType codes was never
// observed, or when a rule row was never reached.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function loadSim() {
  const sandbox = { console, Date, Math, JSON };
  runInNewContext(readFileSync(join(root, "dist/sim/pt-sim.js"), "utf8"), sandbox);
  return sandbox.PtSim;
}

export function runCatalogue(sim = loadSim()) {
  const results = sim.CATALOGUE.map((s) => sim.runScenario(s));
  const sends = results.flatMap((r) => r.observed);
  const seen = new Set(sends.flatMap((o) => o.codes));
  const missing = [];
  for (let c = 1; c <= 13; c++) if (!seen.has(c)) missing.push(c);
  const decided = new Set(sends.map((o) => o.rule));
  const unreached = sim.RULES.map((row) => row.id).filter((id) => !decided.has(id));
  return { results, missing, unreached };
}

/** One line per send: the scenario's name and switches on its first. */
export function scenarioRows(results) {
  const rows = [];
  for (const r of results) {
    r.observed.forEach((o, i) => {
      const e = r.expected[i] || { codes: [], outcome: "", rule: "" };
      const diff = [];
      if (e.codes.join(",") !== o.codes.join(",")) diff.push("codes");
      if (e.outcome !== o.outcome) diff.push("outcome (expected " + e.outcome + ")");
      if (e.rule !== o.rule) diff.push("rule (expected " + e.rule + ")");
      if (i === r.observed.length - 1 && r.problem) diff.push(r.problem);
      rows.push([
        i ? "" : r.name,
        i ? "" : r.switches || "defaults",
        e.codes.join(",") || "-",
        o.codes.join(",") || "-",
        o.outcome,
        o.rule,
        diff.length ? "FAIL: " + diff.join("; ") : "OK",
      ]);
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { results, missing, unreached } = runCatalogue();
  const rows = scenarioRows(results);
  const head = ["scenario", "switches", "expected", "observed", "outcome", "rule", "result"];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(width[i]))
      .join("  ")
      .trimEnd();
  console.log(line(head));
  console.log(width.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  console.log(
    missing.length ? `codes never observed: ${missing.join(", ")}` : "all 13 SmtpResponseType codes observed",
  );
  console.log(unreached.length ? `rule rows never reached: ${unreached.join(", ")}` : "every rule row reached");
  process.exit(failed || missing.length || unreached.length ? 1 : 0);
}
