// A snapshot's memo is bounded (src/model/topology.ts Memo): a snapshot may live all day while the lab is
// unchanged, and some answers are keyed by what people type. Forgetting must never change an answer: the
// whole matrix of every fixture lab is worked out with a memo that forgets after every answer or few.
import { describe, expect, it } from "vitest";
import { fixtureLabs } from "../../lab/fixtures/labs";
import { mailClientsOf } from "../../lab/summary";
import { classroom } from "../../sim/scenarios/classroom";
import type { TopologySpec } from "../../sim/spec";
import { defaultBehaviour, deliveryMatrix, indexTopology } from "../../src/model";
import { matrixRows } from "../../src/model/matrix";
import { Memo } from "../../src/model/topology";
import { imported, liveSnapshot } from "../helpers/fixture-labs";

const specs = (): TopologySpec[] => [classroom()].concat(fixtureLabs().map((l) => imported(l.file).spec));

describe("a memo that forgets", () => {
  it("keeps at most its limit, and makes again what it forgot", () => {
    const memo = new Memo(3);
    let made = 0;
    const ask = (key: string) => memo.get(key, () => `${key}:${++made}`);
    expect([ask("a"), ask("b"), ask("a"), ask("c")]).toEqual(["a:1", "b:2", "a:1", "c:3"]);
    expect(memo.size).toBe(3);
    expect(ask("d")).toBe("d:4"); // full: it starts again with d
    expect(memo.size).toBe(1);
    expect(ask("d")).toBe("d:4"); // kept: the one answer of the table it started again
    expect(ask("a")).toBe("a:5");
    // A key no table should inherit: a name from a lab is only a name.
    expect(memo.get("__proto__", () => "kept")).toBe("kept");
    expect(memo.get("constructor", () => "kept too")).toBe("kept too");
  });

  for (const spec of specs()) {
    it(`${spec.name}: the matrix is the same with a memo of 1 and of 7 answers`, () => {
      const snapshot = liveSnapshot(spec);
      const clients = mailClientsOf(spec);
      const whole = deliveryMatrix(snapshot, clients, defaultBehaviour());
      expect(whole.cells.length).toBeGreaterThan(0);
      for (const limit of [1, 7]) {
        const topo = indexTopology(snapshot);
        topo.memo = new Memo(limit);
        const rows = matrixRows(snapshot, clients, defaultBehaviour(), topo);
        while (rows.next()) {
          // row by row, as the engine works it out
        }
        const small = rows.matrix();
        expect(small.cells).toEqual(whole.cells);
        expect(small.causes).toEqual(whole.causes);
        expect(topo.memo.size).toBeLessThanOrEqual(limit);
      }
    });
  }
});
