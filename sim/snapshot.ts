// The simulated world as the model's snapshot: what a script would read
// through PT's IPC from the same topology (src/model/snapshot.ts). The sim
// knows every fact, so nothing here is null.
import type { DeviceFacts, LinkFacts, PortFacts, Snapshot } from "../src/model";
import type { SimDevice } from "./device";
import type { SimLink } from "./reach";

interface WorldView {
  devices: SimDevice[];
  links: SimLink[];
}

export function snapshotOf(world: WorldView): Snapshot {
  const switchPorts = switchPortNames(world.links);
  const portName = (device: SimDevice, port: number): string =>
    device.kind === "switch" ? switchPorts[device.uuid + "#" + port] : hostOrRouterPort(device, port);
  // The sim's ARP is all or nothing: a warm host has resolved every address (sim/rules.ts, coldArpFirstSendTimeout).
  const everyAddress: string[] = [];
  for (const d of world.devices) for (const p of d.ports) if (p.ip) everyAddress.push(p.ip);
  return {
    devices: world.devices.map((d) => deviceFacts(d, everyAddress, world.links, portName)),
    links: world.links.map(
      (l): LinkFacts => ({
        a: { device: l.a.device.name, port: portName(l.a.device, l.a.port) },
        b: { device: l.b.device.name, port: portName(l.b.device, l.b.port) },
        up: l.up,
      }),
    ),
  };
}

function hostOrRouterPort(device: SimDevice, index: number): string {
  const p = device.ports[index];
  if (p?.name) return p.name;
  return device.kind === "router" ? "GigabitEthernet0/" + index : "FastEthernet" + index;
}

/** A switch's ports are its cables, numbered in the order they were plugged. */
function switchPortNames(links: SimLink[]): { [key: string]: string } {
  const names: { [key: string]: string } = {};
  const count: { [uuid: string]: number } = {};
  for (const l of links) {
    for (const end of [l.a, l.b]) {
      if (end.device.kind !== "switch") continue;
      count[end.device.uuid] = (count[end.device.uuid] || 0) + 1;
      names[end.device.uuid + "#" + end.port] = "FastEthernet0/" + count[end.device.uuid];
    }
  }
  return names;
}

function deviceFacts(
  d: SimDevice,
  everyAddress: string[],
  links: SimLink[],
  portName: (d: SimDevice, p: number) => string,
): DeviceFacts {
  let ports: PortFacts[];
  if (d.kind === "switch") {
    ports = [];
    for (const l of links)
      for (const end of [l.a, l.b]) {
        if (end.device === d) ports.push({ name: portName(d, end.port), ip: "", mask: "", up: true, dhcp: false });
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
      return facts;
    });
  }
  const mail = d.mail;
  const dns = d.dns;
  return {
    name: d.name,
    kind: d.kind,
    power: d.power,
    ports,
    gateway: d.isHost ? d.gateway : "",
    dnsServer: d.isHost ? d.dnsServer : "",
    arp: d.arpCold ? [] : everyAddress,
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
      d.kind === "router" ? { staticRoutes: d.staticRoutes.slice(), routedNetworks: d.routedNetworks.slice() } : "none",
    unmodeled: d.unmodeled.slice(),
    dhcpServer: d.dhcpServer
      ? {
          on: d.dhcpServer.on !== false,
          pools: d.dhcpServer.pools.map((p) => Object.assign({}, p)),
          excluded: (d.dhcpServer.excluded || []).map((x) => Object.assign({}, x)),
        }
      : "none",
  };
}
