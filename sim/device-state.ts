// A device's settings and state, as the parts of the world that read a device
// see it: its snapshot (snapshot.ts), its IPC ports (ports.ts), its processes
// (processes.ts) and the DHCP leases (dhcp.ts). SimDevice (device.ts) adds what
// a device tells the world (device-host.ts) and the processes it hands out; the
// readers stand below it, so no file imports a file that imports it.

import { networkOf } from "../src/model/addresses";
import type { AclFacts, PortFacts, Wlan } from "../src/model/snapshot";
import { SimObject } from "./events";
import type { SimDnsServer, SimEmailServer, SimPop3Server, SimSmtpServer } from "./services";
import type { DhcpSpec } from "./spec";

export type DeviceKind = "pc" | "laptop" | "server" | "router" | "switch" | "printer" | "power";

/** getType() values and model strings from the IpcAPI reference (pt-api.md §1.3, §2.9). */
const KINDS: { [kind in DeviceKind]: { type: number; model: string; className: string; host: boolean } } = {
  pc: { type: 8, model: "PC-PT", className: "Pc", host: true },
  laptop: { type: 18, model: "Laptop-PT", className: "Pc", host: true }, // laptops report class Pc (PTDoom, 9.0.1)
  server: { type: 9, model: "Server-PT", className: "Server", host: true },
  router: { type: 0, model: "2911", className: "Router", host: false },
  switch: { type: 1, model: "2960-24TT", className: "CiscoDevice", host: false },
  printer: { type: 10, model: "Printer-PT", className: "Printer", host: false },
  power: { type: 45, model: "Power Distribution Device", className: "PowerDistributionDevice", host: false },
};

export interface SimPort {
  ip: string;
  mask: string;
  /** The IOS name on routers (imported labs); hosts have one port. */
  name?: string;
  /** false: administratively down (`shutdown`). */
  up: boolean;
  /** Routers: `ip helper-address`. */
  helpers?: string[];
  /** Routers: `ip access-group` in and out. */
  aclIn?: string;
  aclOut?: string;
  /** Switch ports: `switchport` (src/model/snapshot.ts PortFacts). */
  switchport?: PortFacts["switchport"];
  /** Sub-interfaces and SVIs. */
  vlan?: PortFacts["vlan"];
  /** A multilayer switch's `no switchport` port. */
  routed?: boolean;
}

export class DeviceState extends SimObject {
  power = true;
  ports: SimPort[] = [];
  gateway = "";
  dnsServer = "";
  dhcp = false;
  /** Routers: `ip route` lines, and networks a routing protocol announces (taken as converged). */
  staticRoutes: { network: string; mask: string; nextHop: string }[] = [];
  routedNetworks: string[] = [];
  /** Switches: `ip routing` (a multilayer switch that routes). */
  ipRouting = false;
  /** Switches: the VLAN database (vlan.dat); null: the lab saved none. */
  vlanDatabase: number[] | null = null;
  /** Services > DHCP or `ip dhcp pool` (TopologySpec's `dhcpServer`); null: none. */
  dhcpServer: DhcpSpec | null = null;
  /** Routers' access lists (TopologySpec's `acls`). */
  acls: { [name: string]: AclFacts } = {};
  /** An access point's or home router's networks, a wireless host's (TopologySpec's `wireless`). */
  wlans: Wlan[] | null = null;
  wlan: Wlan | null = null;
  /** A home router (SwitchSpec `home`). */
  home = false;
  /** What the model does not cover on this device (TopologySpec's `unmodeled`). */
  unmodeled: string[] = [];
  /** Set when a link of this device comes up: its next send waits on ARP (rules.ts). */
  arpCold = false;
  /** A server's services (SimDevice makes them: they tell the world when a setting changes). */
  mail: { server: SimEmailServer; smtp: SimSmtpServer; pop3: SimPop3Server } | null = null;
  dns: SimDnsServer | null = null;

  constructor(
    public name: string,
    readonly kind: DeviceKind,
  ) {
    super(KINDS[kind].className);
  }

  get isHost(): boolean {
    return KINDS[this.kind].host;
  }

  /** PCs, laptops, servers and printers have IP Configuration (a printer has no email client: KINDS.host). */
  get hasIpSettings(): boolean {
    return this.isHost || this.kind === "printer";
  }

