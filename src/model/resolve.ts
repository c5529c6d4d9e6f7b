// A name looked up the way PT's DNS client does it: ask the configured DNS
// server, which answers from its A records (following CNAMEs), or answers
// empty. PT has no MX records: mail to a domain goes to the domain's A record
// (pt-email-and-ux.md A3; no other record type in 185 saved labs,
// pt-labs-and-fidelity.md A2).
import { isUnset } from "./addresses";
import { reachAddress } from "./reach";
import type { DeviceFacts } from "./snapshot";
import type { Topology } from "./topology";

export type Lookup =
  | { kind: "ok"; ip: string; dns: DeviceFacts; dnsIp: string; alias: string | null }
  | { kind: "no-server" }
  | { kind: "unreachable"; dnsIp: string; cause: string; fix: string }
  | { kind: "silent"; dns: DeviceFacts; dnsIp: string; why: string; fix: string }
  | { kind: "no-record"; dns: DeviceFacts; dnsIp: string }
  /** `at`: which fact is missing (the setting, the way to the server, its service, its records). */
  | { kind: "unknown"; at: "setting" | "reach" | "service" | "records"; what: string };

export function normalName(name: string): string {
  return String(name).trim().toLowerCase().replace(/\.$/, "");
}

export function lookup(topo: Topology, client: DeviceFacts, name: string): Lookup {
  const key = "lookup\n" + client.name + "\n" + name;
  if (!Object.prototype.hasOwnProperty.call(topo.memo, key)) topo.memo[key] = lookupNow(topo, client, name);
  return topo.memo[key] as Lookup;
}

function lookupNow(topo: Topology, client: DeviceFacts, name: string): Lookup {
  const dnsIp = client.dnsServer;
  if (dnsIp === null)
    return { kind: "unknown", at: "setting", what: client.name + "'s DNS server setting could not be read" };
  if (isUnset(dnsIp)) return { kind: "no-server" };
  const r = reachAddress(topo, client.name, dnsIp.trim());
  if (r.kind === "unknown") return { kind: "unknown", at: "reach", what: r.what };
  if (r.kind === "fail") return { kind: "unreachable", dnsIp, cause: r.cause, fix: r.fix };
  const dns = r.at.device;
  const service = dns.dns;
  if (service === null) return { kind: "unknown", at: "service", what: dns.name + "'s DNS service could not be read" };
  const lead = client.name + "'s DNS server " + dnsIp + " is " + dns.name;
  if (service === "none")
    return {
      kind: "silent",
      dns,
      dnsIp,
      why: lead + ", which is not a DNS server",
      fix: "set " + client.name + "'s DNS server to the DNS server's address",
    };
  if (service.on === null)
    return { kind: "unknown", at: "service", what: "whether " + dns.name + "'s DNS service is on could not be read" };
  if (!service.on)
    return {
      kind: "silent",
      dns,
      dnsIp,
      why: lead + ", whose DNS service is OFF",
      fix: "switch DNS ON on " + dns.name + " (Services > DNS)",
    };
  if (service.aRecords === null)
    return { kind: "unknown", at: "records", what: dns.name + "'s DNS records could not be read" };
  const answer = resolveName(service.aRecords, service.cnames || [], normalName(name));
  if (answer === null) {
    if (service.cnames === null)
      return { kind: "unknown", at: "records", what: dns.name + "'s CNAME records could not be read" };
    return { kind: "no-record", dns, dnsIp };
  }
  return { kind: "ok", ip: answer.ip, dns, dnsIp, alias: answer.alias };
}

function resolveName(
  a: { name: string; address: string }[],
  cnames: { alias: string; host: string }[],
  name: string,
): { ip: string; alias: string | null } | null {
  let current = name;
  let alias: string | null = null;
  for (let depth = 0; depth < 8; depth++) {
    const hit = a.filter((r) => normalName(r.name) === current)[0];
    if (hit) return { ip: hit.address.trim(), alias };
    const c = cnames.filter((r) => normalName(r.alias) === current)[0];
    if (!c) return null;
    alias = current;
    current = normalName(c.host);
  }
  return null;
}
