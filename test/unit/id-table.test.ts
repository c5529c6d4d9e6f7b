// The log's tables by id (src/id-table.ts): values across a tree of nodes of
// ID_SPAN slots, and a node let go once it holds nothing (issue 23's soak: the
// tables no longer keep an array as long as the largest id ever held).
import { describe, expect, it } from "vitest";
import { ID_SPAN, IdTable } from "../../src/id-table";

describe("IdTable", () => {
  it("keeps values by id across spans, counts them, and forgets deleted ones", () => {
    const t = new IdTable<string>();
    for (const id of [1, 1023, 1024, 1025, 5000, 1_000_000]) t.set(id, `v${id}`);
    t.set(1024, "again"); // a set of a known id changes its value, not the count
    expect(t.size).toBe(6);
    expect([t.get(1), t.get(1023), t.get(1024), t.get(1025), t.get(5000), t.get(1_000_000)]).toEqual([
      "v1",
      "v1023",
      "again",
      "v1025",
      "v5000",
      "v1000000",
    ]);
    expect([t.has(2), t.get(2), t.has(1_000_001)]).toEqual([false, undefined, false]);
    t.delete(1024);
    t.delete(1024); // twice: once counted
    t.delete(7); // never there
    expect(t.size).toBe(5);
    expect([t.has(1024), t.get(1025)]).toEqual([false, "v1025"]);
  });

  it("lets a leaf go once its last id is deleted, and makes it again when an id returns", () => {
    const t = new IdTable<number>();
    for (let id = 1; id <= 3000; id++) t.set(id, id);
    for (let id = 1; id < 2 * ID_SPAN; id++) t.delete(id);
    // The first two leaves' ids all gone: only the leaves of 2 × ID_SPAN to 3000 are left, in branch 0.
    const left = [];
    for (let n = 2; n <= Math.floor(3000 / ID_SPAN); n++) left.push(String(n));
    expect(Object.keys(branches(t))).toEqual(["0"]);
    expect(Object.keys(branches(t)[0].slots)).toEqual(left);
    expect(t.size).toBe(3000 - 2 * ID_SPAN + 1);
    t.set(5, 5);
    expect([t.get(5), t.size]).toEqual([5, 3000 - 2 * ID_SPAN + 2]);
  });

  it("lets a branch go once its last leaf goes: no node grows with the largest id ever held", () => {
    const t = new IdTable<number>();
    const perBranch = ID_SPAN * ID_SPAN;
    for (let id = 1; id <= 3 * perBranch; id++) t.set(id, id);
    for (let id = 1; id < 2 * perBranch; id++) t.delete(id);
    expect(Object.keys(branches(t))).toEqual(["2", "3"]);
    expect(Object.keys(branches(t)[2].slots).length).toBe(ID_SPAN);
    expect(Object.keys(branches(t)[3].slots)).toEqual(["0"]);
    expect([t.size, t.get(2 * perBranch), t.get(3 * perBranch), t.has(perBranch)]).toEqual([
      perBranch + 1,
      2 * perBranch,
      3 * perBranch,
      false,
    ]);
  });
});

/** The table's root: its branches by number, each with its leaves by slot. */
function branches(t: IdTable<number>): { [n: number]: { slots: { [slot: number]: unknown } } } {
  return Reflect.get(t, "root");
}
