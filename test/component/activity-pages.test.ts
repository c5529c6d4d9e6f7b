// @vitest-environment happy-dom
// The playground's activity view asks the engine's Lab check as the panel does:
// a large check comes in pages (issue 23), joined only while they are of one check.
import { describe, expect, it } from "vitest";
import { wholeLabCheck } from "../../playground/activity-view";
import type { LabCheck, LabCheckCell } from "../../src/protocol";

const cell = (n: number): LabCheckCell => ({
  device: "PC-" + n,
  from: "u" + n + "@a.lab",
  to: "v@a.lab",
  predicted: "delivered",
  codes: [2],
  code: 2,
  cause: "",
  fix: "",
  rule: "delivered",
  evidence: "inf",
});
const head = { senders: [], roster: [], causes: [], readable: true };
const cells = (from: number, n: number) => Array.from({ length: n }, (_, i) => cell(from + i));

/** An engine whose check of `total` cells comes `size` at a time; `swapAt`: from there on, pages of a new check. */
function engine(total: number, size: number, swapAt = -1) {
  const asked: { id?: number; from?: number }[] = [];
  const ask = (r: { type: "labCheck"; id?: number; from?: number }) => {
    asked.push({ id: r.id, from: r.from });
    const from = r.from || 0;
    const id = swapAt >= 0 && from >= swapAt ? 8 : 7;
    const value: LabCheck = { ...head, cells: cells(from, Math.min(size, total - from)), page: { id, from, total } };
    return Promise.resolve(JSON.stringify({ ok: true, value }));
  };
  return { ask, asked };
}

describe("the activity view's Lab check", () => {
  it("asks page after page and joins them in order", async () => {
    const e = engine(2500, 1000);
    const check = await wholeLabCheck(e.ask);
    expect(check!.cells.map((c) => c.device)).toEqual(cells(0, 2500).map((c) => c.device));
    expect(e.asked).toEqual([{}, { id: 7, from: 1000 }, { id: 7, from: 2000 }]);
  });

  it("joins no page of another check, and waits while the lab is worked out", async () => {
    expect(await wholeLabCheck(engine(2500, 1000, 2000).ask)).toBeNull();
    const pending = () => Promise.resolve({ ok: true, value: { ...head, cells: [], pending: { done: 1, total: 3 } } });
    expect(await wholeLabCheck(pending)).toBeNull();
    const small = await wholeLabCheck(engine(36, 1000).ask);
    expect(small!.cells).toHaveLength(36);
  });
});
