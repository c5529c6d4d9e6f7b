// The model's reachability over hand-built snapshots: LANs, gateways, static
// routes, RIP/OSPF, and the cause it names when something blocks the way.

import { describe, expect, it } from "vitest";
import {
  type DeviceFacts,
  indexTopology,
  type LinkFacts,
  type PortFacts,
  reachAddress,
  type Snapshot,
} from "../../src/model";
import { announces } from "../../src/model/routing";
import { cable, device, port } from "../helpers/facts";

const host = (name: string, ip: string, gateway: string, more: Partial<DeviceFacts> = {}) =>
  device(name, "pc", [port("FastEthernet0", ip)], Object.assign({ gateway }, more));
const router = (
  name: string,
  ports: PortFacts[],
  routing: DeviceFacts["routing"] = { staticRoutes: [], routedNetworks: [] },
) => device(name, "router", ports, { routing });
/** Given PC-A — R1 — R2 — SRV on three networks (10.1.0.0/24, 10.12.0.0/30, 10.3.0.0/24). */
function chain(r1: DeviceFacts["routing"], r2: DeviceFacts["routing"]): Snapshot & { links: LinkFacts[] } {
  return {
    devices: [
      host("PC-A", "10.1.0.2", "10.1.0.1"),
      router(
        "R1",
        [port("GigabitEthernet0/0", "10.1.0.1"), port("GigabitEthernet0/1", "10.12.0.1", "255.255.255.252")],
        r1,
      ),
      router(
        "R2",
        [port("GigabitEthernet0/0", "10.12.0.2", "255.255.255.252"), port("GigabitEthernet0/1", "10.3.0.1")],
        r2,
      ),
      host("SRV", "10.3.0.10", "10.3.0.1"),
    ],
    links: [
      cable("PC-A", "FastEthernet0", "R1", "GigabitEthernet0/0"),
      cable("R1", "GigabitEthernet0/1", "R2", "GigabitEthernet0/0"),
      cable("R2", "GigabitEthernet0/1", "SRV", "FastEthernet0"),
    ],
  };
}
const staticTo = (network: string, nextHop: string) => ({
  staticRoutes: [{ network, mask: "255.255.255.0", nextHop }],
  routedNetworks: [],
});
const reach = (s: Snapshot, from = "PC-A", ip = "10.3.0.10") => reachAddress(indexTopology(s), from, ip);
const edit = (s: Snapshot, name: string, change: (d: DeviceFacts) => void) =>
  change(s.devices.filter((d) => d.name === name)[0]);

describe("model: routing between networks", () => {
  it("without routes, R1 cannot forward to the far network, and the fix names it", () => {
    const r = reach(chain({ staticRoutes: [], routedNetworks: [] }, { staticRoutes: [], routedNetworks: [] }));
    expect(r).toMatchObject({ kind: "fail", cause: "R1 has no route to 10.3.0.10" });
    expect(r.kind === "fail" && r.fix).toMatch(/add a route on R1 to 10\.3\.0\.0 255\.255\.255\.0/);
  });

  it("static routes both ways reach the server", () => {
    const r = reach(chain(staticTo("10.3.0.0", "10.12.0.2"), staticTo("10.1.0.0", "10.12.0.1")));
    expect(r).toMatchObject({ kind: "ok", at: { device: { name: "SRV" } } });
  });

  it("a route only one way: the replies are lost, and the cause says where", () => {
    const r = reach(chain(staticTo("10.3.0.0", "10.12.0.2"), { staticRoutes: [], routedNetworks: [] }));
    expect(r).toMatchObject({
      kind: "fail",
      cause: "replies from SRV (10.3.0.10) to PC-A are lost: R2 has no route to 10.1.0.2",
    });
  });

  it("RIP with classful network statements on both routers converges", () => {
    const rip = { staticRoutes: [], routedNetworks: ["10.0.0.0"] };
    expect(reach(chain(rip, rip)).kind).toBe("ok");
  });

  it("OSPF network statements with wildcards: a network R2 does not announce is not learned", () => {
    const r1 = { staticRoutes: [], routedNetworks: ["10.1.0.0 0.0.0.255", "10.12.0.0 0.0.0.3"] };
    expect(
      reach(chain(r1, { staticRoutes: [], routedNetworks: ["10.12.0.0 0.0.0.3", "10.3.0.0 0.0.0.255"] })).kind,
    ).toBe("ok");
    expect(reach(chain(r1, { staticRoutes: [], routedNetworks: ["10.12.0.0 0.0.0.3"] }))).toMatchObject({
      kind: "fail",
      cause: "R1 has no route to 10.3.0.10",
    });
  });

  it("a learned network more specific than a static default route wins; a static route as specific wins", () => {
    // R1 also has Gi0/2 to R9 (an ISP with no routes) and a default route there; R1 and R2 run OSPF.
    const ospf = ["10.0.0.0 0.255.255.255"];
    const withIsp = (statics: { network: string; mask: string; nextHop: string }[]) => {
      const s = chain({ staticRoutes: statics, routedNetworks: ospf }, { staticRoutes: [], routedNetworks: ospf });
      edit(s, "R1", (d) => d.ports?.push(port("GigabitEthernet0/2", "192.0.2.1", "255.255.255.252")));
      s.devices.push(router("R9", [port("GigabitEthernet0/0", "192.0.2.2", "255.255.255.252")]));
      s.links.push(cable("R1", "GigabitEthernet0/2", "R9", "GigabitEthernet0/0"));
      return s;
    };
    expect(reach(withIsp([{ network: "0.0.0.0", mask: "0.0.0.0", nextHop: "192.0.2.2" }]))).toMatchObject({
      kind: "ok",
      at: { device: { name: "SRV" } },
    });
    expect(reach(withIsp([{ network: "10.3.0.0", mask: "255.255.255.0", nextHop: "192.0.2.2" }]))).toMatchObject({
      kind: "fail",
      cause: "R9 has no route to 10.3.0.10",
    });
  });

  it("two routers pointing at each other: the cause says it loops", () => {
    const s = chain(staticTo("10.9.0.0", "10.12.0.2"), staticTo("10.9.0.0", "10.12.0.1"));
    expect(reach(s, "PC-A", "10.9.0.5")).toMatchObject({
      kind: "fail",
      cause: "the routers send 10.9.0.5 round in a loop (R1 → R2 → R1)",
    });
  });
});

