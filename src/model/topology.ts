// A snapshot indexed for questions: a device by name, a port by name, the
// links at a port, the owners of an address. Built once per question.
import { isUnset } from "./addresses";
import { NameTable } from "./name-table";
import type { DeviceFacts, LinkFacts, PortFacts, Snapshot } from "./snapshot";
import { associations } from "./wireless";

export interface Endpoint {
  device: DeviceFacts;
  port: PortFacts;
}

/**
 * A link seen from one end: the far end, with its number (Topology.portNumber, -1 when the snapshot has no
 * such port), by which a flood marks the ports it met (lan.ts).
 */
export interface Hop {
  link: LinkFacts;
  far: { device: string; port: string; id: number };
}

/**
 * A flood's marks, kept with the topology and used by one flood after another: a port or device is met in
 * this flood when its entry equals `flood`. Objects keyed by name, made per flood, cost Qt's engine an
 * allocation per key (a new hidden class for each key in each new order: 55 KB a flood of 300), an array
 * of numbers nothing (issue 23).
 */
export interface FloodMarks {
  flood: number;
  ports: number[];
  devices: number[];
}

export interface Topology {
  snapshot: Snapshot;
  device(name: string): DeviceFacts | null;
  port(device: DeviceFacts, name: string): PortFacts | null;
  /**
   * The links with one end at this port, and the far end of each. Found by name in two steps, with no key
   * built: a LAN's flood asks it of every switch port for every sender, and each string Qt's engine builds
   * is an allocation (README, Qt traps).
   */
  linksAt(device: string, port: string): readonly Hop[];
  /** Every device port that carries this address (duplicates are possible in a lab), in the snapshot's order. */
  owners(ip: string): readonly Endpoint[];
  /** A number for each device and port name of the snapshot (-1 for none), from 0, for FloodMarks. */
  portNumber(device: string, port: string): number;
  deviceNumber(name: string): number;
  marks: FloodMarks;
  /** Why some cabling could not be placed (the link list or a link's ends unreadable), or null. */
  cablingUnknown: string | null;
  /** Answers worked out from this snapshot alone (reachAddress), kept for the next question over it. */
  memo: Memo;
}

const NO_HOPS: readonly Hop[] = [];
const NO_OWNERS: readonly Endpoint[] = [];

/**
 * How many answers a memo keeps before it starts again. A snapshot lives as long as the lab is unchanged
 * (src/lab-reader.ts: a read that finds the same lab keeps it), which in a class may be all day, and some
 * answers are keyed by what people type (a server's name, a recipient's domain). A whole Lab check of 300
 * devices leaves 955 answers: the limit is ten times that, and starting again costs the floods once more.
 */
export const MEMO_LIMIT = 10000;

/** Answers worked out from one snapshot, by key; at most `limit`, then it forgets them all and starts again. */
export class Memo {
  /** Replaced, never emptied key by key (README, Qt traps); a NameTable, as its keys are names people and labs give. */
  private table = new NameTable<unknown>();
  private count = 0;

  constructor(private readonly limit = MEMO_LIMIT) {}

  /** How many answers it keeps. */
  get size(): number {
    return this.count;
  }

  /** The answer under `key`, made on the first ask. */
  get<T>(key: string, make: () => T): T {
    const table = this.table;
    const kept = table.get(key);
    if (kept !== undefined || table.has(key)) return kept as T;
    const made = make();
    // After make(): what it remembered itself is counted, and kept, in the table it found.
    if (this.count >= this.limit) {
      this.table = new NameTable<unknown>();
      this.count = 0;
    }
    this.table.set(key, made);
    this.count++;
    return made;
  }
}

