// Puts Mail Console into a lab's File Script Module, or takes it out, changing
// only that element's text: every other byte of the XML stays as it was.
// Which element, and why, is in script-module.ts (the facts) and `where` below.
import { FILE_MODULE_ID } from "../../src/module-kind";
import type { LabKind } from "../codec/lab-file";
import { contentOf, PRIVILEGES, readScriptModule, type ScriptModuleInfo, writeScriptModule } from "./script-module";
import { indentBefore, rootChild, type Span, scanElements } from "./top-level";

/** The built module (dist/module): its manifest and the two files it ships. */
export interface MailConsoleFiles {
  manifest: {
    name: string;
    version: string;
    description: string;
    author: string;
    scriptEngine: string[];
    customInterfaces: string[];
    privileges: { name: string }[];
  };
  engine: Uint8Array;
  panel: Uint8Array;
}

/** A lab embed will not change, and why (one line, for the CLI). */
export class EmbedRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbedRefused";
  }
}

export interface EmbedResult {
  xml: string;
  /** What was done and what was kept or dropped, for the person running it. */
  notes: string[];
}

// Root children PT writes after the file module (.pkt: CODE_TESTING…; .pka: AUTHOR…), from saved labs [lab].
const AFTER_MODULE = ["CODE_TESTING", "COMMAND_LOGS", "CEPS", "EXT_PORT_MGR", "AUTHOR", "OBJECT_LOCATIONS"];

interface Target {
  root: Span;
  module: Span | null;
  info: ScriptModuleInfo | null;
  notes: string[];
}

/** The lab's own File Script Module: the root's SCRIPT_MODULE child (never SCRIPT_MODULE_MANAGER's references). */
function where(xml: string, kind: LabKind): Target {
  const root = scanElements(xml, kind === "pka" ? 2 : 1);
  const children = root.children || [];
  const module = children.filter((c) => c.name === "SCRIPT_MODULE")[0] || null;
  const info = module ? readScriptModule(xml.slice(module.start, module.end)) : null;
  const notes: string[] = [];
  if (kind === "pka") {
    const activity = children.filter((c) => c.name === "ACTIVITY")[0];
    // [src] PASS holds the Activity Wizard password as MD5(salt + password) (a public tool that swaps it,
    // pka-wizard-bypass); [inf] empty means none (the exporter writes PASS="", after aacanadaa docs/ACTIVITY.md).
    const pass = activity ? /\sPASS="([^"]*)"/.exec(xml.slice(activity.start, xml.indexOf(">", activity.start))) : null;
    if (pass?.[1])
      throw new EmbedRefused(
        "the activity is password-locked (ACTIVITY PASS is set): its author locked it, so Mail Console is not put into it. " +
          "Unlock it in PT's Activity Wizard, save, and embed that file.",
      );
    const networks = children.filter((c) => c.name === "PACKETTRACER5");
    const busy = networks.filter((n) => {
      const m = (n.children || []).filter((c) => c.name === "SCRIPT_MODULE")[0];
      return m && readScriptModule(xml.slice(m.start, m.end)).present;
    }).length;
    notes.push(
      "activity: Mail Console goes into the activity's own file module (a child of PACKETTRACER5_ACTIVITY), where PT " +
        "keeps an activity's scripts and whose files its instructions show as file-sm:; the " +
        networks.length +
        " networks (current, initial, answer) keep their own modules unchanged" +
        (busy ? " (" + busy + " of them hold files, left as they are)" : " (empty)"),
    );
  }
  return { root, module, info, notes };
}

function isMailConsole(info: ScriptModuleInfo): boolean {
  return info.mailConsole !== null || info.id === FILE_MODULE_ID;
}

/** Verbatim text of a module's child element when it holds anything, its lines moved to the module's level 0. */
function keptChild(moduleXml: string, indent: string, path: string[]): string | undefined {
  let span: Span | undefined = scanElements(moduleXml, path.length);
  for (const name of path) span = (span?.children || []).filter((c) => c.name === name)[0];
  if (!span) return undefined;
  const kept = moduleXml.slice(span.start, span.end);
  if (/^<[^>]*\/>$/.test(kept)) return undefined;
  return indent ? kept.split("\n" + indent).join("\n") : kept;
}

