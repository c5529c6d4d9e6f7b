// The entry PT evaluates. It is the only file that reads PT's globals: it
// builds the Host port from them and exposes main, cleanUp and mailConsoleRequest,
// which build/build.mjs declares as top-level functions (PT calls them by
// name, and PT 9 has no globalThis: research/pt-api.md §4.2).
import { Engine } from "./engine";
import { isFileModule, otherMailConsoleRuns } from "./module-kind";
import type { Host, Ipc, WebViewManager } from "./pt";

declare const ipc: Ipc;
declare const _ScriptModule: unknown;
declare const webViewManager: WebViewManager;
declare function setTimeout(fn: () => void, ms: number): unknown;
declare function clearTimeout(id: unknown): void;
declare function setInterval(fn: () => void, ms: number): unknown;
declare function clearInterval(id: unknown): void;
declare function dprint(message: string): void;
declare function $putData(key: string, value: string): void;
declare function $getData(key: string): unknown;

function ptHost(): Host {
  return {
    ipc,
    webViewManager,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (id) => clearInterval(id),
    now: () => Date.now(),
    putData: (key, value) => {
      if (typeof $putData === "function") $putData(key, value);
    },
    getData: (key) => {
      if (typeof $getData !== "function") return null;
      const v = $getData(key);
      return typeof v === "string" ? v : null;
    },
    log: (message) => {
      if (typeof dprint === "function") dprint(message);
    },
    fileModule: isFileModule(typeof _ScriptModule === "undefined" ? null : _ScriptModule),
  };
}

/** The Extensions menu item's label: also how a second Mail Console sees the first (src/module-kind.ts). */
const MENU_LABEL = "Mail Console";

let engine: Engine | null = null;

function say(message: string): void {
  try {
    if (typeof dprint === "function") dprint("[Mail Console] " + message);
  } catch (_e) {
    // nothing else to do
  }
}

export function main(): void {
  try {
    if (engine) engine.stop();
    engine = null;
    const host = ptHost();
    // Installed and file module at once (each its own engine): the second steps aside, so nothing registers twice.
    if (otherMailConsoleRuns(host.ipc, MENU_LABEL)) {
      say(
        "another Mail Console is running already (installed, or this lab's own): this " +
          (host.fileModule ? "lab's" : "installed") +
          " one steps aside. Stop that one, then start this one, to switch.",
      );
      return;
    }
    engine = new Engine(host);
    engine.start();
  } catch (e) {
    say("could not start: " + String(e));
  }
}

export function cleanUp(): void {
  try {
    if (engine) engine.stop();
  } catch (e) {
    say("cleanUp: " + String(e));
  }
  engine = null;
}

/** The one function the panel calls: $se("mailConsoleRequest", request). Answers JSON text. */
export function mailConsoleRequest(request: unknown): string {
  try {
    // $se may hand over the object, or its JSON text (pt-script-modules.md §1.3): accept both.
    const r = typeof request === "string" ? JSON.parse(request) : request;
    if (!engine)
      return JSON.stringify({ ok: false, error: "Mail Console is not running. Start it from Extensions > Scripting." });
    return engine.answer(r);
  } catch (e) {
    return JSON.stringify({ ok: false, error: "Bad request: " + String(e) });
  }
}
