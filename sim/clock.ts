// Time for the simulator and for the engine it hosts. Tests use the virtual
// clock and advance it; the playground uses the browser's timers.
import type { Host } from "../src/pt";

/** The time half of the engine's Host: what the simulator gives an engine it hosts. */
export type Clock = Pick<Host, "now" | "setTimeout" | "clearTimeout" | "setInterval" | "clearInterval">;

interface Timer {
  id: number;
  at: number;
  ms: number;
  fn: () => void;
  repeat: boolean;
  order: number;
}

/** A clock that moves only when told to. Timers fire in time order, ties in the order they were set. */
export class VirtualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private order = 0;

  constructor(start = 1767225600000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): number {
    return this.add(fn, ms, false);
  }

  setInterval(fn: () => void, ms: number): number {
    return this.add(fn, ms, true);
  }

  clearTimeout(id: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  clearInterval(id: unknown): void {
    this.clearTimeout(id);
  }

  /** Timers still set: cleanUp must leave none of the engine's behind. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by ms, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + Math.max(0, ms);
    for (let guard = 0; ; guard++) {
      if (guard > 1000000) throw new Error("VirtualClock: more than a million timers in one advance");
      const next = this.nextDue(end);
      if (!next) break;
      this.time = next.at;
      if (next.repeat) {
        next.at = this.time + Math.max(1, next.ms);
        next.order = this.order++;
      } else {
        this.timers.splice(this.timers.indexOf(next), 1);
      }
      next.fn();
    }
    this.time = end;
  }

  private nextDue(limit: number): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.order < best.order))) best = t;
    }
    return best;
  }

  private add(fn: () => void, ms: number, repeat: boolean): number {
    const id = this.nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    this.timers.push({ id, at: this.time + delay, ms: delay, fn, repeat, order: this.order++ });
    return id;
  }
}

/** The host's own timers (a browser, a worker, or PT-like globals). */
export function hostClock(g: {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => g.setTimeout(fn, ms),
    clearTimeout: (id) => g.clearTimeout(id),
    setInterval: (fn, ms) => g.setInterval(fn, ms),
    clearInterval: (id) => g.clearInterval(id),
  };
}
