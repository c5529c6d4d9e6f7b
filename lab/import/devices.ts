// One DEVICE of a saved lab → one device of the simulator's TopologySpec, with
// what the link reader needs to know about its ports. Anything the simulator
// does not model is reported through `warn`, naming the device.
import type { DeviceSpec, HostSpec, RouterPortSpec, RouterSpec, SwitchPortSpec, SwitchSpec } from "../../sim/spec";
import { WIRELESS, WIRELESS_CLIENTS } from "../../src/pt/unmodeled";
import { LabFileError } from "../codec/container";
import { readServerDhcp } from "./dhcp";
import { type IosConfig, isIpv4, parseRunningConfig } from "./ios";
import { count, cutName, LIMITS } from "./limits";
import {
  type HeldDnsRecord,
  otherServices,
  readDnsServer,
  readEmailClient,
  readMailServer,
  type Warn,
} from "./services";
import { hostUnmodeled, switchUnmodeled } from "./unmodeled";
import { apWlans, hostWlan, isHomeRouter, readHomeRouter } from "./wireless";
import { child, children, textAt, type XmlElement } from "./xml";

type Kind = DeviceSpec["kind"];

/** What the file says about a device, beside its spec (the CLI prints model and power). */
export interface LabDevice {
  name: string;
  /** ENGINE/TYPE text (Pc, Router, …) and its model attribute (PC-PT, 2911, …). */
  type: string;
  model: string;
  power: boolean;
  /** SAVE_REF_ID, which links use to name their ends. */
  refId: string;
  /** null: not imported (a warning says why). */
  spec: DeviceSpec | null;
  /** Hosts: whether the port the spec uses is on (PORT/POWER). */
  hostPortUp: boolean;
  /** Routers and switches: interface state from the running-config. */
  config: IosConfig | null;
  /** DNS servers: every record as the file holds it, two for one name included (the spec keeps one). */
  dnsRecords?: HeldDnsRecord[];
}

// ENGINE/TYPE values seen in 172 decoded public files (PT 7.2–9.0.1); a
// smartphone is "Pda" (model SMARTPHONE-PT). No tablet was among them: it is
// matched on "tablet" in its type or model — unverified, in this one place.
const KINDS: { [type: string]: Kind } = {
  Pc: "pc",
  Laptop: "laptop",
  Server: "server",
  Printer: "printer",
  Router: "router",
  Switch: "switch",
  "Power Distribution Device": "power",
};
/** Devices that forward frames: kept as a layer-2 switch, with a warning. */
const AS_SWITCH: { [type: string]: string } = {
  Hub: "",
  Bridge: "",
  Repeater: "",
  MultiLayerSwitch: "",
  AccessPoint: "an access point: kept as a layer-2 switch; wireless is not modeled",
  LightWeightAccessPoint: "an access point: kept as a layer-2 switch; wireless is not modeled",
};

const HOST_PORT = /Ethernet|Fiber|Wireless|Modem/;

export function isHostSpec(spec: DeviceSpec): spec is HostSpec {
  return spec.kind === "pc" || spec.kind === "laptop" || spec.kind === "server" || spec.kind === "printer";
}

function flag(s: string): boolean {
  return s === "1" || s === "true";
}

function address(s: string): string {
  return isIpv4(s) && s !== "0.0.0.0" ? s : "";
}

/**
 * Every PORT in the ENGINE's module tree, in document order. Walked with a stack, not recursion:
 * 100,000 nested <MODULE>s overflowed the call stack (issue 27).
 */
function ports(engine: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  // Children pushed in reverse, so the first is taken first: document order.
  const stack: XmlElement[] = children(engine, "MODULE").slice().reverse();
  while (stack.length) {
    const el = stack.pop() as XmlElement;
    if (el.name === "PORT") {
      out.push(el);
      continue;
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c.name === "PORT" || c.name === "MODULE" || c.name === "SLOT") stack.push(c);
    }
  }
  return out;
}

