// Topology.owners(ip) answers from an index by address made once per snapshot (issue 23: it walked every
// port of the lab per call). It must answer what that walk did: every port with the address, trimmed on
// both sides, in the snapshot's order, duplicates included, and nothing for an unset address.
import { describe, expect, it } from "vitest";
import { fixtureLabs } from "../../lab/fixtures/labs";
import { classroom } from "../../sim/scenarios/classroom";
import type { TopologySpec } from "../../sim/spec";
import { indexTopology, type Snapshot } from "../../src/model";
import { isUnset } from "../../src/model/addresses";
import { imported, liveSnapshot } from "../helpers/fixture-labs";

const specs = (): TopologySpec[] => [classroom()].concat(fixtureLabs().map((l) => imported(l.file).spec));

/** The walk owners() replaced, as the reference. */
function walked(snapshot: Snapshot, ip: string): [string, string][] {
  const found: [string, string][] = [];
  if (isUnset(ip)) return found;
  for (const d of snapshot.devices)
    for (const p of d.ports || []) if (p.ip !== null && p.ip.trim() === ip.trim()) found.push([d.name, p.name]);
  return found;
}

describe("the owners of an address", () => {
  for (const spec of specs()) {
    it(`${spec.name}: the same as a walk of every port, for every address in the lab and a few that are not`, () => {
      const snapshot = liveSnapshot(spec);
      // The same address twice, once padded as a hand-typed one may be.
      const pc = snapshot.devices.find((d) => (d.ports || []).some((p) => p.ip && !isUnset(p.ip)));
      const other = snapshot.devices.find((d) => d !== pc && d.ports && d.ports.length);
      expect(pc && other).toBeTruthy();
      const taken = (pc!.ports || []).find((p) => p.ip && !isUnset(p.ip))!.ip as string;
      other!.ports![0] = Object.assign({}, other!.ports![0], { ip: " " + taken + " " });
      const topo = indexTopology(snapshot);
      const asked = ["", " ", "0.0.0.0", "203.0.113.77", " " + taken, "__proto__", "constructor"];
      for (const d of snapshot.devices) for (const p of d.ports || []) if (p.ip !== null) asked.push(p.ip);
      expect(asked.length).toBeGreaterThan(8);
      for (const ip of asked) {
        const owners = topo.owners(ip).map((e): [string, string] => [e.device.name, e.port.name]);
        expect(owners, ip).toEqual(walked(snapshot, ip));
      }
      expect(topo.owners(taken).length).toBeGreaterThanOrEqual(2);
    });
  }
});
