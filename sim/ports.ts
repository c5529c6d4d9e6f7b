// Ports and cables as PT's IPC objects (src/pt/ports.ts: class_port.html,
// class_host_port.html, class_link.html). A port's status is the IOS status:
// up when its device is on, it is not shut down, its cable is up and the far
// end is on and not shut down [inf from "true if the status is up on the
// port"]. The sim's own data stay where they are (DeviceState.ports, World.links);
// these objects read them live, and are kept per port so handlers stay on them.
import { joins } from "../src/model/wireless";
import type { HostPort, Link, Port } from "../src/pt";
import type { DeviceState } from "./device-state";
import { SimObject } from "./events";
import type { SimLink } from "./links";
import { argumentsExactly } from "./native";
import { switchPortNames } from "./switch-ports";

interface PortWorld {
  devices: DeviceState[];
  links: SimLink[];
  topologyChanged(): void;
}

export class SimPortObject extends SimObject implements Port {
  /** The status last announced by portStatusChanged. */
  announced: boolean;
  constructor(
    readonly table: SimPortTable,
    readonly device: DeviceState,
    /** The index in device.ports (hosts, routers), or the cable's port number (switches). */
    readonly index: number,
    className: string,
  ) {
    super(className);
    this.announced = table.statusOf(device, index);
  }
  getName(): string {
    argumentsExactly(0, arguments.length, "getName");
    return this.table.nameOf(this.device, this.index);
  }
  isPortUp(): boolean {
    argumentsExactly(0, arguments.length, "isPortUp");
    return this.table.statusOf(this.device, this.index);
  }
  /** Ethernet's line protocol follows the status (no keepalive or encapsulation is modeled). */
  isProtocolUp(): boolean {
    argumentsExactly(0, arguments.length, "isProtocolUp");
    return this.table.statusOf(this.device, this.index);
  }
  getLink(): SimLinkObject | null {
    argumentsExactly(0, arguments.length, "getLink");
    const l = this.table.cableAt(this.device, this.index);
    return l ? this.table.cable(l) : null;
  }
  getOwnerDevice(): DeviceState {
    argumentsExactly(0, arguments.length, "getOwnerDevice");
    return this.device;
  }
}

/** Host and router ports (RouterPort is a HostPort: class_router_port.html). "0.0.0.0" when unset [inf]. */
export class SimHostPort extends SimPortObject implements HostPort {
  getIpAddress(): string {
    argumentsExactly(0, arguments.length, "getIpAddress");
    const p = this.device.ports[this.index];
    return p?.ip ? p.ip : "0.0.0.0";
  }
  getSubnetMask(): string {
    argumentsExactly(0, arguments.length, "getSubnetMask");
    const p = this.device.ports[this.index];
    return p?.mask && p.ip ? p.mask : "0.0.0.0";
  }
  isDhcpClientOn(): boolean {
    argumentsExactly(0, arguments.length, "isDhcpClientOn");
    return this.device.kind !== "router" && this.device.dhcp;
  }
  isInboundFirewallOn(): boolean {
    argumentsExactly(0, arguments.length, "isInboundFirewallOn");
    return this.device.unmodeled.indexOf("a host firewall") >= 0;
  }
  /** Config > FastEthernet0: emits ipChanged {newIp, newMask, oldIp, oldMask} (the keys as Hackrrr's analyzer.d.ts has them). */
  setIpSubnetMask(ip: string, mask: string): void {
    argumentsExactly(2, arguments.length, "setIpSubnetMask");
    const p = this.device.ports[this.index];
    if (!p) return;
    const old = { oldIp: p.ip, oldMask: p.mask };
    p.ip = String(ip);
    p.mask = String(mask);
    this.emit("ipChanged", { newIp: p.ip, newMask: p.mask, oldIp: old.oldIp, oldMask: old.oldMask });
    this.table.world.topologyChanged();
  }
}

export class SimLinkObject extends SimObject implements Link {
  constructor(
    readonly table: SimPortTable,
    readonly link: SimLink,
  ) {
    super("Link");
  }
  getPort1(): SimPortObject {
    argumentsExactly(0, arguments.length, "getPort1");
    return this.table.port(this.link.a.device, this.link.a.port);
  }
  getPort2(): SimPortObject {
    argumentsExactly(0, arguments.length, "getPort2");
    return this.table.port(this.link.b.device, this.link.b.port);
  }
  /** CONNECT_TYPES: copper straight-through [inf; the sim does not model cable types]. */
  getConnectionType(): number {
    return 8100;
  }
}

/** The world's port and link objects, made when first asked for and kept while their device or cable lives. */
export class SimPortTable {
  private readonly ports = new Map<string, SimPortObject>();
  private readonly cables = new Map<SimLink, SimLinkObject>();
  /**
   * What the cabling gives, worked out once per link list (the world replaces its list or adds to it,
   * never edits it in place): a read of a 300-device lab asked each port's cable and name of a scan of
   * every link, which Qt's engine timed as the engine's own calls (issue 23's soak).
   */
  private wiring: {
    links: SimLink[];
    length: number;
    cableAt: { [port: string]: SimLink };
    names: { [uuid: string]: { [index: number]: string } };
    indexes: { [uuid: string]: number[] };
  } | null = null;

  constructor(readonly world: PortWorld) {}

