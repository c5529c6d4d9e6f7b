// A TopologySpec → PT-shaped lab XML, with the element structure PT writes
// (research/pt-labs-and-fidelity.md C3; aacanadaa docs/ACTIVITY.md for .pka):
// enough for lab/import to read back, and for the project's fixtures. It is
// not a complete PT save (no physical workspace, options, file manager…), so
// PT itself may refuse it: unverified.

import { accessGroupLines, aclLines } from "../../sim/acl-lines";
import type {
  DeviceSpec,
  HostSpec,
  LinkSpec,
  RouterSpec,
  SwitchPortSpec,
  SwitchSpec,
  TopologySpec,
} from "../../sim/spec";
import { switchportLines } from "../../sim/switchport-lines";
import { unmodeledConfig } from "../../sim/unmodeled-config";
import type { LabKind } from "../codec/lab-file";
import { routerDhcpLines, serverDhcp } from "./dhcp";
import { dnsServer, emailClient, emailServer } from "./services";
import { wirelessEngine, wirelessType } from "./wireless";
import { el, type Node, writeXml } from "./xml-writer";

/** The version written into exported files: the one the container was reversed from (FORMAT.md). */
export const EXPORT_PT_VERSION = "9.0.1.0858";

/** ENGINE/TYPE and model per kind, as in real files (and sim/device.ts). */
const TYPES: { [kind in DeviceSpec["kind"]]: { type: string; model: string } } = {
  pc: { type: "Pc", model: "PC-PT" },
  laptop: { type: "Laptop", model: "Laptop-PT" },
  server: { type: "Server", model: "Server-PT" },
  printer: { type: "Printer", model: "Printer-PT" },
  router: { type: "Router", model: "2911" },
  switch: { type: "Switch", model: "2960-24TT" },
  power: { type: "Power Distribution Device", model: "Power Distribution Device" },
};

/** A switch that routes or has SVIs or routed ports is saved as PT's multilayer switch. */
const MULTILAYER = { type: "MultiLayerSwitch", model: "3560-24PS" };

function isMultilayer(spec: DeviceSpec): boolean {
  return spec.kind === "switch" && !!(spec.ipRouting || spec.svis?.length || spec.ports?.some((p) => p.routed));
}

/**
 * What a fixture writes beyond its TopologySpec: forms PT saves that a spec
 * cannot hold, so the importer's handling of them has labs to be tested on.
 */
export interface ExportOddities {
  /** ENGINE/TYPE text and model written instead of the kind's (an access point kept as a switch, a Meraki server). */
  types?: { [device: string]: { type: string; model: string } };
  /** Devices whose <NAME> is written empty, as in a lab PT saved with an unnamed access point (issue 20). */
  unnamed?: string[];
  /** DNS A records written after the spec's, per server: a second record for one name. */
  moreRecords?: { [device: string]: { name: string; address: string }[] };
}

interface PortState {
  name: string;
  type: string;
  up: boolean;
}

/** A link's two ends: device indexes and port names; `functional` false only for a down router-to-router cable. */
interface LinkEnds {
  a: number;
  pa: string;
  b: number;
  pb: string;
  functional: boolean;
}

function routerPortName(spec: RouterSpec, i: number): string {
  const p = spec.ports[i];
  return p?.name || "GigabitEthernet0/" + i;
}

function isHost(spec: DeviceSpec): spec is HostSpec {
  return spec.kind === "pc" || spec.kind === "laptop" || spec.kind === "server" || spec.kind === "printer";
}

function modules(ports: PortState[]): Node {
  return el("MODULE", [
    el("TYPE", "eNonRemovableModule"),
    el("MODEL"),
    el("SLOT", [
      el("TYPE", "ePtHostModule"),
      el("MODULE", [
        el("TYPE", "ePtHostModule"),
        el("MODEL"),
        ...ports.map((p) => el("PORT", [el("TYPE", p.type), el("POWER", p.up ? "true" : "false")])),
      ]),
    ]),
  ]);
}

