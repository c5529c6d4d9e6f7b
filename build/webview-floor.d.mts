// Types for webview-floor.mjs, for the tests that read it.
export const PANEL_FLOOR: { chromium: number; esbuildTarget: string; ecmaVersion: number };
export const OLD_CHROMIUMS: { chromium: number; qt: string; pkg: string; binary: string; integrity: string }[];
export function floorCacheDir(): string;
export function oldChromiumPath(major: number): string;
export function ensureOldChromiums(log?: (line: string) => void): string[];
