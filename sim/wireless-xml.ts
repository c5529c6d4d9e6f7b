// Wireless settings as PT saves them in a device's XML (src/pt/wireless-config.ts
// reads them back, with the evidence for each field): the simulator's
// serializeToXml() and the project's fixture labs (lab/export/) write the same
// elements, built here once as a plain tree (lab/export/xml-writer.ts Node).
import type { DhcpPool, Wlan } from "../src/model/snapshot";

export interface XmlNode {
  name: string;
  text?: string;
  children?: XmlNode[];
}

const n = (name: string, content: string | XmlNode[] = ""): XmlNode =>
  Array.isArray(content) ? { name, children: content } : { name, text: content };

/** AUTHEN_TYPE by its index (PT's WirelessAuthenType). */
const AUTH = ["open", "WEP", "WPA-PSK", "WPA", "WPA2-PSK", "WPA2"];

function common(w: Wlan): XmlNode {
  // ENCRYPT_TYPE: 0 none, 1 WEP 64-bit, 4 AES (what PT sets with WPA2-PSK [pkt]).
  const kids = [
    n("NETWORK_MODE", "7"),
    n("SSID", w.ssid),
    n("ENCRYPT_TYPE", w.security === "open" ? "0" : w.security === "WEP" ? "1" : "4"),
    n("AUTHEN_TYPE", String(Math.max(0, AUTH.indexOf(w.security)))),
  ];
  if (w.security !== "open") kids.push(n("WEP_PROCESS", [n("KEY", w.key)]));
  return n("WIRELESS_COMMON", kids);
}

/** A host's wireless client. */
export function clientXml(w: Wlan): XmlNode[] {
  return [n("WIRELESS_CLIENT", [common(w)])];
}

/** An access point's network (one), or a home router's radios (WIRELESS_SERVERS). */
export function serversXml(nets: Wlan[]): XmlNode[] {
  const servers = nets.map((w) => n("WIRELESS_SERVER", [common(w)]));
  return nets.length === 1 ? servers : [n("WIRELESS_SERVERS", servers)];
}

export interface HomeSettings {
  lan: { ip: string; mask: string };
  /** dhcp: the Internet port takes its address by DHCP (ip, mask and gateway ""). */
  wan: { ip: string; mask: string; gateway: string; dhcp: boolean };
  pools: DhcpPool[] | null;
  forwarding: boolean;
}

/** A home router's engine-level settings, in the order PT saves them. */
export function homeXml(h: HomeSettings): XmlNode[] {
  const or0 = (ip: string) => ip || "0.0.0.0";
  const pools = (h.pools || []).map((p) =>
    n("POOL", [
      n("NAME", p.name),
      n("NETWORK", p.network),
      n("MASK", p.mask),
      n("DEFAULT_ROUTER", or0(p.gateway)),
      n("START_IP", p.start),
      n("DNS_SERVER", or0(p.dns)),
      n("MAX_USERS", String(p.max)),
    ]),
  );
  return [
    n("INTERNET_CONNECTION_TYPE", h.wan.dhcp ? "0" : "2"),
    n("DEFAULT_GATEWAY", or0(h.wan.gateway)),
    n("LAN_IP_ADDRESS", h.lan.ip),
    n("LAN_SUBNET_MASK", h.lan.mask),
    n("INTERNET_IP_ADDRESS", or0(h.wan.ip)),
    n("INTERNET_SUBNET_MASK", or0(h.wan.mask)),
    n("DHCP_SERVER", [n("ENABLED", h.pools ? "1" : "0"), n("POOLS", pools)]),
    n("SINGLE_PORT_FORWARDING", h.forwarding ? [n("ENTRY", "25")] : []),
  ];
}

/** The settings of a home router kept as a switch (SwitchSpec `home` or a SimDevice). */
export function homeOf(d: {
  svis: { vlan: number; ip: string; mask: string }[];
  internet: { ip: string; mask: string } | null;
  staticRoutes: { network: string; mask: string; nextHop: string }[];
  dhcp: { on?: boolean; pools: DhcpPool[] } | null;
  unmodeled: string[];
}): HomeSettings {
  const lan = d.svis.filter((s) => s.vlan === 1)[0] || { ip: "", mask: "" };
  const route = d.staticRoutes.filter((r) => r.network === "0.0.0.0" && r.mask === "0.0.0.0")[0];
  const dhcp = d.unmodeled.indexOf("a DHCP-assigned Internet port") >= 0;
  return {
    lan: { ip: lan.ip, mask: lan.mask },
    wan: {
      ip: dhcp || !d.internet ? "" : d.internet.ip,
      mask: dhcp || !d.internet ? "" : d.internet.mask,
      gateway: route ? route.nextHop : "",
      dhcp,
    },
    pools: d.dhcp && d.dhcp.on !== false ? d.dhcp.pools : null,
    forwarding: d.unmodeled.indexOf("port forwarding") >= 0,
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The tree as text, as serializeToXml() answers it (no indentation). */
export function xmlText(nodes: XmlNode[]): string {
  return nodes
    .map((x) => "<" + x.name + ">" + (x.children ? xmlText(x.children) : escapeXml(x.text || "")) + "</" + x.name + ">")
    .join("");
}
