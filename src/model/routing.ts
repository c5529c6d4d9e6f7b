// Where a router sends a packet for an address: out of a connected port, to
// a static route's next hop or exit interface, or to a neighbour that learned the network from
// RIP/OSPF/EIGRP. Routers that share a LAN and both run a protocol on it are
// taken as converged (the running configuration is all a script can read of
// them: pt-labs-and-fidelity.md B1, C3). Ports that are down route nothing.
import {
  classfulMask,
  ipText,
  isIpAddress,
  isUnset,
  maskFromWildcard,
  networkOf,
  prefixLength,
  sameSubnet,
} from "./addresses";
import { lanOf, memberAt } from "./lan";
import type { DeviceFacts, PortFacts, RoutingFacts } from "./snapshot";
import { ipOf, maskOf, routes, type Topology } from "./topology";

export type RouteDecision =
  | { kind: "connected"; port: PortFacts }
  | { kind: "via"; nextHop: string; port: PortFacts; how: "static route" | "routing protocol"; prefix?: number }
  | { kind: "none" }
  | { kind: "unknown"; what: string };

/** Ports with an address that can carry traffic now (or, ideally, once up). */
function routedPorts(router: DeviceFacts, ideal: boolean): PortFacts[] {
  return (router.ports || []).filter((p) => p.ip !== null && !isUnset(p.ip) && p.mask !== null && (ideal || p.up));
}

function portFor(router: DeviceFacts, ip: string, ideal: boolean): PortFacts | null {
  return routedPorts(router, ideal).filter((p) => sameSubnet(ipOf(p), ip, maskOf(p)))[0] || null;
}

export function decideRoute(topo: Topology, router: DeviceFacts, ip: string, ideal: boolean): RouteDecision {
  if (router.ports === null) return { kind: "unknown", what: `${router.name}'s ports could not be read` };
  const doubtful = router.ports.filter((p) => p.ip === null || p.mask === null || (!ideal && p.up === null))[0];
  const connected = portFor(router, ip, ideal);
  if (connected) return { kind: "connected", port: connected };
  if (doubtful)
    return { kind: "unknown", what: `${router.name} ${doubtful.name}'s address or state could not be read` };
  const routing = router.routing;
  if (routing === null) return { kind: "unknown", what: `${router.name}'s routes could not be read` };
  if (routing === "none") return { kind: "none" };
  if (routing.staticRoutes === null)
    return { kind: "unknown", what: `${router.name}'s static routes could not be read` };
  // Longest prefix first, then in the configuration's order; a route whose next hop is on no connected
  // port, or whose exit interface is down, is not installed (IOS).
  const all = routing.staticRoutes;
  const statics = all
    .filter((r) => sameSubnet(r.network, ip, r.mask))
    .sort((x, y) => prefixLength(y.mask) - prefixLength(x.mask) || all.indexOf(x) - all.indexOf(y));
  // A learned network more specific than a static route wins; on a tie the static route does (distance 1).
  const learned = dynamicRoute(topo, router, routing, ip, ideal);
  const beaten = learned.kind === "via" && learned.prefix !== undefined ? learned.prefix : -1;
  for (const r of statics) {
    if (prefixLength(r.mask) < beaten) break;
    // "Serial0/0/0 10.0.0.2", as a running configuration writes an interface and a next hop: the next hop.
    const words = r.nextHop.trim().split(/\s+/);
    const hop = isIpAddress(words[words.length - 1]) ? words[words.length - 1] : words[0];
    if (!isIpAddress(hop)) {
      const exit = exitRoute(topo, router, hop, ip, ideal);
      if (exit) return exit;
      continue;
    }
    const out = portFor(router, hop, ideal);
    if (out) return { kind: "via", nextHop: hop, port: out, how: "static route" };
  }
  return learned;
}

/**
 * `ip route NET MASK INTERFACE` [inf from IOS; a saved lab, pkt 8.2.1, routes so]: the packet leaves by that
 * port; the host at ip answers when it is on that port's LAN, else the one router at the far end (a serial
 * or back-to-back link). Several routers there would need proxy ARP: unknown. Null0 discards.
 */
