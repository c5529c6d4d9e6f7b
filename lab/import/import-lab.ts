// Decoded lab XML → the simulator's TopologySpec, plus what the CLI reports.
// Only NETWORK/DEVICES, NETWORK/LINKS and USER_PROFILE are read; for an activity
// (.pka) only its first, current network, or its third, answer network when
// grading asks (aacanadaa docs/ACTIVITY.md §1: current, initial, answer). Other
// subtrees are skipped unbuilt to keep time and memory low.

import type { TopologySpec } from "../../sim/spec";
import { bridgedAcls } from "../../src/device-config";
import { aclsOnPorts } from "../../src/pt/acl-config";
import { SWITCH_ACLS } from "../../src/pt/unmodeled";
import { LabFileError } from "../codec/container";
import type { LabKind } from "../codec/lab-file";
import { isHostSpec, type LabDevice, readDevice } from "./devices";
import { readLinks } from "./links";
import { Warnings } from "./warnings";
import { child, parseXml, textAt, type XmlElement, XmlError } from "./xml";

export interface ImportedLab {
  spec: TopologySpec;
  ptVersion: string;
  kind: LabKind;
  /** Every DEVICE in the file, imported or not, with its PT model. */
  devices: LabDevice[];
  /** Mails stored in server mailboxes and client inboxes. */
  storedMails: number;
  warnings: string[];
  /** The network's USER_PROFILE (who saved it), null when the file has none. */
  profile?: UserProfile | null;
}

/**
 * Options > User Profile, saved as PACKETTRACER5/USER_PROFILE {NAME, EMAIL,
 * ADDITIONAL_INFO}, once per network of a .pka; PT's default is NAME "Guest"
 * and an empty EMAIL. A .pka's USER_PROFILE_LOCKED (a child of the activity)
 * says the instructor locked it. [seen in saved labs: 453 profiles in 414
 * public labs, PT 7-9; the email kept in a .pka's current network only]
 */
export interface UserProfile {
  name: string;
  email: string;
  info: string;
  locked: boolean;
}

/** Which of a .pka's networks (current, initial, answer: aacanadaa docs/ACTIVITY.md §1) is imported. */
export type ActivityNetwork = "current" | "answer";

/** ENGINE children the importer reads; the rest (file manager, GUI pages, …) is skipped. */
const ENGINE_KEEP = new Set([
  "TYPE",
  "NAME",
  "POWER",
  "MODULE",
  "SAVE_REF_ID",
  "GATEWAY",
  "DNS_CLIENT",
  "EMAIL_CLIENT",
  "EMAIL_SERVER",
  "DNS_SERVER",
  "RUNNINGCONFIG",
  "DHCP_SERVERS",
  "HTTP_SERVER",
  "HTTPS_SERVER",
  "FTP_SERVER",
  "TFTP_SERVER",
  "NTP_SERVER",
  "SYSLOG_SERVER",
  "ACS_SERVER",
  "FILE_MANAGER",
  // Wireless and home routers (src/pt/wireless-config.ts).
  ...["WIRELESS_SERVER", "WIRELESS_SERVERS", "WIRELESS_CLIENT", "LAN_IP_ADDRESS", "LAN_SUBNET_MASK", "DHCP_SERVER"],
  ...["INTERNET_CONNECTION_TYPE", "INTERNET_IP_ADDRESS", "INTERNET_SUBNET_MASK", "DEFAULT_GATEWAY"],
  ...["SINGLE_PORT_FORWARDING", "DMZ_SETTINGS"],
]);

/** The children of EMAIL_SERVER that services.ts reads: users, passwords, stored mails, the switches and domain. */
const EMAIL_SERVER_READS =
  /^(?:(?:USER|PASSWORD)\d+|MAIL_(?:FROM|RCPT|SUBJECT|CONTENT|DATE|TIME)\d+|NO_OF_USERS|FORWARD_MAIL|SMTP_DOMAIN|SMTP_ENABLED|POP3_ENABLED)$/;
/** The children of DNS_SERVER that services.ts reads. */
const DNS_SERVER_READS = new Set(["ENABLED", "NAMESERVER-DATABASE"]);

/** Keeps one network of an activity: the first (current) or the third (answer); skipped ones are not counted as children. */
function skipper(which: ActivityNetwork): (name: string, parent: XmlElement) => boolean {
  let networks = 0;
  return (name, parent) => {
    if (parent.name === "PACKETTRACER5_ACTIVITY" && name === "PACKETTRACER5")
      return networks++ !== (which === "answer" ? 2 : 0);
    return skip(name, parent);
  };
}

function skip(name: string, parent: XmlElement): boolean {
  switch (parent.name) {
    case "PACKETTRACER5_ACTIVITY":
      return name !== "VERSION" && name !== "USER_PROFILE_LOCKED";
    case "PACKETTRACER5":
      return name !== "VERSION" && name !== "NETWORK" && name !== "USER_PROFILE";
    case "NETWORK":
      return name !== "DEVICES" && name !== "LINKS";
    case "DEVICE":
      return name !== "ENGINE";
    case "ENGINE":
      return !ENGINE_KEEP.has(name);
    // Of the file manager, only the way down to a switch's vlan.dat and its VLAN numbers (devices.ts).
    case "FILE_MANAGER":
    case "FILES":
      return name !== "FILE";
    case "FILE":
      return name !== "FILES" && name !== "FILE_CONTENT";
    case "FILE_CONTENT":
      return parent.attrs.class !== "CVlanDatFileContent" || name !== "VLANS";
    case "VLANS":
      return name !== "VLAN";
    // Inside the two services that hold long lists, only what services.ts reads is built (issue 27: 62.9
    // million empty elements inside <EMAIL_SERVER> cost gigabytes when every child was kept).
    case "EMAIL_SERVER":
      return !EMAIL_SERVER_READS.test(name);
    case "DNS_SERVER":
      return !DNS_SERVER_READS.has(name);
    default:
      return false;
  }
}

