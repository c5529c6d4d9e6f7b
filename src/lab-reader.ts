// Reading the lab: the Snapshot the mail model decides from (src/model/snapshot.ts),
// read from PT through the IPC calls declared in src/pt/ and nothing else.
// Every read is guarded: a throw, a null answer or a missing method makes that
// one fact null (could not be read), never an exception and never a guess. A
// process a device of its kind cannot have is "none" (or "") without asking.
// Native objects are never enumerated (for…in crashes PT 9.0.1): known getters only.

import { aclsOn, configured, dhcpAt, unmodeledAt } from "./device-config";
import { NameTable } from "./model/name-table";
import { sameFacts } from "./model/same-facts";
import type { DeviceFacts, DeviceKind, LinkEnd, LinkFacts, PortFacts, Snapshot } from "./model/snapshot";
import { expects, readArp, readDnsServer, readMail, readRouting, setting } from "./process-reader";
import type { Device, Host, HostPort, IpcObject, Network, Port } from "./pt";
import { aclOfConfig } from "./pt/acl-config";
import { kindOfClassName, kindOfType } from "./pt/answers";
import { dhcpOfConfig } from "./pt/dhcp-config";
import { address, attempt, countOf, flag, text } from "./pt/guarded";
import { configLinesOf } from "./pt/unmodeled";
import { vlanDatabaseOf, vlansOfConfig } from "./pt/vlan-config";
import { wirelessAt } from "./wireless-facts";

/** Kinds whose ports are read from the cables at them: they have many, and only the cabled ones carry anything. */
const joinsLan = (kind: DeviceKind | null): boolean => kind === "switch" || kind === "hub";

/** What one read keeps besides the facts: each port's status for its links, and what to watch. */
interface ReadState {
  /**
   * Port.isPortUp() by "device#port": a link is up when both ends are (snapshot.ts LinkFacts.up). NameTables:
   * an object's new shape per key set off runs of wasted collections in Qt (model/name-table.ts).
   */
  portUp: NameTable<boolean | null>;
  byName: NameTable<DeviceFacts>;
  /** Hosts with a port whose HostPort.isInboundFirewallOn() answered true. */
  firewall: { [name: string]: boolean };
  watch: ((target: IpcObject, event: string) => void) | null;
  /** Switches' configuration, put on their ports once the cables have named them. */
  configure: (() => void)[];
}

/** The lab as the model reads it. Never throws. */
export function readSnapshot(host: Host): Snapshot {
  return readLab(host, null);
}