function kindOf(type: string, model: string): { kind: Kind | null; note: string } {
  if (Object.prototype.hasOwnProperty.call(KINDS, type)) return { kind: KINDS[type], note: "" };
  if (isHomeRouter(type, model)) return { kind: "switch", note: "" }; // a multilayer switch that routes (wireless.ts)
  if (Object.prototype.hasOwnProperty.call(AS_SWITCH, type)) return { kind: "switch", note: AS_SWITCH[type] };
  if (/tablet|^pda$/i.test(type) || /tablet|smartphone/i.test(model)) {
    return { kind: "laptop", note: "a " + (model || type) + ": modeled as a laptop" };
  }
  // PT's IPC names the type eMerakiServer (Device.getType() 49 [doc]) and its catalogue the model
  // Meraki-Server; the ENGINE/TYPE text is not seen in a decoded file, so either name is matched
  // [inf]. Its services (DNS, Email) are read as a Server-PT's, under the same element names [inf].
  if (/^meraki ?server$/i.test(type) || /^meraki-server$/i.test(model)) {
    return { kind: "server", note: "a " + (model || type) + ": modeled as a Server-PT (inferred)" };
  }
  // Kept so its cables still join what they join; a path over it is "unknown" (unmodeled.ts), as in live PT.
  return {
    kind: "switch",
    note:
      (type || "its device type") + (model ? " (" + model + ")" : "") + " is not modeled: paths over it are unknown",
  };
}

function readHost(
  engine: XmlElement,
  name: string,
  kind: HostSpec["kind"],
  warn: Warn,
  held: HeldDnsRecord[],
): { spec: HostSpec; up: boolean } {
  const all = ports(engine).filter((p) => HOST_PORT.test(textAt(p, "TYPE")));
  const withIp = all.filter((p) => address(textAt(p, "IP")));
  const port = withIp[0] || all[0] || null;
  if (withIp.length > 1) warn(name, "only the first of " + withIp.length + " addressed ports is modeled");
  const wlan = port && /Wireless/.test(textAt(port, "TYPE")) ? hostWlan(engine) : null;
  if (port && /Wireless/.test(textAt(port, "TYPE")) && !wlan)
    warn(name, "its port is wireless, which is not modeled: it has no link");
  if (port && flag(textAt(port, "PC_FIREWALL"))) warn(name, "its firewall is on, which is not modeled");
  const spec: HostSpec = { name, kind };
  const ip = address(textAt(port, "IP"));
  // A wireless port whose network the file holds associates (src/model/wireless.ts).
  const unmodeled = hostUnmodeled(port, ip).filter((f) => !wlan || f !== WIRELESS);
  if (unmodeled.length) spec.unmodeled = unmodeled;
  if (wlan) spec.wireless = wlan;
  if (ip) {
    spec.ip = ip;
    spec.mask = textAt(port, "SUBNET");
  }
  // The engine-level GATEWAY and DNS_CLIENT come first: in 172 public files, 63 of 954 hosts had GATEWAY
  // set and PORT_GATEWAY empty, and none the reverse [checked here, PT 7.2–9.0.1].
  const gateway = address(textAt(engine, "GATEWAY")) || address(textAt(port, "PORT_GATEWAY"));
  const dns = address(textAt(engine, "DNS_CLIENT/SERVER_IP")) || address(textAt(port, "PORT_DNS"));
  if (gateway) spec.gateway = gateway;
  if (dns) spec.dns = dns;
  if (port && flag(textAt(port, "PORT_DHCP_ENABLE"))) {
    spec.dhcp = true;
    // PT saves no leased address: it asks again on load [pkt 8.2: zobayerdev Mid_Lab_test.pkt].
    if (!ip) warn(name, "takes its address by DHCP and the file holds none: its lease is inferred (sim/dhcp.ts)");
  }
  const email = readEmailClient(engine, name, warn);
  if (email) spec.email = email;
  if (kind === "server") {
    const mail = readMailServer(engine, name, warn);
    if (mail) spec.mailServer = mail;
    const dnsServer = readDnsServer(engine, name, warn, held);
    if (dnsServer) spec.dnsServer = dnsServer;
    const dhcpServer = readServerDhcp(engine);
    if (dhcpServer) spec.dhcpServer = dhcpServer;
    const others = otherServices(engine);
    if (others.length)
      warn(
        name,
        others.join(", ") + " " + (others.length > 1 ? "services are" : "service is") + " on but not simulated",
      );
  }
  return { spec, up: !port || textAt(port, "POWER") !== "false" };
}

