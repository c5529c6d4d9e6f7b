// Every event handler the engine gives PT goes through here, so that cleanUp()
// can take back exactly what was registered, and so that no exception thrown in
// a handler ever reaches PT (it would open a modal dialog: research/
// pt-script-modules.md §1.3).
import type { EventHandler, IpcObject } from "./pt";

interface Registration {
  target: IpcObject;
  event: string;
  handler: EventHandler;
  group: string;
}

export class Subscriptions {
  private list: Registration[] = [];

  constructor(private report: (where: string, error: unknown) => void) {}

  /** Registers handler on target; answers false when PT refused (the caller carries on). */
  on(group: string, target: IpcObject, event: string, handler: EventHandler): boolean {
    const report = this.report;
    const guarded: EventHandler = function (src, args) {
      try {
        handler(src, args);
      } catch (e) {
        report(event + " handler", e);
      }
    };
    try {
      // The context is null, as in PT's own examples (scriptModules_dataStore.htm);
      // unregisterEvent then needs the same null and the same function.
      target.registerEvent(event, null, guarded);
    } catch (e) {
      this.report("registerEvent " + event, e);
      return false;
    }
    this.list.push({ target, event, handler: guarded, group });
    return true;
  }

  /** Unregisters every handler of a group (one device, the web view, …). */
  off(group: string): void {
    const keep: Registration[] = [];
    for (const r of this.list) {
      if (r.group !== group) {
        keep.push(r);
        continue;
      }
      try {
        r.target.unregisterEvent(r.event, null, r.handler);
      } catch (_e) {
        // The object may be gone already (device deleted, file closed): nothing left to release.
      }
    }
    this.list = keep;
  }

  offAll(): void {
    const groups: string[] = [];
    for (const r of this.list) if (groups.indexOf(r.group) < 0) groups.push(r.group);
    for (const g of groups) this.off(g);
  }

  get count(): number {
    return this.list.length;
  }
}