function hostEngine(spec: HostSpec, port: PortState): Node[] {
  const ip = spec.ip || "";
  const has = (feature: string) => (spec.unmodeled || []).indexOf(feature) >= 0;
  const portEl = el("PORT", [
    el("TYPE", has("wireless") || spec.wireless ? "eHostWirelessN" : "eCopperFastEthernet"),
    el("POWER", port.up ? "true" : "false"),
    el("IP", ip),
    el("SUBNET", ip ? spec.mask || "255.255.255.0" : ""),
    el("PORT_GATEWAY", spec.gateway || ""),
    el("PORT_DNS", spec.dns || ""),
    el("PORT_DHCP_ENABLE", spec.dhcp ? "true" : "false"),
    el("PC_FIREWALL", has("a host firewall") ? "true" : "false"),
  ]);
  const module = el("MODULE", [
    el("TYPE", "eNonRemovableModule"),
    el("MODEL"),
    el("SLOT", [
      el("TYPE", "ePtHostModule"),
      el("MODULE", [el("TYPE", "ePtHostModule"), el("MODEL", "PT-HOST-NM-1CFE"), portEl]),
    ]),
  ]);
  return [module];
}

function config(lines: string[]): Node {
  return el(
    "RUNNINGCONFIG",
    lines.map((l) => el("LINE", l)),
  );
}

function routerConfig(spec: RouterSpec): Node {
  const lines = [
    "!",
    "version 15.1",
    "no service timestamps log datetime msec",
    "no service password-encryption",
    "!",
    "hostname " + spec.name,
    "!",
  ];
  const odd = unmodeledConfig(spec.unmodeled);
  spec.ports.forEach((p, i) => {
    lines.push("interface " + routerPortName(spec, i));
    if (p.vlan) lines.push(" encapsulation dot1Q " + p.vlan.id + (p.vlan.native ? " native" : ""));
    lines.push(p.ip ? " ip address " + p.ip + " " + p.mask : " no ip address");
    if (!p.vlan) lines.push(" duplex auto", " speed auto");
    if (i === 0) lines.push(...odd.inInterface);
    for (const h of p.helpers || []) lines.push(" ip helper-address " + h);
    lines.push(...accessGroupLines(p));
    if (p.up === false) lines.push(" shutdown");
    lines.push("!");
  });
  lines.push(...odd.global, ...aclLines(spec.acls), ...routerDhcpLines(spec), "ip classless", ...routeLines(spec));
  lines.push("!", "end");
  return config(lines);
}

/** `ip route` lines and OSPF `network` statements. */
function routeLines(spec: RouterSpec | SwitchSpec): string[] {
  const lines = (spec.staticRoutes || []).map((r) => "ip route " + r.network + " " + r.mask + " " + r.nextHop);
  if (spec.routedNetworks?.length) {
    // OSPF keeps the prefix exactly (a wildcard per network); RIP would round it to the class.
    lines.push("!", "router ospf 1");
    for (const cidr of spec.routedNetworks) {
      const [net, len] = cidr.split("/");
      const hostBits = 32 - Number(len);
      const w = Math.pow(2, hostBits) - 1;
      lines.push(
        " network " + net + " " + [w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255].join(".") + " area 0",
      );
    }
  }
  return lines;
}

function switchConfig(spec: SwitchSpec, ports: PortState[]): Node {
  const lines = ["!", "version 15.0", "no service password-encryption", "!", "hostname " + spec.name, "!"];
  if (spec.ipRouting) lines.push("ip routing", "!");
  const odd = unmodeledConfig(spec.unmodeled);
  const own = spec.ports || [];
  const uncabled = own.filter((o) => !ports.some((p) => p.name === o.name));
  for (const p of ports.concat(uncabled.map((o) => ({ name: o.name, type: "", up: o.up !== false })))) {
    const i = ports.indexOf(p);
    const o = own.filter((x) => x.name === p.name)[0];
    lines.push("interface " + p.name, ...(i === 0 ? odd.inInterface : []), ...(o ? portLines(o) : []));
    lines.push(...(p.up ? [] : [" shutdown"]), "!");
  }
  for (const v of spec.svis || []) {
    lines.push("interface Vlan" + v.vlan, " ip address " + v.ip + " " + v.mask);
    for (const h of v.helpers || []) lines.push(" ip helper-address " + h);
    lines.push(...accessGroupLines(v), ...(v.up === false ? [" shutdown"] : []), "!");
  }
  lines.push(...odd.global, ...aclLines(spec.acls), ...routerDhcpLines(spec), ...routeLines(spec), "end");
  return config(lines);
}

