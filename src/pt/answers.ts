// How PT's answers are read where the IpcAPI pages leave their shape open:
// one adapter per shape, each saying what it assumes, so a wrong guess is
// fixed here and nowhere else. Struct answers are read by known field names
// only (for…in over a native object crashes PT 9.0.1: pt-script-modules.md).
import type { DeviceKind } from "../model/snapshot";
import { configLinesOf } from "./unmodeled";

/**
 * A struct field. ASSUMED: a struct arrives as an object with its documented
 * fields (the JS reads rr.name, rr.ipAddress: pt-labs-and-fidelity.md B1 [src]);
 * a getter of the same name (getIpAddress) is taken too, as Mail may come with
 * getters (pt-api.md §7). Undefined when neither is there.
 */
function fieldOf(struct: unknown, field: string): unknown {
  if (!struct || typeof struct !== "object") return undefined;
  const s = struct as { [key: string]: unknown };
  const value = s[field];
  if (value !== undefined && typeof value !== "function") return value;
  const getter = s["get" + field.charAt(0).toUpperCase() + field.slice(1)];
  return typeof getter === "function" ? getter.call(struct) : undefined;
}

function textField(struct: unknown, field: string): string | null {
  const v = fieldOf(struct, field);
  return v === undefined || v === null ? null : String(v);
}

/** ASSUMED: a vector<T> arrives as an array (pt-api.md §1 type table [inf]); anything else is unreadable. */
export function listOf(value: unknown): unknown[] | null {
  if (!value || typeof value !== "object" || typeof (value as { length?: unknown }).length !== "number") return null;
  const list = value as ArrayLike<unknown>;
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) out.push(list[i]);
  return out;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * getArpTable() → ArpTable {entries: ArpEntry[]} → ipAddress [doc struct_arp_table.html,
 * struct_arp_entry.html]. ASSUMED: the struct as fieldOf reads it; a bare array of
 * entries is taken too. null when an entry has no address.
 */
export function arpAddressesOf(table: unknown): string[] | null {
  const entries = listOf(fieldOf(table, "entries")) || listOf(table);
  if (!entries) return null;
  const out: string[] = [];
  for (const e of entries) {
    const ip = textField(e, "ipAddress");
    if (ip === null) return null;
    out.push(ip);
  }
  return out;
}

export type DnsRecord =
  | { kind: "a"; name: string; address: string }
  | { kind: "cname"; alias: string; host: string }
  | { kind: "other" };

/**
 * getRrFromNameServerDbAt(i) → DnsResourceRecord [doc]. ASSUMED: the record is the
 * concrete struct, so an A record carries DnsRrA.ipAddress and a CNAME
 * DnsRrCname.hostName; told apart by those fields, since the numbers of
 * Dns::EResourceRecordType are not documented. AAAA, NS and SOA are "other".
 * null: the record has no name (unreadable).
 */
export function dnsRecordOf(rr: unknown): DnsRecord | null {
  const name = textField(rr, "name");
  if (name === null) return null;
  const address = textField(rr, "ipAddress");
  if (address !== null && IPV4.test(address.trim())) return { kind: "a", name, address };
  const host = textField(rr, "hostName");
  if (host !== null) return { kind: "cname", alias: name, host };
  return { kind: "other" };
}

/**
 * getStaticRouteAt(i) → StaticRoute {networkId, subnetMask, portName, nextHop} [doc
 * struct_static_route.html]. ASSUMED: a route by exit port only (`ip route N M Gi0/1`)
 * has nextHop "0.0.0.0" or "" and names the port, which the snapshot then gives as the
 * next hop, as the running configuration writes it (src/model/routing.ts routes out of that port).
 * null: a field is missing.
 */
export function staticRouteOf(route: unknown): { network: string; mask: string; nextHop: string } | null {
  const network = textField(route, "networkId");
  const mask = textField(route, "subnetMask");
  const nextHop = textField(route, "nextHop");
  const port = textField(route, "portName");
  if (network === null || mask === null) return null;
  const hop = nextHop !== null && nextHop.trim() !== "" && nextHop.trim() !== "0.0.0.0" ? nextHop : port;
  return hop === null || hop.trim() === "" ? null : { network, mask, nextHop: hop };
}

/**
 * The `network` statements of RIP, OSPF and EIGRP in Device.serializeToXml()'s
 * RUNNINGCONFIG, one <LINE> per configuration line, sub-commands indented by a space
 * (the .pkt's own XML: pt-labs-and-fidelity.md C3; lab/import/ios.ts reads the same).
 * "network 10.0.0.0" → "10.0.0.0"; "network 10.1.0.0 0.0.0.255 area 0" → "10.1.0.0 0.0.0.255".
 * null: no RUNNINGCONFIG in the text. IPC has no getter for RIP's networks (class_rip_process.html).
 */
export function networkStatementsOf(xml: string): string[] | null {
  const lines = configLinesOf(xml);
  if (lines === null) return null;
  const out: string[] = [];
  let routing = false;
  for (const raw of lines) {
    const words = raw.trim().split(/\s+/);
    if (!/^\s/.test(raw)) routing = words[0] === "router" && /^(rip|ospf|eigrp)$/.test(words[1] || "");
    else if (routing && words[0] === "network" && IPV4.test(words[1] || ""))
      out.push(IPV4.test(words[2] || "") ? words[1] + " " + words[2] : words[1]);
  }
  return out;
}

/**
 * DeviceType values [doc class_device.html getType(); pt-api.md §1.3]. Others (cloud, wireless router, ASA…)
 * the model does not know. Multilayer switches (16 eMultiLayerSwitch, 17 eSwitch3650) are switches whose
 * layer 3 side shows in their running configuration (unmodeled.ts); access points (ACCESS_POINTS) are kept
 * as switches whose wireless side is not modeled, as the lab importer keeps them.
 */
const KIND_BY_TYPE: { [type: number]: DeviceKind } = {
  0: "router",
  1: "switch",
  4: "hub",
  7: "switch",
  8: "pc",
  11: "switch",
  9: "server",
  10: "printer",
  16: "switch",
  17: "switch",
  18: "laptop",
  // eTabletPC, ePda (smartphone): hosts with a wireless port, read as a laptop as the importer does [inf].
  19: "laptop",
  20: "laptop",
  30: "switch",
  33: "switch",
  34: "switch",
  44: "switch",
  45: "power",
};

/** eAccessPoint, eCiscoAccessPoint, eEmbeddedCiscoAccessPoint, eLightWeightAccessPoint [doc]. */
export const ACCESS_POINTS = [7, 33, 34, 44];
/** eWirelessRouter (Linksys WRT300N), eWirelessRouterNewGeneration (HomeRouter-PT-AC): a switch that routes (wireless-facts.ts). */
export const HOME_ROUTERS = [11, 30];

/** getClassName(), when getType() cannot be read: laptops report "Pc" too (PTDoom, 9.0.1) [src: Hackrrr analyzer.d.ts]. */
const KIND_BY_CLASS: { [className: string]: DeviceKind } = {
  Router: "router",
  Switch: "switch",
  Hub: "hub",
  Pc: "pc",
  Server: "server",
  Printer: "printer",
  PowerDistributionDevice: "power",
};

export function kindOfType(type: number): DeviceKind | null {
  return Object.prototype.hasOwnProperty.call(KIND_BY_TYPE, type) ? KIND_BY_TYPE[type] : null;
}

export function kindOfClassName(className: string): DeviceKind | null {
  return Object.prototype.hasOwnProperty.call(KIND_BY_CLASS, className) ? KIND_BY_CLASS[className] : null;
}
