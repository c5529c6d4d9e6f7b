// registerEvent/unregisterEvent as PT's IPC objects have them: handler(src,
// args) called with the context as `this`; unregistering needs the same
// event, context and function (research/pt-api.md §3).
import type { EventHandler, EventSourceInfo, IpcObject } from "../src/pt";

interface Registration {
  event: string;
  context: object | null;
  handler: EventHandler;
}

let uuidCounter = 0;
/** Registrations alive across every simulated object: cleanUp must bring the engine's to zero. */
export const liveRegistrations = { count: 0 };

/**
 * How the simulator calls a handler PT would call: a bench sets `around` to time each call into
 * the engine on its own, apart from the simulator's work around it (build/bench/soak-qjs.js).
 */
export const handlerCalls: { around: ((event: string, call: () => void) => void) | null } = { around: null };

export function nextUuid(): string {
  uuidCounter++;
  const hex = ("00000000" + uuidCounter.toString(16)).slice(-8);
  return "{" + hex + "-5a17-4c0d-9e11-" + ("000000000000" + (uuidCounter * 7919).toString(16)).slice(-12) + "}";
}

export class SimObject implements IpcObject {
  readonly uuid = nextUuid();
  private registrations: Registration[] = [];

  constructor(readonly className: string) {}

  registerEvent(event: string, context: object | null, handler: EventHandler): boolean {
    if (typeof handler !== "function") throw new Error('Invalid arguments for IPC call "registerEvent"');
    this.registrations.push({ event, context, handler });
    liveRegistrations.count++;
    return true;
  }

  unregisterEvent(event: string, context: object | null, handler: EventHandler): boolean {
    const i = this.registrations.findIndex((r) => r.event === event && r.context === context && r.handler === handler);
    if (i < 0) return false;
    this.registrations.splice(i, 1);
    liveRegistrations.count--;
    return true;
  }

  getClassName(): string {
    return this.className;
  }

  getObjectUuid(): string {
    return this.uuid;
  }

  /** How many handlers listen to an event (for tests). */
  listeners(event: string): number {
    return this.registrations.filter((r) => r.event === event).length;
  }

  /** Calls every handler of an event, in registration order, as PT does. */
  emit(event: string, args: unknown): void {
    const src: EventSourceInfo = { className: this.className, objectUuid: this.uuid, eventName: event };
    for (const r of this.registrations.slice()) {
      if (r.event !== event) continue;
      if (this.registrations.indexOf(r) < 0) continue; // unregistered by an earlier handler
      if (handlerCalls.around) handlerCalls.around(event, () => r.handler.call(r.context, src, args));
      else r.handler.call(r.context, src, args);
    }
  }

  /** The object is gone (device deleted, file closed): its handlers go with it. */
  dispose(): void {
    liveRegistrations.count -= this.registrations.length;
    this.registrations = [];
  }
}
