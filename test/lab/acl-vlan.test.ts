// An access list on a router-on-a-stick sub-interface (issue 20: "an ACL that
// blocks SMTP from one VLAN"): the list applied on GigabitEthernet0/0.10 meets
// VLAN 10's traffic where it enters R1, from the saved lab and from live PT.
// The expectations are written by hand from the list.
import { describe, expect, it } from "vitest";
import { exportLab } from "../../lab/export/export-lab";
import { mailServer, pc } from "../../lab/fixtures/unmodeled-labs";
import { importLab } from "../../lab/import/import-lab";
import { labMatrix, mailClientsOf } from "../../lab/summary";
import { VirtualClock } from "../../sim/clock";
import type { SwitchPortSpec, TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { readSnapshot } from "../../src/lab-reader";
import { defaultBehaviour, deliveryMatrix, type MatrixCell } from "../../src/model";
import { aclOfConfig } from "../../src/pt/acl-config";

const MASK = "255.255.255.0";
const access = (name: string, vlan: number): SwitchPortSpec => ({
  name,
  switchport: { mode: "access", access: vlan, native: 1, allowed: null },
});

/** R1 routes VLANs 10 and 20 on Gi0/0's sub-interfaces; VLAN 10's list drops SMTP from PC-A10 only. */
function stick(): TopologySpec {
  const net = (n: number) => ({ gateway: "192.168." + n + ".1", dns: "192.168.20.10" });
  return {
    name: "acl-stick",
    devices: [
      {
        name: "R1",
        kind: "router",
        ports: [
          { ip: "192.168.10.1", mask: MASK, name: "GigabitEthernet0/0.10", vlan: { id: 10 }, aclIn: "110" },
          { ip: "192.168.20.1", mask: MASK, name: "GigabitEthernet0/0.20", vlan: { id: 20 } },
          { ip: "", mask: "", name: "GigabitEthernet0/0" },
        ],
        acls: aclOfConfig([
          "access-list 110 deny tcp host 192.168.10.11 host 192.168.20.10 eq smtp",
          "access-list 110 permit ip any any",
        ]).acls,
      },
      {
        name: "SW1",
        kind: "switch",
        vlans: [1, 10, 20],
        ports: [
          { name: "FastEthernet0/1", switchport: { mode: "trunk", access: 1, native: 1, allowed: null } },
          access("FastEthernet0/2", 10),
          access("FastEthernet0/3", 10),
          access("FastEthernet0/4", 20),
        ],
      },
      mailServer("MAIL", "192.168.20.10", "192.168.20.1", "stick.lab", ["a", "b"]),
      pc("PC-A10", "192.168.10.11", net(10), "a", "stick.lab"),
      pc("PC-B10", "192.168.10.12", net(10), "b", "stick.lab"),
    ],
    links: [
      ["R1:2", "SW1:0"],
      ["PC-A10", "SW1:1"],
      ["PC-B10", "SW1:2"],
      ["MAIL", "SW1:3"],
    ],
  };
}

const grid = (cells: MatrixCell[]) => cells.map((c) => `${c.device} → ${c.to}: ${c.predicted}`);

// biome-ignore format: an expectation table
const EXPECTED = [
  // Line 1 matches PC-A10's SMTP to MAIL as it enters Gi0/0.10; its DNS query passes line 2.
  "PC-A10 → a@stick.lab: failed", "PC-A10 → b@stick.lab: failed",
  // Line 2 `permit ip any any`: PC-B10 is another host of the same VLAN.
  "PC-B10 → a@stick.lab: delivered", "PC-B10 → b@stick.lab: delivered",
];

describe("an access list on a router-on-a-stick sub-interface", () => {
  const lab = importLab(exportLab(stick()), "pkt", "acl-stick.pkt");

  it("the saved lab: the list stands on the sub-interface and drops SMTP from one host of the VLAN", () => {
    const cells = labMatrix(lab).matrix.cells;
    expect(grid(cells)).toEqual(EXPECTED);
    expect(cells[0].cause).toBe(
      "PC-A10 cannot reach 192.168.20.10 (mail.stick.lab): R1's access list 110 line 1 " +
        "(`deny tcp host 192.168.10.11 host 192.168.20.10 eq smtp`) drops SMTP from PC-A10 to 192.168.20.10 " +
        "entering GigabitEthernet0/0.10",
    );
  });

  it("live PT (the IPC reader over the simulator) predicts the same", () => {
    const world = new World({ clock: new VirtualClock() });
    world.load(lab.spec);
    const cells = deliveryMatrix(readSnapshot(world.host()), mailClientsOf(lab.spec), defaultBehaviour()).cells;
    expect(grid(cells)).toEqual(EXPECTED);
  });
});
