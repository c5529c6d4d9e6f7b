// The IOS lines a device's running configuration holds for each feature the
// model does not cover (src/pt/unmodeled.ts reads them back): one typical
// line per feature, so the simulator's serializeToXml() and the project's
// fixture labs (lab/export/) say what a real PT file would.

/** Lines under the first interface, and lines after the interfaces, by feature. */
// biome-ignore format: a table
const LINES: { [feature: string]: { inInterface: string[]; global: string[] } } = {
  EtherChannel: { inInterface: [" channel-group 1 mode active"], global: [] },
  HSRP: { inInterface: [" standby 1 ip 10.255.255.254"], global: [] },
  "secondary addresses": { inInterface: [" ip address 10.255.255.1 255.255.255.0 secondary"], global: [] },
  // A router's lists are modeled (RouterSpec acls, sim/acl-lines.ts); a switch's are not.
  "ACLs on switch interfaces": { inInterface: [" ip access-group 1 in"], global: ["access-list 1 permit any"] },
  NAT: { inInterface: [" ip nat inside"], global: [] },
  firewall: { inInterface: [" zone-member security inside"], global: [] },
  "tunnels/VPN": { inInterface: [], global: ["interface Tunnel0", " no ip address", "!"] },
  "BGP/IS-IS": { inInterface: [], global: ["router bgp 65000", "!"] },
};

/** The configuration lines for these features: those that go in an interface, and the rest. */
export function unmodeledConfig(features: string[] | undefined): { inInterface: string[]; global: string[] } {
  const out = { inInterface: [] as string[], global: [] as string[] };
  for (const f of features || []) {
    const lines = LINES[f];
    if (!lines) continue; // wireless, a host firewall: not configuration lines
    out.inInterface.push(...lines.inInterface);
    out.global.push(...lines.global);
  }
  return out;
}
