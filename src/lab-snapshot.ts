// The lab as the engine uses it: read lazily through src/lab-reader.ts, and
// kept until PT says it changed (its topology events) or for a few seconds at
// most, since DHCP, gateways, services and accounts change without an event.
// A mail that ends and a "Check" both ask it; nothing reads while nothing asks.
// A large lab is read in slices (issue 23: PT waits on every call into the
// engine, 50 ms at most): what a call cannot finish goes on in timer ticks.

import { labReading, type ReadProgress } from "./lab-reader";
import type { Snapshot } from "./model/snapshot";
import type { EventHandler, Host, IpcObject, TimerId } from "./pt";
import { attempt } from "./pt/guarded";
import type { Subscriptions } from "./subscriptions";

/** How long a snapshot is trusted with no event: DHCP, gateway, DNS, services and accounts change without one. */
export const SNAPSHOT_MAX_AGE_MS = 5000;

// biome-ignore lint/complexity/useDateNow: the test hosts' Date.now is their virtual clock.
const wallMs = () => new Date().getTime();

/**
 * What one call into the engine spends on a long task: a slice of the lab's read, the verdicts that waited
 * on it, a Lab check's rows. PT waits on every call, 50 ms at most (issue 23), and a collection of Qt's
 * (10-15 ms at 300 devices, twice in an unlucky call) comes on top of whatever the call is doing: with
 * 20 ms shares, calls of 30-45 ms were common in the soak.
 */
export const CALL_BUDGET_MS = 10;

/**
 * One call's share of a long task: at most `units` of work, and no step more than another like the last
 * fits in `ms`. The wall clock is new Date(): the test hosts make Date.now their virtual clock. The
 * answer: whether more may be done after work of `cost`.
 */
export function slice(units: number, ms = CALL_BUDGET_MS): (cost: number) => boolean {
  const start = wallMs();
  let last = start;
  let done = 0;
  return (cost) => {
    done += cost;
    const now = wallMs();
    const step = now - last;
    last = now;
    return done < units && now - start + step < ms;
  };
}

/** Steps of a read per call (a device or a cable: lab-reader.ts); a lab of SMALL_LAB steps is read at once. */
export const READ_STEPS = 32;
const SMALL_LAB = 40;
/** Handlers given back to PT for one step's share of a call (a step makes about that many IPC calls). */
const RELEASE_PER_STEP = 8;

const GROUP_APP = "lab:app";
const GROUP_WORKSPACE = "lab:workspace";
const GROUP_DEVICES = "lab:devices";

/**
 * The lab, read lazily and kept until PT says it changed (watch()), or for
 * SNAPSHOT_MAX_AGE_MS at most. Devices, ports and the workspace are (re)watched
 * on the read after the topology changed, with the objects that read meets.
 */
export class LabSnapshot {
  private snapshot: Snapshot | null = null;
  private readAt = 0;
  private watching = false;
  /** The topology changed (or watch() began): the next read re-registers the per-object events. */
  private rewatch = false;
  /** Between a removal event and PT's word that it is done: reads register nothing on what is going. */
  private removing = false;
  /** The read under way (src/lab-reader.ts labReading), how far it is, and whether PT said the lab changed meanwhile. */
  private steps: Generator<null, Snapshot, unknown> | null = null;
  private reading: ReadProgress = { done: 0, total: 0 };
  private dirty = false;
  /** The last read finished, and what waits on the next (verdicts of mails that ended meanwhile). */
  private last: Snapshot | null = null;
  private lastAt = 0;
  private waiters: ((snapshot: Snapshot) => void)[] = [];
  private timer: TimerId | null = null;
  /** Check or Lab check was answered "reading": its next ask takes the read it waited on. */
  private asked = false;

  constructor(
    private readonly host: Host,
    private readonly subs: Subscriptions,
    private readonly report: (where: string, error: unknown) => void,
    /** PT said the lab changed (a topology, device or port event): results computed from it are stale. */
    private readonly changed: () => void = () => undefined,
  ) {}

