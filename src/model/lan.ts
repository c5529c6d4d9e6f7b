// One LAN (layer 2 segment) as seen from a port: switches and hubs join their
// ports; hosts and router ports end it. Powered-off devices, down ports and
// down links carry nothing, unless the question is "ideal" (every device on,
// every port and link up), which the model asks to find what blocks a path.
import type { DeviceFacts, LinkFacts, PortFacts } from "./snapshot";
import { type Endpoint, joinsLan, type Topology } from "./topology";

/** One thing a packet crosses, in order: the explanation of a failure is the first one that is off or down. */
export type PathItem =
  | { kind: "device"; device: DeviceFacts }
  | { kind: "port"; device: DeviceFacts; port: PortFacts }
  | { kind: "link"; link: LinkFacts };

export interface LanMember {
  at: Endpoint;
  /** What lies between the start port and this member. */
  path: PathItem[];
}

export interface Lan {
  /** Host and router ports on the LAN, with the way to each. */
  members: LanMember[];
  /** A fact on the way could not be read: a member missing from `members` may still be there. */
  uncertain: string | null;
  /** Every device the flood met (switches, members, devices off), for what the model does not cover (unmodeled.ts). */
  devices: DeviceFacts[];
}

export function lanOf(topo: Topology, start: Endpoint, ideal: boolean): Lan {
  const key = "lan\n" + start.device.name + "\n" + start.port.name + "\n" + ideal;
  if (!Object.prototype.hasOwnProperty.call(topo.memo, key)) topo.memo[key] = lanNow(topo, start, ideal);
  return topo.memo[key] as Lan;
}

function lanNow(topo: Topology, start: Endpoint, ideal: boolean): Lan {
  const members: LanMember[] = [];
  const devices: DeviceFacts[] = [];
  // Cabling the snapshot could not place may join this LAN: a member not found may still be there.
  let uncertain: string | null = topo.cablingUnknown;
  const doubt = (why: string) => {
    if (uncertain === null) uncertain = why;
  };
  const seen: { [key: string]: boolean } = {};
  const queue: { device: string; port: string; path: PathItem[] }[] = [];
  const follow = (d: DeviceFacts, p: PortFacts, path: PathItem[]) => {
    for (const hop of topo.linksAt(d.name, p.name)) {
      if (!ideal && hop.link.up === null)
        doubt("the state of the link " + hop.link.a.device + " — " + hop.link.b.device + " could not be read");
      if (!ideal && hop.link.up !== true) continue;
      queue.push({ device: hop.far.device, port: hop.far.port, path: path.concat([{ kind: "link", link: hop.link }]) });
    }
  };
  seen[start.device.name + "#" + start.port.name] = true;
  follow(start.device, start.port, []);
  for (let at = queue.shift(); at; at = queue.shift()) {
    const key = at.device + "#" + at.port;
    if (seen[key]) continue;
    seen[key] = true;
    const d = topo.device(at.device);
    if (!d) {
      doubt(at.device + " is not in the snapshot");
      continue;
    }
    if (devices.indexOf(d) < 0) devices.push(d);
    const p = topo.port(d, at.port);
    if (!p) {
      doubt(d.ports === null ? d.name + "'s ports could not be read" : d.name + " has no port " + at.port);
      continue;
    }
    const path = at.path.concat([
      { kind: "device", device: d },
      { kind: "port", device: d, port: p },
    ]);
    if (!ideal && (d.power === null || p.up === null))
      doubt((d.power === null ? d.name + "'s power" : d.name + " " + p.name + "'s state") + " could not be read");
    if (!ideal && (d.power !== true || p.up !== true)) continue;
    if (d.kind === null) {
      doubt(d.name + " is a kind of device the model does not know");
      continue;
    }
    if (!joinsLan(d.kind)) {
      members.push({ at: { device: d, port: p }, path });
      continue;
    }
    // A switch forwards between all its ports that are up.
    for (const q of d.ports || []) {
      if (q === p) continue;
      if (!ideal && q.up === null) doubt(d.name + " " + q.name + "'s state could not be read");
      if (!ideal && q.up !== true) continue;
      follow(d, q, path.concat([{ kind: "port", device: d, port: q }]));
    }
  }
  return { members, uncertain, devices };
}

/** The member of the LAN that carries this address. */
export function memberAt(lan: Lan, ip: string): LanMember | null {
  return lan.members.filter((m) => m.at.port.ip !== null && m.at.port.ip.trim() === ip.trim())[0] || null;
}
