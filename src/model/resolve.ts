// A name looked up the way PT's DNS client does it: ask the configured DNS
// server, which answers from its A records (following CNAMEs), or answers
// empty. PT has no MX records: mail to a domain goes to the domain's A record
// (pt-email-and-ux.md A3; no other record type in 185 saved labs,
// pt-labs-and-fidelity.md A2).
// A device with no DNS server set asks the DNS servers on its own subnet
// (PT_BEHAVIOUR.unsetDnsServer; pkt, docs/evidence/unset-dns.md): mail servers and clients with the
// field empty resolved through the subnet's DNS server, and bounced with
// "Domain name not found" when that server lacked the record while another
// subnet's had it. Whether an unset field read as 0.0.0.0 (IPC) is the same
// is inferred: the saved field was empty in every lab.

import { DNS } from "./acl";
import { isUnset, sameSubnet } from "./addresses";
import { reachAddress } from "./reach";
import type { DeviceFacts } from "./snapshot";
import { ipOf, maskOf, type Topology } from "./topology";

export type Lookup =
  /** `lan`: the device has no DNS server set and `dns` answered on its subnet. */
  | { kind: "ok"; ip: string; dns: DeviceFacts; dnsIp: string; alias: string | null; lan?: boolean }
  | { kind: "no-server"; lan?: boolean }
  | { kind: "unreachable"; dnsIp: string; cause: string; fix: string }
  | { kind: "silent"; dns: DeviceFacts; dnsIp: string; why: string; fix: string }
  | { kind: "no-record"; dns: DeviceFacts; dnsIp: string; lan?: boolean }
  /** `at`: which fact is missing (the setting, the way to the server, its service, its records). */
  | { kind: "unknown"; at: "setting" | "reach" | "service" | "records"; what: string };

export function normalName(name: string): string {
  return String(name).trim().toLowerCase().replace(/\.$/, "");
}

export function lookup(topo: Topology, client: DeviceFacts, name: string, askLan: boolean): Lookup {
  const key = "lookup\n" + client.name + "\n" + name + "\n" + askLan;
  return topo.memo.get(key, () => lookupNow(topo, client, name, askLan));
}

function lookupNow(topo: Topology, client: DeviceFacts, name: string, askLan: boolean): Lookup {
  const dnsIp = client.dnsServer;
  if (dnsIp === null)
    return { kind: "unknown", at: "setting", what: client.name + "'s DNS server setting could not be read" };
  if (isUnset(dnsIp)) return askLan ? lanLookup(topo, client, name) : { kind: "no-server" };
  const r = reachAddress(topo, client.name, dnsIp.trim(), DNS);
  if (r.kind === "unknown") return { kind: "unknown", at: "reach", what: r.what };
  if (r.kind === "fail") return { kind: "unreachable", dnsIp, cause: r.cause, fix: r.fix };
  return answer(client, r.at.device, dnsIp, name);
}

/** What the DNS server `dns`, reached at dnsIp, answers `client` for `name`. */
function answer(client: DeviceFacts, dns: DeviceFacts, dnsIp: string, name: string): Lookup {
  const service = dns.dns;
  const unknown = (at: "service" | "records", what: string): Lookup => ({ kind: "unknown", at, what });
  if (service === null) return unknown("service", dns.name + "'s DNS service could not be read");
  const lead = client.name + "'s DNS server " + dnsIp + " is " + dns.name;
  if (service === "none")
    return {
      kind: "silent",
      dns,
      dnsIp,
      why: lead + ", which is not a DNS server",
      fix: "set " + client.name + "'s DNS server to the DNS server's address",
    };
  if (service.on === null) return unknown("service", "whether " + dns.name + "'s DNS service is on could not be read");
  if (!service.on)
    return {
      kind: "silent",
      dns,
      dnsIp,
      why: lead + ", whose DNS service is OFF",
      fix: "switch DNS ON on " + dns.name + " (Services > DNS)",
    };
  if (service.aRecords === null) return unknown("records", dns.name + "'s DNS records could not be read");
  const hit = resolveName(service.aRecords, service.cnames || [], normalName(name));
  if (hit) return { kind: "ok", ip: hit.ip, dns, dnsIp, alias: hit.alias };
  return service.cnames === null
    ? unknown("records", dns.name + "'s CNAME records could not be read")
    : { kind: "no-record", dns, dnsIp };
}

/** Every DNS server (service ON, reachable) with an address on the device's subnet, itself included, is asked. */
function lanLookup(topo: Topology, client: DeviceFacts, name: string): Lookup {
  if (client.ports === null)
    return { kind: "unknown", at: "setting", what: client.name + "'s ports could not be read" };
  const own = client.ports.filter((p) => !isUnset(p.ip) && p.mask);
  const found: Extract<Lookup, { kind: "ok" | "no-record" }>[] = [];
  const ipOfAnswer = (l: Lookup) => (l.kind === "ok" ? l.ip : "");
  for (const d of topo.snapshot.devices) {
    const at = (d.ports || []).filter(
      (q) => !isUnset(q.ip) && own.some((o) => sameSubnet(ipOf(o), ipOf(q), maskOf(o))),
    )[0];
    if (!at || d.dns === "none") continue;
    if (d !== client) {
      const r = reachAddress(topo, client.name, ipOf(at), DNS);
      if (r.kind === "unknown") return { kind: "unknown", at: "reach", what: r.what };
      if (r.kind === "fail" || r.at.device !== d) continue;
    }
    const a = answer(client, d, ipOf(at), name);
    if (a.kind === "unknown") return a;
    if (a.kind === "ok" || a.kind === "no-record") found.push(a);
  }
  if (!found.length) {
    // Saved labs show the subnet's DNS servers asked, not whether PT asks further when there are none.
    const far = topo.snapshot.devices.filter((d) => answer(client, d, "", name).kind === "ok")[0];
    if (!far) return { kind: "no-server", lan: true };
    const what = "whether " + client.name + ", with no DNS server set or on its subnet, asks " + far.name;
    return { kind: "unknown", at: "setting", what };
  }
  if (found.some((a) => ipOfAnswer(a) !== ipOfAnswer(found[0]))) {
    const said = found.map((a) => a.dns.name + ": " + (ipOfAnswer(a) || "none")).join(", ");
    const what = "which DNS server on " + client.name + "'s subnet PT takes for " + name + " (" + said + ")";
    return { kind: "unknown", at: "records", what };
  }
  return Object.assign({ lan: true }, found[0]);
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
