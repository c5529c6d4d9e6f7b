// The simulated world as the model's snapshot: what a script would read
// through PT's IPC from the same topology (src/model/snapshot.ts). The sim
// knows every fact, so nothing here is null.
import type { DeviceFacts, LinkFacts, PortFacts, Snapshot } from "../src/model";
import { arpText } from "../src/model/addresses";
import { type DeviceState, type SimPort, warmArp } from "./device-state";
import type { SimLink } from "./links";
import { switchPortNames } from "./switch-ports";

interface WorldView {
  devices: DeviceState[];
  links: SimLink[];
}

export function snapshotOf(world: WorldView): Snapshot {
  const switchPorts: { [uuid: string]: { [index: number]: string } } = {};
  for (const d of world.devices) if (d.kind === "switch") switchPorts[d.uuid] = switchPortNames(d, world.links);
  const portName = (device: DeviceState, port: number): string =>
    device.kind === "switch" ? switchPorts[device.uuid][port] : hostOrRouterPort(device, port);
  // The sim's ARP is all or nothing: a warm host has resolved its subnets (sim/rules.ts, coldArpFirstSendTimeout).
  const arpOf = warmArp(world.devices);
  return {
    devices: world.devices.map((d) => deviceFacts(d, arpOf(d), world.links, portName)),
    links: world.links.map(
      (l): LinkFacts => ({
        a: { device: l.a.device.name, port: portName(l.a.device, l.a.port) },
        b: { device: l.b.device.name, port: portName(l.b.device, l.b.port) },
        up: l.up,
      }),
    ),
  };
}

function hostOrRouterPort(device: DeviceState, index: number): string {
  const p = device.ports[index];
  if (p?.name) return p.name;
  return device.kind === "router" ? "GigabitEthernet0/" + index : "FastEthernet" + index;
}

function deviceFacts(
  d: DeviceState,
  warm: string[],
  links: SimLink[],
  portName: (d: DeviceState, p: number) => string,
): DeviceFacts {
  let ports: PortFacts[];
  if (d.kind === "switch") {
    // Its cables' ends, then its SVIs (lab-reader.ts reads them so: cables, then the configuration).
    ports = [];
    for (const l of links)
      for (const end of [l.a, l.b]) {
        if (end.device !== d) continue;
        const p: SimPort | undefined = d.ports[end.port];
        const facts: PortFacts = { name: portName(d, end.port), ip: "", mask: "", up: !p || p.up, dhcp: false };
        if (p?.switchport) facts.switchport = Object.assign({}, p.switchport);
        if (p?.routed) Object.assign(facts, { ip: p.ip, mask: p.mask, routed: true });
        if (p?.routed && d.home && p.name === "Internet") facts.nat = "outside";
        if (p?.routed && p.aclIn) facts.aclIn = p.aclIn;
        if (p?.routed && p.aclOut) facts.aclOut = p.aclOut;
        ports.push(facts);
      }
    // Its radios, where wireless hosts associate (src/model/wireless.ts), as lab-reader.ts adds them.
    if (d.wlans) ports.push({ name: "Wireless", ip: "", mask: "", up: true, dhcp: false });
    for (const p of d.ports) {
      if (!p.vlan) continue;
      const svi: PortFacts = {
        name: p.name || "",
        ip: p.ip,
        mask: p.mask,
        up: p.up,
        dhcp: false,
        vlan: Object.assign({}, p.vlan),
      };
      if (p.helpers?.length) svi.helpers = p.helpers.slice();
      if (p.aclIn) svi.aclIn = p.aclIn;
      if (p.aclOut) svi.aclOut = p.aclOut;
      ports.push(svi);
    }
  } else {
    ports = d.ports.map((p, i) => {
      const facts: PortFacts = {
        name: portName(d, i),
        ip: p.ip,
        mask: p.mask,
        up: p.up,
        dhcp: d.isHost ? d.dhcp : false,
      };
      if (p.helpers?.length) facts.helpers = p.helpers.slice();
      if (p.vlan) facts.vlan = Object.assign({}, p.vlan);
      if (p.aclIn) facts.aclIn = p.aclIn;
      if (p.aclOut) facts.aclOut = p.aclOut;
      return facts;
    });
  }
  const mail = d.mail;
  const dns = d.dns;
  const facts: DeviceFacts = {
    name: d.name,
    kind: d.kind,
    power: d.power,
    ports,
    gateway: d.isHost ? d.gateway : "",
    dnsServer: d.isHost ? d.dnsServer : "",
    arp: d.arpCold ? "" : arpText(warm),
    mail: mail
      ? {
          smtpOn: mail.smtp.enabled,
          pop3On: mail.pop3.enabled,
          domain: mail.smtp.domain,
          accounts: mail.server.getAllEmailAcctAsStrings(),
        }
      : "none",
    dns: dns
      ? {
          on: dns.enabled,
          aRecords: Object.keys(dns.records).map((name) => ({ name, address: dns.records[name] })),
          cnames: Object.keys(dns.cnames).map((alias) => ({ alias, host: dns.cnames[alias] })),
        }
      : "none",
    routing:
      d.kind === "router" || d.ipRouting
        ? { staticRoutes: d.staticRoutes.slice(), routedNetworks: d.routedNetworks.slice() }
        : "none",
    unmodeled: d.unmodeled.slice(),
    dhcpServer: d.dhcpServer
      ? {
          on: d.dhcpServer.on !== false,
          pools: d.dhcpServer.pools.map((p) => Object.assign({}, p)),
          excluded: (d.dhcpServer.excluded || []).map((x) => Object.assign({}, x)),
        }
      : "none",
  };
  if (d.ipRouting) facts.layer3 = true;
  if (d.wlans) facts.wlans = d.wlans.map((w) => Object.assign({}, w));
  if (d.wlan) facts.wlan = Object.assign({}, d.wlan);
  if (d.vlanDatabase) facts.vlans = d.vlanDatabase.slice();
  if (d.kind === "router" || d.kind === "switch")
    facts.acls = JSON.parse(JSON.stringify(d.acls)) as DeviceFacts["acls"];
  return facts;
}
