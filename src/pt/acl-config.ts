// IOS access lists as a router's running configuration writes them, for both
// producers (lab-reader.ts live through serializeToXml(), lab/import/ saved
// labs): `access-list N …` (standard 1–99, 1300–1999; extended 100–199,
// 2000–2699), `ip access-list standard|extended NAME` with indented entries,
// and `ip access-group NAME in|out` per interface [pkt RUNNINGCONFIG: 30 of
// the decoded public labs; IOS 15 command reference for the syntax].
// What the model cannot evaluate stays "unknown" (src/pt/unmodeled.ts labels).
import type { AclEntry, AclFacts } from "../model/snapshot";

const ANY = "0.0.0.0 255.255.255.255";
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** IOS's names for the ports students write [IOS ACL command reference]; another name is unknown (a short list: the engine's size). */
// biome-ignore format: a table
const PORTS: { [name: string]: number } = {
  echo: 7, "ftp-data": 20, ftp: 21, telnet: 23, smtp: 25, domain: 53, bootps: 67, bootpc: 68, tftp: 69, www: 80,
  pop3: 110, ntp: 123, snmp: 161, syslog: 514,
};

/** IP protocol numbers IOS writes back as names. */
const PROTOCOLS: { [n: string]: string } = { "0": "ip", "1": "icmp", "6": "tcp", "17": "udp" };

export interface AclConfig {
  acls: { [name: string]: AclFacts };
  /** `ip access-group` by interface name ("GigabitEthernet0/1", "GigabitEthernet0/0.10", "Vlan10"). */
  ports: { [port: string]: { in?: string; out?: string } };
  /** What an applied list holds that the model cannot evaluate (src/pt/unmodeled.ts labels). */
  unmodeled: string[];
}

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

const isStandard = (name: string): boolean => {
  const n = Number(name);
  return (n >= 1 && n <= 99) || (n >= 1300 && n <= 1999);
};
const isNumbered = (name: string): boolean => {
  const n = Number(name);
  return /^\d+$/.test(name) && (isStandard(name) || (n >= 100 && n <= 199) || (n >= 2000 && n <= 2699));
};

export function aclOfConfig(lines: string[]): AclConfig {
  const acls: { [name: string]: AclFacts } = {};
  const ports: AclConfig["ports"] = {};
  const list = (name: string, standard: boolean): AclFacts => {
    if (!own(acls, name)) acls[name] = { standard, entries: [] };
    return acls[name];
  };
  let named: AclFacts | null = null;
  let port = "";
  for (const raw of lines) {
    const w = raw.trim().split(/\s+/);
    if (!/^\s/.test(raw)) {
      named = null;
      // A name is lab text: "__proto__" would reach the maps' prototype.
      port = w[0] === "interface" && w[1] !== "__proto__" ? w.slice(1).join("") : "";
      if (w[0] === "access-list" && isNumbered(w[1] || "") && w[2] && w[2] !== "remark")
        list(w[1], isStandard(w[1])).entries.push(entryOf(w.slice(2), isStandard(w[1])));
      else if (w[0] === "ip" && w[1] === "access-list" && /^(standard|extended)$/.test(w[2] || "") && w[3])
        named = w[3] === "__proto__" ? null : list(w[3], w[2] === "standard");
    } else if (named) {
      // Entries may carry sequence numbers ("10 permit …"); remarks say nothing to a packet.
      const words = /^\d+$/.test(w[0]) ? w.slice(1) : w;
      if (words[0] && words[0] !== "remark") named.entries.push(entryOf(words, named.standard));
    } else if (port && w[0] === "ip" && w[1] === "access-group" && w[2] && /^(in|out)$/.test(w[3] || "")) {
      if (!own(ports, port)) ports[port] = {};
      ports[port][w[3] as "in" | "out"] = w[2];
    }
  }
  const unmodeled: string[] = [];
  const note = (label: string) => {
    if (unmodeled.indexOf(label) < 0) unmodeled.push(label);
  };
  for (const p of Object.keys(ports))
    for (const name of [ports[p].in, ports[p].out]) {
      if (!name) continue;
      // IOS lets an undefined (or empty) list permit everything; PT was not seen doing it [inf].
      const acl = own(acls, name) ? acls[name] : null;
      if (!acl || !acl.entries.length) note("undefined ACL " + name);
      else for (const e of acl.entries) if (e.unknown) note("`" + e.unknown + "` in ACL " + name);
    }
  return { acls, ports, unmodeled };
}

