// VLANs (issue 20, item 2) in the project's own labs (lab/fixtures/vlan-labs.ts), from the saved file and
// from live PT (the IPC reader over the same lab in the simulator). Each grid is written by hand from how
// IOS forwards: access ports, trunks (DTP: a dynamic auto port facing a trunk becomes one; allowed lists),
// router-on-a-stick sub-interfaces, SVIs routed by `ip routing`, a routed port.
import { describe, expect, it } from "vitest";
import { mailServer, pc } from "../../lab/fixtures/unmodeled-labs";
import { labMatrix, mailClientsOf } from "../../lab/summary";
import { VirtualClock } from "../../sim/clock";
import type { TopologySpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { readSnapshot } from "../../src/lab-reader";
import { defaultBehaviour, deliveryMatrix } from "../../src/model";
import { grid, imported, liveCells } from "../helpers/fixture-labs";

// biome-ignore format: expectation tables
const EXPECTED: { file: string; grid: string[]; causes: { [device: string]: RegExp } }[] = [
  {
    file: "vlan-stick.pkt",
    // PC-A (VLAN 10) reaches MAIL (VLAN 20) through R1's sub-interfaces; PC-C (VLAN 20 on SW2) over the
    // trunk SW2's auto port negotiated with SW1's. PC-D's VLAN 30 has no gateway anywhere; PC-E's port is
    // in VLAN 10 with an address of VLAN 20; the trunk to SW2 does not carry PC-F's VLAN 10.
    grid: ["PC-A ddddd", "PC-C ddddd", "PC-D fffff", "PC-E fffff", "PC-F fffff"],
    causes: {
      "PC-D": /PC-D's default gateway 192\.168\.30\.1 does not answer on its LAN$/,
      "PC-E": /MAIL \(192\.168\.20\.10\) is in VLAN 20 \(SW1 FastEthernet0\/3\), PC-E in VLAN 10$/,
      "PC-F": /PC-F's default gateway: R1 \(192\.168\.10\.1\) is cabled to PC-F's switches, but no VLAN joins them$/,
    },
  },
  {
    file: "vlan-l3switch.pkt",
    // DSW1 routes VLAN 10 (SW-A, over a negotiated trunk) to VLAN 20 and to R-EXT's LAN through its routed
    // port and static route; DSW2 has an SVI but no `ip routing`.
    grid: ["PC-A1 dddd", "PC-M dddd", "PC-X dddd", "PC-N ffff"],
    causes: { "PC-N": /PC-N's default gateway 192\.168\.30\.1 is DSW2, not a router$/ },
  },
];

describe("VLANs, trunks and layer-3 switching", () => {
  for (const lab of EXPECTED) {
    describe(lab.file, () => {
      const saved = imported(lab.file);

      it("the saved lab's matrix is the expected one, cell by cell, with the causes", () => {
        const m = labMatrix(saved).matrix;
        expect(grid(m.cells)).toEqual(lab.grid);
        for (const device of Object.keys(lab.causes))
          for (const c of m.cells.filter((x) => x.device === device)) expect(c.cause).toMatch(lab.causes[device]);
        expect(saved.warnings).toEqual([]);
      });

      it("live PT (the IPC reader) predicts the same", () => {
        expect(grid(liveCells(imported(lab.file).spec))).toEqual(lab.grid);
      });
    });
  }

  it("the fix for a host in the wrong VLAN names the port to move, and the one for `ip routing` the switch", () => {
    const cells = labMatrix(imported("vlan-stick.pkt")).matrix.cells;
    expect(cells.find((c) => c.device === "PC-E")?.fix).toBe(
      "put SW1 FastEthernet0/4 in VLAN 20 (`switchport access vlan`), or give PC-E an address of its own VLAN",
    );
    const l3 = labMatrix(imported("vlan-l3switch.pkt")).matrix.cells;
    expect(l3.find((c) => c.device === "PC-N")?.fix).toMatch(/^`ip routing` on DSW2 /);
  });

  it("a VLAN carried only on trunks through a switch is unknown until its VLAN database is read", () => {
    // SW-T has no port in VLAN 10: whether its VLAN database has VLAN 10 (vlan.dat) is not read.
    const trunk = { mode: "trunk" as const, access: 1, native: 1, allowed: null };
    const in10 = { mode: "access" as const, access: 10, native: 1, allowed: null };
    const net = { gateway: "192.168.10.1", dns: "192.168.10.10" };
    const spec: TopologySpec = {
      name: "transit",
      devices: [
        { name: "SW-A", kind: "switch", ports: [{ name: "FastEthernet0/1", switchport: in10 }] },
        {
          name: "SW-T",
          kind: "switch",
          ports: [
            { name: "FastEthernet0/1", switchport: trunk },
            { name: "FastEthernet0/2", switchport: trunk },
          ],
        },
        { name: "SW-B", kind: "switch", ports: [{ name: "FastEthernet0/1", switchport: in10 }] },
        mailServer("MAIL", "192.168.10.10", "192.168.10.1", "t.lab", ["p"]),
        pc("PC", "192.168.10.11", net, "p", "t.lab"),
      ],
      links: [
        ["PC", "SW-A:0"],
        ["SW-A", "SW-T:0"],
        ["SW-T:1", "SW-B"],
        ["MAIL", "SW-B:0"],
      ],
    };
    const first = (vlans?: number[]) => {
      const t = spec.devices[1];
      if (t.kind === "switch") t.vlans = vlans;
      const world = new World({ clock: new VirtualClock() });
      world.load(spec);
      return deliveryMatrix(readSnapshot(world.host()), mailClientsOf(spec), defaultBehaviour()).cells[0];
    };
    const cell = first();
    expect(cell.predicted).toBe("unknown");
    expect(cell.cause).toMatch(/whether SW-T has VLAN 10 in its VLAN database could not be read$/);
    // Its vlan.dat read (the saved lab's, or live through serializeToXml): VLAN 10 is there, or it is not.
    expect(first([1, 10]).predicted).toBe("delivered");
    const cut = first([1, 20]);
    expect(cut.predicted).toBe("failed");
    expect([cut.cause, cut.fix]).toEqual([
      "PC cannot reach its DNS server 192.168.10.10: MAIL (192.168.10.10) is on VLAN 10 beyond SW-T, whose VLAN database has no VLAN 10",
      "`vlan 10` on SW-T",
    ]);
  });
});
