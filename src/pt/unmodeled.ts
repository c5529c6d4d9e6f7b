// What the model does not cover, as a device's running configuration says it
// (Device.serializeToXml() RUNNINGCONFIG, one <LINE> per line, sub-commands
// indented: the .pkt's own XML, pt-labs-and-fidelity.md C3). One table for
// both producers: the IPC reader (lab-reader.ts) and the lab importer
// (lab/import/ios.ts), so a saved lab and live PT name the same features.
// Only what changes where a packet goes counts: an ACL defined but applied
// nowhere, or VLAN 1 alone, does not.

// biome-ignore format: a table
const LINES: [RegExp, string][] = [
  [/^encapsulation dot1q\b|^switchport (access vlan (?!1$)\d|mode trunk|trunk )|^interface vlan ?(?!1$)\d/i, "VLANs"],
  [/^(ip routing|no switchport)$/, "layer 3 switching"],
  [/^channel-group\b/, "EtherChannel"],
  [/^standby\b/, "HSRP"],
  [/^ip address \S+ \S+ secondary$/, "secondary addresses"],
  [/^ip address dhcp\b/, "DHCP-assigned interfaces"],
  [/^ip access-group\b/, "ACLs"],
  [/^ip nat (inside|outside)\b/, "NAT"],
  [/^(ip inspect|zone-member)\b/, "firewall"],
  [/^(crypto map|interface tunnel)/i, "tunnels/VPN"],
  [/^router (bgp|isis)\b/, "BGP/IS-IS"],
];

/** The features these configuration lines use, each once, in the table's order. */
export function unmodeledOf(lines: string[]): string[] {
  const out: string[] = [];
  for (const row of LINES) if (lines.some((l) => row[0].test(l.trim()))) out.push(row[1]);
  return out;
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
/** A host's own firewall (HostPort.isInboundFirewallOn(); PC_FIREWALL in a saved lab). */
export const HOST_FIREWALL = "a host firewall";
