// What one change costs the log does not grow with the log (issue 16): the
// rows it visits per event at a full log, and per one-change pull, are counted
// through the walks of its order lists (src/recency.ts) at two log sizes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DeliveryLog } from "../../src/log";
import { RecencyList } from "../../src/recency";
import { Revision } from "../../src/revision";

let visited = 0;

/** Counts every id a walk hands to its callback. */
function countWalks(): void {
  for (const name of ["oldestWhile", "newestWhile"] as const) {
    const real = RecencyList.prototype[name];
    vi.spyOn(RecencyList.prototype, name).mockImplementation(function (this: RecencyList, fn) {
      return real.call(this, (id: number) => {
        visited++;
        return fn(id);
      });
    });
  }
  const realAfter = RecencyList.prototype.afterWhile;
  vi.spyOn(RecencyList.prototype, "afterWhile").mockImplementation(function (this: RecencyList, after, fn) {
    return realAfter.call(this, after, (id: number) => {
      visited++;
      return fn(id);
    });
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

function fullLog(rows: number): DeliveryLog {
  let now = 1767225600000;
  const log = new DeliveryLog({ cap: rows, now: () => now++, revision: new Revision(), maxBytes: 1e12 });
  for (let i = 0; i < rows; i++) endOne(log, i);
  return log;
}

function endOne(log: DeliveryLog, i: number): void {
  const e = log.add({
    origin: "pt-client",
    deviceKey: "k",
    device: "PC-Carol",
    from: "carol@alpha.edu",
    to: `u${i}@alpha.edu`,
    subject: "Lab",
    body: "",
    server: "mail.alpha.edu",
    state: "sending",
  });
  log.record(e, { code: 6 });
  log.setState(e, "failed", 6);
}

describe("the log's cost per change", () => {
  it.each([2000, 20000])("visits the same few rows per event at a full log of %i rows", (rows) => {
    const log = fullLog(rows);
    countWalks();
    visited = 0;
    for (let i = 0; i < 100; i++) endOne(log, rows + i);
    // Each event drops the oldest row: the cap's walk reads it and the one after, and stops.
    expect(visited / 100).toBeLessThanOrEqual(3);
    expect(log.changesSince(0, 0, 1).sent).toBe(rows + 100);
  });

  it.each([2000, 20000])("answers a one-change pull at %i rows by visiting two rows", (rows) => {
    const log = fullLog(rows);
    const seq = log.changesSince(0, 0, 1).seq;
    endOne(log, rows);
    countWalks();
    visited = 0;
    const c = log.changesSince(seq, log.epoch);
    expect(log.mailsOf(c.ids).map((m) => m.to)).toEqual([`u${rows}@alpha.edu`]);
    expect(visited).toBeLessThanOrEqual(2);
  });

  it("counts the walks it claims to (a full catch-up visits every row)", () => {
    const log = fullLog(500);
    countWalks();
    visited = 0;
    expect(log.changesSince(0, 0).ids).toHaveLength(500);
    expect(visited).toBe(500);
  });
});
