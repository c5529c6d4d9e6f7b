// VLANs as a switch's or router's running configuration holds them, for both
// producers (lab-reader.ts live, lab/import/ saved labs): `switchport` modes and
// VLANs, router-on-a-stick sub-interfaces (`encapsulation dot1Q N [native]`),
// SVIs (`interface VlanN`), routed ports (`no switchport`) and `ip routing`
// [pkt: RUNNINGCONFIG, 83 of 340 decoded public labs use switchport or dot1Q].
// IPC has per-port getters too (SwitchPort.getAccessVlan/getNativeVlanId/
// getAdminOpMode, VlanManager.getVlanIntAt [doc class_switch_port.html,
// class_vlan_manager.html]); the configuration is one read per device instead
// of several per port, and the same text a saved lab holds.
import type { PortFacts } from "../model/snapshot";
import type { Switchport } from "../model/topology";

/** A layer-3 interface that is no cable's end: a sub-interface or an SVI. */
export interface VlanInterface {
  name: string;
  ip: string;
  mask: string;
  shutdown: boolean;
  vlan: NonNullable<PortFacts["vlan"]>;
}

export interface VlanConfig {
  /** `ip routing` (a multilayer switch routes between its SVIs and routed ports). */
  ipRouting: boolean;
  /** By interface name; a port not named here is in IOS's default: dynamic auto, access VLAN 1. */
  switchports: { [port: string]: Switchport };
  /** `no switchport` ports (multilayer switches), with their address. */
  routed: { [port: string]: { ip: string; mask: string } };
  interfaces: VlanInterface[];
}

export function vlansOfConfig(lines: string[]): VlanConfig {
  // Interface names are the lab's text: no prototype, so "constructor" is only a name (issue 27).
  const out: VlanConfig = {
    ipRouting: false,
    switchports: Object.create(null),
    routed: Object.create(null),
    interfaces: [],
  };
  let port = "";
  let sp: Switchport | null = null;
  let l3: VlanInterface | null = null;
  let routed: { ip: string; mask: string } | null = null;
  for (const raw of lines) {
    const w = raw.trim().split(/\s+/);
    if (!/^\s/.test(raw)) {
      port = w[0] === "interface" ? w.slice(1).join("") : "";
      sp = null;
      l3 = null;
      routed = null;
      if (w[0] === "ip" && w[1] === "routing" && w.length === 2) out.ipRouting = true;
      const svi = /^vlan(\d+)$/i.exec(port);
      if (svi) l3 = { name: "Vlan" + svi[1], ip: "", mask: "", shutdown: false, vlan: vlanOf(+svi[1], null) };
      if (l3) out.interfaces.push(l3);
      continue;
    }
    if (!port) continue;
    const dot = port.indexOf(".");
    if (w[0] === "encapsulation" && /^dot1q$/i.test(w[1] || "") && dot > 0 && +w[2] > 0) {
      l3 = { name: port, ip: "", mask: "", shutdown: false, vlan: vlanOf(+w[2], port.slice(0, dot)) };
      l3.vlan.native = w[3] === "native";
      out.interfaces.push(l3);
    } else if (w[0] === "no" && w[1] === "switchport" && w.length === 2) {
      routed = out.routed[port] = { ip: "", mask: "" };
    } else if (w[0] === "ip" && w[1] === "address" && w[3] && w[4] !== "secondary") {
      const at = l3 || routed;
      if (at) {
        at.ip = w[2];
        at.mask = w[3];
      }
    } else if (l3 && w[0] === "shutdown") l3.shutdown = true;
    else if (w[0] === "switchport" && dot < 0) {
      if (!sp) sp = out.switchports[port] = { mode: "auto", access: 1, native: 1, allowed: null };
      switchportLine(sp, w.slice(1));
    }
  }
  return out;
}

function vlanOf(id: number, parent: string | null): VlanInterface["vlan"] {
  return { id, parent, native: false };
}

function switchportLine(sp: Switchport, w: string[]): void {
  if (w[0] === "mode") {
    const m = w[1] === "dynamic" ? w[2] : w[1];
    if (m === "access" || m === "trunk" || m === "auto" || m === "desirable") sp.mode = m;
  } else if (w[0] === "access" && w[1] === "vlan" && +w[2] > 0) sp.access = +w[2];
  else if (w[0] === "trunk" && w[1] === "native" && w[2] === "vlan" && +w[3] > 0) sp.native = +w[3];
  else if (w[0] === "trunk" && w[1] === "allowed" && w[2] === "vlan") sp.allowed = allowedList(sp.allowed, w.slice(3));
}

/** `switchport trunk allowed vlan {all | none | [add | remove | except] LIST}`; null: all. */
function allowedList(now: number[] | null, w: string[]): number[] | null {
  if (w[0] === "all") return null;
  if (w[0] === "none") return [];
  const op = w[0] === "add" || w[0] === "remove" || w[0] === "except" ? w[0] : "";
  const ids: number[] = [];
  for (const part of (op ? w[1] : w[0] || "").split(",")) {
    const r = part.split("-");
    for (let v = +r[0]; v <= +(r[1] || r[0]) && v <= 4094; v++) ids.push(v);
  }
  if (op === "") return ids;
  if (op === "add") return now === null ? null : now.concat(ids);
  const all = now === null ? range(1, 4094) : now;
  if (op === "remove") return all.filter((v) => ids.indexOf(v) < 0);
  return range(1, 4094).filter((v) => ids.indexOf(v) < 0);
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let v = a; v <= b; v++) out.push(v);
  return out;
}

/**
 * A switch's VLAN database, vlan.dat, as its XML holds it: ENGINE/FILE_MANAGER/…/FILE (NAME vlan.dat)/
 * FILE_CONTENT class="CVlanDatFileContent"/VLANS/VLAN number="N" [pkt 7.x–9.x; that serializeToXml() carries
 * the file manager live is inferred]. Null: the text holds no vlan.dat. (IPC also has VlanManager.getVlanAt(i)
 * .getVlanNumber() [doc class_vlan_manager.html], one call per VLAN.)
 */
export function vlanDatabaseOf(xml: string): number[] | null {
  const at = xml.indexOf('class="CVlanDatFileContent"');
  if (at < 0) return null;
  const end = xml.indexOf("</VLANS>", at);
  const out: number[] = [];
  for (let i = xml.indexOf("<VLAN ", at); i >= 0 && (end < 0 || i < end); i = xml.indexOf("<VLAN ", i + 1)) {
    const tag = xml.slice(i, xml.indexOf(">", i));
    const n = / number="(\d+)"/.exec(tag);
    if (n) out.push(+n[1]);
  }
  return out;
}
