// A day in a classroom, shortened (issue 23; `npm run bench` runs the whole
// day: build/bench/soak.mjs): the built engine in each Qt host through 12,000
// mailSent events over 40 devices, the log capped at 1,000 so that it is full
// from the first tenth, with the panel's pulls, Check, Lab check, devices added
// and deleted and two File > Open. Times are not asserted here (the machine is
// shared; the bench reports them): what is, is that nothing is lost or left
// registered, and that memory stays flat once the log is full.
import { describe, expect, it } from "vitest";
import { soakRun } from "../../build/bench/soak.mjs";

const EVENTS = 12000;

for (const flavour of ["qt5", "qt6"]) {
  describe(`a short soak in ${flavour === "qt5" ? "Qt 5.15" : "Qt 6"}`, () => {
    it("accounts for every event, leaves nothing registered, and does not grow once the log is full", async () => {
      const { result, points } = await soakRun(flavour, { events: EVENTS, pcs: 35, cap: 1000, limitMs: 600000 });
      expect(result.events).toBe(EVENTS + 3); // and one at each checkpoint, with the lab read afresh
      // Every event a row, or one the cap dropped; the cap held; none unreadable.
      expect([result.held, result.dropped, result.lost, result.unreadable]).toEqual([1000, EVENTS + 3 - 1000, 0, 0]);
      expect(result.pulled).toBeGreaterThanOrEqual(EVENTS); // the panel's pulls saw the rows
      expect(result.files).toBe(3); // the first file, then two File > Open
      expect(result.labChecks).toHaveLength(11);
      // Each Lab check is worked out and read whole: its pages add up to every pair, none twice.
      for (const check of result.labChecks) {
        expect(check.pairs).toBeGreaterThan(1000);
        expect([check.cells, check.pages]).toEqual([check.pairs, Math.ceil(check.pairs / 1000)]);
      }
      expect(result.handlersLeft).toBe(0);
      expect((points["100"].heap as number) / (points["10"].heap as number)).toBeLessThanOrEqual(1.2);
      expect(points["100"].rss / points["10"].rss).toBeLessThanOrEqual(1.2);
    });
  });
}