  /** Network.getLinkCount() / getLinkAt(i). */
  getLinkCount(): number {
    argumentsExactly(0, arguments.length, "getLinkCount");
    return this.world.links.length;
  }
  getLinkAt(index: number): SimLinkObject | null {
    argumentsExactly(1, arguments.length, "getLinkAt");
    const l = this.world.links[index];
    return l ? this.cable(l) : null;
  }

  /** Device.getPortCount(): a switch has a port per cable (the sim's switches have no others); a power strip none. */
  portCount(d: DeviceState): number {
    return this.indexesOf(d).length;
  }
  portAt(d: DeviceState, i: number): SimPortObject | null {
    const indexes = this.indexesOf(d);
    return i >= 0 && i < indexes.length ? this.port(d, indexes[i]) : null;
  }

  port(d: DeviceState, index: number): SimPortObject {
    const key = d.uuid + "#" + index;
    let p = this.ports.get(key);
    if (!p) {
      p =
        d.kind === "switch"
          ? new SimPortObject(this, d, index, "SwitchPort")
          : new SimHostPort(this, d, index, "HostPort");
      this.ports.set(key, p);
    }
    return p;
  }

  cable(l: SimLink): SimLinkObject {
    let c = this.cables.get(l);
    if (!c) {
      c = new SimLinkObject(this, l);
      this.cables.set(l, c);
    }
    return c;
  }

  /** As sim/snapshot.ts names them: a switch's ports by the order they were cabled, else the IOS name or PT's default. */
  nameOf(d: DeviceState, index: number): string {
    if (d.kind === "switch") {
      const w = this.wired();
      if (!w.names[d.uuid]) w.names[d.uuid] = switchPortNames(d, w.links);
      return w.names[d.uuid][index] || "FastEthernet0/0";
    }
    const p = d.ports[index];
    if (p?.name) return p.name;
    return d.kind === "router" ? "GigabitEthernet0/" + index : "FastEthernet" + index;
  }

  cableAt(d: DeviceState, index: number): SimLink | null {
    const at = this.wired().cableAt;
    const key = d.uuid + "#" + index;
    return Object.prototype.hasOwnProperty.call(at, key) ? at[key] : null;
  }

  private wired() {
    const links = this.world.links;
    const w = this.wiring;
    if (w && w.links === links && w.length === links.length) return w;
    const cableAt: { [port: string]: SimLink } = {};
    const indexes: { [uuid: string]: number[] } = {};
    for (const l of links)
      for (const end of [l.a, l.b]) {
        const key = end.device.uuid + "#" + end.port;
        // The first cable at a port, as a scan of the list in order found it.
        if (!Object.prototype.hasOwnProperty.call(cableAt, key)) cableAt[key] = l;
        if (!indexes[end.device.uuid]) indexes[end.device.uuid] = [];
        indexes[end.device.uuid].push(end.port);
      }
    this.wiring = { links, length: links.length, cableAt, names: {}, indexes };
    return this.wiring;
  }

  statusOf(d: DeviceState, index: number): boolean {
    if (!d.power || !adminUp(d, index)) return false;
    // A wireless port is up while it is associated with a powered access point (src/model/wireless.ts) [inf: PT].
    const air = d.wlan;
    if (air) return this.world.devices.some((x) => x.power && (x.wlans || []).some((n) => joins(air, n)));
    // A sub-interface is up with its cabled port, an SVI with its switch [inf: IOS; PT's own status not seen].
    const vlan = d.ports[index]?.vlan;
    if (vlan)
      return (
        vlan.parent === null ||
        this.statusOf(
          d,
          d.ports.findIndex((p) => p.name === vlan.parent),
        )
      );
    const l = this.cableAt(d, index);
    if (!l?.up) return false;
    const far = l.a.device === d && l.a.port === index ? l.b : l.a;
    return far.device.power && adminUp(far.device, far.port);
  }

  /** After any change: portStatusChanged and lineProtocolChanged where a status turned; objects of gone devices and cables go. */
  refresh(): void {
    const world = this.world;
    const ports = this.ports;
    const cables = this.cables;
    ports.forEach((p, key) => {
      if (world.devices.indexOf(p.device) < 0) {
        p.dispose();
        ports.delete(key);
        return;
      }
      const now = this.statusOf(p.device, p.index);
      if (now === p.announced) return;
      p.announced = now;
      p.emit("portStatusChanged", { up: now });
      p.emit("lineProtocolChanged", { up: now });
    });
    cables.forEach((c, l) => {
      if (world.links.indexOf(l) >= 0) return;
      c.dispose();
      cables.delete(l);
    });
  }

  /** File > Open / New: every object of the old file goes. */
  clear(): void {
    for (const p of Array.from(this.ports.values())) p.dispose();
    for (const c of Array.from(this.cables.values())) c.dispose();
    this.ports.clear();
    this.cables.clear();
  }

  private indexesOf(d: DeviceState): number[] {
    if (d.kind === "power") return [];
    if (d.kind !== "switch") return d.ports.map((_p, i) => i);
    return this.wired().indexes[d.uuid] || [];
  }
}

/** Not shut down: a host's or router's port setting; a switch's ports are as up as their cables (sim/spec.ts). */
function adminUp(d: DeviceState, index: number): boolean {
  const p = d.ports[index];
  return p ? p.up : true;
}