function runningConfig(engine: XmlElement): IosConfig | null {
  const rc = child(engine, "RUNNINGCONFIG");
  return rc ? parseRunningConfig(children(rc, "LINE").map((l) => l.text)) : null;
}

function readRouter(name: string, config: IosConfig | null): RouterSpec {
  const spec: RouterSpec = { name, kind: "router", ports: [] };
  for (const i of config ? config.interfaces : []) {
    if (!i.ip) continue; // unaddressed ports join only when a link names them (links.ts)
    spec.ports.push(
      i.shutdown ? { ip: i.ip, mask: i.mask, name: i.name, up: false } : { ip: i.ip, mask: i.mask, name: i.name },
    );
    const helpers = config?.dhcp.helpers[i.name];
    if (helpers) spec.ports[spec.ports.length - 1].helpers = helpers;
  }
  // Router-on-a-stick: each sub-interface is a port of its own, on its VLAN.
  for (const v of config ? config.vlans.interfaces : []) {
    if (v.vlan.parent === null || !v.ip) continue;
    const port: RouterPortSpec = {
      ip: v.ip,
      mask: v.mask,
      name: v.name,
      vlan: v.vlan.native ? { id: v.vlan.id, native: true } : { id: v.vlan.id },
    };
    if (v.shutdown) port.up = false;
    if (config?.dhcp.helpers[v.name]) port.helpers = config.dhcp.helpers[v.name];
    spec.ports.push(port);
  }
  return withRoutes(spec, config);
}

/** A switch: its configured ports (cabled ones join in links.ts), SVIs, and what it routes with `ip routing`. */
function readSwitch(name: string, config: IosConfig | null, engine: XmlElement): SwitchSpec {
  const spec: SwitchSpec = { name, kind: "switch" };
  const vlans = vlanDatabase(engine);
  if (vlans) spec.vlans = vlans;
  if (!config) return spec;
  const v = config.vlans;
  const ports: SwitchPortSpec[] = [];
  for (const i of config.interfaces) {
    const port: SwitchPortSpec = { name: i.name };
    if (v.switchports[i.name]) port.switchport = v.switchports[i.name];
    if (v.routed[i.name]) port.routed = v.routed[i.name];
    if (i.shutdown) port.up = false;
    if (port.switchport || port.routed) ports.push(port); // a shut port alone is its link's state (links.ts)
  }
  if (ports.length) spec.ports = ports;
  const svis = v.interfaces.filter((x) => x.vlan.parent === null && x.ip);
  if (svis.length)
    spec.svis = svis.map((x) => {
      const svi: NonNullable<SwitchSpec["svis"]>[number] = { vlan: x.vlan.id, ip: x.ip, mask: x.mask };
      if (x.shutdown) svi.up = false;
      if (config.dhcp.helpers[x.name]) svi.helpers = config.dhcp.helpers[x.name];
      return svi;
    });
  if (!v.ipRouting) return spec;
  spec.ipRouting = true;
  return withRoutes(spec, config);
}

/** The VLAN numbers of the switch's vlan.dat (import-lab.ts keeps only the way down to them); null: none saved. */
function vlanDatabase(engine: XmlElement): number[] | null {
  const stack = children(engine, "FILE_MANAGER");
  while (stack.length) {
    const el = stack.pop() as XmlElement;
    if (el.name === "FILE_CONTENT" && el.attrs.class === "CVlanDatFileContent") {
      const vlans = children(child(el, "VLANS"), "VLAN").map((v) => Number(v.attrs.number));
      return vlans.filter((n) => n >= 1 && n <= 4094);
    }
    for (const c of el.children) stack.push(c);
  }
  return null;
}

