// What one lab may hold (lab/import/limits.ts, issue 27), at the parser and
// the warnings: small bounds here stand for LIMITS' large ones, which
// bad-input.test.ts meets through the CLI.
import { describe, expect, it } from "vitest";
import type { ImportedLab } from "../../lab/import/import-lab";
import { LIMITS } from "../../lab/import/limits";
import { Warnings } from "../../lab/import/warnings";
import { parseXml, XmlError } from "../../lab/import/xml";
import { labMatrix } from "../../lab/summary";
import { oneLan } from "../../sim/scenarios/classroom";
import type { HostSpec } from "../../sim/spec";

describe("the parser's bounds", () => {
  it("refuses more elements to build than the limit, naming the line; skipped ones do not count", () => {
    const xml = "<R>\n<a/><b/>\n<SKIP><x/><x/><x/></SKIP><c/></R>";
    expect(() => parseXml(xml, { limits: { elements: 3 } })).toThrow(
      new XmlError("the lab holds more than 3 elements to read (line 3)"),
    );
    const root = parseXml(xml, { limits: { elements: 4 }, skip: (name) => name === "SKIP" });
    expect(root.children.map((c) => c.name)).toEqual(["a", "b", "c"]);
  });

  it("refuses nesting deeper than the limit, skipped levels included", () => {
    expect(() => parseXml("<R><S><T/></S></R>", { limits: { depth: 2 }, skip: (n) => n === "S" })).not.toThrow();
    expect(() => parseXml("<R><S><T></T></S></R>", { limits: { depth: 2 }, skip: (n) => n === "S" })).toThrow(
      "the XML nests elements more than 2 deep (line 1)",
    );
  });

  it("builds the first children of an element up to the limit, checks the rest, and notes the cut up to the root", () => {
    const root = parseXml("<R><D><a/><b/><c><d/></c><e>x</e></D></R>", { limits: { children: 2 } });
    const d = root.children[0];
    expect(d.children.map((c) => c.name)).toEqual(["a", "b"]);
    expect(d.cut).toBe("<D> holds more than 2 elements; the rest are not read");
    expect(root.cut).toBe(d.cut);
    expect(() => parseXml("<R><D><a/><b/><c></d></D></R>", { limits: { children: 2 } })).toThrow(
      "expected </c>, found </d>",
    );
  });

  it("keeps the first characters of a text or attribute up to the limit, and notes the cut", () => {
    const root = parseXml('<R><N v="0123456789">abc&amp;defgh</N><M>ok</M></R>', { limits: { text: 4 } });
    const [n, m] = root.children;
    expect([n.text, n.attrs.v, m.text]).toEqual(["abc&", "0123", "ok"]);
    expect(n.cut).toBe("the v of <N> is longer than 4 characters; the rest is not read");
    expect(m.cut).toBeUndefined();
    expect(parseXml("<R><N>abcdefgh</N></R>", { limits: { text: 4 } }).cut).toBe(
      "the text of <N> is longer than 4 characters; the rest is not read",
    );
  });

  it("keeps an attribute named __proto__ as an attribute", () => {
    const attrs = parseXml('<R __proto__="x" constructor="y"/>').attrs;
    expect(Object.keys(attrs)).toEqual(["__proto__", "constructor"]);
    expect(Object.values(attrs)).toEqual(["x", "y"]);
  });
});

describe("warnings from a hostile lab", () => {
  it("name 50 devices a line and count the rest, and stop at 1,000 lines", () => {
    const w = new Warnings();
    for (let i = 0; i < 60; i++) w.add("D" + i, "HTTP service is on but not simulated");
    w.add("D0", "HTTP service is on but not simulated");
    for (let i = 0; i < 1000; i++) w.add("", "DNS record r" + i + " is not modeled");
    const lines = w.lines();
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toBe(
      Array.from({ length: 50 }, (_, i) => "D" + i).join(", ") + ", and 10 more: HTTP service is on but not simulated",
    );
    expect(lines[999]).toBe("DNS record r998 is not modeled");
    expect(lines[1000]).toBe("1 more warnings are not shown");
  });
});

describe("the delivery matrix of a large lab", () => {
  it("is not predicted past the pairs limit, and says so; at the limit it is", () => {
    const spec = oneLan();
    const server = spec.devices[1] as HostSpec;
    const users: { [name: string]: string } = {};
    // Two clients (PC-Ann, PC-Ben) × the accounts.
    for (let i = 0; i < LIMITS.matrixPairs / 2 - 1; i++) users["u" + i] = "p";
    server.mailServer = { domain: "school.lab", users };
    const lab = { spec } as ImportedLab;
    const at = labMatrix(lab);
    expect([at.error, at.matrix.cells.length]).toEqual([null, LIMITS.matrixPairs - 2]);
    users.one = "p";
    users.more = "p";
    const past = labMatrix(lab);
    expect(past.error).toBe("delivery matrix: not predicted (2 clients × 125,001 accounts is more than 250,000 pairs)");
    expect(past.matrix.cells).toEqual([]);
  });
});
