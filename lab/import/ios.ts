// The subset of an IOS running-config a mail lab needs: interface addresses
// and `shutdown`, `ip route` static routes, and RIP/OSPF/EIGRP `network`
// statements. PT stores router and switch configuration only as this text and
// re-runs it on load (research/pt-labs-and-fidelity.md C3). Everything else
// that changes forwarding is named in `unmodeled`: the importer warns, and the
// model answers "unknown" for a path over the device.

import { type AclConfig, aclOfConfig } from "../../src/pt/acl-config";
import { dhcpOfConfig } from "../../src/pt/dhcp-config";
import { unmodeledOf } from "../../src/pt/unmodeled";
import { type VlanConfig, vlansOfConfig } from "../../src/pt/vlan-config";

export interface IosInterface {
  name: string;
  ip: string;
  mask: string;
  shutdown: boolean;
}

export interface IosConfig {
  /** Physical and loopback interfaces, in config order (sub-interfaces and SVIs are in `vlans`). */
  interfaces: IosInterface[];
  staticRoutes: { network: string; mask: string; nextHop: string }[];
  /** `network` statements as CIDR text ("10.1.0.0/16"): RIP and classless-less EIGRP use the classful prefix. */
  routedNetworks: string[];
  /** Features found that the model does not cover, each named once (e.g. "NAT", "undefined ACL 150"): src/pt/unmodeled.ts's table, which the IPC reader uses too. */
  unmodeled: string[];
  /** `ip dhcp pool`, `ip dhcp excluded-address` and each interface's `ip helper-address` (the IPC reader's parser). */
  dhcp: ReturnType<typeof dhcpOfConfig>;
  /** Switchports, sub-interfaces, SVIs, routed ports and `ip routing` (the IPC reader's parser). */
  vlans: VlanConfig;
  /** Access lists and each interface's `ip access-group` (the IPC reader's parser). */
  acl: AclConfig;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpv4(s: string): boolean {
  const m = IPV4.exec(s);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}

function toInt(ip: string): number {
  return ip.split(".").reduce((a, x) => a * 256 + Number(x), 0);
}

function classfulPrefix(ip: string): number {
  const first = Number(ip.split(".")[0]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

/** The prefix length of a contiguous wildcard (0.0.0.255 → 24), or -1. */
function wildcardPrefix(wildcard: string): number {
  const w = toInt(wildcard);
  const hostBits = Math.round(Math.log2(w + 1));
  return Math.pow(2, hostBits) - 1 === w ? 32 - hostBits : -1;
}

export function parseRunningConfig(lines: string[]): IosConfig {
  const config: IosConfig = {
    interfaces: [],
    staticRoutes: [],
    routedNetworks: [],
    unmodeled: unmodeledOf(lines),
    dhcp: dhcpOfConfig(lines),
    acl: aclOfConfig(lines),
    vlans: vlansOfConfig(lines),
  };
  const note = (label: string) => {
    if (config.unmodeled.indexOf(label) < 0) config.unmodeled.push(label);
  };
  let iface: IosInterface | null = null;
  const distances: number[] = [];
  let inSub = false;
  let protocol: "rip" | "ospf" | "eigrp" | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line[0] === "!") continue;
    const indented = /^\s/.test(raw);
    if (!indented) {
      iface = null;
      inSub = false;
      protocol = null;
    }
    const words = line.split(/\s+/);
    if (!indented && words[0] === "interface" && words[1]) {
      const name = words.slice(1).join("");
      if (name.indexOf(".") >= 0) {
        inSub = true; // router-on-a-stick: its addresses live on VLANs
        continue;
      }
      iface = { name, ip: "", mask: "", shutdown: false };
      config.interfaces.push(iface);
    } else if (!indented && words[0] === "router") {
      protocol = words[1] === "rip" ? "rip" : words[1] === "ospf" ? "ospf" : words[1] === "eigrp" ? "eigrp" : null;
    } else if (
      !indented &&
      words[0] === "ip" &&
      words[1] === "route" &&
      isIpv4(words[2] || "") &&
      isIpv4(words[3] || "") &&
      words[4]
    ) {
      // `ip route NET MASK {HOP | INTERFACE [HOP]} [DISTANCE]`: an interface alone stays the next hop, as
      // PT's IPC gives it (src/pt/answers.ts); a floating route (higher distance) goes after the others.
      const both = !isIpv4(words[4]) && isIpv4(words[5] || "");
      const hop = both ? words[5] : words[4];
      const distance = Number(words[both ? 6 : 5]) || 1;
      const at = distances.filter((d) => d <= distance).length;
      distances.splice(at, 0, distance);
      config.staticRoutes.splice(at, 0, { network: words[2], mask: words[3], nextHop: hop });
    } else if (iface && !inSub) {
      if (words[0] === "ip" && words[1] === "address" && isIpv4(words[2] || "") && isIpv4(words[3] || "")) {
        if (words[4] !== "secondary") {
          iface.ip = words[2];
          iface.mask = words[3];
        }
      } else if (line === "shutdown") {
        iface.shutdown = true;
      } else if (line === "no shutdown") {
        iface.shutdown = false;
      }
    } else if (protocol && words[0] === "network" && isIpv4(words[1] || "")) {
      const wildcard = words[2] && isIpv4(words[2]) ? words[2] : "";
      const prefix = protocol === "rip" || !wildcard ? classfulPrefix(words[1]) : wildcardPrefix(wildcard);
      if (prefix < 0) note("non-contiguous wildcards");
      else config.routedNetworks.push(words[1] + "/" + prefix);
    }
  }
  return config;
}
