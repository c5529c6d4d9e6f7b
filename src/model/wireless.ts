// Wireless (issue 20, item 3). A host whose SSID, security mode and key match a
// network of an access point or home router is associated with it: a link like
// a cable from its port to the AP's WIRELESS side (LinkFacts.ssid), so the LAN
// code floods across it unchanged. When several APs match, PT joins the one in
// range, which the model cannot tell: unknown [inf]. A home router's
// NAT: a way from its LAN out of its Internet port takes that port's address,
// so the reply comes back to it; a way from outside into its LAN is refused
// (no port forwarding: a forwarded port makes the device "unknown", unmodeled.ts).
import type { DeviceFacts, LinkFacts, PortFacts, Wlan } from "./snapshot";

/** What this file needs of a Topology and a path (topology.ts and lan.ts import this file: no circle). */
interface Linked {
  snapshot: { devices: DeviceFacts[] };
  linksAt(device: string, port: string): readonly unknown[];
}
type Hop = { kind: string; device?: DeviceFacts; port?: PortFacts };

/** The port an access point's or home router's radios are, in the model: every association ends there. */
export const WIRELESS = "Wireless";

/** Whether a client with settings `c` joins network `n`: SSID, security mode and key all equal [inf: PT]. */
export const joins = (c: Wlan, n: Wlan): boolean => c.ssid === n.ssid && c.security === n.security && c.key === n.key;

/** RADIUS (WPA/WPA2 Enterprise) needs a server the model does not follow. */
const enterprise = (w: Wlan): boolean => /^WPA2?$/.test(w.security);

const offering = (devices: DeviceFacts[], c: Wlan): DeviceFacts[] =>
  devices.filter((ap) => (ap.wlans || []).some((n) => joins(c, n)));

/** The associations of a snapshot's wireless hosts (`portOf`: the port a host sends from). */
export function associations(devices: DeviceFacts[], portOf: (d: DeviceFacts) => PortFacts | null): LinkFacts[] {
  const out: LinkFacts[] = [];
  for (const d of devices) {
    const c = d.wlan;
    const port = c && !enterprise(c) ? portOf(d) : null;
    const aps = c && port ? offering(devices, c) : [];
    // Several APs offer it: PT joins the one in range, which the model does not know (unassociated()).
    if (c && port && aps.length === 1)
      out.push({
        a: { device: d.name, port: port.name },
        b: { device: aps[0].name, port: WIRELESS },
        up: true,
        ssid: c.ssid,
      });
  }
  return out;
}

type Miss = { kind: "fail"; cause: string; fix: string } | { kind: "unknown"; what: string };

/** Why a wireless host joins no network, or null (it does, or it is not wireless). */
export function unassociated(topo: Linked, d: DeviceFacts, port: PortFacts): Miss | null {
  const c = d.wlan;
  if (c === undefined || topo.linksAt(d.name, port.name).length) return null;
  if (c === null) return { kind: "unknown", what: `${d.name}'s wireless settings could not be read` };
  if (enterprise(c))
    return { kind: "unknown", what: `${d.name} joins ${c.ssid} with ${c.security} Enterprise (RADIUS), not modeled` };
  const aps = topo.snapshot.devices.filter((x) => x.wlans !== undefined);
  const unread = aps.filter((x) => x.wlans === null)[0];
  if (unread) return { kind: "unknown", what: `${unread.name}'s wireless networks could not be read` };
  const both = offering(aps, c);
  if (both.length > 1)
    return {
      kind: "unknown",
      what: `${d.name} can join ${both.map((x) => x.name).join(" or ")}: PT joins the one in range (not modeled)`,
    };
  // An access point whose networks are not read (a lightweight one, a WLC's) may be the one it joins.
  const other = topo.snapshot.devices.filter((x) => /wireless clients|device type/.test((x.unmodeled || []).join()))[0];
  if (other) return { kind: "unknown", what: `whether ${d.name} joins ${other.name}'s network (not modeled)` };
  const where = `(Config > ${port.name})`;
  for (const ap of aps) {
    const n = (ap.wlans || []).filter((x) => x.ssid === c.ssid)[0];
    if (!n) continue;
    const what = n.security === c.security ? "key" : `security (${c.security})`;
    return {
      kind: "fail",
      cause: `${d.name}'s ${what} for SSID ${c.ssid} does not match ${ap.name}'s (${n.security})`,
      fix: `set ${d.name}'s ${n.security === c.security ? "key" : "security to " + n.security + " and its key"} to ${ap.name}'s ${where}`,
    };
  }
  const ap = aps[0];
  if (!ap)
    return {
      kind: "fail",
      cause: `${d.name}'s port is wireless and no access point or wireless router is in the lab`,
      fix: `add one with SSID ${c.ssid}, or cable ${d.name}`,
    };
  const ssids = (ap.wlans || []).map((n) => n.ssid);
  return {
    kind: "fail",
    cause: `${d.name}'s SSID ${c.ssid} does not match ${ap.name}'s (SSID ${ssids.join(", ") || "none on"})`,
    fix: ssids.length ? `set ${d.name}'s SSID to ${ssids[0]} and its key ${where}` : `turn on ${ap.name}'s radio`,
  };
}

/**
 * What a way's NAT does: the address its replies go to (the last home router's Internet port it left by), or a
 * failure when it enters a home router's LAN from outside; null: no NAT on the way.
 */
export function natOn(path: Hop[]): { ip: string } | { cause: string; fix: string } | null {
  let out: { ip: string } | null = null;
  for (let i = 0; i + 1 < path.length; i++) {
    const next = path[i + 1];
    const port = path[i].port;
    const d = path[i].device;
    if (path[i].kind !== "port" || !port || !d || port.nat !== "outside") continue;
    if (next.kind === "link") out = { ip: (port.ip || "").trim() };
    else if (next.kind === "port" && next.device === d)
      return {
        cause: `${d.name} translates its LAN's addresses (NAT) on ${port.name}: nothing outside opens a connection to its LAN`,
        fix: `forward the port to the host on ${d.name} (Single Port Forwarding), or move the host outside`,
      };
  }
  return out;
}