/** flash:/vlan.dat as PT saves it: ENGINE/FILE_MANAGER/…/FILE_CONTENT class="CVlanDatFileContent" (pkt 9.0). */
function vlanDat(vlans: number[]): Node {
  const file = el(
    "FILE",
    [
      el("NAME", "vlan.dat"),
      el(
        "FILE_CONTENT",
        [
          el("VLAN_COUNT", String(vlans.length)),
          el(
            "VLANS",
            vlans.map((n) =>
              el("VLAN", "", [
                ["name", n === 1 ? "default" : "VLAN" + String(n).padStart(4, "0")],
                ["number", String(n)],
                ["rspan", "0"],
              ]),
            ),
          ),
        ],
        [["class", "CVlanDatFileContent"]],
      ),
    ],
    [["class", "CFile"]],
  );
  const flash = el("FILE", [el("NAME", "flash:"), el("FILES", [file])], [["class", "CFileSystem"]]);
  return el("FILE_MANAGER", [el("FILE", [el("NAME", "/"), el("FILES", [flash])], [["class", "CDirectory"]])]);
}

/** A switch port's `switchport` lines as IOS writes them, or a routed port's address. */
function portLines(p: SwitchPortSpec): string[] {
  if (p.routed) return [" no switchport", " ip address " + p.routed.ip + " " + p.routed.mask, ...accessGroupLines(p)];
  return p.switchport ? switchportLines(p.switchport) : [];
}

function device(spec: DeviceSpec, index: number, ports: PortState[], odd: ExportOddities): Node {
  const own = odd.types?.[spec.name];
  const t = own || wirelessType(spec) || (isMultilayer(spec) ? MULTILAYER : TYPES[spec.kind]);
  const unnamed = (odd.unnamed || []).indexOf(spec.name) >= 0;
  const engine: Node[] = [
    el("TYPE", t.type, [
      ["model", t.model],
      ["customModel", ""],
    ]),
    el("NAME", unnamed ? "" : spec.name, [["translate", "true"]]),
    el("POWER", spec.power === false ? "false" : "true"),
    el("DESCRIPTION"),
  ];
  if (isHost(spec))
    engine.push(...hostEngine(spec, ports[0] || { name: "FastEthernet0", type: "eCopperFastEthernet", up: true }));
  else if (spec.kind !== "power") engine.push(modules(ports));
  engine.push(el("SAVE_REF_ID", refId(index)));
  if (isHost(spec)) {
    engine.push(
      el("GATEWAY", spec.gateway || ""),
      el("DNS_CLIENT", [el("SERVER_IP", spec.dns || ""), el("SERVER_IPV6")]),
      emailClient(spec),
    );
    if (spec.kind === "server")
      engine.push(dnsServer(spec, odd.moreRecords?.[spec.name]), emailServer(spec), ...serverDhcp(spec));
  } else if (spec.kind === "router") {
    engine.push(routerConfig(spec));
  } else if (spec.kind === "switch" && !own && !wirelessType(spec)) {
    // An access point saves no running-config; a switch does.
    engine.push(switchConfig(spec, ports));
    if (spec.vlans) engine.push(vlanDat(spec.vlans));
  }
  engine.push(...wirelessEngine(spec));
  // A grid in the logical workspace, so PT (if it opens the file) does not stack every icon.
  const position = el("WORKSPACE", [
    el("LOGICAL", [el("X", String(100 + (index % 8) * 120)), el("Y", String(100 + Math.floor(index / 8) * 120))]),
  ]);
  return el("DEVICE", [el("ENGINE", engine), position]);
}

function refId(index: number): string {
  return "save-ref-id:" + (1000 + index);
}

