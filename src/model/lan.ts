// One LAN (layer 2 segment) as seen from a port: switches and hubs join their
// ports; hosts and router ports end it. Powered-off devices, down ports and
// down links carry nothing, unless the question is "ideal" (every device on,
// every port and link up), which the model asks to find what blocks a path.
import { NameTable } from "./name-table";
import type { DeviceFacts, LinkFacts, PortFacts } from "./snapshot";
import { DEFAULT_SWITCHPORT, type Endpoint, innerTable, joinsLan, type Switchport, type Topology } from "./topology";

// A flood is made for every sender of a class (300 at a time after each read of the lab), and each
// object or string Qt's engine makes is an allocation: every 4 MB costs a collection of 10-15 ms that
// the running call pays (issue 23). A flood of 150 hosts allocated 460 KB; so it finds links with no key
// built (Topology.linksAt), marks the ports and devices it met in the topology's arrays of numbers
// (FloodMarks), loops by index, and learns a port's negotiated mode once per snapshot. No Map: Qt's engine
// looks a key up in a Map by walking its entries (README, Qt traps).

/** One thing a packet crosses, in order: the explanation of a failure is the first one that is off or down. */
export type PathItem =
  | { kind: "device"; device: DeviceFacts }
  | { kind: "port"; device: DeviceFacts; port: PortFacts }
  | { kind: "link"; link: LinkFacts };

export interface LanMember {
  /** Made when read: a member keeps its device and port apart (see Way). */
  at: Endpoint;
  /** at.port, without making `at`: memberAt compares every member's address. */
  readonly atPort: PortFacts;
  /** What lies between the start port and this member. */
  readonly path: PathItem[];
}

/**
 * The way to a member, kept as little as it can be: Qt's garbage collector marks every live object in
 * each pass, about 60 ms at 400,000 (issue 23: no call over 50 ms), and a switch of 150 hosts seen from
 * each of them was 150 × 150 paths of five items. Now the trail up to a switch is shared by everything
 * beyond it, a member keeps the last hop it came in by, and its path is made when asked for.
 */
type Trail = { item: PathItem; prev: Trail } | null;

/** A way's port until it reaches one (a way read as a member has always reached its port). */
const NO_PORT: PortFacts = { name: "", ip: null, mask: null, up: null, dhcp: null };

/**
 * A frame on its way: the trail so far, out of a port (none at the start), over a link, to a device's port.
 * Where it ends at a host or a router port, it is that member of the LAN itself (one object a member).
 */
class Way implements LanMember {
  /** The device and port it reached (a host's or a router's), set when it got there. */
  reachedDevice: DeviceFacts | null = null;
  atPort: PortFacts = NO_PORT;

  constructor(
    readonly base: Trail,
    readonly outDevice: DeviceFacts | null,
    readonly outPort: PortFacts | null,
    readonly link: LinkFacts,
    readonly device: string,
    readonly port: string,
    /** The far port's number, from the topology's index (Hop.far). */
    readonly id: number,
    /** Its 802.1Q tag on the wire (null: untagged). */
    public tag: number | null,
    private readonly items: Items,
  ) {}

  get at(): Endpoint {
    return { device: this.reachedDevice as DeviceFacts, port: this.atPort };
  }

  get path(): PathItem[] {
    const at = this.at;
    return trailItems(this.base).concat(hopItems(this.items, this, at.device), [this.items.port(at.device, at.port)]);
  }
}

/** The path items of a topology, each made once and shared by every LAN seen in it. */
class Items {
  private readonly made = new NameTable<PathItem>();

  port(device: DeviceFacts, port: PortFacts): PathItem {
    return this.once("p\n" + device.name + "\n" + port.name, () => ({ kind: "port", device, port }));
  }

  device(device: DeviceFacts): PathItem {
    return this.once("d\n" + device.name, () => ({ kind: "device", device }));
  }

  link(link: LinkFacts): PathItem {
    const ends = link.a.device + "\n" + link.a.port + "\n" + link.b.device + "\n" + link.b.port;
    return this.once("l\n" + ends, () => ({ kind: "link", link }));
  }

  private once(key: string, make: () => PathItem): PathItem {
    const kept = this.made.get(key);
    if (kept) return kept;
    const item = make();
    this.made.set(key, item);
    return item;
  }
}

/** A member that is not the end of a way: a switch's SVI, or a router's sub-interface behind the port a way reached. */
class Member implements LanMember {
  constructor(
    private readonly device: DeviceFacts,
    readonly atPort: PortFacts,
    /** The trail to the switch (an SVI), or the way to the physical port (a sub-interface). */
    private readonly base: Trail,
    private readonly way: Way | null,
    private readonly items: Items,
  ) {}

