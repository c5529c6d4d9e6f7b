// One LAN (layer 2 segment) as seen from a port: switches and hubs join their
// ports; hosts and router ports end it. Powered-off devices, down ports and
// down links carry nothing, unless the question is "ideal" (every device on,
// every port and link up), which the model asks to find what blocks a path.
import type { DeviceFacts, LinkFacts, PortFacts } from "./snapshot";
import { DEFAULT_SWITCHPORT, type Endpoint, joinsLan, type Switchport, type Topology } from "./topology";

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
  /** The port it is seen from, and whether every device, port and link was taken as up. */
  start: Endpoint;
  ideal: boolean;
  /** `uncertain` comes only from a VLAN database not read: it cannot hide an address no device has. */
  vlanOnly: boolean;
  /** Host and router ports on the LAN, with the way to each. */
  members: LanMember[];
  /** A fact on the way could not be read: a member missing from `members` may still be there. */
  uncertain: string | null;
  /** Every device the flood met (switches, members, devices off), for what the model does not cover (unmodeled.ts). */
  devices: DeviceFacts[];
}

/** `flat`: as if no switch had VLANs, to tell a VLAN that parts two hosts from a missing cable. */
export function lanOf(topo: Topology, start: Endpoint, ideal: boolean, flat?: boolean): Lan {
  const key = "lan\n" + start.device.name + "\n" + start.port.name + "\n" + ideal + "\n" + !!flat;
  if (!Object.prototype.hasOwnProperty.call(topo.memo, key)) topo.memo[key] = lanNow(topo, start, ideal, !!flat);
  return topo.memo[key] as Lan;
}

function lanNow(topo: Topology, start: Endpoint, ideal: boolean, flat: boolean): Lan {
  const members: LanMember[] = [];
  const devices: DeviceFacts[] = [];
  // Cabling the snapshot could not place may join this LAN: a member not found may still be there.
  let uncertain: string | null = topo.cablingUnknown;
  let vlanDoubt: string | null = null;
  const doubt = (why: string) => {
    if (uncertain === null) uncertain = why;
  };
  const seen: { [key: string]: boolean } = {};
  // A frame at a port, with its 802.1Q tag on the wire (null: untagged).
  const queue: { device: string; port: string; path: PathItem[]; tag: number | null }[] = [];
  const follow = (d: DeviceFacts, p: PortFacts, tag: number | null, path: PathItem[]) => {
    for (const hop of topo.linksAt(d.name, p.name)) {
      if (!ideal && hop.link.up === null)
        doubt("the state of the link " + hop.link.a.device + " — " + hop.link.b.device + " could not be read");
      if (!ideal && hop.link.up !== true) continue;
      const next = path.concat([{ kind: "link", link: hop.link }]);
      queue.push({ device: hop.far.device, port: hop.far.port, path: next, tag });
    }
  };
  const join = (d: DeviceFacts, p: PortFacts, path: PathItem[]) =>
    members.push({ at: { device: d, port: p }, path: path.concat([{ kind: "port", device: d, port: p }]) });
  // Out of a switch in VLAN v (a hub: v null, the tag passes as it came): its SVI for v joins.
  const flood = (d: DeviceFacts, from: PortFacts | null, v: number | null, tag: number | null, path: PathItem[]) => {
    for (const q of d.ports || []) {
      // A radio (several associations on one port: wireless.ts) relays between its clients.
      if ((q === from && topo.linksAt(d.name, q.name).length < 2) || q.routed) continue;
      if (q.vlan) {
        if (v !== null && q.vlan.parent === null && q.vlan.id === v && (ideal || q.up !== false)) join(d, q, path);
        continue;
      }
      if (!ideal && q.up === null) doubt(d.name + " " + q.name + "'s state could not be read");
      if (!ideal && q.up !== true) continue;
      const out = path.concat([{ kind: "port", device: d, port: q }]);
      if (v === null) follow(d, q, tag, out);
      else {
        const m = modeOf(topo, d, q);
        if (m.mode !== "trunk") {
          if (m.access === v) follow(d, q, null, out);
        } else if (m.allowed === null || m.allowed.indexOf(v) >= 0) follow(d, q, v === m.native ? null : v, out);
      }
    }
  };
  const s = start.port;
  seen[start.device.name + "#" + s.name + "#" + null] = true;
  if (s.vlan && s.vlan.parent === null) flood(start.device, s, flat ? null : s.vlan.id, null, []);
  else if (s.vlan) {
    const parent = topo.port(start.device, s.vlan.parent || "");
    if (parent)
      follow(start.device, parent, s.vlan.native ? null : s.vlan.id, [
        { kind: "port", device: start.device, port: parent },
      ]);
  } else follow(start.device, s, null, []);
  for (let at = queue.shift(); at; at = queue.shift()) {
    const key = at.device + "#" + at.port + "#" + at.tag;
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
    const path = at.path.concat([{ kind: "device", device: d }]);
    if (!ideal && (d.power === null || p.up === null))
      doubt((d.power === null ? d.name + "'s power" : d.name + " " + p.name + "'s state") + " could not be read");
    if (!ideal && (d.power !== true || p.up !== true)) continue;
    if (d.kind === null) {
      doubt(d.name + " is a kind of device the model does not know");
      continue;
    }
    if (flat) at.tag = null;
    if (!joinsLan(d.kind) || p.routed) {
      // A host or routed port takes untagged frames; a router's sub-interface those of its VLAN.
      if (at.tag === null || flat) join(d, p, path);
      for (const sub of d.ports || [])
        if (
          sub.vlan &&
          sub.vlan.parent === p.name &&
          (flat || (at.tag === null ? sub.vlan.native : sub.vlan.id === at.tag))
        )
          join(d, sub, path.concat([{ kind: "port", device: d, port: p }]));
      continue;
    }
    const inPath = path.concat([{ kind: "port", device: d, port: p }]);
    if (d.kind !== "switch" || flat) {
      flood(d, p, null, at.tag, inPath);
      continue;
    }
    const m = modeOf(topo, d, p);
    // An access port drops tagged frames; a trunk puts untagged ones in its native VLAN [IEEE 802.1Q; inf for PT].
    if (m.mode !== "trunk" && at.tag !== null) continue;
    const v = m.mode !== "trunk" ? m.access : at.tag === null ? m.native : at.tag;
    if (m.mode === "trunk" && m.allowed !== null && m.allowed.indexOf(v) < 0) continue;
    const known = v === 1 || knowsVlan(d, v);
    if (!known) {
      if (known === null)
        vlanDoubt = vlanDoubt || `whether ${d.name} has VLAN ${v} in its VLAN database could not be read`;
      continue;
    }
    flood(d, p, v, null, inPath);
  }
  return { start, ideal, members, uncertain: uncertain || vlanDoubt, vlanOnly: !uncertain && !!vlanDoubt, devices };
}

