// What the model does not cover, over hand-built snapshots (src/model/unmodeled.ts):
// a way that crosses a device using such a feature is unknown; a way that fails
// is unknown when its LAN holds a device whose feature could answer (an HSRP
// address, a VLAN); a feature that only answers (HSRP, an access point's
// clients) leaves a way through the device as modeled.
import { describe, expect, it } from "vitest";
import { type DeviceFacts, indexTopology, reachAddress, type Snapshot } from "../../src/model";
import { cable, device, port } from "../helpers/facts";

/** PC-A (10.1.0.0/24) — SW1 — R1 — SRV (10.3.0.0/24); `r1` and `sw` add to R1's and SW1's facts. */
function lab(r1: Partial<DeviceFacts> = {}, sw: Partial<DeviceFacts> = {}, pcGateway = "10.1.0.1"): Snapshot {
  return {
    devices: [
      device("PC-A", "pc", [port("FastEthernet0", "10.1.0.2")], { gateway: pcGateway }),
      device("SW1", "switch", [port("FastEthernet0/1", ""), port("FastEthernet0/2", "")], sw),
      device(
        "R1",
        "router",
        [port("GigabitEthernet0/0", "10.1.0.1"), port("GigabitEthernet0/1", "10.3.0.1")],
        Object.assign({ routing: { staticRoutes: [], routedNetworks: [] } }, r1),
      ),
      device("SRV", "server", [port("FastEthernet0", "10.3.0.10")], { gateway: "10.3.0.1" }),
    ],
    links: [
      cable("PC-A", "FastEthernet0", "SW1", "FastEthernet0/1"),
      cable("SW1", "FastEthernet0/2", "R1", "GigabitEthernet0/0"),
      cable("R1", "GigabitEthernet0/1", "SRV", "FastEthernet0"),
    ],
  };
}

const reach = (s: Snapshot) => reachAddress(indexTopology(s), "PC-A", "10.3.0.10");
const LEAD = "the path from PC-A to 10.3.0.10 (SRV)";

describe("paths over what the model does not cover", () => {
  it("nothing uncovered: the way stands", () => {
    expect(reach(lab())).toMatchObject({ kind: "ok" });
    expect(reach(lab({ unmodeled: [] }, { unmodeled: [] }))).toMatchObject({ kind: "ok" });
  });

  it("a router the way crosses applies an ACL, or NAT: unknown, naming both", () => {
    expect(reach(lab({ unmodeled: ["ACLs", "NAT"] }))).toEqual({
      kind: "unknown",
      what: `${LEAD} crosses R1: R1 uses ACLs, NAT (not modeled)`,
    });
  });

  it("a switch the way crosses has VLANs", () => {
    expect(reach(lab({}, { unmodeled: ["VLANs"] }))).toEqual({
      kind: "unknown",
      what: `${LEAD} crosses SW1: SW1 uses VLANs (not modeled)`,
    });
  });

  it("HSRP on a crossed router changes no way through it; a gateway missing on its LAN may be its address", () => {
    expect(reach(lab({ unmodeled: ["HSRP"] }))).toMatchObject({ kind: "ok" });
    expect(reach(lab({ unmodeled: ["HSRP"] }, {}, "10.1.0.254"))).toEqual({
      kind: "unknown",
      what: `${LEAD} fails on a LAN with R1: R1 uses HSRP (not modeled)`,
    });
  });

  it("a device of a kind not modeled is named for a miss only when nothing likelier is on the LAN", () => {
    const phone = { unmodeled: ["device type IpPhone"] };
    expect(reach(lab({ unmodeled: ["HSRP"] }, phone, "10.1.0.254"))).toEqual({
      kind: "unknown",
      what: `${LEAD} fails on a LAN with R1: R1 uses HSRP (not modeled)`,
    });
    expect(reach(lab({}, phone, "10.1.0.254"))).toEqual({
      kind: "unknown",
      what: `${LEAD} fails on a LAN with SW1: SW1 uses device type IpPhone (not modeled)`,
    });
  });

  it("an ACL answers nothing: a gateway missing on the LAN stays a failure", () => {
    expect(reach(lab({ unmodeled: ["ACLs"] }, {}, "10.1.0.254"))).toMatchObject({
      kind: "fail",
      cause: "PC-A's default gateway 10.1.0.254 does not answer on its LAN",
    });
  });

  it("the target's own firewall, and the sender's wireless port", () => {
    const s = lab();
    s.devices[3].unmodeled = ["a host firewall"];
    expect(reach(s)).toEqual({
      kind: "unknown",
      what: `${LEAD} crosses SRV: SRV uses a host firewall (not modeled)`,
    });
    const w = lab();
    w.devices[0].unmodeled = ["wireless"];
    expect(reach(w)).toEqual({ kind: "unknown", what: `${LEAD} starts at PC-A: PC-A uses wireless (not modeled)` });
  });

  it("a configuration that could not be read is unknown too", () => {
    expect(reach(lab({ unmodeled: null }))).toEqual({
      kind: "unknown",
      what: `${LEAD} meets R1: R1's configuration could not be read`,
    });
  });
});