/** Reads the lab; `watch` is told of each device and port met, so their events can mark it stale. */
export function readLab(host: Host, watch: ReadState["watch"]): Snapshot {
  const steps = labReading(host, watch, { done: 0, total: 0 }, null);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** How far a read is: devices and cables read, of those the lab had when it began. */
export interface ReadProgress {
  done: number;
  total: number;
}

/**
 * Devices compared with the last read's per step: a device takes Qt's engine about 0.03 ms (a class of 300:
 * 9-10 ms, a whole call's budget), so four make a small step among the read's slices.
 */
const COMPARED_PER_STEP = 4;

/**
 * The same read in steps: it pauses after each device and each cable, so a
 * large lab (300 devices: about 9,000 IPC calls) is read across several calls
 * into the engine, each under PT's patience (issue 23: no call over 50 ms).
 * When it finds what `previous` holds, it answers `previous` itself, so that
 * what was worked out over it stays (model/same-facts.ts).
 */
export function* labReading(
  host: Host,
  watch: ReadState["watch"],
  progress: ReadProgress,
  previous: Snapshot | null,
): Generator<null, Snapshot, unknown> {
  const network = attempt(() => host.ipc.network());
  const count = network ? countOf(() => network.getDeviceCount()) : null;
  // Without the device list there is nothing to place a fact on: every question is then unknown.
  if (!network || count === null) return { devices: [], links: null };
  const linkCount = countOf(() => network.getLinkCount());
  const comparing = previous !== null && previous.devices.length === count;
  progress.total = count + (linkCount || 0) + (comparing ? Math.ceil(count / COMPARED_PER_STEP) : 0);
  const state: ReadState = {
    portUp: new NameTable<boolean | null>(),
    byName: new NameTable<DeviceFacts>(),
    firewall: {},
    watch,
    configure: [],
  };
  const devices: DeviceFacts[] = [];
  for (let i = 0; i < count; i++) {
    const device = attempt(() => network.getDeviceAt(i));
    const facts = device ? readDevice(device, state) : null;
    progress.done++;
    yield null;
    // A device without a readable name cannot be keyed; the model calls it "not in the snapshot".
    if (!facts || state.byName.has(facts.name)) continue;
    state.byName.set(facts.name, facts);
    devices.push(facts);
  }
  const links: LinkFacts[] | null = linkCount === null ? null : [];
  for (let i = 0; links && i < (linkCount as number); i++) {
    links.push(readLink(network, i, state));
    progress.done++;
    yield null;
  }
  for (const configure of state.configure) configure();
  // A cable whose end is unknown may end at any switch: their port lists are then unknown too.
  const placed =
    links !== null &&
    links.every((l) => l.a.device !== null && l.a.port !== null && l.b.device !== null && l.b.port !== null);
  if (!placed) for (const d of devices) if (joinsLan(d.kind)) d.ports = null;
  const read: Snapshot = { devices, links };
  // Compared here, not in a generator of its own: esbuild lowers yield* at ES2016 with an async helper.
  if (!previous || !comparing || devices.length !== count || !sameFacts(links, previous.links)) return read;
  for (let i = 0; i < count; i += COMPARED_PER_STEP) {
    for (let j = i; j < count && j < i + COMPARED_PER_STEP; j++)
      if (!sameFacts(devices[j], previous.devices[j])) return read;
    progress.done++;
    yield null;
  }
  return previous;
}

function readDevice(device: Device, state: ReadState): DeviceFacts | null {
  const name = text(() => device.getName());
  if (name === null) return null;
  const type = attempt(() => device.getType());
  const kind = kindOf(device, type);
  if (state.watch) {
    state.watch(device, "powerChanged");
    state.watch(device, "nameChanged");
  }
  const hostIp = expects(kind, "HostIp");
  // Switches and hubs: filled from the cables at them (readLinks); a power strip has no network port.
  const ports = joinsLan(kind) || kind === "power" ? [] : readPorts(device, name, kind, state);
  // The running configuration, read once for routes, DHCP and what the model does not cover.
  // A Server-PT's DHCP pools are only in its XML (30–60 KB: pt-labs-and-fidelity.md B1).
  // A wireless host's network is only in its XML too (src/pt/wireless-config.ts): one more call per such host.
  const wifi = ports !== null && ports.some((p) => /^Wireless/i.test(p.name));
  const xml =
    kind === "router" || kind === "switch" || kind === "server" || wifi ? text(() => device.serializeToXml()) : null;
  const lines = xml !== null && (kind === "router" || kind === "switch") ? configLinesOf(xml) || [] : null;
  const dhcp = lines ? dhcpOfConfig(lines) : null;
  const vlans = lines ? vlansOfConfig(lines) : null;
  const acl = lines ? aclOfConfig(lines) : null;
  const facts: DeviceFacts = {
    name,
    kind,
    power: flag(() => device.getPower()),
    ports,
    gateway:
      hostIp === "cannot"
        ? ""
        : setting(
            hostIp,
            () => device.getProcess("HostIp"),
            (p) => p.getDefaultGateway(),
          ),
    dnsServer:
      hostIp === "cannot"
        ? ""
        : setting(
            hostIp,
            () => device.getProcess("DnsClient"),
            (p) => p.getServerIp(),
          ),
    arp: readArp(device, kind),
    mail: readMail(device, kind),
    dns: readDnsServer(device, kind),
    routing: readRouting(device, vlans && vlans.ipRouting ? null : kind, xml),
    unmodeled: unmodeledAt(
      kind,
      type,
      expects(kind, "HostIp") === "must" ? ports : null,
      lines && acl && vlans ? { lines, acl, vlans } : null,
      state.firewall[name] === true,
    ),
    dhcpServer: dhcpAt(kind, xml, dhcp),
  };
  const vlanDat = kind === "switch" && xml !== null ? vlanDatabaseOf(xml) : null;
  if (vlanDat) facts.vlans = vlanDat;
  // A switch's ports are its cables' (readLinks): its configuration goes on them once they are read.
  const configure = () => configured(facts, vlans, dhcp);
  if (kind === "switch") state.configure.push(configure);
  else configure();
  const air = () => wirelessAt(facts, type, xml);
  if (kind === "switch") state.configure.push(air);
  else air();
  // Access lists after the configuration above: the sub-interfaces they may name are ports by then.
  if (kind === "router" || kind === "switch") state.configure.push(() => aclsOn(facts, acl));
  return facts;
}

/** getType() first; getClassName() only when the type cannot be read. */
function kindOf(device: Device, type: unknown): DeviceKind | null {
  if (typeof type === "number") return kindOfType(type);
  const className = text(() => device.getClassName());
  return className === null ? null : kindOfClassName(className);
}

function readPorts(device: Device, owner: string, kind: DeviceKind | null, state: ReadState): PortFacts[] | null {
  const count = countOf(() => device.getPortCount());
  if (count === null) return null;
  const ports: PortFacts[] = [];
  for (let i = 0; i < count; i++) {
    const port = attempt(() => device.getPortAt(i)) as HostPort | null;
    // A port missing from the list could be the one that matters: the list is then unknown.
    const name = port ? text(() => port.getName()) : null;
    const facts = port && name !== null ? readPort(port, name, owner, kind, state) : null;
    if (!facts) return null;
    ports.push(facts);
  }
  return ports;
}

/** One port, named by its getName(); switch ports have no address, router ports no DHCP client (snapshot.ts PortFacts). */
function readPort(port: Port, name: string, owner: string, kind: DeviceKind | null, state: ReadState): PortFacts {
  const hostPort = port as HostPort;
  const portUp = flag(() => port.isPortUp());
  state.portUp.set(owner + "#" + name, portUp);
  // An older PT without the call is taken as having the firewall off [inf].
  if (expects(kind, "HostIp") === "must" && flag(() => hostPort.isInboundFirewallOn()) === true)
    state.firewall[owner] = true;
  if (state.watch) {
    state.watch(port, "portStatusChanged");
    if (!joinsLan(kind)) state.watch(port, "ipChanged");
  }
  return {
    name,
    ip: joinsLan(kind) ? "" : address(() => hostPort.getIpAddress()),
    mask: joinsLan(kind) ? "" : address(() => hostPort.getSubnetMask()),
    up: portUp === true ? flag(() => port.isProtocolUp()) : portUp,
    dhcp: joinsLan(kind) || kind === "router" ? false : flag(() => hostPort.isDhcpClientOn()),
  };
}

/** Network.getLinkAt(i); each end by Port.getOwnerDevice().getName() and Port.getName(). */
function readLink(network: Network, i: number, state: ReadState): LinkFacts {
  const link = attempt(() => network.getLinkAt(i));
  const a = readEnd(link ? attempt(() => link.getPort1()) : null, state);
  const b = readEnd(link ? attempt(() => link.getPort2()) : null, state);
  const up = a.up === false || b.up === false ? false : a.up === null || b.up === null ? null : true;
  return { a: a.end, b: b.end, up };
}

/** One end of a cable, and its Port.isPortUp(); a switch's port is read here, once, into the switch's facts. */
function readEnd(port: Port | null, state: ReadState): { end: LinkEnd; up: boolean | null } {
  if (!port) return { end: { device: null, port: null }, up: null };
  const owner = attempt(() => port.getOwnerDevice());
  const device = owner ? text(() => owner.getName()) : null;
  const name = text(() => port.getName());
  const end = { device, port: name };
  if (device === null || name === null) return { end, up: flag(() => port.isPortUp()) };
  const key = device + "#" + name;
  // A port's status is never undefined (flag() answers true, false or null): undefined is "not read yet".
  let known = state.portUp.get(key);
  const facts = known === undefined ? state.byName.get(device) : undefined;
  if (facts && joinsLan(facts.kind) && facts.ports) {
    facts.ports.push(readPort(port, name, device, facts.kind, state));
    known = state.portUp.get(key);
  }
  const up = known !== undefined ? known : flag(() => port.isPortUp());
  return { end, up };
}
