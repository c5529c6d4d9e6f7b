// A Host whose every IPC call is counted: each method of every object PT hands out, wrapped, so a test states
// what a read or a call into the engine costs in calls, which do not depend on the machine.
import type { Host } from "../../src/pt";

export function countingHost(host: Host, onCall?: (method: string) => void): { host: Host; calls: () => number } {
  let calls = 0;
  const wrap = (value: unknown): unknown => {
    if (!value || typeof value !== "object") return value;
    return new Proxy(value as object, {
      get(target, key) {
        const v = Reflect.get(target, key, target);
        if (typeof v !== "function") return v;
        return (...args: unknown[]) => {
          calls++;
          if (onCall) onCall(String(key));
          return wrap(v.apply(target, args));
        };
      },
    });
  };
  return { host: { ...host, ipc: wrap(host.ipc) as Host["ipc"] }, calls: () => calls };
}