describe("model: what blocks the way", () => {
  const routed = () => chain(staticTo("10.3.0.0", "10.12.0.2"), staticTo("10.1.0.0", "10.12.0.1"));

  it("a router powered off", () => {
    const s = routed();
    edit(s, "R2", (d) => {
      d.power = false;
    });
    expect(reach(s)).toMatchObject({ kind: "fail", cause: "R2 is powered off", fix: "switch R2 on" });
  });

  it("a router port shut down, now honoured", () => {
    const s = routed();
    edit(s, "R1", (d) => {
      d.ports![1].up = false;
    });
    expect(reach(s)).toMatchObject({
      kind: "fail",
      cause: "R1 GigabitEthernet0/1 is shut down",
      fix: "`no shutdown` on R1 GigabitEthernet0/1",
    });
  });

  it("a link down", () => {
    const s = routed();
    s.links[2].up = false;
    expect(reach(s)).toMatchObject({ kind: "fail", cause: "the link R2 — SRV is down" });
  });

  it("no default gateway, with the router port to use in the fix", () => {
    const s = routed();
    edit(s, "PC-A", (d) => {
      d.gateway = "0.0.0.0";
    });
    expect(reach(s)).toMatchObject({
      kind: "fail",
      cause: "PC-A has no default gateway",
      fix: "set PC-A's default gateway to 10.1.0.1 (R1 GigabitEthernet0/0)",
    });
  });

  it("a DHCP host that got no address", () => {
    const s = routed();
    edit(s, "PC-A", (d) => {
      d.ports![0] = port("FastEthernet0", "169.254.10.3", "255.255.0.0", { dhcp: true });
    });
    expect(reach(s)).toMatchObject({
      kind: "fail",
      cause: "PC-A asked DHCP for an address and got none: no DHCP server answers on 10.1.0.0/24",
    });
  });

  it("a switch between joins the LAN; the same switch powered off blocks it", () => {
    const s: Snapshot = {
      devices: [
        host("PC-A", "10.1.0.2", ""),
        host("PC-B", "10.1.0.3", ""),
        device("SW", "switch", [port("FastEthernet0/1", ""), port("FastEthernet0/2", "")]),
      ],
      links: [
        cable("PC-A", "FastEthernet0", "SW", "FastEthernet0/1"),
        cable("PC-B", "FastEthernet0", "SW", "FastEthernet0/2"),
      ],
    };
    expect(reach(s, "PC-A", "10.1.0.3")).toMatchObject({ kind: "ok", at: { device: { name: "PC-B" } } });
    edit(s, "SW", (d) => {
      d.power = false;
    });
    expect(reach(s, "PC-A", "10.1.0.3")).toMatchObject({ kind: "fail", cause: "SW is powered off" });
  });
});

describe("model: facts the snapshot lacks give unknown, not a guess", () => {
  it("a router whose routes could not be read, when a route is needed", () => {
    expect(reach(chain(null, staticTo("10.1.0.0", "10.12.0.1")))).toEqual({
      kind: "unknown",
      what: "R1's routes could not be read",
    });
  });

  it("a link whose state could not be read, when the answer depends on it", () => {
    const s = chain(staticTo("10.3.0.0", "10.12.0.2"), staticTo("10.1.0.0", "10.12.0.1"));
    s.links[1].up = null;
    expect(reach(s).kind).toBe("unknown");
  });

  it("links that could not be read: unknown, unless the answer is the device itself", () => {
    const s: Snapshot = Object.assign(chain(null, null), { links: null });
    expect(reach(s)).toEqual({ kind: "unknown", what: "the links could not be read" });
    expect(reach(s, "PC-A", "10.1.0.2").kind).toBe("ok");
  });

  it("a device of a kind the model does not know, on the way", () => {
    const s: Snapshot = {
      devices: [
        host("PC-A", "10.1.0.2", ""),
        host("PC-B", "10.1.0.3", ""),
        device("AP", null, [port("Port 0", ""), port("Port 1", "")]),
      ],
      links: [cable("PC-A", "FastEthernet0", "AP", "Port 0"), cable("PC-B", "FastEthernet0", "AP", "Port 1")],
    };
    expect(reach(s, "PC-A", "10.1.0.3")).toEqual({
      kind: "unknown",
      what: "AP is a kind of device the model does not know",
    });
  });
});

describe("routed networks in every form a lab gives them", () => {
  const port = (ip: string) => ({ name: "Gig0/0", ip, mask: "255.255.255.0", up: true, dhcp: false });
  const routing = (networks: string[]) => ({ staticRoutes: [], routedNetworks: networks });
  it("reads 10.0.0.0/8 (the importer's form) as the running config's 10.0.0.0 0.255.255.255", () => {
    expect(announces(routing(["10.0.0.0/8"]), port("10.2.3.4"))).toBe(true);
    expect(announces(routing(["10.0.0.0 0.255.255.255"]), port("10.2.3.4"))).toBe(true);
    expect(announces(routing(["10.1.0.0/16"]), port("10.2.3.4"))).toBe(false);
    expect(announces(routing(["192.168.1.0"]), port("192.168.1.9"))).toBe(true);
  });
});
