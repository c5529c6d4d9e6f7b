// Can a device open a connection to an address, and which device answers?
// A host reaches its own subnet directly and other subnets through its
// default gateway; routers forward (routing.ts); the reply must find its way
// back. A failure names what blocks it: the first device, port or link on the
// path that is off or down, else the setting that is wrong.
import { aclAt, type Flow, filters, type Packet } from "./acl";
import { isAutoConfigured, isUnset, sameSubnet } from "./addresses";
import { dhcpOffer, netText } from "./dhcp";
import { type Lan, lanOf, memberAt, missed, type PathItem } from "./lan";
import { decideRoute } from "./routing";
import type { DeviceFacts, PortFacts } from "./snapshot";
import { type Endpoint, hostPort, ipOf, linkLabel, maskOf, portLabel, routes, type Topology } from "./topology";
import { type Trace, unmodeledOn } from "./unmodeled";
import { natOn, unassociated } from "./wireless";

export type Reach =
  | { kind: "ok"; at: Endpoint; path: PathItem[] }
  | { kind: "fail"; cause: string; fix: string }
  | { kind: "unknown"; what: string };

type Reached = Extract<Reach, { kind: "ok" }>;

const fail = (cause: string, fix: string): Reach => ({ kind: "fail", cause, fix });
const unknown = (what: string): Reach => ({ kind: "unknown", what });

/**
 * Whether `from` can open `flow` to `ip` now (and hear back), with the reason when it cannot. Without a flow,
 * an access list on the way makes the answer unknown.
 */
export function reachAddress(topo: Topology, from: string, ip: string, flow?: Flow): Reach {
  // Without an access list anywhere every flow goes the same way: one answer serves them all (the matrix's time).
  const key = "reach\n" + from + "\n" + ip + (flow && filters(topo) ? "\n" + flow.name : "");
  return topo.memo.get(key, () => reachNow(topo, from, ip, flow || null));
}

function reachNow(topo: Topology, from: string, ip: string, flow: Flow | null): Reach {
  const t: Trace = { crossed: [], lans: [] };
  const now = attempt(topo, from, ip, false, true, t, flow);
  if (now.kind === "unknown") return now;
  const odd = unmodeledOn(t, now.kind === "ok", () => {
    const owner = topo.owners(ip)[0];
    return `the path from ${from} to ${ip}${owner ? ` (${owner.device.name})` : ""}`;
  });
  if (odd) return unknown(odd);
  if (now.kind !== "fail") return now;
  // Would it work with every device on and every port and link up? Then the first thing off or down is the cause.
  const ideal = attempt(topo, from, ip, true, true, { crossed: [], lans: [] }, flow);
  if (ideal.kind !== "ok") return now;
  // A device that is off comes first: PT shows the ports facing it as down too (their status follows the
  // far end), and "R1 is powered off" is the fix, not "SW-Alpha Fa0/1 is down".
  for (const item of ideal.path)
    if (item.kind === "device" && item.device.power === false) return blocked(item) as Reach;
  for (const item of ideal.path) {
    const why = blocked(item);
    if (why) return why;
  }
  return now;
}

function blocked(item: PathItem): Reach | null {
  if (item.kind === "device" && item.device.power === false) {
    return fail(`${item.device.name} is powered off`, `switch ${item.device.name} on`);
  }
  if (item.kind === "link" && item.link.up === false) {
    const link = linkLabel(item.link);
    return fail(`the link ${link} is down`, `reconnect the cable ${link}, or bring up the ports at both ends`);
  }
  if (item.kind === "port" && item.port.up === false) {
    const label = `${item.device.name} ${item.port.name}`;
    return item.device.kind === "router"
      ? fail(`${label} is shut down`, `\`no shutdown\` on ${label}`)
      : fail(`${label} is down`, `bring ${label} up`);
  }
  return null;
}

