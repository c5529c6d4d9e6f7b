// What a router's access lists do to one packet of a mail's flows (issue 20,
// item 4): the list applied where the packet enters (`ip access-group X in`)
// and where it leaves (`out`), first matching line wins, and a packet no line
// matches is dropped (IOS's implicit deny). A line the model cannot evaluate
// for this packet makes the answer unknown, never a guess.
import { parseIp } from "./addresses";
import type { AclEntry, DeviceFacts, PortFacts } from "./snapshot";
import type { Topology } from "./topology";

/** What a mail needs through the network: the protocol and the server's port, with IOS's name for it. */
export interface Flow {
  name: string;
  proto: "tcp" | "udp";
  port: number;
  word: string;
  /** The client's own port when the protocol fixes it (DHCP); absent: one PT picks (EPHEMERAL). */
  client?: number;
}

export const SMTP: Flow = { name: "SMTP", proto: "tcp", port: 25, word: "smtp" };
export const DNS: Flow = { name: "DNS", proto: "udp", port: 53, word: "domain" };
/** A relay's DHCP to its helper address (`ip helper-address`): UDP from port 67 to the server's 67 [RFC 2131]. */
export const DHCP: Flow = { name: "DHCP", proto: "udp", port: 67, word: "bootps", client: 67 };
/** A client's DHCPDISCOVER, 0.0.0.0:68 → 255.255.255.255:67 [RFC 2131]. */
export const DISCOVER: Flow = { name: "DHCP", proto: "udp", port: 67, word: "bootps", client: 68 };

/** A client's own port is one PT picks: 1025 and up [inf: PT's simulation mode shows clients' ports from 1025]. */
const EPHEMERAL = [1025, 65535];

/** One packet: from `src` to `dst`; a reply has the ports swapped and, over TCP, ACK set. */
export interface Packet {
  flow: Flow;
  src: string;
  dst: string;
  reply: boolean;
  /** Who sends it, for the cause ("PC-2"). */
  from: string;
}

export type AclDrop = { cause: string; fix: string } | { unknown: string } | null;

const inNet = (ip: string, net: string): boolean => {
  const w = net.split(" ");
  const a = parseIp(ip),
    b = parseIp(w[0]),
    m = parseIp(w[1]);
  return a !== null && b !== null && m !== null && ((a ^ b) & ~m) === 0;
};

/** Whether the port range [lo, hi] lies in the ranges (true), outside them all (false), or partly (null). */
function portIn(ranges: number[] | undefined, lo: number, hi: number): boolean | null {
  if (!ranges) return true;
  let touches = false;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] <= lo && hi <= ranges[i + 1]) return true;
    if (ranges[i] <= hi && lo <= ranges[i + 1]) touches = true;
  }
  return touches ? null : false;
}

/** Whether the line matches the packet; null: it depends on what the model does not know. */
function matches(e: AclEntry, p: Packet): boolean | null {
  if (e.proto !== "ip" && e.proto !== p.flow.proto && e.unknown !== e.proto) return false;
  // Past a word not understood, the rest of the line may be misread: only its protocol is sure.
  if (e.unknown) return null;
  if (!inNet(p.src, e.src) || !inNet(p.dst, e.dst)) return false;
  const server = [p.flow.port, p.flow.port];
  const client = p.flow.client ? [p.flow.client, p.flow.client] : EPHEMERAL;
  const src = p.reply ? server : client;
  const dst = p.reply ? client : server;
  const ports = [portIn(e.srcPorts, src[0], src[1]), portIn(e.dstPorts, dst[0], dst[1])];
  // A connection's first packet (SYN) has no ACK: `established` matches only answers.
  if (ports.indexOf(false) >= 0 || (e.established && !p.reply)) return false;
  return ports.indexOf(null) >= 0 ? null : true;
}

/** Whether any port filters with a list: without one, every flow goes the same way (reachAddress's memo). */
export function filters(topo: Topology): boolean {
  return topo.memo.get("filters", () =>
    topo.snapshot.devices.some((d) => (d.ports || []).some((p) => !!(p.aclIn || p.aclOut))),
  );
}

/** aclDrop for a packet the caller may not know (no flow): a list on its way then makes it unknown. */
export function aclAt(router: DeviceFacts, port: PortFacts, dir: "in" | "out", p: Packet | null): AclDrop {
  if (p || !(dir === "in" ? port.aclIn : port.aclOut)) return p && aclDrop(router, port, dir, p);
  return { unknown: `what ${router.name}'s access list on ${port.name} lets through` };
}

/** Why the list applied at `port` of `router` (going `dir`) drops the packet, or null when it passes. */
export function aclDrop(router: DeviceFacts, port: PortFacts, dir: "in" | "out", p: Packet): AclDrop {
  const name = dir === "in" ? port.aclIn : port.aclOut;
  if (!name) return null;
  const found = router.acls && Object.prototype.hasOwnProperty.call(router.acls, name) ? router.acls[name] : null;
  const acl = found && found.entries.length ? found : null;
  const list = `${router.name}'s access list ${name}`;
  // IOS lets a list applied but not defined permit everything; PT was not seen doing so [inf].
  if (!acl)
    return {
      unknown: router.acls ? `what ${list}, applied but not defined, lets through` : `${list} could not be read`,
    };
  const what = `${p.flow.name} ${p.reply ? "replies " : ""}from ${p.from} to ${p.dst}`;
  const where = `${dir === "in" ? "entering" : "leaving"} ${port.name}`;
  const f = p.flow;
  const permit = acl.standard ? `permit host ${p.src}` : `permit ${f.proto} … eq ${f.word}${p.reply ? " …" : ""}`;
  const dropped = (cause: string, place: string): AclDrop => ({
    cause,
    fix: `add \`${permit}\` ${place} ${list}, or remove \`ip access-group ${name} ${dir}\` from ${router.name} ${port.name}`,
  });
  for (let i = 0; i < acl.entries.length; i++) {
    const e = acl.entries[i];
    const hit = matches(e, p);
    if (hit === null) return { unknown: `whether ${list} line ${i + 1} (\`${e.text}\`) matches ${what}` };
    if (hit)
      return e.permit
        ? null
        : dropped(`${list} line ${i + 1} (\`${e.text}\`) drops ${what} ${where}`, `before line ${i + 1} of`);
  }
  return dropped(`${list} drops ${what} ${where}: no line permits it`, "to");
}