function network(root: XmlElement, kind: LabKind, which: ActivityNetwork = "current"): XmlElement {
  const expected = kind === "pka" ? "PACKETTRACER5_ACTIVITY" : "PACKETTRACER5";
  if (root.name !== expected) throw new LabFileError("the XML root is <" + root.name + ">, not <" + expected + ">");
  const doc = kind === "pka" ? child(root, "PACKETTRACER5") : root;
  if (!doc)
    throw new LabFileError(
      which === "answer"
        ? "the activity holds no answer network (a third <PACKETTRACER5>)"
        : "the activity holds no <PACKETTRACER5> network",
    );
  const net = child(doc, "NETWORK");
  if (!net) throw new LabFileError("no <NETWORK> element");
  if (!child(net, "DEVICES")) throw new LabFileError("no <NETWORK>/<DEVICES> element");
  return net;
}

/** Elements the importer relies on must hold what it expects, or the file is refused. */
function checkChildren(parent: XmlElement | null, expected: string): void {
  for (const c of parent ? parent.children : []) {
    if (c.name !== expected)
      throw new LabFileError("unexpected <" + c.name + "> in <" + parent?.name + ">, expected <" + expected + ">");
  }
}

export function importLab(
  xml: string,
  kind: LabKind,
  name = "Imported lab",
  which: ActivityNetwork = "current",
): ImportedLab {
  const warnings = new Warnings();
  const warn = warnings.add;
  if (kind === "pka" && which === "answer") warn("", "activity: its answer network is imported");
  else if (kind === "pka")
    warn("", "activity: only its current network is imported, not its initial or answer network or its grading");
  // Each DEVICE is read as it closes and then dropped, so only one device's tree is held at a time.
  const devices: LabDevice[] = [];
  const onClose = (el: XmlElement, parent: XmlElement | null): boolean => {
    if (el.name !== "DEVICE" || !parent || parent.name !== "DEVICES") return false;
    devices.push(readDevice(el, devices.length, warn));
    return true;
  };
  let root: XmlElement;
  try {
    root = parseXml(xml, { skip: skipper(which), onClose });
  } catch (e) {
    if (e instanceof XmlError) throw new LabFileError(e.message);
    throw e;
  }
  const net = network(root, kind, which);
  checkChildren(child(net, "DEVICES"), "DEVICE");
  checkChildren(child(net, "LINKS"), "LINK");
  const seen = new Set<string>();
  for (const d of devices) {
    if (seen.has(d.name)) throw new LabFileError("two devices are named " + JSON.stringify(d.name));
    seen.add(d.name);
  }
  const links = readLinks(child(net, "LINKS"), devices, warn);
  // After the links: a port a cable names joins the router's ports there (links.ts).
  for (const d of devices) applyAcls(d, warn);
  const specs = devices.map((d) => d.spec).filter((s): s is NonNullable<typeof s> => !!s);
  let storedMails = 0;
  for (const s of specs) {
    if (!isHostSpec(s)) continue;
    if (s.email?.inbox) storedMails += s.email.inbox.length;
    const boxes = s.mailServer?.mailboxes;
    if (boxes) for (const u of Object.keys(boxes)) storedMails += boxes[u].length;
  }
  return {
    spec: { name, devices: specs, links },
    ptVersion: textAt(root, "VERSION"),
    kind,
    devices,
    storedMails,
    warnings: warnings.lines(),
    profile: profileOf(root, kind),
  };
}

/** A router's or switch's access lists and `ip access-group`s onto its spec; on a switchport they are not modeled. */
function applyAcls(d: LabDevice, warn: (device: string, text: string) => void): void {
  const acl = d.config?.acl;
  if (!acl || !d.spec) return;
  if (d.spec.kind === "router") {
    const acls = aclsOnPorts(acl, d.spec.ports);
    if (Object.keys(acls).length) d.spec.acls = acls;
  } else if (d.spec.kind === "switch" && d.config) {
    // An SVI's or routed port's list is a router hop's, and modeled; one on a switchport is not (device-config.ts).
    const spec = d.spec;
    const holders: { name: string; aclIn?: string; aclOut?: string }[] = (spec.svis || []).map((v) => ({
      name: "Vlan" + v.vlan,
    }));
    const acls = aclsOnPorts(acl, holders.concat((spec.ports || []).filter((p) => !!p.routed)));
    (spec.svis || []).forEach((v, i) => {
      if (holders[i].aclIn) v.aclIn = holders[i].aclIn;
      if (holders[i].aclOut) v.aclOut = holders[i].aclOut;
    });
    if (Object.keys(acls).length) spec.acls = acls;
    if (bridgedAcls(acl, d.config.vlans)) {
      spec.unmodeled = (spec.unmodeled || []).concat([SWITCH_ACLS]);
      warn(d.name, "not modeled: " + SWITCH_ACLS);
    }
  }
}

function profileOf(root: XmlElement, kind: LabKind): UserProfile | null {
  const doc = kind === "pka" ? child(root, "PACKETTRACER5") : root;
  const p = child(doc, "USER_PROFILE");
  if (!p) return null;
  const locked = kind === "pka" && textAt(root, "USER_PROFILE_LOCKED").trim() === "true";
  return { name: textAt(p, "NAME"), email: textAt(p, "EMAIL"), info: textAt(p, "ADDITIONAL_INFO"), locked };
}