/** What the way met goes into `t`: the devices it crosses, the LANs it looks across. */
function attempt(
  topo: Topology,
  from: string,
  ip: string,
  ideal: boolean,
  withReply: boolean,
  t: Trace,
  flow: Flow | null,
): Reach {
  // A way without a reply to wait for is itself the reply (replies()).
  const packet = (src: string): Packet | null => flow && { flow, src, dst: ip, reply: !withReply, from };
  const device = topo.device(from);
  if (!device) return unknown(`${from} is not in the snapshot`);
  t.crossed.push(device);
  if (!ideal && device.power === null) return unknown(`${from}'s power could not be read`);
  if (!ideal && device.power === false) return fail(`${from} is powered off`, `switch ${from} on`);
  const own = (device.ports || []).filter((p) => p.ip !== null && ipOf(p) === ip.trim())[0];
  if (own) return { kind: "ok", at: { device, port: own }, path: [] };
  if (routes(device)) return crossed(t, forward(topo, device, ip, ideal, [], t, null, packet("")));
  const port = hostPort(device);
  if (!port) {
    if (device.ports === null) return unknown(`${from}'s ports could not be read`);
    return fail(`${from} has no network port`, `give ${from} a network port`);
  }
  if (port.ip === null || port.mask === null) return unknown(`${from}'s address could not be read`);
  const air = unassociated(topo, device, port);
  if (air) return air.kind === "fail" ? fail(air.cause, air.fix) : unknown(air.what);
  if (isUnset(port.ip) || isAutoConfigured(port.ip)) {
    if (port.dhcp) {
      t.lans.push(lanOf(topo, { device, port }, false));
      const offer = dhcpOffer(topo, device, reachAddress);
      if (offer.kind === "unknown") return unknown(offer.what);
      if (offer.kind === "none")
        return fail(`${from} asked DHCP for an address and got none: ${offer.cause}`, offer.fix);
      // Live PT: a client that found no server keeps its APIPA address until it asks again [inf].
      const pool = `${offer.server.name}'s pool ${netText(offer.pool.network, offer.pool.mask)}`;
      return fail(
        `${from} has no DHCP lease, though ${pool} serves its LAN${offer.relay ? ` through ${offer.relay.name}` : ""}`,
        `ask again: on ${from}, Desktop > IP Configuration > Static, then DHCP`,
      );
    }
    return fail(`${from} has no IP address`, `give ${from} an IP address and subnet mask (Desktop > IP Configuration)`);
  }
  if (!ideal && port.up === null) return unknown(`${portLabel(device, port)}'s state could not be read`);
  if (!ideal && port.up === false) return fail(`${from} ${port.name} is down`, `bring ${from} ${port.name} up`);
  const lan = lanOf(topo, { device, port }, ideal);
  t.lans.push(lan);
  const out = crossed(
    t,
    sameSubnet(port.ip, ip, port.mask)
      ? direct(topo, device, lan, ip)
      : viaGateway(topo, device, port, lan, ip, ideal, t, packet(port.ip)),
  );
  // Behind a home router's NAT, replies come back to its Internet address (wireless.ts).
  const nat = out.kind === "ok" ? natOn(out.path) : null;
  if (nat && "cause" in nat) return fail(nat.cause, nat.fix);
  return out.kind === "ok" && withReply
    ? replies(topo, out, device.name, nat ? nat.ip : port.ip, ip, ideal, t, flow)
    : out;
}

/** The devices on a way that stands are crossed. */
function crossed(t: Trace, r: Reach): Reach {
  if (r.kind === "ok") for (const item of r.path) if (item.kind !== "link") t.crossed.push(item.device);
  return r;
}

/** The answer must come back: the target needs its own way to the sender. */
function replies(
  topo: Topology,
  there: Reached,
  from: string,
  fromIp: string,
  ip: string,
  ideal: boolean,
  t: Trace,
  flow: Flow | null,
): Reach {
  const target = there.at.device;
  const answer = flow && { flow, src: ip, dst: fromIp, reply: true, from: target.name };
  const back = routes(target)
    ? crossed(t, forward(topo, target, fromIp, ideal, [], t, null, answer))
    : attempt(topo, target.name, fromIp, ideal, false, t, flow);
  if (back.kind === "unknown") return back;
  if (back.kind === "fail")
    return fail(`replies from ${target.name} (${ip}) to ${from} are lost: ${back.cause}`, back.fix);
  return there;
}

function direct(topo: Topology, device: DeviceFacts, lan: Lan, ip: string): Reach {
  const hit = memberAt(lan, ip);
  if (hit) return { kind: "ok", at: hit.at, path: hit.path };
  const why = missed(topo, lan, ip);
  if (why) return why;
  const owner = topo.owners(ip)[0];
  if (owner)
    return fail(
      `${owner.device.name} (${ip}) is not on ${device.name}'s LAN`,
      `cable ${owner.device.name} to ${device.name}'s LAN`,
    );
  return fail(`nothing answers at ${ip} on ${device.name}'s LAN`, `check the address ${ip}: no device has it`);
}

function viaGateway(
  topo: Topology,
  device: DeviceFacts,
  port: PortFacts,
  lan: Lan,
  ip: string,
  ideal: boolean,
  t: Trace,
  packet: Packet | null,
): Reach {
  const gateway = device.gateway;
  if (gateway === null) return unknown(`${device.name}'s default gateway could not be read`);
  const router = lan.members.filter(
    (m) => routes(m.at.device) && sameSubnet(ipOf(m.at.port), ipOf(port), maskOf(port)),
  )[0];
  const suggest = router
    ? `set ${device.name}'s default gateway to ${ipOf(router.at.port)} (${portLabel(router.at.device, router.at.port)})`
    : `set ${device.name}'s default gateway to the address of a router port on its LAN`;
  if (isUnset(gateway)) return fail(`${device.name} has no default gateway`, suggest);
  const hit = memberAt(lan, gateway);
  if (!hit) {
    const why = missed(topo, lan, gateway);
    if (why) return why.kind === "fail" ? fail(`${device.name}'s default gateway: ${why.cause}`, why.fix) : why;
    return fail(`${device.name}'s default gateway ${gateway} does not answer on its LAN`, suggest);
  }
  if (!routes(hit.at.device)) {
    return fail(
      `${device.name}'s default gateway ${gateway} is ${hit.at.device.name}, not a router`,
      notRouting(hit.at.device, suggest),
    );
  }
  return forward(topo, hit.at.device, ip, ideal, hit.path, t, hit.at.port, packet);
}

