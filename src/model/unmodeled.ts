// What the model does not cover stands on the devices that use it
// (DeviceFacts.unmodeled, filled by the lab importer and the IPC reader from
// one table, src/pt/unmodeled.ts). A way that crosses such a device is
// "unknown", naming the feature and the device, never a confident failure or
// delivery (issue 20, item 5).
import type { Lan } from "./lan";
import type { DeviceFacts } from "./snapshot";

/**
 * Features that change who answers on a LAN (its members, its gateway: a VLAN, an SVI, an HSRP
 * address, a wireless client), so a miss on that LAN is in doubt; the others (ACLs, NAT…) matter
 * only on a device the way crosses.
 */
const LAN_WIDE = /VLAN|HSRP|EtherChannel|wireless|secondary|layer 3|DHCP|device type/;
/**
 * Of those, the ones that leave a way through the device as modeled: an access point bridges its cable like a switch;
 * a home router whose Internet address came by DHCP (not saved) routes its LAN.
 */
const ANSWERS_ONLY = /clients|HSRP|Internet/;

/** What one way met: the devices it crossed or ended at, and the LANs it looked across. */
export interface Trace {
  crossed: DeviceFacts[];
  lans: Lan[];
}

/**
 * Why the way's answer cannot be trusted, or null. A way that stands is in doubt when a device it
 * crossed uses something not modeled; a way that fails also when a LAN it looked across holds a
 * device whose feature could make the missing answer (a VLAN's gateway, an HSRP address).
 */
export function unmodeledOn(t: Trace, stands: boolean, way: () => string): string | null {
  const odd = (d: DeviceFacts, wide: boolean): string | null => {
    // "…: DSW1 uses VLANs": the tail after ": " is what pairs over the device share (matrix.ts causeKey).
    if (d.unmodeled === null) return `${way()} meets ${d.name}: ${d.name}'s configuration could not be read`;
    const features = (d.unmodeled || []).filter((f) => (wide ? LAN_WIDE.test(f) : !ANSWERS_ONLY.test(f)));
    const where = wide ? "fails on a LAN with" : d === t.crossed[0] ? "starts at" : "crosses";
    return features.length ? `${way()} ${where} ${d.name}: ${d.name} uses ${features.join(", ")} (not modeled)` : null;
  };
  for (const d of t.crossed) {
    const why = odd(d, false);
    if (why) return why;
  }
  if (stands) return null;
  // A device of a kind not modeled (an IP phone) explains a miss less than a VLAN or an HSRP address: named last.
  let last: string | null = null;
  for (const lan of t.lans)
    for (const d of lan.devices) {
      const why = odd(d, true);
      if (why && why.indexOf(" uses device type") < 0) return why;
      last = last || why;
    }
  return last;
}