export function indexTopology(snapshot: Snapshot): Topology {
  // Devices by name in NameTables (one shape per new key would set off Qt's collector: name-table.ts); a
  // device's ports by name in an object of its own, whose keys are the same for devices of one kind.
  const byName = new NameTable<DeviceFacts>();
  for (const d of snapshot.devices) byName.set(d.name, d);
  // Numbered by name, as byName and the links know them: a second device or port of one name is the first.
  const deviceNumbers = new NameTable<number>();
  const portNumbers = new NameTable<{ [port: string]: number }>();
  let deviceCount = 0;
  let portCount = 0;
  for (const d of snapshot.devices) {
    if (!deviceNumbers.has(d.name)) deviceNumbers.set(d.name, deviceCount++);
    const numbers = innerTable(portNumbers, d.name);
    for (const p of d.ports || []) if (numbers[p.name] === undefined) numbers[p.name] = portCount++;
  }
  const portNumber = (device: string, port: string) => {
    const numbers = portNumbers.get(device);
    const n = numbers ? numbers[port] : undefined;
    return n === undefined ? -1 : n;
  };
  const at = new NameTable<{ [port: string]: Hop[] }>();
  const add = (from: string, fromPort: string, link: LinkFacts, device: string, port: string) => {
    const hops = innerTable(at, from);
    if (!hops[fromPort]) hops[fromPort] = [];
    hops[fromPort].push({ link, far: { device, port, id: portNumber(device, port) } });
  };
  let cablingUnknown = snapshot.links === null ? "the links could not be read" : null;
  // Wireless associations are links too (wireless.ts): the LAN floods across them as across a cable.
  for (const l of (snapshot.links || []).concat(associations(snapshot.devices, hostPort))) {
    const a = l.a,
      b = l.b;
    if (a.device === null || a.port === null || b.device === null || b.port === null) {
      cablingUnknown = cablingUnknown || "the ends of a link could not be read";
      continue;
    }
    add(a.device, a.port, l, b.device, b.port);
    add(b.device, b.port, l, a.device, a.port);
  }
  // Every port by its address, made on the first ask: a question asked of a failed path (whose is this
  // address?) walked every port of the lab, trimming each address, 115 KB of allocation a call in Qt 6 at
  // 300 devices (issue 23).
  let byAddress: NameTable<Endpoint[]> | null = null;
  const addresses = () => {
    const table = new NameTable<Endpoint[]>();
    const devices = snapshot.devices;
    for (let i = 0; i < devices.length; i++) {
      const ports = devices[i].ports || [];
      for (let j = 0; j < ports.length; j++) {
        const ip = ports[j].ip;
        if (ip === null) continue;
        const key = ip.trim();
        const owners = table.get(key);
        if (owners) owners.push({ device: devices[i], port: ports[j] });
        else table.set(key, [{ device: devices[i], port: ports[j] }]);
      }
    }
    return table;
  };
  const zeros = (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(0);
    return out;
  };
  return {
    snapshot,
    cablingUnknown,
    memo: new Memo(),
    portNumber,
    deviceNumber: (name) => {
      const n = deviceNumbers.get(name);
      return n === undefined ? -1 : n;
    },
    marks: { flood: 0, ports: zeros(portCount), devices: zeros(deviceCount) },
    device: (name) => byName.get(name) || null,
    port: (device, name) => {
      // A loop, not filter(): no closure and no array made per call (a flood asks it per member).
      const ports = device.ports || [];
      for (let i = 0; i < ports.length; i++) if (ports[i].name === name) return ports[i];
      return null;
    },
    linksAt: (device, port) => {
      const ports = at.get(device);
      return (ports && ports[port]) || NO_HOPS;
    },
    owners: (ip) => {
      if (isUnset(ip)) return NO_OWNERS;
      if (!byAddress) byAddress = addresses();
      return byAddress.get(ip.trim()) || NO_OWNERS;
    },
  };
}

/** The table under `key`, without a prototype (any name a lab gives is only a name), made when missing. */
export function innerTable<T>(table: NameTable<{ [key: string]: T }>, key: string): { [key: string]: T } {
  let inner = table.get(key);
  if (!inner) {
    inner = Object.create(null) as { [key: string]: T };
    table.set(key, inner);
  }
  return inner;
}

/** A port's address and mask as text ("" when unset or unread: callers check null first when it matters). */
export const ipOf = (p: PortFacts): string => (p.ip || "").trim();
export const maskOf = (p: PortFacts): string => (p.mask || "").trim();

/** The port a host sends from: its first port with an address, else its first port. */
export function hostPort(device: DeviceFacts): PortFacts | null {
  const ports = device.ports || [];
  return ports.filter((p) => p.ip !== null && !isUnset(p.ip))[0] || ports[0] || null;
}

export type Switchport = NonNullable<PortFacts["switchport"]>;

/** IOS's default for a switch port: `switchport mode dynamic auto`, VLAN 1 [Cisco 2960/3560 configuration guides]. */
export const DEFAULT_SWITCHPORT: Switchport = { mode: "auto", access: 1, native: 1, allowed: null };

/** Devices that route: routers, and multilayer switches with `ip routing`. */
export function routes(d: DeviceFacts): boolean {
  return d.kind === "router" || (d.kind === "switch" && d.layer3 === true);
}

/** Kinds that join their ports into one LAN (layer 2) rather than end or route it. */
export function joinsLan(kind: DeviceFacts["kind"]): boolean {
  return kind === "switch" || kind === "hub";
}

/** "R1 GigabitEthernet0/1", or just "PC-Bob" for a one-port host. */
export function portLabel(device: DeviceFacts, port: PortFacts): string {
  return (device.ports || []).length > 1 || device.kind === "router" || joinsLan(device.kind)
    ? device.name + " " + port.name
    : device.name;
}

export function linkLabel(link: LinkFacts): string {
  return (link.a.device || "?") + " — " + (link.b.device || "?") + (link.ssid ? " (SSID " + link.ssid + ")" : "");
}