/** Router by router to the LAN of ip (at most 16 hops, like RIP). */
function forward(
  topo: Topology,
  first: DeviceFacts,
  ip: string,
  ideal: boolean,
  pathSoFar: PathItem[],
  t: Trace,
  arrivedAt: PortFacts | null,
  sent: Packet | null,
): Reach {
  let router = first;
  let path = pathSoFar;
  // Where the packet entered the router (null: the router sends it) and the packet itself.
  let arrived = arrivedAt;
  let packet = sent;
  const visited: string[] = [];
  for (let hop = 0; hop < 16; hop++) {
    if (visited.indexOf(router.name) >= 0) {
      const loop = visited.concat([router.name]).join(" → ");
      return fail(`the routers send ${ip} round in a loop (${loop})`, `fix the routes on ${visited.join(", ")}`);
    }
    visited.push(router.name);
    t.crossed.push(router);
    const inward = filtered(router, arrived, "in", packet);
    if (inward) return inward;
    const route = decideRoute(topo, router, ip, ideal);
    if (route.kind === "unknown") return unknown(route.what);
    if (route.kind === "none") return fail(`${router.name} has no route to ${ip}`, noRouteFix(topo, router, ip));
    const lan = lanOf(topo, { device: router, port: route.port }, ideal);
    t.lans.push(lan);
    const out = path.concat([{ kind: "port", device: router, port: route.port }]);
    // A router's own packets leave from the port's address, past its outbound lists (IOS).
    if (packet && !packet.src)
      packet = { flow: packet.flow, src: ipOf(route.port), dst: ip, reply: packet.reply, from: packet.from };
    const outward = arrived && filtered(router, route.port, "out", packet);
    if (outward) return outward;
    if (route.kind === "connected") {
      const hit = memberAt(lan, ip);
      if (hit) return { kind: "ok", at: hit.at, path: out.concat(hit.path) };
      const why = missed(topo, lan, ip);
      if (why) return why;
      const where = portLabel(router, route.port);
      return fail(
        `nothing answers at ${ip} on the LAN of ${where}`,
        `check the address ${ip} and the cabling of that LAN`,
      );
    }
    const next = memberAt(lan, route.nextHop);
    const lead = `${router.name}'s next hop ${route.nextHop} (${route.how})`;
    if (!next)
      return (
        missed(topo, lan, route.nextHop) || fail(`${lead} does not answer`, `check the ${route.how} on ${router.name}`)
      );
    if (!routes(next.at.device))
      return fail(
        `${lead} is ${next.at.device.name}, not a router`,
        notRouting(next.at.device, `check the ${route.how} on ${router.name}`),
      );
    router = next.at.device;
    arrived = next.at.port;
    path = out.concat(next.path);
  }
  return fail(`${ip} is more than 16 routers away`, "check the routes");
}

/** The access list at `port` going `dir`, when it drops the packet: a failure naming its line, or unknown. */
function filtered(router: DeviceFacts, port: PortFacts | null, dir: "in" | "out", packet: Packet | null): Reach | null {
  const d = port && aclAt(router, port, dir, packet);
  return !d ? null : "unknown" in d ? unknown(d.unknown) : fail(d.cause, d.fix);
}

/** A switch with an address that does not route: `ip routing` is what it lacks, when it can route at all. */
function notRouting(d: DeviceFacts, otherwise: string): string {
  return d.kind === "switch" && (d.ports || []).some((p) => !!p.vlan)
    ? `\`ip routing\` on ${d.name} (a multilayer switch routes between its VLAN interfaces), or ${otherwise}`
    : otherwise;
}

function noRouteFix(topo: Topology, router: DeviceFacts, ip: string): string {
  const owner = topo.owners(ip)[0];
  const net = owner && owner.port.mask ? networkText(ip, owner.port.mask) : `the network of ${ip}`;
  return `add a route on ${router.name} to ${net} (\`ip route\`), or run a routing protocol (RIP, OSPF) on every router between`;
}

function networkText(ip: string, mask: string): string {
  const parts = ip.split(".").map(Number);
  const m = mask.split(".").map(Number);
  return parts.map((p, i) => p - (p % (256 - m[i]))).join(".") + " " + mask;
}
