// A topology as data: what the classroom, the scenario catalogue and an
// imported lab file (lab/) are made of. Optional fields default to what a
// fresh Packet Tracer device has.

import type { DhcpPool } from "../src/model/snapshot";

/** A mail as a server's mailbox or a client's inbox stores it. */
export interface StoredMailSpec {
  from: string;
  rcpt: string;
  subject: string;
  content: string;
  dateTime: string;
}

/**
 * What the model does not cover on a device (src/pt/unmodeled.ts labels: "VLANs", "ACLs", "wireless"…).
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
}

export interface SwitchSpec extends Unmodeled {
  name: string;
  kind: "switch" | "power";
  power?: boolean;
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