  /** The snapshot when it is fresh or its read ends within this call's slice; else null, and the read goes on. */
  ready(whole = false): Snapshot | null {
    const now = this.host.now();
    if (this.snapshot && now - this.readAt < SNAPSHOT_MAX_AGE_MS && now >= this.readAt) return this.snapshot;
    if (!this.steps) this.begin();
    return this.advance(whole ? () => true : this.share());
  }

  /** The snapshot, read to its end now whatever the lab's size. */
  get(): Snapshot {
    const snapshot = this.ready(true) || this.ready(true); // a structure event during the read: again
    return snapshot || { devices: [], links: null };
  }

  /** For a person's question (Check, Lab check): the lab read since they asked; null while that read goes on. */
  fresh(): Snapshot | null {
    const now = this.host.now();
    if (this.asked && !this.steps && this.last && now - this.lastAt < SNAPSHOT_MAX_AGE_MS && now >= this.lastAt) {
      this.asked = false;
      return this.last;
    }
    if (!this.asked) this.markStale();
    const snapshot = this.ready();
    this.asked = snapshot === null;
    return snapshot;
  }

  /** Runs `then` with the next snapshot read, in a later tick (a slice each, as the read). */
  later(then: (snapshot: Snapshot) => void): void {
    this.waiters.push(then);
    this.schedule();
  }

  busy(): boolean {
    return this.steps !== null;
  }

  /**
   * Whether `snapshot` is still one this lab answers or compares a read with. One it let go (PT changed
   * what exists) is of no use to anyone: what is kept beside it (src/lab-index.ts) goes before the next read.
   */
  holds(snapshot: Snapshot): boolean {
    return snapshot === this.snapshot || snapshot === this.last;
  }

  /** How far the read under way is. */
  progress(): ReadProgress {
    return { done: this.reading.done, total: this.reading.total };
  }

  markStale(): void {
    this.snapshot = null;
    // A read under way goes on (events may come faster than a large lab is read); its result is not kept.
    if (this.steps) this.dirty = true;
  }