/**
 * Puts each port's `ip access-group` on it and answers the lists they apply (a list applied nowhere changes
 * nothing: it is left out, in both producers alike).
 */
export function aclsOnPorts(
  config: AclConfig,
  ports: { name?: string; aclIn?: string; aclOut?: string }[],
): { [name: string]: AclFacts } {
  const used: { [name: string]: AclFacts } = {};
  const use = (name: string | undefined) => {
    if (name && own(config.acls, name)) used[name] = config.acls[name];
  };
  for (const p of ports) {
    const at = own(config.ports, p.name || "") ? config.ports[p.name || ""] : null;
    if (!at) continue;
    if (at.in) p.aclIn = at.in;
    if (at.out) p.aclOut = at.out;
    use(at.in);
    use(at.out);
  }
  return used;
}

/** One entry from its words after the list's name: permit|deny, then the standard or extended form. */
function entryOf(words: string[], standard: boolean): AclEntry {
  const e: AclEntry = { text: words.join(" "), permit: words[0] === "permit", proto: "ip", src: ANY, dst: ANY };
  // `evaluate` (reflexive), `dynamic`…: an entry the model cannot read at all.
  if (!/^(permit|deny)$/.test(words[0])) return Object.assign(e, { unknown: words[0] });
  let i = 1;
  const odd = (word: string) => {
    if (!e.unknown) e.unknown = word || "end of line";
  };
  /** `any`, `host A`, `A W` (a bare A in a standard list is a host). */
  const address = (): string => {
    const a = words[i++] || "";
    if (a === "any") return ANY;
    if (a === "host" && IPV4.test(words[i] || "")) return words[i++] + " 0.0.0.0";
    if (IPV4.test(a) && IPV4.test(words[i] || "")) return a + " " + words[i++];
    if (IPV4.test(a) && standard) return a + " 0.0.0.0";
    odd(a);
    return ANY;
  };
  /** eq P…, neq P, lt P, gt P, range P Q as ranges; undefined when no port operator follows. */
  const ports = (): number[] | undefined => {
    const op = words[i];
    const n = (): number => {
      const word = words[i++] || "";
      if (/^\d+$/.test(word)) return Number(word);
      if (own(PORTS, word)) return PORTS[word];
      odd(word);
      return 0;
    };
    if (!/^(eq|neq|lt|gt|range)$/.test(op || "")) return undefined;
    i++;
    if (op === "range") return [n(), n()];
    const p = n();
    if (op === "lt") return [0, p - 1];
    if (op === "gt") return [p + 1, 65535];
    if (op === "neq") return [0, p - 1, p + 1, 65535];
    const out = [p, p];
    while (i < words.length && (/^\d+$/.test(words[i]) || own(PORTS, words[i]))) {
      const more = n();
      out.push(more, more);
    }
    return out;
  };
  if (standard) e.src = address();
  else {
    const proto = words[i++] || "";
    e.proto = own(PROTOCOLS, proto) ? PROTOCOLS[proto] : proto;
    if (!/^(ahp|eigrp|esp|gre|icmp|igmp|ip|ipinip|nos|ospf|pcp|pim|tcp|udp|\d+)$/.test(proto)) odd(proto);
    const ported = e.proto === "tcp" || e.proto === "udp";
    e.src = address();
    if (ported) e.srcPorts = ports();
    e.dst = address();
    if (ported) e.dstPorts = ports();
    if (e.proto === "tcp" && words[i] === "established") {
      e.established = true;
      i++;
    }
    // ICMP types and the like narrow a line no mail flow matches anyway.
    if (!ported && e.proto !== "ip") i = words.length;
  }
  for (; i < words.length; i++) if (!/^log(-input)?$/.test(words[i])) odd(words[i]);
  if (!e.srcPorts) delete e.srcPorts;
  if (!e.dstPorts) delete e.dstPorts;
  return e;
}
