// The IOS lines a device's running configuration holds for each feature the
// model does not cover (src/pt/unmodeled.ts reads them back): one typical
// line per feature, so the simulator's serializeToXml() and the project's
// fixture labs (lab/export/) say what a real PT file would.

/** Lines under the first interface, and lines after the interfaces, by feature. */
// biome-ignore format: a table
const LINES: { [feature: string]: { inInterface: string[]; global: string[] } } = {
  VLANs: { inInterface: [" switchport access vlan 10"], global: ["interface Vlan10", " ip address 10.10.10.1 255.255.255.0", "!"] },
  "layer 3 switching": { inInterface: [], global: ["ip routing"] },
  EtherChannel: { inInterface: [" channel-group 1 mode active"], global: [] },
  HSRP: { inInterface: [" standby 1 ip 10.255.255.254"], global: [] },
  "secondary addresses": { inInterface: [" ip address 10.255.255.1 255.255.255.0 secondary"], global: [] },
  ACLs: { inInterface: [" ip access-group 101 in"], global: ["access-list 101 deny tcp any any eq smtp", "access-list 101 permit ip any any"] },
  NAT: { inInterface: [" ip nat inside"], global: [] },
  firewall: { inInterface: [" zone-member security inside"], global: [] },
  "tunnels/VPN": { inInterface: [], global: ["interface Tunnel0", " no ip address", "!"] },
  "BGP/IS-IS": { inInterface: [], global: ["router bgp 65000", "!"] },
};

/** A router's VLANs are router-on-a-stick: a sub-interface with its tag. */
const ROUTER_VLANS = {
  inInterface: [],
  global: ["interface GigabitEthernet0/0.10", " encapsulation dot1Q 10", " ip address 10.10.10.1 255.255.255.0", "!"],
};

/** The configuration lines for these features: those that go in an interface, and the rest. */
export function unmodeledConfig(
  features: string[] | undefined,
  router: boolean,
): { inInterface: string[]; global: string[] } {
  const out = { inInterface: [] as string[], global: [] as string[] };
  for (const f of features || []) {
    const lines = router && f === "VLANs" ? ROUTER_VLANS : LINES[f];
    if (!lines) continue; // wireless, a host firewall: not configuration lines
    out.inInterface.push(...lines.inInterface);
    out.global.push(...lines.global);
  }
  return out;
}