  /** Marks the snapshot stale on PT's topology events; per-device events are registered by the next read. */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    const stale = this.onStructure();
    const app = attempt(() => this.host.ipc.appWindow());
    if (app) {
      this.subs.on(GROUP_APP, app, "fileOpened", stale);
      this.subs.on(GROUP_APP, app, "fileNewed", stale);
      this.subs.on(GROUP_APP, app, "fileClosing", this.onRemoving(true));
    }
    this.rewatch = true;
    this.removing = false;
    this.markStale();
  }

  stop(): void {
    this.abort();
    this.waiters = [];
    if (this.timer !== null) this.host.clearTimeout(this.timer);
    this.timer = null;
    this.watching = false;
    this.rewatch = false;
    this.removing = false;
    this.subs.off(GROUP_APP);
    this.subs.off(GROUP_WORKSPACE);
    this.subs.off(GROUP_DEVICES);
  }

  private begin(): void {
    const again = this.watching && this.rewatch && !this.removing;
    if (again) this.rewatch = false;
    this.dirty = false;
    this.reading = { done: 0, total: 0 };
    try {
      if (again) {
        this.subs.off(GROUP_WORKSPACE);
        // The objects the last read watched live on (a removal released them at once: onRemoving):
        // their handlers go quiet now and back to PT in the read's slices.
        this.subs.retire(GROUP_DEVICES);
        this.watchWorkspace();
      }
      // The last read (none after a structure event: abort): a read that finds the same lab answers it.
      this.steps = labReading(this.host, again ? this.onObject() : null, this.reading, this.last);
    } catch (e) {
      this.report("reading the lab", e);
      this.steps = labReading(this.host, null, this.reading, null);
    }
  }

  /** Reads on for one slice: the snapshot when the read ends in it, else null (a tick goes on). */
  private advance(more: (cost: number) => boolean): Snapshot | null {
    let step: IteratorResult<null, Snapshot> = { done: false, value: null };
    // The last read's handlers first, RELEASE_PER_STEP for a step's share: the read ends with none left.
    let retired = this.subs.release(0);
    while (retired && more(1)) retired = this.subs.release(RELEASE_PER_STEP);
    if (retired) {
      this.schedule();
      return null;
    }
    try {
      // this.steps goes null when a step's IPC call made PT say the structure changed (abort).
      while (this.steps) {
        step = this.steps.next();
        if (step.done || !more(1)) break;
      }
    } catch (e) {
      this.report("reading the lab", e);
      step = { done: true, value: { devices: [], links: null } };
    }
    if (!step.done || !this.steps) {
      this.schedule();
      return null;
    }
    this.steps = null;
    this.snapshot = step.value;
    this.last = step.value;
    this.lastAt = this.host.now();
    // Read while PT said the lab changed: good for what waited on it, not kept for the next question.
    this.readAt = this.host.now() - (this.dirty ? SNAPSHOT_MAX_AGE_MS : 0);
    if (this.waiters.length) this.schedule();
    // A call that spent its share on the read leaves judging from it to the next (a tick, or the next ask).
    return more(0) ? step.value : null;
  }

  /** A small lab is read in one call, as it always was, however loaded the machine. */
  private share(): (cost: number) => boolean {
    const more = slice(READ_STEPS);
    const reading = this.reading;
    // Before the read's first step its size is not known (0): the last read's handlers go back in slices.
    return (cost) => (reading.total > 0 && reading.total <= SMALL_LAB) || more(cost);
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const self = this;
    this.timer = this.host.setTimeout(function () {
      self.timer = null;
      self.tick();
    }, 0);
  }

  /** A tick: the read goes on, or what waited on it is served, one slice at most. */
  private tick(): void {
    if (!this.steps && !this.last && this.waiters.length) this.begin();
    if (this.steps) {
      this.advance(this.share());
      return;
    }
    const more = slice(Infinity);
    for (let go = true; go && this.last && this.waiters.length; go = more(1)) {
      const then = this.waiters.shift() as (snapshot: Snapshot) => void;
      try {
        then(this.last);
      } catch (e) {
        this.report("judging a mail", e);
      }
    }
    if (this.waiters.length) this.schedule();
  }

  /** The lab's structure changed: a read under way may meet objects PT is destroying, so it is dropped. */
  private abort(): void {
    if (this.steps) this.rewatch = true;
    this.steps = null;
    this.last = null;
  }

  private watchWorkspace(): void {
    const host = this.host;
    const workspace = attempt(() => host.ipc.appWindow().getActiveWorkspace().getLogicalWorkspace());
    if (!workspace) return;
    const stale = this.onStructure();
    for (const event of ["deviceAdded", "deviceRemoved", "linkCreated", "linkDeleted"])
      this.subs.on(GROUP_WORKSPACE, workspace, event, stale);
    this.subs.on(GROUP_WORKSPACE, workspace, "deviceRemoving", this.onRemoving(false));
  }

  /**
   * deviceRemoving, fileClosing: PT is about to destroy objects the read watched, so every
   * per-object handler (and at fileClosing the workspace's) is released now, while they live,
   * as the device registry does (src/devices.ts); the next read after PT is done watches again.
   */
  private onRemoving(file: boolean): EventHandler {
    const self = this;
    const stale = this.onStructure();
    return function (src, args) {
      self.subs.off(GROUP_DEVICES);
      if (file) self.subs.off(GROUP_WORKSPACE);
      stale(src, args);
      self.removing = true;
    };
  }

  /** A handler for events that change what exists: stale, and watch again on the next read. */
  private onStructure(): EventHandler {
    const self = this;
    return function () {
      self.abort();
      self.rewatch = true;
      self.removing = false;
      self.markStale();
      self.changed();
    };
  }

  /** What the read calls for each device and port it meets. */
  private onObject(): (target: IpcObject, event: string) => void {
    const self = this;
    const stale: EventHandler = function () {
      self.markStale();
      self.changed();
    };
    return function (target, event) {
      self.subs.on(GROUP_DEVICES, target, event, stale);
    };
  }
}
