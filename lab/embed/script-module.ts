// A lab's File Script Module: the SCRIPT_MODULE element, read and written the
// way PT saves it. Facts, each with its evidence:
// - [lab] Every .pkt PT saved (48 public labs, PT 7.2.1 to 9.0.0, decoded locally,
//   none committed) has one SCRIPT_MODULE as a child of PACKETTRACER5, after the
//   workspace and before CODE_TESTING, empty when no file module was made:
//   PT_APP_META with empty NAME, ID…, DETACHED false, LOADING ON_STARTUP, SAVING
//   NEVER, INSTANCES 1, MANDATORY false, and from 8.0 ASYNC_PROMPTED true;
//   `<PASSWORD></PASSWORD>` (never `<PASSWORD/>`), OPEN_IF_DENIED false, SCRIPTS
//   ending in SCRIPT_DATA_STORES, INTERFACES, NEW_DEVICE_CUSTOM_INTERFACES.
// - [lab] A .pka (9.0.0) has an empty one in each of its three networks, and the
//   activity's own as a child of PACKETTRACER5_ACTIVITY (after CLEAN_ACTIVITY):
//   that one held the activity's scripts (EventManager.js, Main.js, …), a data
//   store and three images (.png, .jpg) its instructions show as `file-sm:///NAME`.
// - [lab] CONTENT is CDATA holding base64: of a script's text ("Ly8q" = "//*"),
//   of a data store's text, and of PT's own base64 text for an image (a .png's
//   CONTENT starts "aVZCT1J3", base64 of "iVBORw").
// - [inf] A text interface (our panel.html) is stored like a script: base64 of its
//   text. PT's interface "code" is a QString (CScriptModule.getInterfaceCode,
//   class_c_script_module.html), binaries become text as base64 first; no saved
//   lab with an .html interface has been seen. One line to change: TEXT_INTERFACE.
// - [src] SECURITY_SETTINGS holds <PRIVILEGE>NAME</PRIVILEGE> children, as in PT's
//   ExApp meta files (public PT_APP_META examples for 8.2.2; names below).
import { parseXml, type XmlElement } from "../import/xml";
import { base64ToText, bytesToBase64, textToBase64 } from "./base64";

/** Interfaces PT would keep as text; others (images) as base64 of base64 [inf, see above]. */
export const TEXT_INTERFACE = /\.(html?|css|js|json|txt|svg|xml)$/i;

/** manifest/module.json privilege names → PT's PRIVILEGE names (ExApp meta files [src]; _SecurityPrivilege in pt-api.md). */
export const PRIVILEGES: { [manifestName: string]: string } = {
  "Get Network Info": "GET_NETWORK_INFO",
  "Change Network Info": "CHANGE_NETWORK_INFO",
  "Simulation Mode": "SIMULATION_MODE",
  "Misc GUI": "MISC_GUI",
  File: "FILE",
  "Change Preferences": "CHANGE_PREFERENCES",
  "Change GUI": "CHANGE_GUI",
  "Activity Wizard": "ACTIVITY_WIZARD",
  Multiuser: "MULTIUSER",
  IPC: "IPC",
  Application: "APPLICATION",
};

/** The built engine's first line (build/build.mjs banner): how a lab's Mail Console and its version are known. */
const BANNER = /^\/\* Mail Console (\S+) \(org\.ptmail\.console\): Packet Tracer Script Engine file \*\//;

export interface ModuleFile {
  id: string;
  /** The CONTENT as stored: base64 (see the facts above). */
  content: string;
}

export interface ScriptModuleInfo {
  /** It holds something: PT writes an empty one into every lab it saves. */
  present: boolean;
  id: string;
  name: string;
  version: string;
  scripts: ModuleFile[];
  interfaces: ModuleFile[];
  dataStores: string[];
  /** Mail Console's version when the module carries it (the engine's banner), else null. */
  mailConsole: string | null;
  hasAsyncPrompted: boolean;
  element: XmlElement;
}

function kids(el: XmlElement | null | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}
function first(el: XmlElement | null | undefined, name: string): XmlElement | null {
  return kids(el, name)[0] || null;
}
function text(el: XmlElement | null | undefined, name: string): string {
  const c = first(el, name);
  return c ? c.text.trim() : "";
}
function files(el: XmlElement | null, name: string): ModuleFile[] {
  return kids(el, name).map((f) => ({ id: text(f, "ID"), content: text(f, "CONTENT") }));
}

/** The version in a script's banner, reading only its first bytes. */
function bannerVersion(content: string): string | null {
  try {
    const m = BANNER.exec(base64ToText(content.slice(0, 160)));
    return m ? m[1] : null;
  } catch (_e) {
    return null;
  }
}