  get at(): Endpoint {
    return { device: this.device, port: this.atPort };
  }

  get path(): PathItem[] {
    const w = this.way;
    const last = [this.items.port(this.device, this.atPort)];
    return w ? w.path.concat(last) : trailItems(this.base).concat(last);
  }
}

function trailItems(trail: Trail): PathItem[] {
  const out: PathItem[] = [];
  for (let t = trail; t; t = t.prev) out.push(t.item);
  return out.reverse();
}

/** What a hop adds to the trail: the port it left by, the link, and the device it came to. */
function hopItems(items: Items, way: Way | null, device: DeviceFacts): PathItem[] {
  if (!way) return [];
  const out = way.outDevice && way.outPort ? [items.port(way.outDevice, way.outPort)] : [];
  return out.concat([items.link(way.link), items.device(device)]);
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

/**
 * How many LANs a snapshot keeps, the last asked for. Qt's collector marks every live object in each pass
 * (issue 23: no call over 50 ms): a LAN of 150 hosts is about 400 objects, and kept for every sender of a
 * class of 300 it was 126,000 of the 200,000 marked in each pass, 20–35 ms. What is built on a LAN is kept
 * for the snapshot's life (reach.ts keeps each answer), so a LAN is asked for again only while one answer
 * is worked out: a sender's, ideal and flat, and the router ports on its way, which stay as the last used.
 */
const LANS_KEPT = 16;

/**
 * A list, most recent last, not an object keyed by start: a value deleted from an object stays marked in
 * Qt's engine (for good in 5.15, until the object is compacted in 6), so evicted LANs would live on.
 */
type KeptLans = { key: string; lan: Lan }[];

/** `flat`: as if no switch had VLANs, to tell a VLAN that parts two hosts from a missing cable. */
export function lanOf(topo: Topology, start: Endpoint, ideal: boolean, flat?: boolean): Lan {
  const key = start.device.name + "\n" + start.port.name + "\n" + ideal + "\n" + !!flat;
  const kept = topo.memo.get("lans", (): KeptLans => []);
  for (let i = kept.length - 1; i >= 0; i--) {
    if (kept[i].key !== key) continue;
    const hit = kept[i];
    if (i !== kept.length - 1) kept.push(kept.splice(i, 1)[0]);
    return hit.lan;
  }
  const lan = lanNow(topo, start, ideal, !!flat);
  if (kept.push({ key, lan }) > LANS_KEPT) kept.shift();
  return lan;
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
  // Ports met: untagged by number in the topology's marks; tagged, and any the snapshot lacks, by a key.
  const marks = topo.marks;
  const pass = ++marks.flood;
  const seen: { [key: string]: boolean } = {};
  const seenBefore = (id: number, device: string, port: string, tag: number | null): boolean => {
    if (id >= 0 && tag === null) {
      if (marks.ports[id] === pass) return true;
      marks.ports[id] = pass;
      return false;
    }
    const key = device + "#" + port + "#" + tag;
    if (seen[key]) return true;
    seen[key] = true;
    return false;
  };
  const queue: Way[] = [];
  const items = itemsOf(topo);
  const follow = (d: DeviceFacts, p: PortFacts, tag: number | null, base: Trail, out: PortFacts | null) => {
    const hops = topo.linksAt(d.name, p.name);
    for (let i = 0; i < hops.length; i++) {
      const hop = hops[i];
      if (!ideal && hop.link.up === null)
        doubt("the state of the link " + hop.link.a.device + " — " + hop.link.b.device + " could not be read");
      if (!ideal && hop.link.up !== true) continue;
      const outDevice = out ? d : null;
      queue.push(new Way(base, outDevice, out, hop.link, hop.far.device, hop.far.port, hop.far.id, tag, items));
    }
  };
  const join = (d: DeviceFacts, p: PortFacts, base: Trail, way: Way | null) =>
    members.push(new Member(d, p, base, way, items));
  // Out of a switch in VLAN v (a hub: v null, the tag passes as it came): its SVI for v joins.
  const flood = (d: DeviceFacts, from: PortFacts | null, v: number | null, tag: number | null, path: Trail) => {
    const ports = d.ports || [];
    for (let i = 0; i < ports.length; i++) {
      const q = ports[i];
      // A radio (several associations on one port: wireless.ts) relays between its clients.
      if ((q === from && topo.linksAt(d.name, q.name).length < 2) || q.routed) continue;
      if (q.vlan) {
        if (v !== null && q.vlan.parent === null && q.vlan.id === v && (ideal || q.up !== false))
          join(d, q, path, null);
        continue;
      }
      if (!ideal && q.up === null) doubt(d.name + " " + q.name + "'s state could not be read");
      if (!ideal && q.up !== true) continue;
      if (v === null) follow(d, q, tag, path, q);
      else {
        const m = modeOf(topo, d, q);
        if (m.mode !== "trunk") {
          if (m.access === v) follow(d, q, null, path, q);
        } else if (m.allowed === null || m.allowed.indexOf(v) >= 0) follow(d, q, v === m.native ? null : v, path, q);
      }
    }
  };
  const s = start.port;
  seenBefore(topo.portNumber(start.device.name, s.name), start.device.name, s.name, null);
  if (s.vlan && s.vlan.parent === null) flood(start.device, s, flat ? null : s.vlan.id, null, null);
  else if (s.vlan) {
    const parent = topo.port(start.device, s.vlan.parent || "");
    if (parent)
      follow(
        start.device,
        parent,
        s.vlan.native ? null : s.vlan.id,
        { item: items.port(start.device, parent), prev: null },
        null,
      );
  } else follow(start.device, s, null, null, null);
  // By index, not shift(), and devices met kept by name: a class of 300 on one switch is
  // flooded from each sender, and Qt's engine pays for every element moved or compared.
  for (let next = 0; next < queue.length; next++) {
    const at = queue[next];
    if (seenBefore(at.id, at.device, at.port, at.tag)) continue;
    const d = topo.device(at.device);
    if (!d) {
      doubt(at.device + " is not in the snapshot");
      continue;
    }
    const number = topo.deviceNumber(d.name);
    if (marks.devices[number] !== pass) {
      marks.devices[number] = pass;
      devices.push(d);
    }
    const p = topo.port(d, at.port);
    if (!p) {
      doubt(d.ports === null ? d.name + "'s ports could not be read" : d.name + " has no port " + at.port);
      continue;
    }
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
      at.reachedDevice = d;
      at.atPort = p;
      if (at.tag === null || flat) members.push(at);
      const subs = d.ports || [];
      for (let i = 0; i < subs.length; i++) {
        const sub = subs[i];
        if (
          sub.vlan &&
          sub.vlan.parent === p.name &&
          (flat || (at.tag === null ? sub.vlan.native : sub.vlan.id === at.tag))
        )
          join(d, sub, null, at);
      }
      continue;
    }
    // A switch or hub: the trail grows by the hop in, shared by every member beyond.
    let inPath: Trail = at.base;
    for (const item of hopItems(items, at, d).concat([items.port(d, p)])) inPath = { item, prev: inPath };
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

/** The negotiated modes' table, made once per memo: a closure made per call is an allocation per port a flood meets. */
const newModes = () => new NameTable<{ [port: string]: Switchport }>();

/**
 * A port's mode as it works: `dynamic auto` and `desirable` become a trunk when the far end asks (DTP: trunk or
 * desirable; desirable also with auto), else access [Cisco DTP; inf for PT].
 */
function modeOf(topo: Topology, d: DeviceFacts, p: PortFacts): Switchport {
  const sp = p.switchport || DEFAULT_SWITCHPORT;
  if (sp.mode === "access" || sp.mode === "trunk") return sp;
  // Negotiated: the same for every flood over this snapshot, so worked out once per port.
  // By device and port name (a device's port names are its own: topo.port finds a port by name too).
  const modes = innerTable(topo.memo.get("modes", newModes), d.name);
  let mode = modes[p.name];
  if (!mode) {
    const far = topo.linksAt(d.name, p.name)[0];
    const fd = far ? topo.device(far.far.device) : null;
    const fp = fd && fd.kind === "switch" ? topo.port(fd, far.far.port) : null;
    const other = fp ? (fp.switchport || DEFAULT_SWITCHPORT).mode : "access";
    const trunk = other === "trunk" || other === "desirable" || (sp.mode === "desirable" && other === "auto");
    mode = { mode: trunk ? "trunk" : "access", access: sp.access, native: sp.native, allowed: sp.allowed };
    modes[p.name] = mode;
  }
  return mode;
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

/**
 * The member of the LAN that carries this address (the first, as a lab may have it twice). A walk, not an
 * index by address: an object keyed by 150 addresses in a LAN's own order cost Qt's engine 25 KB, and a
 * LAN is asked this a few times (issue 23). indexOf finds a candidate without the copy trim() makes.
 */
export function memberAt(lan: Lan, ip: string): LanMember | null {
  const wanted = ip.trim();
  // By index: a for…of allocates per step in Qt's engine (README, Qt traps), 150 steps a call here.
  const members = lan.members;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const have = m.atPort.ip;
    if (have !== null && (have === wanted || (have.indexOf(wanted) >= 0 && have.trim() === wanted))) return m;
  }
  return null;
}

function itemsOf(topo: Topology): Items {
  return topo.memo.get("lanItems", () => new Items());
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
