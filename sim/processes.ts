// The host-side processes a lab read asks for (src/pt/processes.ts): HostIp,
// DnsClient, Arp and Routing, each a live view of its device's settings, and
// the device's XML with the router's running configuration.
import type { ArpProcess, ArpTable, DnsClient, HostIp, RoutingProcess, StaticRoute } from "../src/pt";
import { accessGroupLines, aclLines } from "./acl-lines";
import type { DeviceHost } from "./device-host";
import type { DeviceState, SimPort } from "./device-state";
import { argumentsExactly } from "./native";
import type { DhcpSpec } from "./spec";
import { switchportLines } from "./switchport-lines";
import { unmodeledConfig } from "./unmodeled-config";
import { clientXml, homeOf, homeXml, serversXml, xmlText } from "./wireless-xml";

/** The device a process belongs to, and the world it tells when a setting changes. */
type Owner = DeviceState & { readonly world: DeviceHost };

/** An unset address reads "0.0.0.0" (DnsClient: live 9.0.1.0858; the gateway likewise [inf]). */
const orUnset = (ip: string): string => (ip?.trim() ? ip : "0.0.0.0");

export class SimHostIp implements HostIp {
  constructor(private device: Owner) {}
  getDefaultGateway(): string {
    argumentsExactly(0, arguments.length, "getDefaultGateway");
    return orUnset(this.device.gateway);
  }
  setDefaultGateway(ip: string): void {
    argumentsExactly(1, arguments.length, "setDefaultGateway");
    this.device.gateway = String(ip);
    this.device.world.topologyChanged();
  }
}

export class SimDnsClient implements DnsClient {
  constructor(private device: Owner) {}
  getServerIp(): string {
    argumentsExactly(0, arguments.length, "getServerIp");
    return orUnset(this.device.dnsServer);
  }
  setServerIp(ip: string): void {
    argumentsExactly(1, arguments.length, "setServerIp");
    this.device.dnsServer = String(ip);
    this.device.world.topologyChanged();
  }
}

/** Made-up MACs by entry (macOf), and the port every ARP entry names. */
const MACS: string[] = [];
const PORT_NAME = "FastEthernet0";

/** The sim's ARP is all or nothing: a warm device has resolved its subnets (sim/rules.ts, coldArpFirstSendTimeout). */
export class SimArp implements ArpProcess {
  constructor(private device: Owner) {}
  getArpTable(): ArpTable {
    argumentsExactly(0, arguments.length, "getArpTable");
    if (this.device.arpCold) return { entries: [] };
    const warm = this.device.world.warmArp(this.device);
    return {
      entries: warm.map((ip, i) => ({ ipAddress: ownCopy(ip), macAddress: macOf(i), portName: PORT_NAME })),
    };
  }
}

/**
 * A string of its own with the same text. PT's IPC makes a new string for each answer; handing out the
 * world's own strings would hide from the Qt soak what an engine that keeps answers keeps (issue 23: a
 * class's ARP tables are 44,000 addresses a read).
 */
function ownCopy(text: string): string {
  return (" " + text).slice(1);
}

/**
 * A made-up MAC per entry, in PT's dotted form. Nothing reads it, so each is made once and shared: made per
 * entry it was five strings, 45,000 entries a read of the soak's class, none of which PT's native side
 * would make in the script's heap.
 */
