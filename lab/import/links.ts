// NETWORK/LINKS → the spec's links. A LINK's CABLE names its ends by the
// devices' SAVE_REF_ID and its ports by IOS name (FROM, PORT, TO, PORT;
// research/pt-labs-and-fidelity.md C3). A link is up when both of its ports
// are: a host port by PORT/POWER, a router or switch port by `shutdown`.
import type { DeviceSpec, LinkSpec, RouterSpec } from "../../sim/spec";
import type { LabDevice } from "./devices";
import { count, cutName, LIMITS } from "./limits";
import type { Warn } from "./services";
import { child, children, textAt, type XmlElement } from "./xml";

/** Cables that carry Ethernet or serial traffic; console (roll-over), phone, coaxial, wireless… do not. */
function carriesTraffic(link: XmlElement): boolean {
  const type = textAt(link, "TYPE");
  if (type === "eCopper") return textAt(link, "CABLE/TYPE") !== "eRollOver";
  return type === "eFiber" || type === "eSerial";
}

/** Names indexed once per list, and again only for what was pushed since: a scan per link was quadratic (issue 27). */
const indexes = new WeakMap<object, { at: Map<string, number>; upTo: number }>();

/** The first entry named `name` in a list that only grows, or -1. */
function indexByName(list: { name?: string }[], name: string): number {
  const index = indexes.get(list) || { at: new Map<string, number>(), upTo: 0 };
  indexes.set(list, index);
  for (; index.upTo < list.length; index.upTo++) {
    const n = list[index.upTo].name;
    if (n !== undefined && !index.at.has(n)) index.at.set(n, index.upTo);
  }
  const i = index.at.get(name);
  return i === undefined ? -1 : i;
}

function interfaceNamed(device: LabDevice, port: string) {
  return device.config ? device.config.interfaces[indexByName(device.config.interfaces, port)] : undefined;
}

interface End {
  device: LabDevice;
  port: string;
}

/** The spec's name for this end ("R1:2", or a bare name), whether its port is up, and the host it uses; null to drop the link. */
function endpoint(
  end: End,
  hostLinked: Set<LabDevice>,
  warn: Warn,
): { text: string; up: boolean; host?: LabDevice } | null {
  const { device, port } = end;
  const spec = device.spec as DeviceSpec;
  if (/:\d+$/.test(device.name)) {
    warn(
      device.name,
      "a name ending in ':<digits>' cannot be cabled in the simulator; its link on " + port + " is dropped",
    );
    return null;
  }
  if (spec.kind === "router") {
    const ports = (spec as RouterSpec).ports;
    let i = indexByName(ports, port);
    const iface = interfaceNamed(device, port);
    if (i < 0) {
      // A cabled port without an address still joins the router's ports, so the cable has an end.
      ports.push(iface?.shutdown ? { ip: "", mask: "", name: port, up: false } : { ip: "", mask: "", name: port });
      i = ports.length - 1;
    }
    return { text: device.name + ":" + i, up: ports[i].up !== false };
  }
  if (spec.kind === "switch") {
    // A configured port (devices.ts: VLANs, routed, shut down) by its name; the others as IOS's default,
    // named by the order they are cabled.
    const i = spec.ports ? indexByName(spec.ports, port) : -1;
    const iface = interfaceNamed(device, port);
    return { text: device.name + (i < 0 ? "" : ":" + i), up: !iface?.shutdown };
  }
  if (spec.kind === "power") {
    warn(device.name, "a cable to a power distribution device is not modeled");
    return null;
  }
  // Hosts have one modeled port; a second cable would bridge two segments through the host.
  if (hostLinked.has(device)) {
    warn(device.name, "only its first cable is modeled; the one on " + port + " is dropped");
    return null;
  }
  return { text: device.name, up: device.hostPortUp, host: device };
}

export function readLinks(links: XmlElement | null, devices: LabDevice[], warn: Warn): LinkSpec[] {
  const byRef = new Map<string, LabDevice>();
  for (const d of devices) if (d.refId) byRef.set(d.refId, d);
  const hostLinked = new Set<LabDevice>();
  const out: LinkSpec[] = [];
  const all = children(links, "LINK");
  if (links?.cut) warn("", links.cut);
  if (all.length > LIMITS.links)
    warn("", "the lab has " + count(all.length) + " links; the first " + count(LIMITS.links) + " are read");
  for (const link of all.slice(0, LIMITS.links)) {
    const cable = child(link, "CABLE");
    const ports = children(cable, "PORT").map((p) => cutName(p.text, "a cable's port name", (m) => warn("", m)));
    // Files before SAVE_REF_ID existed named ends by device index (not seen in 7.2+ files; kept as a fallback).
    const find = (ref: string) => byRef.get(ref) || (/^\d+$/.test(ref) ? devices[Number(ref)] : undefined);
    const a = find(textAt(cable, "FROM")),
      b = find(textAt(cable, "TO"));
    if (!a || !b || ports.length !== 2) {
      warn(
        "",
        "a link whose ends cannot be found is dropped (" +
          (textAt(cable, "FROM") || "?") +
          " — " +
          (textAt(cable, "TO") || "?") +
          ")",
      );
      continue;
    }
    const label = a.name + " " + ports[0] + " — " + b.name + " " + ports[1];
    if (!carriesTraffic(link)) {
      warn(
        a.name,
        "the " +
          (textAt(cable, "TYPE") || textAt(link, "TYPE")).replace(/^e/, "") +
          " cable " +
          label +
          " is not modeled",
      );
      continue;
    }
    if (!a.spec || !b.spec) {
      warn((a.spec ? b : a).name, "not imported, so its cable " + label + " is dropped");
      continue;
    }
    const ea = endpoint({ device: a, port: ports[0] }, hostLinked, warn);
    const eb = ea && endpoint({ device: b, port: ports[1] }, hostLinked, warn);
    if (!ea || !eb) continue;
    for (const e of [ea, eb]) if (e.host) hostLinked.add(e.host);
    const up = ea.up && eb.up && textAt(cable, "FUNCTIONAL") !== "false";
    out.push(up ? [ea.text, eb.text] : [ea.text, eb.text, { up: false }]);
  }
  return out;
}