/** Reads one SCRIPT_MODULE element's text (a File Script Module, not a SCRIPT_MODULE_MANAGER reference). */
export function readScriptModule(elementXml: string): ScriptModuleInfo {
  const element = parseXml(elementXml);
  const meta = first(element, "PT_APP_META");
  const scriptsEl = first(element, "SCRIPTS");
  const scripts = files(scriptsEl, "SCRIPT");
  const interfaces = files(first(element, "INTERFACES"), "INTERFACE");
  const dataStores = kids(first(scriptsEl, "SCRIPT_DATA_STORES"), "DATA_STORE").map((d) => text(d, "ID"));
  const id = text(meta, "ID");
  let mailConsole: string | null = null;
  for (const s of scripts) mailConsole = mailConsole || bannerVersion(s.content);
  const newDevice = first(element, "NEW_DEVICE_CUSTOM_INTERFACES");
  const present =
    scripts.length + interfaces.length + dataStores.length > 0 ||
    !!id ||
    !!text(meta, "NAME") ||
    !!newDevice?.children.length;
  return {
    present,
    id,
    name: text(meta, "NAME"),
    version: text(meta, "VERSION"),
    scripts,
    interfaces,
    dataStores,
    mailConsole,
    hasAsyncPrompted: !!first(meta, "ASYNC_PROMPTED"),
    element,
  };
}

/** CONTENT for a file's bytes: base64 of them, or of PT's base64 of them for a binary interface (an image). */
export function contentOf(id: string, bytes: Uint8Array, asInterface: boolean): string {
  if (!asInterface || TEXT_INTERFACE.test(id)) return bytesToBase64(bytes);
  return textToBase64(bytesToBase64(bytes));
}

export interface ModuleSpec {
  meta: { name: string; version: string; id: string; description: string; author: string };
  privileges: string[];
  asyncPrompted: boolean;
  scripts: ModuleFile[];
  interfaces: ModuleFile[];
  /** Kept verbatim from the module replaced: its SCRIPT_DATA_STORES and NEW_DEVICE_CUSTOM_INTERFACES text. */
  keptDataStores?: string;
  keptNewDeviceInterfaces?: string;
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/**
 * The element's text as PT writes it, one space of indent per level from
 * `indent` (the first line without it: it replaces an element in place).
 */
export function writeScriptModule(spec: ModuleSpec, indent: string): string {
  const lines: string[] = [];
  const put = (level: number, s: string) => lines.push(indent + " ".repeat(level) + s);
  const leaf = (level: number, name: string, value: string) =>
    put(level, value ? "<" + name + ">" + escapeText(value) + "</" + name + ">" : "<" + name + "/>");
  const file = (level: number, name: string, f: ModuleFile) => {
    put(level, "<" + name + ">");
    leaf(level + 1, "ID", f.id);
    put(level + 1, "<CONTENT><![CDATA[" + f.content + "]]></CONTENT>");
    put(level, "</" + name + ">");
  };
  const m = spec.meta;
  put(0, "<SCRIPT_MODULE>");
  put(1, "<PT_APP_META>");
  // PT_VERSION and IPC_VERSION: empty in every file module PT saved (ExApp meta files fill them).
  for (const [name, value] of [
    ["PT_VERSION", ""],
    ["IPC_VERSION", ""],
    ["NAME", m.name],
    ["VERSION", m.version],
    ["ID", m.id],
    ["DESCRIPTION", m.description],
    ["AUTHOR", m.author],
    ["CONTACT", ""],
    ["EXECUTABLE_PATH", ""],
    ["DETACHED", "false"],
    ["KEY", ""],
  ])
    leaf(2, name, value);
  if (!spec.privileges.length) put(2, "<SECURITY_SETTINGS/>");
  else {
    put(2, "<SECURITY_SETTINGS>");
    for (const p of spec.privileges) leaf(3, "PRIVILEGE", p);
    put(2, "</SECURITY_SETTINGS>");
  }
  leaf(2, "LOADING", "ON_STARTUP");
  leaf(2, "SAVING", "NEVER");
  leaf(2, "INSTANCES", "1");
  leaf(2, "MANDATORY", "false");
  if (spec.asyncPrompted) leaf(2, "ASYNC_PROMPTED", "true");
  put(1, "</PT_APP_META>");
  put(1, "<PASSWORD></PASSWORD>");
  leaf(1, "OPEN_IF_DENIED", "false");
  put(1, "<SCRIPTS>");
  for (const s of spec.scripts) file(2, "SCRIPT", s);
  put(2, spec.keptDataStores || "<SCRIPT_DATA_STORES/>");
  put(1, "</SCRIPTS>");
  if (!spec.interfaces.length) put(1, "<INTERFACES/>");
  else {
    put(1, "<INTERFACES>");
    for (const f of spec.interfaces) file(2, "INTERFACE", f);
    put(1, "</INTERFACES>");
  }
  put(1, spec.keptNewDeviceInterfaces || "<NEW_DEVICE_CUSTOM_INTERFACES/>");
  put(0, "</SCRIPT_MODULE>");
  return lines.join("\n").slice(indent.length);
}
