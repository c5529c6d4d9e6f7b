// The scenario catalogue against the model's rule table: every scenario gives
// its codes, outcome and deciding row; every row is reached by a named
// scenario; all 13 codes are reachable; README.md's code table is the one the
// rule table renders.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmeTable, renderCodeTable } from "../../build/code-table.mjs";
import { runCatalogue } from "../../build/scenarios.mjs";
import { PROGRESS, PT_BEHAVIOUR, RULES } from "../../sim/rules";
import { CATALOGUE, runScenario } from "../../sim/scenarios/catalogue";
import { RESPONSE_CODES } from "../../src/codes";
import { RULE_WORDS } from "../../src/model/rule-words";

const results = CATALOGUE.map((s) => ({ scenario: s, result: runScenario(s) }));

describe("scenarios: each plays out as the model decides", () => {
  for (const { result: r } of results) {
    it(`${r.name}${r.switches ? " [" + r.switches + "]" : ""}: ${r.expected.map((x) => x.codes.join(",") || "no event").join(" then ")}`, () => {
      expect(r.observed).toEqual(r.expected);
      expect(r.problem).toBe("");
    });
  }
});

describe("scenarios: coverage of the rule table and the codes", () => {
  it("every rule row decides at least one named scenario's send", () => {
    const decided = new Set(results.flatMap(({ result }) => result.observed.map((o) => o.rule)));
    expect(RULES.map((row) => row.id).filter((id) => !decided.has(id))).toEqual([]);
  });

  it("every scenario names a real row, and that row decides one of its sends", () => {
    const ids = RULES.map((row) => row.id);
    for (const { scenario, result } of results) {
      expect(ids, scenario.name).toContain(scenario.rule);
      expect(
        result.observed.map((o) => o.rule),
        scenario.name,
      ).toContain(scenario.rule);
    }
  });

  it("under the documented defaults, every code but 4 and 12 is observed; flipped switches add 4 and 12", () => {
    const codes = (flipped: boolean) =>
      new Set(
        results
          .filter(({ scenario }) => !!scenario.behaviour === flipped)
          .flatMap(({ result }) => result.observed.flatMap((o) => o.codes)),
      );
    const byDefault = codes(false);
    expect([...byDefault].sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 13]);
    const all = new Set([...byDefault, ...codes(true)]);
    expect([...all].sort((a, b) => a - b)).toEqual(RESPONSE_CODES.map((c) => c.code));
  });

  it("the built simulator (dist/sim/pt-sim.js, ES2016) runs the same catalogue with no failure", () => {
    const { results: built, missing, unreached } = runCatalogue();
    expect(built.filter((r) => !r.ok).map((r) => r.name + ": " + r.problem)).toEqual([]);
    expect([missing, unreached]).toEqual([[], []]);
  });
});

describe("README: the code table is rendered from the rule table", () => {
  it("README.md's table equals the generated one (node build/code-table.mjs --write)", () => {
    const generated = renderCodeTable({ RULES, PROGRESS, PT_BEHAVIOUR, RESPONSE_CODES });
    expect(readmeTable(readFileSync("README.md", "utf8"))).toEqual(generated);
  });

  it("every rule row has its words, and no words are left without a row", () => {
    expect(Object.keys(RULE_WORDS)).toEqual(RULES.map((r) => r.id));
  });

  it("the table changes when a row does (it is rendered, not copied)", () => {
    const changed = RULES.map((row) =>
      row.id === "wrong-password" ? Object.assign({}, row, { when: "a changed condition" }) : row,
    );
    const lines = renderCodeTable({ RULES: changed, PROGRESS, PT_BEHAVIOUR, RESPONSE_CODES });
    expect(lines.filter((l) => l.startsWith("| 5 |"))[0]).toContain("a changed condition (`wrong-password`, inf)");
  });
});
