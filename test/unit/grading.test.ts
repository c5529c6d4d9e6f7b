// The grading the CLI and the panel share (src/grading/): a lab the engine
// checked is grouped and worded as its Lab check groups and words its causes,
// and ties between causes keep the order they were met in, whatever the
// browser's sort (Chromium 69's is not stable). Outcomes written down by hand.
import { describe, expect, it } from "vitest";
import { byGroups, type Expectation, type GradedCell, scoreLab } from "../../src/grading/score";

const cell = (device: string, from: string, to: string, predicted: GradedCell["predicted"], cause = "", fix = "") => ({
  device,
  from,
  to,
  predicted,
  cause,
  fix,
});

const allDelivered = (pairs: [string, string][]): Expectation => ({
  kind: "pairs",
  source: "by hand",
  pairs: pairs.map(([from, to]) => ({ from, to, outcome: "delivered", why: "" })),
});

describe("grading a lab the engine checked", () => {
  it("keeps apart the groups the engine keeps apart by sender, and words them as the Lab check does", () => {
    // Two senders with the same wrong-password fix text: the engine sent two groups, keyed by sender.
    const fix = "type the password as set in MAIL's User Setup";
    const lab = {
      senders: ["a@x.edu", "b@x.edu"],
      roster: ["a@x.edu", "b@x.edu"],
      cells: [
        cell("PC-A", "a@x.edu", "a@x.edu", "failed", "the password is not a's", fix),
        cell("PC-A", "a@x.edu", "b@x.edu", "failed", "the password is not a's", fix),
        cell("PC-B", "b@x.edu", "a@x.edu", "failed", "the password is not b's", fix),
        cell("PC-B", "b@x.edu", "b@x.edu", "delivered"),
      ],
    };
    const groups = [
      { key: fix + "\nPC-A", cause: "PC-A: the password is not a's", fix },
      { key: fix + "\nPC-B", cause: "PC-B: the password is not b's", fix },
    ];
    const expected = allDelivered([
      ["a@x.edu", "a@x.edu"],
      ["a@x.edu", "b@x.edu"],
      ["b@x.edu", "a@x.edu"],
      ["b@x.edu", "b@x.edu"],
    ]);
    const s = scoreLab(expected, lab, byGroups(groups));
    expect([s.matched, s.graded]).toEqual([1, 4]);
    expect(s.causes).toEqual([
      { cause: "PC-A: the password is not a's", fix, pairs: 2 },
      { cause: "PC-B: the password is not b's", fix, pairs: 1 },
    ]);
    // Without the engine's groups (the CLI, which has the model's causeKey instead): the cell's own words.
    const plain = scoreLab(expected, lab, { keyOf: (c) => c.fix });
    expect(plain.causes).toEqual([{ cause: "the password is not a's", fix, pairs: 3 }]);
  });

  it("lists causes with as many pairs in the order they were met, past ten of them", () => {
    const senders = "abcdefghijkl".split("").map((l) => l + "@x.edu");
    // Each sender fails to reach the one account for a fix of its own: twelve causes of one pair each.
    const lab = {
      senders,
      roster: ["z@x.edu"],
      cells: senders.map((s) => cell("PC-" + s[0], s, "z@x.edu", "failed", s[0] + " is off", "switch " + s[0] + " on")),
    };
    const s = scoreLab(allDelivered(senders.map((f): [string, string] => [f, "z@x.edu"])), lab, byGroups([]));
    expect(s.causes.map((c) => c.fix)).toEqual("abcdefghijkl".split("").map((l) => "switch " + l + " on"));
  });
});