/** The module's data stores and new-device interfaces, kept as they are. */
function kept(xml: string, t: Target): { keptDataStores?: string; keptNewDeviceInterfaces?: string } {
  if (!t.module) return {};
  const moduleXml = xml.slice(t.module.start, t.module.end);
  const indent = indentBefore(xml, t.module.start);
  return {
    keptDataStores: keptChild(moduleXml, indent, ["SCRIPTS", "SCRIPT_DATA_STORES"]),
    keptNewDeviceInterfaces: keptChild(moduleXml, indent, ["NEW_DEVICE_CUSTOM_INTERFACES"]),
  };
}

function replaceModule(xml: string, t: Target, elementText: (indent: string) => string): string {
  if (t.module) {
    return xml.slice(0, t.module.start) + elementText(indentBefore(xml, t.module.start)) + xml.slice(t.module.end);
  }
  const after = (t.root.children || []).filter((c) => AFTER_MODULE.indexOf(c.name) >= 0)[0];
  if (after) {
    const indent = indentBefore(xml, after.start);
    return xml.slice(0, after.start) + elementText(indent) + "\n" + indent + xml.slice(after.start);
  }
  // No follower: just before the root's end tag, one level in.
  const close = xml.lastIndexOf("</", t.root.end);
  const indent = indentBefore(xml, t.root.start) + " ";
  const lineStart = xml.lastIndexOf("\n", close - 1) + 1;
  const before = /^[ \t]*$/.test(xml.slice(lineStart, close)) ? lineStart : close;
  return xml.slice(0, before) + indent + elementText(indent) + "\n" + xml.slice(before);
}

function privilegeNames(files: MailConsoleFiles): string[] {
  return files.manifest.privileges.map((p) => {
    const name = PRIVILEGES[p.name];
    if (!name)
      throw new EmbedRefused('manifest privilege "' + p.name + '" has no PT PRIVILEGE name (script-module.ts)');
    return name;
  });
}

/** The lab with Mail Console as its File Script Module. `replace` lets a foreign module go (its data stores stay). */
export function embedMailConsole(
  xml: string,
  kind: LabKind,
  files: MailConsoleFiles,
  options: { replace?: boolean; ptMajor?: number } = {},
): EmbedResult {
  const t = where(xml, kind);
  const info = t.info;
  const notes = t.notes.slice();
  const m = files.manifest;
  if (info?.present) {
    const ours = isMailConsole(info);
    // What the module holds besides Mail Console's own two files: all of it, when the module is another's.
    const others = info.scripts
      .filter((f) => !ours || f.id !== m.scriptEngine[0])
      .map((f) => "script " + f.id)
      .concat(info.interfaces.filter((f) => !ours || f.id !== m.customInterfaces[0]).map((f) => "interface " + f.id));
    if (!ours || others.length) {
      const held = ours ? "Mail Console and " + others.join(", ") : describe(info);
      if (!options.replace)
        throw new EmbedRefused(
          "the lab has a file module of its own (" + held + "); --replace puts Mail Console instead",
        );
      notes.push("replaced the lab's file module" + (info.name ? ' "' + info.name + '"' : "") + ": " + held);
      if (others.length) notes.push("dropped: " + others.join(", "));
      // [lab] An activity's instructions show its module's images as file-sm:///NAME: those pages lose them.
      const shown = info.interfaces.filter((f) => xml.indexOf("file-sm:///" + f.id) >= 0).map((f) => f.id);
      if (shown.length) notes.push("the lab's pages show " + shown.join(", ") + " (file-sm:): they will be missing");
    }
    if (ours) {
      const was = info.mailConsole || info.version || "?";
      notes.push(
        was === m.version
          ? "already carried Mail Console " + was + ": written again, the same"
          : "replaced Mail Console " + was + " with " + m.version,
      );
    }
  }
  if (info?.dataStores.length) notes.push("kept its data stores: " + info.dataStores.join(", "));
  const element = writeScriptModule(
    {
      meta: { name: m.name, version: m.version, id: FILE_MODULE_ID, description: m.description, author: m.author },
      privileges: privilegeNames(files),
      // ASYNC_PROMPTED: as the lab's own empty module has it, else from PT 8 on [lab].
      asyncPrompted: info ? info.hasAsyncPrompted : (options.ptMajor || 9) >= 8,
      scripts: [{ id: m.scriptEngine[0], content: contentOf(m.scriptEngine[0], files.engine, false) }],
      interfaces: [{ id: m.customInterfaces[0], content: contentOf(m.customInterfaces[0], files.panel, true) }],
      ...kept(xml, t),
    },
    "",
  );
  notes.push(
    "Mail Console " +
      m.version +
      ": " +
      m.scriptEngine[0] +
      " as a script, " +
      m.customInterfaces[0] +
      " as an interface",
  );
  return { xml: replaceModule(xml, t, (indent) => reindent(element, indent)), notes };
}

