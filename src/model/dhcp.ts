// Which DHCP server would lease a client an address, or why none would. A
// lease itself is state: the simulator gives leases (sim/dhcp.ts), live PT
// holds them (HostPort.getIpAddress()); the model only explains a client left
// without one (issue 20, item 1). A server answers a client on its own LAN
// from the pool whose network holds the address it answers on; a router with
// `ip helper-address` relays to a server that answers from the pool holding
// the relaying port's address [pkt 8.x: nitish-niraj dhcp_using_server.pkt,
// a Server-PT's two pools leased to its own LAN and, relayed, to the other].

import { aclDrop, DHCP, DISCOVER, type Flow } from "./acl";
import { ipText, networkOf, prefixLength, sameSubnet } from "./addresses";
import { type LanMember, lanOf } from "./lan";
import type { DeviceFacts, DhcpPool } from "./snapshot";
import { hostPort, ipOf, maskOf, routes, type Topology } from "./topology";

/** reach.ts's reachAddress, handed in (reach.ts asks this file, so it cannot import it back). */
export type Reacher = (
  topo: Topology,
  from: string,
  ip: string,
  flow?: Flow,
) => { kind: "ok"; at: { device: DeviceFacts } } | { kind: "fail"; cause: string } | { kind: "unknown"; what: string };

export type DhcpOffer =
  | { kind: "offer"; server: DeviceFacts; pool: DhcpPool; relay: DeviceFacts | null }
  | { kind: "none"; cause: string; fix: string }
  | { kind: "unknown"; what: string };

/** "192.168.10.0/24". */
export const netText = (ip: string, mask: string): string => {
  const n = networkOf(ip, mask);
  return n === null ? ip : ipText(n) + "/" + prefixLength(mask);
};

/** The server's pool for a client whose segment holds `at` (the answering or relaying port's address), or why not. */
function poolFor(server: DeviceFacts, at: string): DhcpPool | string | null {
  const s = server.dhcpServer;
  if (s === null) return server.name + "'s DHCP service could not be read";
  if (!s || s === "none" || !s.on) return null;
  return s.pools.filter((p) => sameSubnet(p.network, at, p.mask))[0] || null;
}

/** "DHCP_Server's pool serves 192.168.10.0/24", or "" for a device without pools. */
const poolsText = (server: DeviceFacts): string => {
  const s = server.dhcpServer;
  if (!s || s === "none" || !s.pools.length) return "";
  const nets = s.pools.map((p) => netText(p.network, p.mask)).join(", ");
  return server.name + (s.pools.length > 1 ? "'s pools serve " : "'s pool serves ") + nets;
};

export function dhcpOffer(topo: Topology, client: DeviceFacts, reach: Reacher): DhcpOffer {
  const key = "dhcp\n" + client.name;
  return topo.memo.get(key, () => offerNow(topo, client, reach));
}

function offerNow(topo: Topology, client: DeviceFacts, reachAddress: Reacher): DhcpOffer {
  const port = hostPort(client);
  if (!port) return { kind: "none", cause: client.name + " has no network port", fix: "" };
  const lan = lanOf(topo, { device: client, port }, false);
  let segment = "";
  let serverSegment = "";
  const wrong: string[] = [];
  let doubt: string | null = lan.uncertain;
  const members = lan.members.filter((m) => ipOf(m.at.port) && m.at.device !== client);
  // The DISCOVER meets the inbound list of a router's port on the LAN before the router serves or relays it
  // (IOS; that PT filters it too is inferred).
  const discover = { flow: DISCOVER, src: "0.0.0.0", dst: "255.255.255.255", reply: false, from: client.name };
  const dropped: { cause: string; fix: string }[] = [];
  const hears = (m: LanMember): boolean => {
    const d = aclDrop(m.at.device, m.at.port, "in", discover);
    if (d && "unknown" in d) doubt = doubt || d.unknown;
    else if (d) dropped.push(d);
    return d === null;
  };
  // A server on the LAN answers before a relay's server does.
  for (const m of members) {
    const at = ipOf(m.at.port);
    if (!segment && routes(m.at.device)) segment = netText(at, maskOf(m.at.port));
    const own = poolFor(m.at.device, at);
    if (typeof own === "string") doubt = doubt || own;
    else if (own) {
      if (hears(m)) return { kind: "offer", server: m.at.device, pool: own, relay: null };
    } else if (poolsText(m.at.device)) {
      wrong.push(poolsText(m.at.device));
      serverSegment = serverSegment || netText(at, maskOf(m.at.port));
    }
  }
  for (const m of members) {
    const at = ipOf(m.at.port);
    if ((m.at.port.helpers || []).length && !hears(m)) continue;
    for (const helper of m.at.port.helpers || []) {
      const r = reachAddress(topo, m.at.device.name, helper, DHCP);
      const lead = m.at.device.name + " relays DHCP to " + helper;
      if (r.kind === "unknown") doubt = doubt || r.what;
      if (r.kind !== "ok") {
        wrong.push(lead + ", which it cannot reach" + (r.kind === "fail" ? " (" + r.cause + ")" : ""));
        continue;
      }
      const there = poolFor(r.at.device, at);
      if (typeof there === "string") doubt = doubt || there;
      else if (there) return { kind: "offer", server: r.at.device, pool: there, relay: m.at.device };
      else wrong.push(lead + " (" + r.at.device.name + "), which has no pool for " + netText(at, maskOf(m.at.port)));
    }
  }
  if (doubt) return { kind: "unknown", what: doubt };
  if (dropped.length) return { kind: "none", cause: dropped[0].cause, fix: dropped[0].fix };
  const lanText = segment || serverSegment || client.name + "'s LAN";
  return {
    kind: "none",
    cause: wrong.length
      ? "no DHCP pool for " + lanText + ": " + wrong.join("; ")
      : "no DHCP server answers on " + lanText,
    fix: `add a DHCP pool for ${lanText} (Services > DHCP, or \`ip dhcp pool\`), relay to one (\`ip helper-address\`), or give ${client.name} a static address`,
  };
}
