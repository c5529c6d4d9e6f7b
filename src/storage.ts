// The user's choices that survive a PT restart: $putData/$getData keep strings
// only, in PT's options file (research/pt-script-modules.md §1.3), so we store JSON.

import type { ComposePreset, Settings } from "./protocol";
import type { Host } from "./pt";

const KEY_SETTINGS = "org.ptmail.console/settings";
const KEY_PRESETS = "org.ptmail.console/presets";

const DEFAULT_SETTINGS: Settings = { cap: 5000, watchdogMs: 60000 };

export function loadSettings(host: Host): Settings {
  const stored = readJson(host, KEY_SETTINGS) as Partial<Settings> | null;
  return sanitizeSettings(Object.assign({}, DEFAULT_SETTINGS, stored || {}));
}

export function saveSettings(host: Host, settings: Settings): void {
  host.putData(KEY_SETTINGS, JSON.stringify(settings));
}

/** Settings within sane bounds, whatever was stored or asked for. */
export function sanitizeSettings(s: Partial<Settings>): Settings {
  const cap = Math.floor(Number(s.cap));
  const watchdogMs = Math.floor(Number(s.watchdogMs));
  return {
    cap: Number.isFinite(cap) ? Math.min(100000, Math.max(10, cap)) : DEFAULT_SETTINGS.cap,
    watchdogMs: Number.isFinite(watchdogMs)
      ? Math.min(600000, Math.max(1000, watchdogMs))
      : DEFAULT_SETTINGS.watchdogMs,
  };
}

export type Presets = { [deviceName: string]: ComposePreset };

/** Only the fields a preset has, as text: an old or hand-edited value cannot smuggle in more (or a password). */
export function loadPresets(host: Host): Presets {
  const stored = readJson(host, KEY_PRESETS);
  const presets: Presets = {};
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return presets;
  for (const device of Object.keys(stored)) {
    const p = (stored as { [device: string]: unknown })[device];
    if (!p || typeof p !== "object") continue;
    const { from, server } = p as { from?: unknown; server?: unknown };
    presets[device] = {};
    if (typeof from === "string") presets[device].from = from;
    if (typeof server === "string") presets[device].server = server;
  }
  return presets;
}

/** Presets kept at most: devices come and go with files, and PT's options file should not grow for ever. */
const PRESETS_KEPT = 100;

/** A copy with this device's preset last (the newest), the oldest beyond PRESETS_KEPT dropped. */
export function rememberPreset(presets: Presets, device: string, preset: ComposePreset): Presets {
  const names = Object.keys(presets).filter((n) => n !== device);
  const next: Presets = {};
  for (const n of names.slice(Math.max(0, names.length - (PRESETS_KEPT - 1)))) next[n] = presets[n];
  next[device] = preset;
  return next;
}

export function savePresets(host: Host, presets: Presets): void {
  host.putData(KEY_PRESETS, JSON.stringify(presets));
}

function readJson(host: Host, key: string): unknown {
  try {
    const text = host.getData(key);
    return text ? JSON.parse(text) : null;
  } catch (_e) {
    return null; // a corrupt value is as good as none
  }
}
