// The mixed campus (lab/fixtures/campus-labs.ts): VLANs on a multilayer switch, DHCP relayed by its SVIs to a
// server behind the border router, and an access list that drops SMTP from one VLAN. The grid and the leases
// are written by hand from IOS's and PT's documented behaviour; the saved file and live PT (the IPC reader over
// the same lab in the simulator) must both give them.
import { describe, expect, it } from "vitest";
import { labMatrix, mailClientsOf } from "../../lab/summary";
import { defaultBehaviour, deliveryMatrix } from "../../src/model";
import { grid, imported, liveSnapshot } from "../helpers/fixture-labs";

const lab = () => imported("campus.pkt");

// PC-10A and PC-20A lease from DHCP-SRV through DSW1's relays; VLAN 10 and 20 reach MAIL through DSW1 and R1;
// VLAN 30's DNS query passes R1's list 101 (line 1) and its SMTP is dropped (line 2), on either access switch.
const EXPECTED = ["PC-10A ddddd", "PC-10B ddddd", "PC-20A ddddd", "PC-30A fffff", "PC-30B fffff"];

describe("the campus: VLANs, a DHCP relay and an access list together", () => {
  it("the saved lab's matrix, cell by cell, with the list's line as the cause", () => {
    const cells = labMatrix(lab()).matrix.cells;
    expect(grid(cells)).toEqual(EXPECTED);
    for (const c of cells.filter((x) => x.predicted === "failed"))
      expect(c.cause).toMatch(
        /R1's access list 101 line 2 \(`deny tcp 192\.168\.30\.0 0\.0\.0\.255 any eq smtp`\) drops SMTP from PC-30[AB] to 10\.0\.2\.10 entering GigabitEthernet0\/0/,
      );
  });

  it("live PT reads the same lab, leases included, and predicts the same", () => {
    const spec = lab().spec;
    const snapshot = liveSnapshot(spec);
    const ipOf = (name: string) => snapshot.devices.find((d) => d.name === name)?.ports?.[0].ip;
    // The first address of each pool (start .100), given through the relay of the client's VLAN.
    expect([ipOf("PC-10A"), ipOf("PC-20A")]).toEqual(["192.168.10.100", "192.168.20.100"]);
    expect(grid(deliveryMatrix(snapshot, mailClientsOf(spec), defaultBehaviour()).cells)).toEqual(EXPECTED);
  });
});
