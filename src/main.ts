// The entry PT evaluates. It is the only file that reads PT's globals: it
// builds the Host port from them and exposes main, cleanUp and mailConsoleRequest,
// which build/build.mjs declares as top-level functions (PT calls them by
// name, and PT 9 has no globalThis: research/pt-api.md §4.2).
import { Engine } from "./engine";
import type { Host, Ipc, WebViewManager } from "./pt";

declare const ipc: Ipc;
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
  };
}

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
    engine = new Engine(ptHost());
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
