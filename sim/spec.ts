// A topology as data: what the classroom, the scenario catalogue and an
// imported lab file (lab/) are made of. Optional fields default to what a
// fresh Packet Tracer device has.

import type { AclFacts, DhcpPool, PortFacts, Wlan } from "../src/model/snapshot";

/** A mail as a server's mailbox or a client's inbox stores it. */
export interface StoredMailSpec {
  from: string;
  rcpt: string;
  subject: string;
  content: string;
  dateTime: string;
}

/**
 * What the model does not cover on a device (src/pt/unmodeled.ts labels: "NAT", "undefined ACL 150", "wireless"…).
 * The simulator keeps them so its snapshot and its devices' running configuration say them too.
 */
/** Services > DHCP (Server-PT) or `ip dhcp pool` (routers), as the model reads it (DhcpServerFacts). */
export interface DhcpSpec {
  /** Server-PT's switch; IOS pools are on while configured. */
  on?: boolean;
  pools: DhcpPool[];
  /** `ip dhcp excluded-address LOW [HIGH]`. */
  excluded?: { low: string; high: string }[];
}

interface Unmodeled {
  unmodeled?: string[];
}

export interface HostSpec extends Unmodeled {
  name: string;
  kind: "pc" | "laptop" | "server" | "printer";
  ip?: string;
  mask?: string;
  gateway?: string;
  dns?: string;
  /** The port takes its address by DHCP (Config > FastEthernet0 > DHCP). */
  dhcp?: boolean;
  power?: boolean;
  /** Desktop > Email > Configure Mail. */
  email?: {
    name?: string;
    mailId: string;
    user: string;
    password: string;
    smtp: string;
    pop3?: string;
    inbox?: StoredMailSpec[];
  };
  /** Services > EMAIL (servers only). */
  mailServer?: {
    domain: string;
    smtp?: boolean;
    pop3?: boolean;
    users: { [user: string]: string };
    mailboxes?: { [user: string]: StoredMailSpec[] };
  };
  /** Services > DNS (servers only): A records by name, and CNAME records (alias → host name). */
  dnsServer?: { on?: boolean; records: { [name: string]: string }; cnames?: { [alias: string]: string } };
  /** Services > DHCP (servers only). */
  dhcpServer?: DhcpSpec;
  /** A wireless port's network (Config > Wireless0: SSID, security, key); absent: a cabled port. */
  wireless?: Wlan;
}

export interface RouterPortSpec {
  ip: string;
  mask: string;
  /** The IOS port name, e.g. GigabitEthernet0/0 (imported labs). */
  name?: string;
  /** false when the interface is `shutdown`. */
  up?: boolean;
  /** `ip helper-address`: where the port relays DHCP. */
  helpers?: string[];
  /** `ip access-group NAME in|out`: names in the router's `acls`. */
  aclIn?: string;
  aclOut?: string;
  /** A sub-interface (name "GigabitEthernet0/0.10": its parent is the name before the dot): `encapsulation dot1Q`. */
  vlan?: { id: number; native?: boolean };
}

export interface RouterSpec extends Unmodeled {
  name: string;
  kind: "router";
  ports: RouterPortSpec[];
  power?: boolean;
  /** `ip route NETWORK MASK NEXT-HOP` lines. */
  staticRoutes?: { network: string; mask: string; nextHop: string }[];
  /** Networks announced by RIP/OSPF/EIGRP `network` statements, taken as converged. */
  routedNetworks?: string[];
  /** `ip dhcp pool` and `ip dhcp excluded-address`. */
  dhcpServer?: DhcpSpec;
  /** Access lists by number or name, as src/pt/acl-config.ts reads them (`aclOfConfig(lines).acls`). */
  acls?: { [name: string]: AclFacts };
}

/** A switch port by its IOS name, as a lab or fixture configures it. */
export interface SwitchPortSpec {
  name: string;
  /** `switchport` mode and VLANs; absent: dynamic auto, VLAN 1. */
  switchport?: PortFacts["switchport"];
  /** `no switchport` with its address (multilayer switches). */
  routed?: { ip: string; mask: string };
  /** false when the interface is `shutdown`. */
  up?: boolean;
  /** A routed port's `ip access-group NAME in|out`: names in the switch's `acls`. */
  aclIn?: string;
  aclOut?: string;
}

export interface SwitchSpec extends Unmodeled {
  name: string;
  kind: "switch" | "power";
  power?: boolean;
  /** Named ports: "SW1:2" cables ports[2]; a bare "SW1" a new port named by cable order. */
  ports?: SwitchPortSpec[];
  /** `interface VlanN` with an address. */
  svis?: {
    vlan: number;
    ip: string;
    mask: string;
    up?: boolean;
    helpers?: string[];
    aclIn?: string;
    aclOut?: string;
  }[];
  /** `ip routing`: the switch routes between its SVIs and routed ports, with these routes. */
  ipRouting?: boolean;
  staticRoutes?: { network: string; mask: string; nextHop: string }[];
  routedNetworks?: string[];
  /** `ip dhcp pool` on a multilayer switch. */
  dhcpServer?: DhcpSpec;
  /** Its VLAN database (vlan.dat), when the lab saves one; absent: not known. */
  vlans?: number[];
  /** Access lists its SVIs and routed ports apply (`ip access-group`), as src/pt/acl-config.ts reads them. */
  acls?: { [name: string]: AclFacts };
  /** An access point's (or home router's) wireless networks. */
  wireless?: Wlan[];
  /**
   * A home router (HomeRouter-PT-AC): its LAN address is the SVI for VLAN 1, its Internet port the routed port
   * named "Internet" (NAT outside), its default route a static route, its DHCP pool `dhcpServer`.
   */
  home?: boolean;
}

export type DeviceSpec = HostSpec | RouterSpec | SwitchSpec;

/**
 * "R1:1" names port 1 of R1; a bare name is port 0 (hosts) or a new port
 * (switches). The third element, when present, says whether the link is up.
 */
export type LinkSpec = [string, string] | [string, string, { up: boolean }];

export interface TopologySpec {
  name: string;
  devices: DeviceSpec[];
  links: LinkSpec[];
}
