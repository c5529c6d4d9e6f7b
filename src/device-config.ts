// What a device's configuration says beyond its addresses, for the lab reader
// (lab-reader.ts): its DHCP pools (pt/dhcp-config.ts) and the features the
// model does not cover (pt/unmodeled.ts), each null when PT would not give it.
import type { DeviceFacts, DeviceKind, PortFacts } from "./model/snapshot";
import { hostPort } from "./model/topology";
import { type AclConfig, aclsOnPorts } from "./pt/acl-config";
import { ACCESS_POINTS } from "./pt/answers";
import { type dhcpOfConfig, dhcpOfServerXml } from "./pt/dhcp-config";
import { HOST_FIREWALL, SWITCH_ACLS, unmodeledOf, WIRELESS, WIRELESS_CLIENTS } from "./pt/unmodeled";
import type { VlanConfig } from "./pt/vlan-config";

/**
 * A router's or switch's access lists, and each port's `ip access-group` on it (sub-interfaces too, once configured() has
 * added them); null when the configuration could not be read.
 */
export function aclsOn(d: DeviceFacts, acl: AclConfig | null): void {
  d.acls = acl === null ? null : aclsOnPorts(acl, d.ports || []);
}

/**
 * A list applied on a switchport filters bridged frames, which the model does not follow (only router hops
 * filter); one on an SVI or a routed port (`no switchport`) is a router hop's, and modeled.
 */
export function bridgedAcls(acl: AclConfig, vlans: VlanConfig): boolean {
  const routed = (p: string) => Object.prototype.hasOwnProperty.call(vlans.routed, p);
  return Object.keys(acl.ports).some((p) => !/^vlan\d+$/i.test(p) && !routed(p));
}

/** A router's pools from its configuration, a Server-PT's from its XML; null when that could not be read. */
export function dhcpAt(
  kind: DeviceKind | null,
  xml: string | null,
  ios: ReturnType<typeof dhcpOfConfig> | null,
): DeviceFacts["dhcpServer"] {
  if (kind !== "router" && kind !== "server" && kind !== "switch") return "none";
  if (xml === null) return null;
  return ios ? ios.server : kind === "switch" ? "none" : dhcpOfServerXml(xml);
}

/**
 * A router's or switch's configuration on its ports: `ip helper-address`, switchport modes, routed ports, and the
 * sub-interfaces and SVIs, added from the configuration when the port list lacks them (whether getPortAt lists
 * them is not known [inf]: one place to change).
 */
export function configured(
  d: DeviceFacts,
  vlans: VlanConfig | null,
  dhcp: ReturnType<typeof dhcpOfConfig> | null,
): void {
  const ports = d.ports;
  if (!ports || !vlans || !dhcp) return;
  const named = (name: string | null) => ports.filter((p) => p.name === name)[0];
  if (d.kind === "switch") {
    if (vlans.ipRouting) d.layer3 = true;
    for (const p of ports) {
      const r = vlans.routed[p.name];
      if (vlans.switchports[p.name]) p.switchport = vlans.switchports[p.name];
      if (r) Object.assign(p, { ip: r.ip, mask: r.mask, routed: true });
    }
  }
  for (const v of vlans.interfaces) {
    let p = named(v.name);
    const parent = named(v.vlan.parent);
    if (!p && (v.vlan.parent === null) === (d.kind === "switch") && (parent || v.vlan.parent === null)) {
      const up = v.shutdown ? false : parent ? parent.up : true;
      p = { name: v.name, ip: v.ip, mask: v.mask, up, dhcp: false };
      ports.push(p);
    }
    if (p) p.vlan = v.vlan;
  }
  for (const p of ports) if (dhcp.helpers[p.name]) p.helpers = dhcp.helpers[p.name];
}

/**
 * What the model does not cover on the device (pt/unmodeled.ts): a router's or switch's configuration
 * (null when it could not be read), an access point's wireless side, a host's wireless port or firewall
 * (`hostPorts`: a host's ports, null for other kinds).
 */
export function unmodeledAt(
  kind: DeviceKind | null,
  type: unknown,
  hostPorts: PortFacts[] | null,
  config: { lines: string[]; acl: AclConfig; vlans: VlanConfig } | null,
  firewall: boolean,
): string[] | null {
  const out: string[] = [];
  if (kind === "router" || kind === "switch") {
    if (config === null) return null;
    if (ACCESS_POINTS.indexOf(type as number) >= 0) out.push(WIRELESS_CLIENTS);
    const switchAcls = kind === "switch" && bridgedAcls(config.acl, config.vlans);
    return out.concat(unmodeledOf(config.lines), switchAcls ? [SWITCH_ACLS] : []);
  }
  const port = hostPorts ? hostPort({ ports: hostPorts } as DeviceFacts) : null;
  if (port && /^Wireless/i.test(port.name)) out.push(WIRELESS);
  if (firewall) out.push(HOST_FIREWALL);
  return out;
}
