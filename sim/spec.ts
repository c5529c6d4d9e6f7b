// A topology as data: what the classroom and the scenario catalogue are made of.

export interface HostSpec {
  name: string;
  kind: "pc" | "laptop" | "server" | "printer";
  ip?: string;
  mask?: string;
  gateway?: string;
  dns?: string;
  power?: boolean;
  /** Desktop > Email > Configure Mail. */
  email?: { name?: string; mailId: string; user: string; password: string; smtp: string; pop3?: string };
  /** Services > EMAIL (servers only). */
  mailServer?: { domain: string; smtp?: boolean; pop3?: boolean; users: { [user: string]: string } };
  /** Services > DNS (servers only): A records. */
  dnsServer?: { on?: boolean; records: { [name: string]: string } };
}

export interface RouterSpec {
  name: string;
  kind: "router";
  ports: { ip: string; mask: string }[];
  power?: boolean;
}

export interface SwitchSpec {
  name: string;
  kind: "switch" | "power";
  power?: boolean;
}

export type DeviceSpec = HostSpec | RouterSpec | SwitchSpec;

/** "R1:1" names port 1 of R1; a bare name is port 0 (hosts) or a new port (switches). */
export type LinkSpec = [string, string];

export interface TopologySpec {
  name: string;
  devices: DeviceSpec[];
  links: LinkSpec[];
}
