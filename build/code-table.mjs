// Renders the README's "How the model decides each code" table from the
// model's rule table (src/model/rules.ts), so the two cannot drift apart.
//   node build/code-table.mjs           prints the table (from dist/sim/pt-sim.js)
//   node build/code-table.mjs --write   replaces the table in README.md
//   node build/code-table.mjs --check   exits 1 when README.md's table differs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSim } from "./scenarios.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const README = join(root, "README.md");
const HEADING = "How the model decides each code";

const DSN_WORDS = {
  "unknown-recipient": 'accepted, then the "account does not exist" DSN',
  "domain-not-found": 'accepted, then the "Domain name not found" DSN',
};
const STRENGTH = ["live", "pkt", "inf"];

function codeOf(result) {
  return result.outcome === "failed" ? result.code : 2;
}

/**
 * The table as markdown lines. `model` holds RULES, PROGRESS and PT_BEHAVIOUR
 * (the model's tables) and RESPONSE_CODES (src/codes.ts). Within a code, rows
 * that share a switch or a bounce are grouped under it, in check order, one
 * group per line of the cell.
 */
export function renderCodeTable(model) {
  const defaults = {};
  for (const key of Object.keys(model.PT_BEHAVIOUR)) defaults[key] = model.PT_BEHAVIOUR[key].default;
  const byCode = {};
  const add = (code, lead, text, evidence) => {
    const key = code === null ? "none" : code;
    if (!byCode[key]) byCode[key] = { groups: [], evidence: [] };
    const cell = byCode[key];
    let group = cell.groups.filter((g) => g.lead === lead)[0];
    if (!group) {
      group = { lead, texts: [] };
      cell.groups.push(group);
    }
    group.texts.push(text);
    if (cell.evidence.indexOf(evidence) < 0) cell.evidence.push(evidence);
  };
  const entry = (row, extra) => row.when + " (`" + row.id + "`" + (extra || "") + ", " + row.evidence + ")";
  for (const p of model.PROGRESS) add(p.code, "unless `emitProgressEvents=false`: ", entry(p), p.evidence);
  for (const row of model.RULES) {
    const result = row.result(defaults);
    const bounce = result.outcome === "bounced" ? DSN_WORDS[result.dsn] + ": " : "";
    if (row.gate && !defaults[row.gate])
      add(codeOf(result), "only with `" + row.gate + "=true`: " + bounce, entry(row), row.evidence);
    else add(codeOf(result), bounce, entry(row, row.gate ? "; switch `" + row.gate + "`" : ""), row.evidence);
    if (!row.switch) continue;
    for (const value of model.PT_BEHAVIOUR[row.switch].alternatives) {
      const alt = row.result(Object.assign({}, defaults, { [row.switch]: value }));
      if (codeOf(alt) !== codeOf(result))
        add(codeOf(alt), "with `" + row.switch + "=" + value + "`: ", entry(row), row.evidence);
    }
  }
  // Rows under no switch or bounce first; each group on its own line.
  const cell = (c) =>
    c.groups
      .filter((g) => !g.lead)
      .concat(c.groups.filter((g) => g.lead))
      .map((g) => g.lead + g.texts.join("; "))
      .join("<br>");
  const evidence = (c) => STRENGTH.filter((e) => c.evidence.indexOf(e) >= 0).join(", ");
  const lines = [
    "| code | name | when, in the simulator (rule row, evidence; in check order) | evidence |",
    "|---|---|---|---|",
  ];
  for (const c of model.RESPONSE_CODES) {
    const x = byCode[c.code] || { groups: [], evidence: [] };
    lines.push("| " + c.code + " | " + c.name + " | " + cell(x) + " | " + evidence(x) + " |");
  }
  if (byCode.none) lines.push("| — | (no mailSent) | " + cell(byCode.none) + " | " + evidence(byCode.none) + " |");
  return lines;
}

/** The table lines under the heading paragraph in README text: [start, end) line indexes. */
export function readmeTableSpan(text) {
  const lines = text.split("\n");
  const head = lines.findIndex((l) => l.startsWith(HEADING));
  if (head < 0) throw new Error('README.md: no paragraph starting "' + HEADING + '"');
  let start = head + 1;
  while (start < lines.length && !lines[start].startsWith("|")) start++;
  let end = start;
  while (end < lines.length && lines[end].startsWith("|")) end++;
  return { lines, start, end };
}

export function readmeTable(text) {
  const { lines, start, end } = readmeTableSpan(text);
  return lines.slice(start, end);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = renderCodeTable(loadSim());
  const text = readFileSync(README, "utf8");
  if (process.argv.includes("--write")) {
    const { lines, start, end } = readmeTableSpan(text);
    writeFileSync(README, lines.slice(0, start).concat(table, lines.slice(end)).join("\n"));
    console.log("README.md: code table written (" + table.length + " lines)");
  } else if (process.argv.includes("--check")) {
    const same = readmeTable(text).join("\n") === table.join("\n");
    console.log(
      same
        ? "README.md's code table matches the rule table"
        : "README.md's code table differs: run node build/code-table.mjs --write",
    );
    process.exit(same ? 0 : 1);
  } else {
    console.log(table.join("\n"));
  }
}
