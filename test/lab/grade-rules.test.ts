// The pieces of grading on small hand-made inputs: the expectation file's
// syntax errors and patterns, later rules winning, unknown pairs counted
// apart, and the importer's answer network and user profile.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLab } from "../../lab/codec/lab-file";
import { nodeZlib } from "../../lab/codec/zlib-node";
import { GRADE_DIR } from "../../lab/fixtures/labs";
import { parseExpectation, patternMatcher } from "../../lab/grade/expectation-file";
import { csvCell } from "../../lab/grade/report-csv";
import { type Expectation, scoreMatrix } from "../../lab/grade/score";
import { importLab } from "../../lab/import/import-lab";
import type { DeliveryMatrix, MatrixCell, Predicted } from "../../src/model";

const errorOf = (text: string) => {
  try {
    parseExpectation(text, "e.json");
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};

describe("the expectation file", () => {
  it("says where a syntax error is and what was expected there, in one line", () => {
    expect(errorOf('{"expect": [}')).toBe("e.json: line 1, column 13: expected a value");
    expect(errorOf('{"expect": [{"from": "*", "to": "*", "outcome": "delivered"},]}')).toBe(
      "e.json: line 1, column 62: expected a value",
    );
    expect(errorOf('{"expect": [\n')).toBe("e.json: line 2, column 1: expected a value, found the end of the file");
    expect(errorOf("{expect: []}")).toBe('e.json: line 1, column 2: expected a key in double quotes (a "…" string)');
    expect(errorOf('{"expect": []} x')).toBe(
      "e.json: line 1, column 16: expected the end of the file after the top-level value",
    );
    expect(errorOf('{"rules": []}')).toBe('e.json: line 1, column 1: expected a key "expect" holding a list');
    expect(errorOf('{"expect": [{"from": "*", "to": "*", "outcome": "arrived"}]}')).toBe(
      'e.json: line 1, column 49: rule 1: expected "outcome" to be one of delivered, bounced, failed, unknown',
    );
    expect(errorOf('{"expect": [{"from": "*", "too": "*", "outcome": "failed"}]}')).toBe(
      'e.json: line 1, column 27: rule 1: expected one of "from", "to", "outcome", "note", not "too"',
    );
  });

  it("reads rules in order, with where each starts", () => {
    const rules = parseExpectation(
      '{"expect": [\n {"from": "*@alpha.edu", "to": "*", "outcome": "delivered"},\n {"from": "*", "to": "staff@*", "outcome": "bounced", "note": "no staff"}\n]}',
      "e.json",
    );
    expect(rules).toEqual([
      { index: 1, from: "*@alpha.edu", to: "*", outcome: "delivered", at: "line 2, column 2" },
      { index: 2, from: "*", to: "staff@*", outcome: "bounced", at: "line 3, column 2" },
    ]);
  });

  it("matches * as any run of characters, ignoring case, and nothing else as special", () => {
    const m = patternMatcher("*@Alpha.edu");
    expect(["ann@alpha.edu", "ANN@ALPHA.EDU", "@alpha.edu", "ann@alpha.edu.au", "ann@alphaXedu"].map(m)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(["staff@x", "staffer@x"].map(patternMatcher("staff@*"))).toEqual([true, false]);
  });
});

function cell(from: string, to: string, predicted: Predicted, cause = ""): MatrixCell {
  return {
    device: "PC-" + from,
    from,
    to,
    predicted,
    codes: [],
    code: null,
    cause,
    fix: cause ? "fix " + cause : "",
    rule: "r",
    evidence: "inferred" as MatrixCell["evidence"],
  };
}

function matrix(cells: MatrixCell[]): DeliveryMatrix {
  const senders = Array.from(new Set(cells.map((c) => c.from))).map((from) => ({
    device: "PC-" + from,
    mailId: from,
    user: "",
    password: "",
    smtpServer: "",
  }));
  return { senders, roster: Array.from(new Set(cells.map((c) => c.to))), cells, causes: [] };
}

describe("scoring", () => {
  const m = matrix([
    cell("a@x.edu", "a@x.edu", "delivered"),
    cell("a@x.edu", "staff@x.edu", "delivered"),
    cell("b@x.edu", "a@x.edu", "unknown", "a VLAN the model does not cover"),
    cell("b@x.edu", "staff@x.edu", "failed", "PC-b is off"),
  ]);

  it("lets later rules win, grades only pairs a rule names, and counts unknown pairs apart", () => {
    const rules: Expectation = {
      kind: "rules",
      source: "e.json",
      rules: parseExpectation(
        JSON.stringify({
          expect: [
            { from: "*", to: "*", outcome: "delivered" },
            { from: "*", to: "staff@*", outcome: "bounced" },
            { from: "b@*", to: "staff@*", outcome: "failed" },
          ],
        }),
        "e.json",
      ),
    };
    const s = scoreMatrix(rules, m);
    // a→a delivered (match), a→staff delivered but bounced expected (differs), b→a unknown, b→staff failed (match).
    expect([s.graded, s.matched, s.unknown, s.score]).toEqual([3, 2, 1, 2 / 3]);
    expect(s.pairs.map((p) => [p.from, p.to, p.expected, p.predicted, p.match])).toEqual([
      ["a@x.edu", "a@x.edu", "delivered", "delivered", true],
      ["a@x.edu", "staff@x.edu", "bounced", "delivered", false],
      ["b@x.edu", "a@x.edu", "delivered", "unknown", null],
      ["b@x.edu", "staff@x.edu", "failed", "failed", true],
    ]);
    expect(s.causes).toEqual([
      {
        cause: "delivered, where the answer's mail is bounced (rule 2)",
        fix: "make the lab stop this mail as the answer does",
        pairs: 1,
      },
    ]);
    expect(s.rulesUsed).toEqual([1, 2, 3]);
  });

  it("grades nothing when no rule names a pair, and says the score is none rather than 0", () => {
    const none: Expectation = {
      kind: "rules",
      source: "e.json",
      rules: [{ index: 1, from: "*@y.org", to: "*", outcome: "delivered", at: "" }],
    };
    expect(scoreMatrix(none, m)).toMatchObject({ score: null, graded: 0, pairs: [], rulesUsed: [] });
  });
});

describe("the importer, for grading", () => {
  const read = (file: string) => decodeLab(new Uint8Array(readFileSync(join(GRADE_DIR, file))), nodeZlib);

  it("reads the user profile of a .pkt, and of a .pka's current network with the activity's lock", () => {
    const pkt = read("class/ann-lee.pkt");
    expect(importLab(pkt.xml, pkt.kind).profile).toEqual({
      name: "Ann Lee",
      email: "ann.lee@school.edu",
      info: "",
      locked: false,
    });
    const pka = read("answer.pka");
    expect(importLab(pka.xml, pka.kind).profile).toEqual({ name: "Instructor", email: "", info: "", locked: true });
  });

  it("imports an activity's answer network (the third) when asked, and its current one otherwise", () => {
    const pka = read("answer.pka");
    const accounts = (which: "current" | "answer") =>
      importLab(pka.xml, pka.kind, "a", which)
        .spec.devices.flatMap((d) => ("mailServer" in d && d.mailServer ? Object.keys(d.mailServer.users) : []))
        .sort();
    expect(accounts("current")).toEqual([]);
    expect(accounts("answer")).toEqual(["ann", "ben", "carol", "dan"]);
    expect(importLab(pka.xml, pka.kind, "a", "answer").warnings).toEqual(["activity: its answer network is imported"]);
  });
});

describe("the CSV", () => {
  it("quotes what needs quoting and keeps a spreadsheet from running a cell as a formula", () => {
    expect(["plain", 'say "hi"', "a,b", "=1+1", "@SUM(A1)"].map(csvCell)).toEqual([
      "plain",
      '"say ""hi"""',
      '"a,b"',
      "'=1+1",
      "'@SUM(A1)",
    ]);
  });
});
