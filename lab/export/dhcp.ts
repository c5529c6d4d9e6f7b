// DHCP as PT saves it, for the project's fixture labs: a Server-PT's
// DHCP_SERVERS block (lab/import/dhcp.ts reads it back) and a router's
// `ip dhcp` lines (src/pt/dhcp-config.ts).
import type { DhcpSpec, HostSpec, RouterSpec, SwitchSpec } from "../../sim/spec";
import { el, type Node } from "./xml-writer";

export function serverDhcp(spec: HostSpec): Node[] {
  const s: DhcpSpec | undefined = spec.dhcpServer;
  if (!s) return [];
  const pools = s.pools.map((p) =>
    el("POOL", [
      el("NAME", p.name),
      el("NETWORK", p.network),
      el("MASK", p.mask),
      el("DEFAULT_ROUTER", p.gateway || "0.0.0.0"),
      el("START_IP", p.start),
      el("DNS_SERVER", p.dns || "0.0.0.0"),
      el("MAX_USERS", String(p.max)),
    ]),
  );
  const server = el("DHCP_SERVER", [el("ENABLED", s.on === false ? "0" : "1"), el("POOLS", pools)]);
  return [el("DHCP_SERVERS", [el("ASSOCIATED_PORTS", [el("ASSOCIATED_PORT", [el("NAME", "FastEthernet0"), server])])])];
}

/** `ip dhcp excluded-address` and `ip dhcp pool` blocks (network, default-router, dns-server). */
export function routerDhcpLines(spec: RouterSpec | SwitchSpec): string[] {
  const s = spec.dhcpServer;
  if (!s) return [];
  const lines = (s.excluded || []).map(
    (x) => "ip dhcp excluded-address " + x.low + (x.high !== x.low ? " " + x.high : ""),
  );
  for (const p of s.pools) {
    lines.push("!", "ip dhcp pool " + p.name, " network " + p.network + " " + p.mask);
    if (p.gateway) lines.push(" default-router " + p.gateway);
    if (p.dns) lines.push(" dns-server " + p.dns);
  }
  return lines;
}
