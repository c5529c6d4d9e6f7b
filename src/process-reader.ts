// Reading a device's processes for the lab reader (lab-reader.ts): its IP
// settings, ARP table, mail and DNS services and routes, each through known
// getters only and each guarded, so a throw or a null answer makes that one
// fact null. A process a device of its kind cannot have is "none" (or "")
// without asking; a kind the model does not know is asked.
import { arpText } from "./model/addresses";
import type { DeviceKind, DnsServerFacts, MailServerFacts, RoutingFacts } from "./model/snapshot";
import type { Device, RoutingProcess } from "./pt";
import { arpAddressesOf, dnsRecordOf, listOf, networkStatementsOf, staticRouteOf } from "./pt/answers";
import { address, attempt, countOf, flag, processOf, text } from "./pt/guarded";

/** Which kinds must have a process, and which cannot; an unknown kind (null) is asked, and "missing" means none. */
const HAS: { [process: string]: DeviceKind[] } = {
  HostIp: ["pc", "laptop", "server", "printer"],
  Arp: ["pc", "laptop", "server", "printer", "router", "switch"],
  Server: ["server"],
  Routing: ["router"],
};

/** "must", "cannot", or "ask" (a kind the model does not know). */
export function expects(kind: DeviceKind | null, process: string): "must" | "cannot" | "ask" {
  if (kind === null) return "ask";
  return HAS[process].indexOf(kind) >= 0 ? "must" : "cannot";
}

/** The gateway (HostIp) or the DNS server (DnsClient): null where the device should have it and it cannot be read. */
export function setting<T>(
  expected: "must" | "ask",
  get: () => T | null,
  read: (process: T) => unknown,
): string | null {
  const found = processOf(get);
  if (found.kind !== "found") return found.kind === "missing" && expected === "ask" ? "" : null;
  const process = found.process;
  return address(() => read(process));
}

export function readArp(device: Device, kind: DeviceKind | null): string | null {
  const expected = expects(kind, "Arp");
  if (expected === "cannot") return ""; // a hub or a power strip resolves nothing
  const found = processOf(() => device.getProcess("Arp"));
  if (found.kind !== "found") return found.kind === "missing" && expected === "ask" ? "" : null;
  const addresses = arpAddressesOf(attempt(() => found.process.getArpTable()));
  return addresses ? arpText(addresses) : null;
}

export function readMail(device: Device, kind: DeviceKind | null): MailServerFacts | "none" | null {
  const expected = expects(kind, "Server");
  if (expected === "cannot") return "none";
  const smtp = processOf(() => device.getProcess("SmtpServer"));
  const pop3 = processOf(() => device.getProcess("Pop3Server"));
  const email = processOf(() => device.getProcess("EmailServer"));
  if (smtp.kind !== "found" && pop3.kind !== "found" && email.kind !== "found")
    return expected === "ask" && smtp.kind === "missing" && pop3.kind === "missing" && email.kind === "missing"
      ? "none"
      : null;
  const accounts = email.kind === "found" ? listOf(attempt(() => email.process.getAllEmailAcctAsStrings())) : null;
  return {
    smtpOn: smtp.kind === "found" ? flag(() => smtp.process.isEnabled()) : null,
    pop3On: pop3.kind === "found" ? flag(() => pop3.process.isEnabled()) : null,
    domain: smtp.kind === "found" ? text(() => smtp.process.getServerDomainName()) : null,
    accounts: accounts ? accounts.map(String) : null,
  };
}

export function readDnsServer(device: Device, kind: DeviceKind | null): DnsServerFacts | "none" | null {
  const expected = expects(kind, "Server");
  if (expected === "cannot") return "none";
  const found = processOf(() => device.getProcess("DnsServer"));
  if (found.kind !== "found") return found.kind === "missing" && expected === "ask" ? "none" : null;
  const dns = found.process;
  const facts: DnsServerFacts = { on: flag(() => dns.isEnabled()), aRecords: null, cnames: null };
  const size = countOf(() => dns.getSizeOfNameServerDb());
  if (size === null) return facts;
  const aRecords: DnsServerFacts["aRecords"] = [];
  const cnames: DnsServerFacts["cnames"] = [];
  for (let i = 0; i < size; i++) {
    const record = dnsRecordOf(attempt(() => dns.getRrFromNameServerDbAt(i)));
    // One record unread could be the one asked for: then no record list is known.
    if (record === null) return facts;
    if (record.kind === "a") aRecords.push({ name: record.name, address: record.address });
    else if (record.kind === "cname") cnames.push({ alias: record.alias, host: record.host });
  }
  facts.aRecords = aRecords;
  facts.cnames = cnames;
  return facts;
}

export function readRouting(
  device: Device,
  kind: DeviceKind | null,
  config: string | null,
): RoutingFacts | "none" | null {
  const expected = expects(kind, "Routing");
  if (expected === "cannot") return "none";
  const found = processOf(() => device.getProcess("Routing"));
  if (found.kind === "missing" && expected === "ask") return "none";
  const xml = kind === "router" || config !== null ? config : text(() => device.serializeToXml());
  return {
    staticRoutes: found.kind === "found" ? readStaticRoutes(found.process) : null,
    routedNetworks: xml === null ? null : networkStatementsOf(xml),
  };
}

function readStaticRoutes(routing: RoutingProcess): RoutingFacts["staticRoutes"] {
  const count = countOf(() => routing.getStaticRouteCount());
  if (count === null) return null;
  const routes: { network: string; mask: string; nextHop: string }[] = [];
  for (let i = 0; i < count; i++) {
    const route = staticRouteOf(attempt(() => routing.getStaticRouteAt(i)));
    if (!route) return null;
    routes.push(route);
  }
  return routes;
}