/** Names each link end's port the way PT would, and records which ports a down link shuts. */
function assignPorts(spec: TopologySpec): { ports: PortState[][]; ends: LinkEnds[] } {
  const index = new Map(spec.devices.map((d, i) => [d.name, i] as [string, number]));
  const ports: PortState[][] = spec.devices.map(() => []);
  const take = (text: string): { at: number; device: DeviceSpec; port: PortState } => {
    const m = /^(.*?)(?::(\d+))?$/.exec(text) as RegExpExecArray; // matches any text
    const at = index.get(m[1]);
    if (at === undefined) throw new Error("export: a link names no device " + m[1]);
    const device = spec.devices[at],
      list = ports[at],
      number = m[2] ? Number(m[2]) : 0;
    let name = "FastEthernet0",
      type = "eCopperFastEthernet";
    if (device.kind === "router") {
      name = routerPortName(device, number);
      type = "eCopperGigabitEthernet";
    } else if (device.kind === "switch") {
      // A named port of the spec by its name; a bare end by cabling order, skipping the names the spec gives.
      const named = m[2] ? device.ports?.[number]?.name : undefined;
      let n = list.filter((p) => !(device.ports || []).some((o) => o.name === p.name)).length;
      do name = named || "FastEthernet0/" + ++n;
      while (!named && (device.ports || []).some((o) => o.name === name));
    }
    let port = list.find((p) => p.name === name);
    if (!port) {
      port = { name, type, up: true };
      list.push(port);
    }
    if (device.kind === "router") port.up = device.ports[number]?.up !== false;
    if (device.kind === "switch" && m[2]) port.up = device.ports?.[number]?.up !== false;
    return { at, device, port };
  };
  const ends = spec.links.map((l: LinkSpec): LinkEnds => {
    const a = take(l[0]);
    const b = take(l[1]);
    let functional = true;
    if (l[2] && !l[2].up) {
      // A down link is a shut port, as a teacher would make it: the switch side, else the host side.
      const end = [a, b].find((e) => e.device.kind === "switch") || [a, b].find((e) => isHost(e.device));
      if (end) end.port.up = false;
      else if (a.port.up && b.port.up) functional = false; // router to router, both ports up: only the cable can be down
    }
    return { a: a.at, pa: a.port.name, b: b.at, pb: b.port.name, functional };
  });
  return { ports, ends };
}

function network(spec: TopologySpec, odd: ExportOddities): Node {
  const { ports, ends } = assignPorts(spec);
  const devices = spec.devices.map((d, i) => device(d, i, ports[i], odd));
  const links = ends.map((e) =>
    el("LINK", [
      el("TYPE", "eCopper"),
      el("CABLE", [
        el("LENGTH", "1"),
        el("FUNCTIONAL", e.functional ? "true" : "false"),
        el("FROM", refId(e.a)),
        el("PORT", e.pa),
        el("TO", refId(e.b)),
        el("PORT", e.pb),
        el("TYPE", "eStraightThrough"),
      ]),
    ]),
  );
  return el("PACKETTRACER5", [
    el("VERSION", EXPORT_PT_VERSION),
    el("NETWORK", [el("DEVICES", devices), el("LINKS", links)]),
  ]);
}

/** The lab as XML text; a .pka holds the network three times (current, initial, answer) and an empty activity. */
export function exportLab(spec: TopologySpec, kind: LabKind = "pkt", odd: ExportOddities = {}): string {
  const net = network(spec, odd);
  if (kind === "pkt") return writeXml(net);
  return writeXml(
    el("PACKETTRACER5_ACTIVITY", [
      el("VERSION", EXPORT_PT_VERSION),
      net,
      net,
      net,
      el("COMPARISONS", []),
      el("INITIALSETUP", []),
      el(
        "ACTIVITY",
        [el("INSTRUCTIONS", [el("PAGE", "", [["title", ""]])])],
        [
          ["ENABLED", "no"],
          ["PASS", ""],
          ["TIMERTYPE", "0"],
          ["COUNTDOWNMS", "0"],
        ],
      ),
    ]),
  );
}