/**
 * A port's mode as it works: `dynamic auto` and `desirable` become a trunk when the far end asks (DTP: trunk or
 * desirable; desirable also with auto), else access [Cisco DTP; inf for PT].
 */
function modeOf(topo: Topology, d: DeviceFacts, p: PortFacts): Switchport {
  const sp = p.switchport || DEFAULT_SWITCHPORT;
  if (sp.mode === "access" || sp.mode === "trunk") return sp;
  const far = topo.linksAt(d.name, p.name)[0];
  const fd = far ? topo.device(far.far.device) : null;
  const fp = fd && fd.kind === "switch" ? topo.port(fd, far.far.port) : null;
  const other = fp ? (fp.switchport || DEFAULT_SWITCHPORT).mode : "access";
  const trunk = other === "trunk" || other === "desirable" || (sp.mode === "desirable" && other === "auto");
  return { mode: trunk ? "trunk" : "access", access: sp.access, native: sp.native, allowed: sp.allowed };
}

/**
 * Whether the switch has VLAN v: its VLAN database (vlan.dat) when read; else IOS creates an access port's VLAN
 * when it is set, while a VLAN only carried on trunks exists only if someone made it: null, a doubt.
 */
function knowsVlan(d: DeviceFacts, v: number): boolean | null {
  if (d.vlans) return d.vlans.indexOf(v) >= 0;
  for (const q of d.ports || []) {
    if (q.vlan ? q.vlan.parent === null && q.vlan.id === v : q.switchport && q.switchport.access === v) return true;
  }
  return null;
}

/** The member of the LAN that carries this address. */
export function memberAt(lan: Lan, ip: string): LanMember | null {
  return lan.members.filter((m) => m.at.port.ip !== null && m.at.port.ip.trim() === ip.trim())[0] || null;
}

type Missed = { kind: "unknown"; what: string } | { kind: "fail"; cause: string; fix: string };

/** Why `ip` is not on this LAN beyond "not there": a doubt, or VLANs that part two devices cabled together. */
export function missed(topo: Topology, lan: Lan, ip: string): Missed | null {
  if (lan.uncertain && !(lan.vlanOnly && topo.owners(ip).length === 0)) return { kind: "unknown", what: lan.uncertain };
  if (lan.uncertain) return null;
  const hit = memberAt(lanOf(topo, lan.start, lan.ideal, true), ip);
  if (!hit) return null;
  const ports: { device: DeviceFacts; port: PortFacts }[] = [];
  for (const item of hit.path)
    if (item.kind === "port" && item.device.kind === "switch" && !item.port.routed) ports.push(item);
  const who = lan.start.device.name;
  const target = `${hit.at.device.name} (${ip})`;
  const vlanAt = (e: { device: DeviceFacts; port: PortFacts }) => {
    const m = modeOf(topo, e.device, e.port);
    return m.mode === "trunk" ? 0 : m.access;
  };
  const a = lan.start.port.vlan ? lan.start.port.vlan.id : ports.length ? vlanAt(ports[0]) : 0;
  const b = ports.length ? vlanAt(ports[ports.length - 1]) : 0;
  const label = (e: { device: DeviceFacts; port: PortFacts }) => e.device.name + " " + e.port.name;
  if (a && b && a !== b && ports.length)
    return {
      kind: "fail",
      cause: `${target} is in VLAN ${b} (${label(ports[ports.length - 1])}), ${who} in VLAN ${a}`,
      fix: `put ${lan.start.port.vlan ? label(ports[ports.length - 1]) + " in VLAN " + a : label(ports[0]) + " in VLAN " + b} (\`switchport access vlan\`), or give ${who} an address of its own VLAN`,
    };
  const lacking = a ? ports.filter((e) => e.device.vlans && e.device.vlans.indexOf(a) < 0)[0] : undefined;
  if (lacking)
    return {
      kind: "fail",
      cause: `${target} is on VLAN ${a} beyond ${lacking.device.name}, whose VLAN database has no VLAN ${a}`,
      fix: `\`vlan ${a}\` on ${lacking.device.name}`,
    };
  return {
    kind: "fail",
    cause: `${target} is cabled to ${who}'s switches, but no VLAN joins them`,
    fix: "check the VLANs on the way: `switchport mode trunk` between switches and towards sub-interfaces, and `switchport trunk allowed vlan`",
  };
}
