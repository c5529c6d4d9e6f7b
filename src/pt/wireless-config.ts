// Wireless as a device's XML holds it, for both producers (lab-reader.ts live
// through serializeToXml(), lab/import/ saved labs): an access point's or home
// router's networks, a host's wireless client, a home router's LAN, DHCP and
// Internet port. Evidence: pkt = decoded public labs, PT 8.x–9.0.1 (an
// AccessPoint-PT in 12 labs, a HomeRouter-PT-AC "WirelessRouterNewGeneration"
// in 1, wireless hosts in 12); enum = PT's IPC enums (WirelessAuthenType,
// InternetConnectionType, NetworkType in a public PT .d.ts; EncryptType on
// class_wireless_common.html).
//
// | Field | Meaning | Evidence |
// | ENGINE/WIRELESS_SERVER/WIRELESS_COMMON/SSID | an AP's network name | pkt |
// | …/AUTHEN_TYPE | 0 open, 1 WEP, 2 WPA-PSK, 3 WPA (RADIUS), 4 WPA2-PSK, 5 WPA2 (RADIUS) | enum; pkt: 0, 2, 4 |
// | …/WEP_PROCESS/KEY | the WEP key or WPA passphrase (absent when open) | pkt |
// | …/NETWORK_MODE | 0: the radio is off | enum; pkt: 1, 3, 7, 8 |
// | ENGINE/WIRELESS_SERVERS/WIRELESS_SERVER | a home router's radios (2.4 GHz, 5 GHz…), each its own | pkt (6 on the AC) |
// | …/WRNG/GUEST_MODE 1 | a guest network: taken as off (PT's default) | pkt; off: inf |
// | host ENGINE/WIRELESS_CLIENT/WIRELESS_COMMON | the network a host joins (Config > Wireless0) | pkt |
// | host ENGINE/CELLULAR_CLIENT/WIRELESS_CLIENT | a smartphone's 3G/4G side: not Wi-Fi | pkt |
// | LAN_IP_ADDRESS, LAN_SUBNET_MASK | the home router's LAN address (its SVI) | pkt |
// | INTERNET_CONNECTION_TYPE | 0 DHCP, 1 PPPoE, 2 static | enum; pkt: 0 |
// | INTERNET_IP_ADDRESS, _SUBNET_MASK, DEFAULT_GATEWAY | a static Internet port | pkt (0.0.0.0 when DHCP) |
// | DHCP_SERVER{ENABLED, POOLS/POOL} | the LAN's pool, Server-PT's fields | pkt |
// | SINGLE_PORT_FORWARDING, DMZ_SETTINGS/STATUS | inbound forwarding (children or true: in use) | pkt (empty) |
import type { DhcpServerFacts, Wlan } from "../model/snapshot";
import { dhcpOfServerXml } from "./dhcp-config";

const SECURITY = ["open", "WEP", "WPA-PSK", "WPA", "WPA2-PSK", "WPA2"];

/** The body of each <tag …>…</tag> in order, attributes or not (indexOf: no RegExp built at run time, Qt 5.15). */
function blocks(text: string, tag: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf("<" + tag); at >= 0; at = text.indexOf("<" + tag, at + 1)) {
    const after = text.charAt(at + tag.length + 1);
    if (after !== ">" && after !== " ") continue;
    const open = text.indexOf(">", at);
    const end = text.indexOf("</" + tag + ">", open);
    // No close after this one: none after the next either (a scan per open tag was quadratic: issue 27).
    if (open < 0 || end < 0) break;
    if (text.charAt(open - 1) === "/") continue;
    out.push(text.slice(open + 1, end));
    at = end;
  }
  return out;
}

/** The first <tag>'s text, unescaped ("" when absent); trimmed unless `raw` (an SSID or key is compared as PT keeps it). */
function field(text: string, tag: string, raw?: boolean): string {
  const v = (blocks(text, tag)[0] || "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
  return raw ? v : v.trim();
}

function wlanIn(common: string): Wlan {
  const auth = SECURITY[Number(field(common, "AUTHEN_TYPE"))] || "security " + field(common, "AUTHEN_TYPE");
  return { ssid: field(common, "SSID", true), security: auth, key: auth === "open" ? "" : field(common, "KEY", true) };
}

/** An access point's or home router's networks that are on; null when the text holds none. */
export function wlansOf(xml: string): Wlan[] | null {
  const many = blocks(xml, "WIRELESS_SERVERS")[0];
  const servers = blocks(many === undefined ? xml : many, "WIRELESS_SERVER");
  if (!servers.length) return null;
  return servers
    .filter((s) => field(s, "NETWORK_MODE") !== "0" && field(s, "GUEST_MODE") !== "1")
    .map((s) => wlanIn(blocks(s, "WIRELESS_COMMON")[0] || ""));
}

/** The network a host's wireless port joins; null when the text holds no wireless client. */
export function wlanOf(xml: string): Wlan | null {
  const cellular = xml.indexOf("<CELLULAR_CLIENT>");
  const end = xml.indexOf("</CELLULAR_CLIENT>");
  const wifi = cellular < 0 || end < 0 ? xml : xml.slice(0, cellular) + xml.slice(end);
  const client = blocks(wifi, "WIRELESS_CLIENT")[0];
  return client === undefined ? null : wlanIn(blocks(client, "WIRELESS_COMMON")[0] || "");
}

export interface HomeRouter {
  lan: { ip: string; mask: string };
  /** ip "" when the address comes by DHCP or PPPoE (PT saves no lease). */
  wan: { ip: string; mask: string; gateway: string; dhcp: boolean };
  dhcp: DhcpServerFacts | "none";
  forwarding: boolean;
}

const set = (ip: string) => (ip === "0.0.0.0" ? "" : ip);

/** A home router's settings; null when the text is not a home router's (no LAN_IP_ADDRESS). */
export function homeRouterOf(xml: string): HomeRouter | null {
  if (xml.indexOf("<LAN_IP_ADDRESS>") < 0) return null;
  const statik = field(xml, "INTERNET_CONNECTION_TYPE") === "2";
  const pools = blocks(xml, "DHCP_SERVER")[0];
  return {
    lan: { ip: field(xml, "LAN_IP_ADDRESS"), mask: field(xml, "LAN_SUBNET_MASK") },
    wan: {
      ip: statik ? set(field(xml, "INTERNET_IP_ADDRESS")) : "",
      mask: statik ? set(field(xml, "INTERNET_SUBNET_MASK")) : "",
      gateway: statik ? set(field(xml, "DEFAULT_GATEWAY")) : "",
      dhcp: !statik,
    },
    // Server-PT's pool fields, one service: read as its DHCP_SERVERS block is.
    dhcp:
      pools === undefined
        ? "none"
        : dhcpOfServerXml("<DHCP_SERVERS><DHCP_SERVER>" + pools + "</DHCP_SERVER></DHCP_SERVERS>"),
    forwarding:
      /\S/.test(blocks(xml, "SINGLE_PORT_FORWARDING")[0] || "") ||
      field(blocks(xml, "DMZ_SETTINGS")[0] || "", "STATUS") === "true",
  };
}
