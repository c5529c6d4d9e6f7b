// Every event handler the engine gives PT goes through here, so that cleanUp()
// can take back exactly what was registered, and so that no exception thrown in
// a handler ever reaches PT (it would open a modal dialog: research/
// pt-script-modules.md §1.3). A released handler is inert even if PT failed to
// release it (a deleted device, a closed file, a stopped engine). Handlers are
// kept by group, so releasing one device's costs that device's, not everyone's.
import type { EventHandler, IpcObject } from "./pt";

interface Registration {
  target: IpcObject;
  event: string;
  handler: EventHandler;
  live: boolean;
}

export class Subscriptions {
  private readonly groups = new Map<string, Registration[]>();
  /** Retired groups: inert already, still registered in PT until release() gives them back a few at a time. */
  private readonly retired = new Map<string, Registration[]>();
  private total = 0;

  constructor(private report: (where: string, error: unknown) => void) {}

  /** Registers handler on target; answers false when PT refused (the caller carries on, and may try again). */
  on(group: string, target: IpcObject, event: string, handler: EventHandler): boolean {
    const report = this.report;
    const registration: Registration = { target, event, handler: () => undefined, live: true };
    registration.handler = function (src, args) {
      if (!registration.live) return;
      try {
        handler(src, args);
      } catch (e) {
        report(event + " handler", e);
      }
    };
    try {
      // The context is null, as in PT's own examples (scriptModules_dataStore.htm);
      // unregisterEvent then needs the same null and the same function.
      target.registerEvent(event, null, registration.handler);
    } catch (e) {
      this.report("registerEvent " + event, e);
      return false;
    }
    const list = this.groups.get(group);
    if (list) list.push(registration);
    else this.groups.set(group, [registration]);
    this.total++;
    return true;
  }

  /** Whether a group holds any handler (a device's mailSent, the workspace, …). */
  has(group: string): boolean {
    return this.groups.has(group);
  }

  /** Unregisters every handler of a group (one device, the web view, …), retired ones too. */
  off(group: string): void {
    const lists = [this.groups.get(group), this.retired.get(group)];
    this.groups.delete(group);
    this.retired.delete(group);
    for (const list of lists) {
      if (!list) continue;
      this.total -= list.length;
      unregister(list);
    }
  }

  /**
   * Makes a group's handlers inert now and leaves unregistering them to release(), a slice per call
   * (issue 23: a class of 300 watches 1,500 objects, too many to give back in one call into the engine).
   * Only for objects that outlive the slices: before PT destroys them, off() gives back the rest at once.
   */
  retire(group: string): void {
    const list = this.groups.get(group);
    if (!list) return;
    this.groups.delete(group);
    for (const r of list) r.live = false;
    const before = this.retired.get(group);
    this.retired.set(group, before ? before.concat(list) : list);
  }

  /** Unregisters up to `n` retired handlers; answers how many are still waiting. */
  release(n: number): number {
    const groups: string[] = [];
    this.retired.forEach((_list, group) => {
      groups.push(group);
    });
    let left = 0;
    for (const group of groups) {
      const list = this.retired.get(group) as Registration[];
      const now = list.splice(0, Math.max(0, n));
      n -= now.length;
      this.total -= now.length;
      unregister(now);
      if (!list.length) this.retired.delete(group);
      left += list.length;
    }
    return left;
  }

  /** Unregisters every handler; the table is emptied whole rather than group by group. */
  offAll(): void {
    const lists: Registration[][] = [];
    const take = (list: Registration[]) => {
      lists.push(list);
    };
    this.groups.forEach(take);
    this.retired.forEach(take);
    this.groups.clear();
    this.retired.clear();
    this.total = 0;
    for (const list of lists) unregister(list);
  }

  get count(): number {
    return this.total;
  }
}

function unregister(list: Registration[]): void {
  for (const r of list) {
    r.live = false;
    try {
      r.target.unregisterEvent(r.event, null, r.handler);
    } catch (_e) {
      // The object may be gone already (device deleted, file closed); the handler is inert all the same.
    }
  }
}