/** The lab without Mail Console: its module as PT saves an empty one, keeping data stores. */
export function removeMailConsole(
  xml: string,
  kind: LabKind,
  own = { script: "engine.js", panel: "panel.html" },
): EmbedResult {
  const t = where(xml, kind);
  const info = t.info;
  if (!info || !isMailConsole(info)) throw new EmbedRefused("the lab carries no Mail Console: nothing to remove");
  const others = info.scripts
    .filter((s) => s.id !== own.script)
    .map((s) => "script " + s.id)
    .concat(info.interfaces.filter((f) => f.id !== own.panel).map((f) => "interface " + f.id));
  if (others.length)
    throw new EmbedRefused("the file module holds more than Mail Console (" + others.join(", ") + "): not removed");
  const element = writeScriptModule(
    {
      meta: { name: "", version: "", id: "", description: "", author: "" },
      privileges: [],
      asyncPrompted: info.hasAsyncPrompted,
      scripts: [],
      interfaces: [],
      ...kept(xml, t),
    },
    "",
  );
  const notes = [
    "removed Mail Console " + (info.mailConsole || info.version) + "; the file module is left empty, as PT saves one",
  ];
  if (info.dataStores.length) notes.push("kept its data stores: " + info.dataStores.join(", "));
  return { xml: replaceModule(xml, t, (indent) => reindent(element, indent)), notes };
}

function describe(info: ScriptModuleInfo): string {
  const list = (what: string, ids: string[]) => (ids.length ? what + " " + ids.join(", ") : "");
  return (
    [
      list(
        "scripts",
        info.scripts.map((s) => s.id),
      ),
      list(
        "interfaces",
        info.interfaces.map((f) => f.id),
      ),
      list("data stores", info.dataStores),
    ]
      .filter(Boolean)
      .join("; ") || "ID " + info.id
  );
}

/** Writes the element at `indent`: lines after the first get it prepended (the first replaces in place). */
function reindent(element: string, indent: string): string {
  return indent ? element.replace(/\n/g, "\n" + indent) : element;
}

/** The lab's file module as the CLI's JSON reports it (the activity's own for a .pka). */
export interface ScriptModuleSummary {
  present: boolean;
  scripts: string[];
  interfaces: string[];
  mailConsole: string | null;
}

export function scriptModuleSummary(xml: string): ScriptModuleSummary {
  let info: ScriptModuleInfo | null = null;
  try {
    const m = rootChild(xml, "SCRIPT_MODULE");
    info = m ? readScriptModule(xml.slice(m.start, m.end)) : null;
  } catch (_e) {
    info = null;
  }
  if (!info) return { present: false, scripts: [], interfaces: [], mailConsole: null };
  return {
    present: info.present,
    scripts: info.scripts.map((s) => s.id),
    interfaces: info.interfaces.map((f) => f.id),
    mailConsole: info.mailConsole,
  };
}
