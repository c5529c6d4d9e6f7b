// NETWORK/LINKS → the spec's links. A LINK's CABLE names its ends by the
// devices' SAVE_REF_ID and its ports by IOS name (FROM, PORT, TO, PORT;
// research/pt-labs-and-fidelity.md C3). A link is up when both of its ports
// are: a host port by PORT/POWER, a router or switch port by `shutdown`.
import type { DeviceSpec, LinkSpec, RouterSpec } from "../../sim/spec";
import type { LabDevice } from "./devices";
import type { Warn } from "./services";
import { child, children, textAt, type XmlElement } from "./xml";

/** Cables that carry Ethernet or serial traffic; console (roll-over), phone, coaxial, wireless… do not. */
function carriesTraffic(link: XmlElement): boolean {
  const type = textAt(link, "TYPE");
  if (type === "eCopper") return textAt(link, "CABLE/TYPE") !== "eRollOver";
  return type === "eFiber" || type === "eSerial";
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
    let i = ports.findIndex((p) => p.name === port);
    const iface = device.config ? device.config.interfaces.filter((x) => x.name === port)[0] : undefined;
    if (i < 0) {
      // A cabled port without an address still joins the router's ports, so the cable has an end.
      ports.push(iface?.shutdown ? { ip: "", mask: "", name: port, up: false } : { ip: "", mask: "", name: port });
      i = ports.length - 1;
    }
    return { text: device.name + ":" + i, up: ports[i].up !== false };
  }
  if (spec.kind === "switch") {
    const iface = device.config ? device.config.interfaces.filter((x) => x.name === port)[0] : undefined;
    return { text: device.name, up: !iface?.shutdown };
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
  for (const link of children(links, "LINK")) {
    const cable = child(link, "CABLE");
    const ports = children(cable, "PORT").map((p) => p.text);
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
