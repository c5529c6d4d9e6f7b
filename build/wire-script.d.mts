// Types for wire-script.mjs.
export function wireScript(): Promise<string>;
