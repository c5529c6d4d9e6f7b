// What a device's configuration says beyond its addresses, for the lab reader
// (lab-reader.ts): its DHCP pools (pt/dhcp-config.ts) and the features the
// model does not cover (pt/unmodeled.ts), each null when PT would not give it.
import type { DeviceFacts, DeviceKind, PortFacts } from "./model/snapshot";
import { hostPort } from "./model/topology";
import { ACCESS_POINTS } from "./pt/answers";
import { type dhcpOfConfig, dhcpOfServerXml } from "./pt/dhcp-config";
import { configLinesOf, HOST_FIREWALL, unmodeledOf, WIRELESS, WIRELESS_CLIENTS } from "./pt/unmodeled";

/** A router's pools from its configuration, a Server-PT's from its XML; null when that could not be read. */
export function dhcpAt(
  kind: DeviceKind | null,
  xml: string | null,
  ios: ReturnType<typeof dhcpOfConfig> | null,
): DeviceFacts["dhcpServer"] {
  if (kind !== "router" && kind !== "server") return "none";
  if (xml === null) return null;
  return ios ? ios.server : dhcpOfServerXml(xml);
}

/**
 * What the model does not cover on the device (pt/unmodeled.ts): a router's or switch's configuration
 * (null when it could not be read), an access point's wireless side, a host's wireless port or firewall
 * (`hostPorts`: a host's ports, null for other kinds).
 */
export function unmodeledAt(
  kind: DeviceKind | null,
  type: unknown,
  hostPorts: PortFacts[] | null,
  xml: string | null,
  firewall: boolean,
): string[] | null {
  const out: string[] = [];
  if (kind === "router" || kind === "switch") {
    if (xml === null) return null;
    if (ACCESS_POINTS.indexOf(type as number) >= 0) out.push(WIRELESS_CLIENTS);
    return out.concat(unmodeledOf(configLinesOf(xml) || []));
  }
  const port = hostPorts ? hostPort({ ports: hostPorts } as DeviceFacts) : null;
  if (port && /^Wireless/i.test(port.name)) out.push(WIRELESS);
  if (firewall) out.push(HOST_FIREWALL);
  return out;
}
