// What the lab reader (lab-reader.ts) takes from a wireless device's XML
// (serializeToXml(), src/pt/wireless-config.ts): an access point's networks, a
// wireless host's client settings, and a home router as the multilayer switch
// it is: an SVI Vlan1 with its LAN address, its Ethernet ports in VLAN 1, a
// routed Internet port behind NAT with a default route, and its DHCP pool.
// A device whose XML holds no such settings keeps its "not modeled" label.
import type { DeviceFacts } from "./model/snapshot";
import { hostPort } from "./model/topology";
import { WIRELESS } from "./model/wireless";
import { ACCESS_POINTS, HOME_ROUTERS } from "./pt/answers";
import { DHCP_INTERNET, PORT_FORWARDING, WIRELESS_CLIENTS, WIRELESS as WIRELESS_HOST } from "./pt/unmodeled";
import { homeRouterOf, wlanOf, wlansOf } from "./pt/wireless-config";

/** The port PT names a home router's WAN side [inf: the Linksys pages' "Internet" label]. */
export const INTERNET = "Internet";

const drop = (d: DeviceFacts, label: string) => {
  if (d.unmodeled) d.unmodeled = d.unmodeled.filter((f) => f !== label);
};

/** `xml` null: it could not be read (every fact it holds is then null). */
export function wirelessAt(d: DeviceFacts, type: unknown, xml: string | null): void {
  const home = HOME_ROUTERS.indexOf(type as number) >= 0;
  if (d.kind !== "switch") {
    const port = hostPort(d);
    const wlan = xml === null ? null : wlanOf(xml);
    if (!port || !/^Wireless/i.test(port.name) || (xml !== null && !wlan)) return;
    d.wlan = wlan;
    drop(d, WIRELESS_HOST);
    return;
  }
  // A lightweight AP (44) takes its networks from a wireless LAN controller: not modeled.
  if (!home && (ACCESS_POINTS.indexOf(type as number) < 0 || type === 44)) return;
  const wlans = xml === null ? null : wlansOf(xml);
  if (xml !== null && !wlans && !home) return;
  d.wlans = wlans;
  drop(d, WIRELESS_CLIENTS);
  if (d.ports) d.ports.push({ name: WIRELESS, ip: "", mask: "", up: true, dhcp: false });
  if (home) homeRouterAt(d, xml);
}

function homeRouterAt(d: DeviceFacts, xml: string | null): void {
  const h = xml === null ? null : homeRouterOf(xml);
  d.layer3 = true;
  if (!h) {
    d.routing = null;
    d.dhcpServer = null;
    return;
  }
  for (const p of d.ports || [])
    if (p.name === INTERNET) Object.assign(p, { ip: h.wan.ip, mask: h.wan.mask, routed: true, nat: "outside" });
  if (d.ports)
    d.ports.push({
      name: "Vlan1",
      ip: h.lan.ip,
      mask: h.lan.mask,
      up: true,
      dhcp: false,
      vlan: { id: 1, parent: null, native: false },
    });
  const gw = h.wan.gateway;
  d.routing = { staticRoutes: gw ? [{ network: "0.0.0.0", mask: "0.0.0.0", nextHop: gw }] : [], routedNetworks: [] };
  d.dhcpServer = h.dhcp;
  if (d.unmodeled && h.wan.dhcp) d.unmodeled.push(DHCP_INTERNET);
  if (d.unmodeled && h.forwarding) d.unmodeled.push(PORT_FORWARDING);
}
