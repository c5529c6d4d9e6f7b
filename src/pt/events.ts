// How PT delivers IPC events to a Script Engine: obj.registerEvent(name, ctx, fn)
// and fn(src, args), where args keys are the IpcAPI parameter names
// (research/pt-api.md §3). Unregistering needs the same ctx and fn.

/** The `src` argument of an event handler [src: Hackrrr analyzer.d.ts]. */
export interface EventSourceInfo {
  className?: string;
  objectUuid?: string;
  eventName?: string;
}

export type EventHandler = (src: EventSourceInfo, args: unknown) => void;

/** Every IPC object has these (base class, undocumented by the IpcAPI pages). */
export interface IpcObject {
  registerEvent(eventName: string, context: object | null, handler: EventHandler): unknown;
  unregisterEvent(eventName: string, context: object | null, handler: EventHandler): unknown;
  getClassName?(): string;
  getObjectUuid?(): string;
}
