// The one port between the engine and Packet Tracer. src/main.ts builds it
// from PT's globals; the simulator builds it from its model. Nothing else in
// src/ touches a global.
import type { Ipc, WebViewManager } from "./app-window";

export type TimerId = unknown;

export interface Host {
  ipc: Ipc;
  webViewManager: WebViewManager;
  /** PT adds setTimeout/setInterval to its engine (pt-api.md §4.2); they follow wall-clock time. */
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
  setInterval(fn: () => void, ms: number): TimerId;
  clearInterval(id: TimerId): void;
  /** Wall-clock milliseconds; Date.now() in PT. */
  now(): number;
  /** $putData/$getData: strings only, kept in PT's options file (scriptModules_dataStore.htm). */
  putData(key: string, value: string): void;
  getData(key: string): string | null;
  /** dprint: PT's Debug window. */
  log(message: string): void;
  /** Runs as the open lab's File Script Module, whose pages are file-sm: (src/module-kind.ts); absent: installed. */
  fileModule?: boolean;
}
