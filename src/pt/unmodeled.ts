// What the model does not cover, as a device's running configuration says it
// (Device.serializeToXml() RUNNINGCONFIG, one <LINE> per line, sub-commands
// indented: the .pkt's own XML, pt-labs-and-fidelity.md C3). One table for
// both producers: the IPC reader (lab-reader.ts) and the lab importer
// (lab/import/ios.ts), so a saved lab and live PT name the same features.
// Only what changes where a packet goes counts: an ACL defined but applied
// nowhere does not. VLANs and layer-3 switching are modeled (vlan-config.ts),
// and so are access lists (acl-config.ts): only what an applied one holds that
// the model cannot evaluate is named, by acl-config.ts.
import { aclOfConfig } from "./acl-config";

// biome-ignore format: a table
const LINES: [RegExp, string][] = [
  [/^channel-group\b/, "EtherChannel"],
  [/^standby\b/, "HSRP"],
  [/^ip address \S+ \S+ secondary$/, "secondary addresses"],
  [/^ip address dhcp\b/, "DHCP-assigned interfaces"],
  [/^ip nat (inside|outside)\b/, "NAT"],
  [/^(ip inspect|zone-member)\b/, "firewall"],
  [/^(crypto map|interface tunnel)/i, "tunnels/VPN"],
  [/^router (bgp|isis)\b/, "BGP/IS-IS"],
];

/** The features these configuration lines use, each once, in the table's order. */
export function unmodeledOf(lines: string[]): string[] {
  const out: string[] = [];
  for (const row of LINES) if (lines.some((l) => row[0].test(l.trim()))) out.push(row[1]);
  return out.concat(aclOfConfig(lines).unmodeled);
}

/** The RUNNINGCONFIG lines of serializeToXml()'s text, unescaped; null when it has none. */
export function configLinesOf(xml: string): string[] | null {
  const open = xml.indexOf("<RUNNINGCONFIG");
  if (open < 0) return null;
  const close = xml.indexOf("</RUNNINGCONFIG>", open);
  const body = xml.slice(open, close < 0 ? xml.length : close);
  const out: string[] = [];
  const line = /<LINE>([^<]*)<\/LINE>/g;
  for (let m = line.exec(body); m; m = line.exec(body))
    out.push(
      m[1]
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&"),
    );
  return out;
}

/** A host whose port is wireless: its association to an access point is not modeled (no cable, no link). */
export const WIRELESS = "wireless";
/** An access point: its cable is bridged like a switch's, its wireless clients are not modeled. */
export const WIRELESS_CLIENTS = "wireless clients";
/** Access lists a switch applies (on its SVIs or routed ports): modeled on routers only. */
export const SWITCH_ACLS = "ACLs on switch interfaces";
/** A host's own firewall (HostPort.isInboundFirewallOn(); PC_FIREWALL in a saved lab). */
export const HOST_FIREWALL = "a host firewall";
/** A home router whose Internet port takes its address by DHCP or PPPoE: no address to route by until PT leases one. */
export const DHCP_INTERNET = "a DHCP-assigned Internet port";
/** A home router forwarding ports (or a DMZ) to its LAN: NAT from outside is not modeled. */
export const PORT_FORWARDING = "port forwarding";
