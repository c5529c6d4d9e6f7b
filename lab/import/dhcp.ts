// A Server-PT's Services > DHCP in a saved lab: DHCP_SERVERS/ASSOCIATED_PORTS/
// ASSOCIATED_PORT/DHCP_SERVER{ENABLED, POOLS/POOL{NAME, NETWORK, MASK,
// DEFAULT_ROUTER, START_IP, DNS_SERVER, MAX_USERS}} [pkt 7.3–9.0.1, decoded
// here]. The same fields as src/pt/dhcp-config.ts reads from live PT's
// serializeToXml(); routers' `ip dhcp pool` come from their configuration (ios.ts).

import type { DhcpSpec } from "../../sim/spec";
import type { DhcpPool } from "../../src/model/snapshot";
import { child, children, textAt, type XmlElement } from "./xml";

/** PT writes 0.0.0.0 for a gateway or DNS server not handed out. */
const handedOut = (ip: string) => (ip.trim() === "0.0.0.0" ? "" : ip.trim());

/** The service when it is on (a port's switch on), with every pool; undefined when off or absent. */
export function readServerDhcp(engine: XmlElement): DhcpSpec | undefined {
  const ports = children(child(child(engine, "DHCP_SERVERS"), "ASSOCIATED_PORTS"), "ASSOCIATED_PORT");
  const servers = ports.map((p) => child(p, "DHCP_SERVER")).filter((s): s is XmlElement => !!s);
  if (!servers.some((s) => /^(1|true)$/.test(textAt(s, "ENABLED")))) return undefined;
  const pools: DhcpPool[] = [];
  for (const s of servers)
    for (const p of children(child(s, "POOLS"), "POOL"))
      pools.push({
        name: textAt(p, "NAME"),
        network: textAt(p, "NETWORK").trim(),
        mask: textAt(p, "MASK").trim(),
        start: textAt(p, "START_IP").trim(),
        max: Number(textAt(p, "MAX_USERS")) || 0,
        gateway: handedOut(textAt(p, "DEFAULT_ROUTER")),
        dns: handedOut(textAt(p, "DNS_SERVER")),
      });
  return { on: true, pools };
}