function macOf(index: number): string {
  let mac = MACS[index];
  if (mac === undefined) {
    mac = "0001.4200." + ("0000" + index.toString(16)).slice(-4);
    MACS[index] = mac;
  }
  return mac;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export class SimRouting implements RoutingProcess {
  constructor(private device: DeviceState) {}
  getStaticRouteCount(): number {
    argumentsExactly(0, arguments.length, "getStaticRouteCount");
    return this.device.staticRoutes.length;
  }
  /** struct_static_route.html: an exit port goes in portName, with nextHop 0.0.0.0. */
  getStaticRouteAt(index: number): StaticRoute | null {
    argumentsExactly(1, arguments.length, "getStaticRouteAt");
    const r = this.device.staticRoutes[index];
    if (!r) return null;
    const byAddress = IPV4.test(r.nextHop.trim());
    return {
      networkId: r.network,
      subnetMask: r.mask,
      portName: byAddress ? "" : r.nextHop,
      nextHop: byAddress ? r.nextHop : "0.0.0.0",
      adminDistance: 1,
      metric: 0,
    };
  }
}

/**
 * Device.serializeToXml(): the .pkt's DEVICE element, cut to what the sim knows. A
 * router's RUNNINGCONFIG has its `ip route` lines and its routed networks: "a/len"
 * (the importer's form) and "a wildcard" as OSPF, a bare "a" as RIP, as
 * lab/export/export-lab.ts writes them.
 */
export function deviceXml(d: DeviceState): string {
  const lines: string[] = [];
  const odd = unmodeledConfig(d.unmodeled);
  if (d.kind === "router") {
    lines.push("!", "hostname " + d.name, "!");
    d.ports.forEach((p, i) => {
      lines.push("interface " + (p.name || "GigabitEthernet0/" + i));
      if (p.vlan) lines.push(" encapsulation dot1Q " + p.vlan.id + (p.vlan.native ? " native" : ""));
      lines.push(p.ip ? " ip address " + p.ip + " " + p.mask : " no ip address");
      if (i === 0) lines.push(...odd.inInterface);
      for (const h of p.helpers || []) lines.push(" ip helper-address " + h);
      lines.push(...accessGroupLines(p));
      if (!p.up) lines.push(" shutdown");
      lines.push("!");
    });
    lines.push(...odd.global, ...aclLines(d.acls), ...dhcpLines(d), ...routeLines(d), "!", "end");
  } else if (
    d.kind === "switch" &&
    !d.home && // a home router has no IOS: its settings are wireless-xml.ts's
    (d.ports.length ||
      d.ipRouting ||
      d.dhcpServer ||
      Object.keys(d.acls).length ||
      odd.inInterface.length + odd.global.length)
  ) {
    lines.push("!", "hostname " + d.name, "!");
    if (d.ipRouting) lines.push("ip routing", "!");
    if (odd.inInterface.length) lines.push("interface FastEthernet0/1", ...odd.inInterface, "!");
    for (const p of d.ports) lines.push(...switchInterface(p), "!");
    lines.push(...odd.global, ...aclLines(d.acls), ...dhcpLines(d), ...routeLines(d), "end");
  }
  const config = lines.length
    ? "<RUNNINGCONFIG>" + lines.map((l) => "<LINE>" + escapeXml(l) + "</LINE>").join("") + "</RUNNINGCONFIG>"
    : "";
  const dhcp = d.kind === "server" && d.dhcpServer ? serverDhcpXml(d.dhcpServer) : "";
  const files = d.vlanDatabase ? vlanDatXml(d.vlanDatabase) : "";
  const air = wirelessXml(d);
  return "<DEVICE><ENGINE><NAME>" + escapeXml(d.name) + "</NAME>" + config + dhcp + files + air + "</ENGINE></DEVICE>";
}

/** An access point's or home router's networks and settings, a wireless host's client (sim/wireless-xml.ts). */
function wirelessXml(d: DeviceState): string {
  if (d.wlan) return xmlText(clientXml(d.wlan));
  if (!d.wlans) return "";
  const internet = d.ports.filter((p) => p.routed && p.name === "Internet")[0];
  const svis = d.ports.filter((p) => p.vlan && p.vlan.parent === null);
  const home = homeOf({
    svis: svis.map((p) => ({ vlan: p.vlan ? p.vlan.id : 0, ip: p.ip, mask: p.mask })),
    internet: internet || null,
    staticRoutes: d.staticRoutes,
    dhcp: d.dhcpServer,
    unmodeled: d.unmodeled,
  });
  return xmlText(serversXml(d.wlans).concat(d.home ? homeXml(home) : []));
}

/** A switch's flash with its vlan.dat, as PT saves it (src/pt/vlan-config.ts vlanDatabaseOf). */
export function vlanDatXml(vlans: number[]): string {
  const list = vlans.map((n) => '<VLAN name="VLAN' + n + '" number="' + n + '" rspan="0"/>').join("");
  return (
    '<FILE_MANAGER><FILE class="CDirectory"><NAME>flash:</NAME><FILES><FILE class="CFile"><NAME>vlan.dat</NAME>' +
    '<FILE_CONTENT class="CVlanDatFileContent"><VLAN_COUNT>' +
    vlans.length +
    "</VLAN_COUNT><VLANS>" +
    list +
    "</VLANS></FILE_CONTENT></FILE></FILES></FILE></FILE_MANAGER>"
  );
}

/** A switch's interface as IOS writes it: its switchport lines, or an SVI's or routed port's address. */
function switchInterface(p: SimPort): string[] {
  const lines = ["interface " + (p.name || "")];
  const sp = p.switchport;
  if (p.routed) lines.push(" no switchport");
  if (p.vlan || p.routed) {
    lines.push(p.ip ? " ip address " + p.ip + " " + p.mask : " no ip address");
    for (const h of p.helpers || []) lines.push(" ip helper-address " + h);
    lines.push(...accessGroupLines(p));
  } else if (sp) lines.push(...switchportLines(sp));
  if (!p.up) lines.push(" shutdown");
  return lines;
}

/** `ip route` lines and the routing protocols' `network` statements. */
function routeLines(d: DeviceState): string[] {
  const lines = d.staticRoutes.map((r) => "ip route " + r.network + " " + r.mask + " " + r.nextHop);
  const rip = d.routedNetworks.filter((n) => n.indexOf("/") < 0 && n.trim().split(/\s+/).length === 1);
  const ospf = d.routedNetworks.filter((n) => rip.indexOf(n) < 0).map(withWildcard);
  if (rip.length) lines.push("!", "router rip", ...rip.map((n) => " network " + n.trim()));
  if (ospf.length) lines.push("!", "router ospf 1", ...ospf.map((n) => " network " + n + " area 0"));
  return lines;
}

/** A router's `ip dhcp` lines, as IOS writes them. */
function dhcpLines(d: DeviceState): string[] {
  const s = d.dhcpServer;
  if (!s) return [];
  const lines = (s.excluded || []).map(
    (x) => "ip dhcp excluded-address " + x.low + (x.high !== x.low ? " " + x.high : ""),
  );
  for (const p of s.pools) {
    lines.push("ip dhcp pool " + p.name, " network " + p.network + " " + p.mask);
    if (p.gateway) lines.push(" default-router " + p.gateway);
    if (p.dns) lines.push(" dns-server " + p.dns);
  }
  return lines;
}

/** A Server-PT's Services > DHCP, as PT 8.x/9.x saves it (one port, FastEthernet0). */
export function serverDhcpXml(s: DhcpSpec): string {
  const pools = s.pools
    .map(
      (p) =>
        "<POOL><NAME>" +
        escapeXml(p.name) +
        "</NAME><NETWORK>" +
        p.network +
        "</NETWORK><MASK>" +
        p.mask +
        "</MASK><DEFAULT_ROUTER>" +
        (p.gateway || "0.0.0.0") +
        "</DEFAULT_ROUTER><START_IP>" +
        p.start +
        "</START_IP><DNS_SERVER>" +
        (p.dns || "0.0.0.0") +
        "</DNS_SERVER><MAX_USERS>" +
        p.max +
        "</MAX_USERS></POOL>",
    )
    .join("");
  return (
    "<DHCP_SERVERS><ASSOCIATED_PORTS><ASSOCIATED_PORT><NAME>FastEthernet0</NAME><DHCP_SERVER><ENABLED>" +
    (s.on === false ? "0" : "1") +
    "</ENABLED><POOLS>" +
    pools +
    "</POOLS></DHCP_SERVER></ASSOCIATED_PORT></ASSOCIATED_PORTS></DHCP_SERVERS>"
  );
}

/** "10.1.0.0/16" → "10.1.0.0 0.0.255.255"; "10.1.0.0 0.0.255.255" as it is. */
function withWildcard(network: string): string {
  const cidr = /^(\S+)\/(\d+)$/.exec(network.trim());
  if (!cidr) return network.trim();
  const hostBits = 32 - Number(cidr[2]);
  const w = Math.pow(2, hostBits) - 1;
  return (
    cidr[1] +
    " " +
    [Math.floor(w / 16777216) % 256, Math.floor(w / 65536) % 256, Math.floor(w / 256) % 256, w % 256].join(".")
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