function withRoutes<T extends RouterSpec | SwitchSpec>(spec: T, config: IosConfig | null): T {
  const dhcp = config?.dhcp.server;
  if (dhcp && dhcp !== "none")
    spec.dhcpServer = dhcp.excluded.length
      ? { on: true, pools: dhcp.pools, excluded: dhcp.excluded }
      : { on: true, pools: dhcp.pools };
  if (config?.staticRoutes.length) spec.staticRoutes = config.staticRoutes;
  if (config?.routedNetworks.length) spec.routedNetworks = config.routedNetworks;
  return spec;
}

/**
 * A device without a name in the file (PT saved an access point with an empty <NAME>
 * [pkt: issue 20]) is called "(unnamed #N)", N its place in the file, so its
 * links still join; parentheses keep it apart from any name PT's own dialog
 * would make. Without <ENGINE> or <TYPE> it is not imported. Either way, one
 * odd device is a warning, never a refused file.
 */
export function readDevice(device: XmlElement, index: number, warn: Warn): LabDevice {
  // Refused rather than cut: every device read is kept, so more would be memory without bound.
  if (index >= LIMITS.devices)
    throw new LabFileError("the lab has more than " + count(LIMITS.devices) + " devices, the most that is read");
  const engine = child(device, "ENGINE");
  const typeEl = child(engine, "TYPE");
  const place = "device #" + (index + 1);
  const named = textAt(engine, "NAME");
  const name = named.trim() ? cutName(named, place + "'s name", (m) => warn("", m)) : "(unnamed #" + (index + 1) + ")";
  const model = cutName(typeEl ? typeEl.attrs.model || "" : "", "its model", (m) => warn(name, m));
  if (device.cut) warn(name, device.cut);
  if (!engine || !typeEl) {
    warn(name, place + " has no " + (!engine ? "<ENGINE>" : "<TYPE>") + ": not imported");
    const refId = textAt(engine, "SAVE_REF_ID");
    return { name, type: "", model, power: true, refId, spec: null, hostPortUp: true, config: null };
  }
  if (!textAt(engine, "NAME").trim()) {
    const what = child(engine, "NAME") ? "an empty <NAME>" : "no <NAME>";
    warn(name, place + (model ? " (" + model + ")" : "") + " has " + what + "; named by its place in the file");
  }
  const type = cutName(typeEl.text.trim(), "its type", (m) => warn(name, m));
  const power = textAt(engine, "POWER") !== "false";
  const lab: LabDevice = {
    name,
    type,
    model,
    power,
    refId: textAt(engine, "SAVE_REF_ID"),
    spec: null,
    hostPortUp: true,
    config: null,
  };
  const { kind, note } = kindOf(type, model);
  // An access point whose networks the file holds is modeled (wireless.ts); a lightweight one's come from a WLC.
  const wlans = type === "AccessPoint" ? apWlans(engine) : null;
  if (note && !wlans) warn(name, note);
  if (!kind) return lab;
  if (kind === "pc" || kind === "laptop" || kind === "server" || kind === "printer") {
    const held: HeldDnsRecord[] = [];
    const host = readHost(engine, name, kind, warn, held);
    if (host.spec.dnsServer) lab.dnsRecords = held;
    lab.spec = host.spec;
    lab.hostPortUp = host.up;
  } else if (kind === "router" || kind === "switch") {
    lab.config = runningConfig(engine);
    if (lab.config?.unmodeled.length) warn(name, "not modeled: " + lab.config.unmodeled.join(", "));
    lab.spec = kind === "router" ? readRouter(name, lab.config) : readSwitch(name, lab.config, engine);
    const home = isHomeRouter(type, model) ? readHomeRouter(name, engine) : null;
    if (home) lab.spec = home;
    if (home?.unmodeled) warn(name, "not modeled: " + home.unmodeled.join(", "));
    if (wlans) (lab.spec as SwitchSpec).wireless = wlans;
    const unmodeled = (kind === "switch" && !home ? switchUnmodeled(type) : [])
      .filter((f) => !wlans || f !== WIRELESS_CLIENTS)
      .concat(lab.config?.unmodeled || [], home?.unmodeled || []);
    if (unmodeled.length) lab.spec.unmodeled = unmodeled;
  } else {
    lab.spec = { name, kind };
  }
  if (!power && lab.spec) lab.spec.power = false;
  return lab;
}
