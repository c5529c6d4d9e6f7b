// Calling PT without letting it throw: each helper runs one IPC read and
// answers null when the call threw, answered null or undefined, answered the
// wrong type, or the method is missing (a version without it). A throw is
// PT's answer to a bad call ("IPC Call ERROR: … Invalid arguments",
// pt-labs-and-fidelity.md B1) and to a denied privilege (pt-api.md §4.1).

/** The answer, or null when the call threw, answered null/undefined, or the method is missing. */
export function attempt<T>(read: () => T): T | null {
  try {
    const value = read();
    return value === undefined ? null : value;
  } catch (_e) {
    return null;
  }
}

export function text(read: () => unknown): string | null {
  const v = attempt(read);
  return v === null ? null : String(v);
}

/** An IPv4 setting: "0.0.0.0" is PT's "not set" (DnsClient, live 9.0.1), given as "" like an empty field. */
export function address(read: () => unknown): string | null {
  const t = text(read);
  return t !== null && t.trim() === "0.0.0.0" ? "" : t;
}

export function flag(read: () => unknown): boolean | null {
  const v = attempt(read);
  return typeof v === "boolean" ? v : null;
}

export function countOf(read: () => unknown): number | null {
  const v = attempt(read);
  return typeof v === "number" && v >= 0 && v % 1 === 0 ? v : null;
}

/** What getProcess gave: the process, nothing (null: the device has none), or an error. */
export type Found<T> = { kind: "found"; process: T } | { kind: "missing" } | { kind: "error" };

export function processOf<T>(read: () => T | null): Found<T> {
  try {
    const p = read();
    return p ? { kind: "found", process: p } : { kind: "missing" };
  } catch (_e) {
    return { kind: "error" };
  }
}
