// What a saved lab's host uses that the model does not cover, in the labels
// of src/pt/unmodeled.ts (the IPC reader names the same): a wireless port
// (its association to an access point is no cable, so no link), its own
// firewall, or IPv6 addresses without an IPv4 one. Routers' and switches'
// features come from their running configuration (ios.ts).
import { HOST_FIREWALL, WIRELESS, WIRELESS_CLIENTS } from "../../src/pt/unmodeled";
import { child, textAt, type XmlElement } from "./xml";

/** Port TYPE eHostWirelessN/G/AC [pkt 7.2–9.0.1, decoded here]; PC_FIREWALL; IPV6_ADDRESSES [pkt 8.x]. */
export function hostUnmodeled(port: XmlElement | null, ipv4: string): string[] {
  const out: string[] = [];
  if (!port) return out;
  if (/Wireless/.test(textAt(port, "TYPE"))) out.push(WIRELESS);
  if (/^(1|true)$/.test(textAt(port, "PC_FIREWALL"))) out.push(HOST_FIREWALL);
  const v6 = child(port, "IPV6_ADDRESSES");
  if (!ipv4 && v6 && v6.children.length) out.push("IPv6-only addressing");
  return out;
}

/** ENGINE/TYPE of the devices kept as a switch that forward frames as one (devices.ts AS_SWITCH). */
const SWITCHES = /^(Switch|Hub|Bridge|Repeater|MultiLayerSwitch)$/;

/**
 * What a device kept as a switch does beyond it: an access point's wireless clients; any other kind
 * (a wireless or home router, a cloud, an IP phone, an ASA…) is itself not modeled, as the IPC reader
 * finds it (kind null).
 */
export function switchUnmodeled(type: string): string[] {
  if (/AccessPoint/.test(type)) return [WIRELESS_CLIENTS];
  return SWITCHES.test(type) ? [] : ["device type " + (type || "unknown")];
}