function exitRoute(
  topo: Topology,
  router: DeviceFacts,
  name: string,
  ip: string,
  ideal: boolean,
): RouteDecision | null {
  if (/^null/i.test(name)) return { kind: "none" };
  // The running configuration and IPC's portName spell the port in full (IOS expands "Se2/0").
  const port = routedPorts(router, ideal).filter((p) => p.name.toLowerCase() === name.toLowerCase())[0];
  if (!port) return null;
  const lan = lanOf(topo, { device: router, port }, ideal);
  if (memberAt(lan, ip)) return { kind: "connected", port };
  const routers = lan.members.filter((m) => routes(m.at.device) && m.at.device !== router);
  if (lan.uncertain) return { kind: "unknown", what: lan.uncertain };
  if (!routers.length) return { kind: "connected", port };
  const far = routers[0].at;
  if (routers.length === 1 && !isUnset(far.port.ip))
    return { kind: "via", nextHop: ipOf(far.port), port, how: "static route" };
  return { kind: "unknown", what: `where ${router.name} sends ${ip} out of ${port.name} (proxy ARP is not modeled)` };
}

/** Whether a `network` statement of this router covers the port (RIP/EIGRP classful, OSPF with a wildcard). */
/** Whether a router's routing protocol announces the network of this port. */
export function announces(routing: RoutingFacts, port: PortFacts): boolean {
  for (const statement of routing.routedNetworks || []) {
    // "10.0.0.0" (classful), "10.1.0.0 0.0.0.255" (a wildcard, as the running config says it), or "10.1.0.0/16".
    const slash = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(statement.trim());
    const words = slash ? [slash[1]] : statement.trim().split(/\s+/);
    const mask = slash
      ? maskOfPrefix(Number(slash[2]))
      : words[1]
        ? maskFromWildcard(words[1])
        : classfulMask(words[0]);
    if (mask !== null && isIpAddress(words[0]) && networkOf(words[0], mask) === networkOf(ipOf(port), mask))
      return true;
  }
  return false;
}

function maskOfPrefix(bits: number): string | null {
  if (bits < 0 || bits > 32) return null;
  return ipText(bits === 0 ? 0 : 0x100000000 - Math.pow(2, 32 - bits));
}

function protocolOf(router: DeviceFacts): RoutingFacts | null {
  const r = router.routing;
  return r && r !== "none" && r.routedNetworks && r.routedNetworks.length ? r : null;
}

interface Hop {
  device: DeviceFacts;
  facts: RoutingFacts;
  /** The first neighbour on the way there, and the port towards it. */
  first: { nextHop: string; port: PortFacts } | null;
}

/** Breadth-first over routers that speak a protocol to each other, to the nearest that announces ip's network. */
function dynamicRoute(
  topo: Topology,
  router: DeviceFacts,
  own: RoutingFacts,
  ip: string,
  ideal: boolean,
): RouteDecision {
  if (own.routedNetworks === null)
    return { kind: "unknown", what: `${router.name}'s routing protocol could not be read` };
  if (!own.routedNetworks.length) return { kind: "none" };
  let doubt: string | null = null;
  const visited: { [name: string]: boolean } = {};
  visited[router.name] = true;
  const queue: Hop[] = [{ device: router, facts: own, first: null }];
  for (let at = queue.shift(); at; at = queue.shift()) {
    for (const port of routedPorts(at.device, ideal)) {
      if (!announces(at.facts, port)) continue;
      if (at.first && sameSubnet(ipOf(port), ip, maskOf(port))) {
        const prefix = prefixLength(maskOf(port));
        return { kind: "via", nextHop: at.first.nextHop, port: at.first.port, how: "routing protocol", prefix };
      }
      const lan = lanOf(topo, { device: at.device, port }, ideal);
      doubt = doubt || lan.uncertain;
      for (const m of lan.members) {
        const peer = m.at.device;
        if (!routes(peer) || visited[peer.name]) continue;
        if (peer.routing === null) doubt = doubt || `${peer.name}'s routes could not be read`;
        const theirs = protocolOf(peer);
        if (!theirs || !announces(theirs, m.at.port)) continue;
        visited[peer.name] = true;
        queue.push({ device: peer, facts: theirs, first: at.first || { nextHop: ipOf(m.at.port), port } });
      }
    }
  }
  return doubt ? { kind: "unknown", what: doubt } : { kind: "none" };
}