  get ip(): string {
    return this.ports.length ? this.ports[0].ip : "";
  }

  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    const oldName = this.name;
    this.name = String(name);
    if (oldName !== this.name) this.emit("nameChanged", { newName: this.name, oldName });
  }
  getPower(): boolean {
    return this.power;
  }
  getType(): number {
    // An access point is kept as a switch (its networks modeled or not): PT's eAccessPoint (7); a home router
    // is eWirelessRouterNewGeneration (30) [doc getType()].
    if (this.kind === "switch" && (this.unmodeled.indexOf("wireless clients") >= 0 || this.wlans))
      return this.home ? 30 : 7;
    return KINDS[this.kind].type;
  }
  getModel(): string {
    return KINDS[this.kind].model;
  }
}

/**
 * What a warm device's ARP table holds in the simulator: every address on its own subnets, as ARP
 * resolves no other (a next hop is on the subnet: the server, or the gateway). Every address of the
 * lab made a 300-device class 90,000 entries to read, which Qt timed as the engine's (issue 23).
 * Made once for a lab (addresses by subnet), then asked per device.
 */
export function warmArp(devices: readonly DeviceState[]): (device: DeviceState) => string[] {
  const bySubnet: { [mask: string]: { [network: string]: string[] } } = {};
  const subnetOf = (ip: string, mask: string) => "#" + String(networkOf(ip, mask));
  const subnets = (mask: string) => {
    if (!bySubnet[mask]) {
      const index: { [network: string]: string[] } = {};
      for (const d of devices)
        for (const p of d.ports)
          if (p.ip) {
            const key = subnetOf(p.ip, mask);
            if (!index[key]) index[key] = [];
            index[key].push(p.ip);
          }
      bySubnet[mask] = index;
    }
    return bySubnet[mask];
  };
  return (device) => {
    const out: string[] = [];
    const seen: { [key: string]: boolean } = {};
    for (const o of device.ports) {
      if (!o.ip || !o.mask) continue;
      const key = subnetOf(o.ip, o.mask);
      if (seen[o.mask + key]) continue;
      seen[o.mask + key] = true;
      for (const ip of subnets(o.mask)[key] || [])
        if (!seen["@" + ip]) {
          seen["@" + ip] = true;
          out.push(ip);
        }
    }
    return out;
  };
}

/** warmArp made for a lab, with the ports, addresses and masks it was made from, and each device's table as asked. */
type ArpIndex = {
  ports: SimPort[];
  ips: string[];
  masks: string[];
  of: (device: DeviceState) => readonly string[];
  tables: Map<DeviceState, readonly string[]>;
};

/**
 * warmArp kept across reads of a lab (SimArp, one call per device per read): made again only when a
 * device, a port, an address or a mask changed. Each call compares every port with the one the index
 * was made from (no parsing), so a change is seen however it came: IPC, DHCP, a test setting a port.
 * Made per call, the index cost two thirds of a 300-device read in Qt, timed as the engine's (issue 23).
 */
export class WarmArpTables {
  private made: ArpIndex | null = null;

  of(devices: readonly DeviceState[], device: DeviceState): readonly string[] {
    let made = this.made;
    if (!made || !current(made, devices)) {
      made = { ports: [], ips: [], masks: [], of: warmArp(devices), tables: new Map() };
      for (const d of devices)
        for (const p of d.ports) {
          made.ports.push(p);
          made.ips.push(p.ip);
          made.masks.push(p.mask);
        }
      this.made = made;
    }
    // Each device's table kept with the index: worked out per call, its sets of addresses allocated some
    // 380 KB a device in Qt, 113 MB a read of the soak's class, all of it the simulator's and none PT's.
    let table = made.tables.get(device);
    if (!table) {
      table = made.of(device);
      made.tables.set(device, table);
    }
    return table;
  }
}

/**
 * Whether the index was made from these very ports, addresses and masks. Asked on every ARP answer (300 a
 * read), so by index: a for…of allocates an iterator and a result per step in Qt's engine, 190 KB a call
 * at 300 devices, which the soak then charged to the engine's calls.
 */
function current(made: ArpIndex, devices: readonly DeviceState[]): boolean {
  let i = 0;
  for (let n = 0; n < devices.length; n++) {
    const ports = devices[n].ports;
    for (let k = 0; k < ports.length; k++) {
      const p = ports[k];
      if (made.ports[i] !== p || made.ips[i] !== p.ip || made.masks[i] !== p.mask) return false;
      i++;
    }
  }
  return i === made.ports.length;
}
