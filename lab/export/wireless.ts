// Wireless as PT saves it, for the project's fixture labs: an access point
// (AccessPoint-PT) and a home router (HomeRouter-PT-AC) with their networks
// and settings, a wireless host's client (sim/wireless-xml.ts builds the
// elements; lab/import/wireless.ts reads them back).
import type { DeviceSpec, HostSpec } from "../../sim/spec";
import { clientXml, homeOf, homeXml, serversXml } from "../../sim/wireless-xml";
import type { Node } from "./xml-writer";

/** ENGINE/TYPE and model of an access point or home router [pkt: both seen in decoded labs]. */
export function wirelessType(spec: DeviceSpec): { type: string; model: string } | null {
  if (spec.kind !== "switch") return null;
  if (spec.home) return { type: "WirelessRouterNewGeneration", model: "HomeRouter-PT-AC" };
  return spec.wireless ? { type: "AccessPoint", model: "AccessPoint-PT" } : null;
}

/** The ENGINE children after SAVE_REF_ID: a host's WIRELESS_CLIENT, an AP's or home router's settings. */
export function wirelessEngine(spec: DeviceSpec): Node[] {
  if (spec.kind === "switch") {
    if (!spec.wireless) return [];
    const internet = (spec.ports || []).filter((p) => p.name === "Internet" && p.routed)[0];
    const home = homeOf({
      svis: spec.svis || [],
      internet: internet?.routed || null,
      staticRoutes: spec.staticRoutes || [],
      dhcp: spec.dhcpServer || null,
      unmodeled: spec.unmodeled || [],
    });
    return serversXml(spec.wireless).concat(spec.home ? homeXml(home) : []);
  }
  const host = spec as HostSpec;
  return host.wireless ? clientXml(host.wireless) : [];
}
