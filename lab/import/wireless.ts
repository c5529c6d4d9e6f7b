// Wireless in a saved lab, read by the same parser as live PT's
// serializeToXml() (src/pt/wireless-config.ts, with the evidence per field):
// an access point's networks, a wireless host's client settings, and a home
// router kept as the multilayer switch it is (sim/spec.ts SwitchSpec `home`).
import type { SwitchSpec } from "../../sim/spec";
import type { Wlan } from "../../src/model/snapshot";
import { DHCP_INTERNET, PORT_FORWARDING } from "../../src/pt/unmodeled";
import { homeRouterOf, wlanOf, wlansOf } from "../../src/pt/wireless-config";
import { escapeText } from "../export/xml-writer";
import { child, type XmlElement } from "./xml";

/** ENGINE/TYPE or model of a home router [pkt: WirelessRouterNewGeneration, HomeRouter-PT-AC; inf: WRT300N's]. */
export function isHomeRouter(type: string, model: string): boolean {
  return /^WirelessRouter(NewGeneration)?$/.test(type) || /^(HomeRouter|Linksys-WRT300N)/i.test(model);
}

/** The element back as XML text, for the parser that reads live PT's. */
function textOf(el: XmlElement): string {
  const body = el.children.length ? el.children.map(textOf).join("") : escapeText(el.text);
  return "<" + el.name + ">" + body + "</" + el.name + ">";
}

const engineText = (engine: XmlElement, names: string[]): string =>
  engine.children
    .filter((c) => names.indexOf(c.name) >= 0)
    .map(textOf)
    .join("");

/** A wireless host's network (ENGINE/WIRELESS_CLIENT; a smartphone's cellular one is inside CELLULAR_CLIENT). */
export function hostWlan(engine: XmlElement): Wlan | null {
  const c = child(engine, "WIRELESS_CLIENT");
  return c ? wlanOf(textOf(c)) : null;
}

/** An access point's networks, null when the file holds none. */
export function apWlans(engine: XmlElement): Wlan[] | null {
  return wlansOf(engineText(engine, ["WIRELESS_SERVER", "WIRELESS_SERVERS"]));
}

/** A home router, or null when the file holds no LAN address for it. */
export function readHomeRouter(name: string, engine: XmlElement): SwitchSpec | null {
  const h = homeRouterOf(
    engineText(engine, [
      "LAN_IP_ADDRESS",
      "LAN_SUBNET_MASK",
      "INTERNET_CONNECTION_TYPE",
      "INTERNET_IP_ADDRESS",
      "INTERNET_SUBNET_MASK",
      "DEFAULT_GATEWAY",
      "DHCP_SERVER",
      "SINGLE_PORT_FORWARDING",
      "DMZ_SETTINGS",
    ]),
  );
  if (!h) return null;
  const spec: SwitchSpec = {
    name,
    kind: "switch",
    ports: [{ name: "Internet", routed: { ip: h.wan.ip, mask: h.wan.mask } }],
    svis: [{ vlan: 1, ip: h.lan.ip, mask: h.lan.mask }],
    ipRouting: true,
    home: true,
    wireless: apWlans(engine) || [],
  };
  if (h.wan.gateway) spec.staticRoutes = [{ network: "0.0.0.0", mask: "0.0.0.0", nextHop: h.wan.gateway }];
  if (h.dhcp !== "none" && h.dhcp.on) spec.dhcpServer = { on: true, pools: h.dhcp.pools };
  const odd = (h.wan.dhcp ? [DHCP_INTERNET] : []).concat(h.forwarding ? [PORT_FORWARDING] : []);
  if (odd.length) spec.unmodeled = odd;
  return spec;
}
