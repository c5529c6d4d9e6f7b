// What the panel knows: the engine's log as last received, the device list,
// and the connection's health. The engine owns the log; this is a mirror that
// applies Changes (idempotent) and notices gaps in sequence numbers. A push
// costs what it changed, not what the log holds: entries are found by binary
// search on their id (the log is in id order), the totals are kept as
// entries change (tally.ts), and a push that changed nothing renders nothing.
import type {
  ChangedPush,
  Changes,
  ComposePreset,
  DeviceInfo,
  Draft,
  EngineStatus,
  MailEntry,
  Settings,
} from "../src/protocol";
import { inProgress, sentence, Tally } from "./tally";

export type Connection = "connecting" | "live" | "pulling" | "offline";

/** What one apply did to the log, for views that keep lists derived from it. */
export interface LogDelta {
  /** The log was replaced: derive everything again. */
  reset: boolean;
  /** Entries new or changed, in id order. */
  changed: MailEntry[];
  removed: number[];
}

/** Where key is among n ascending values, or -(where it would go) - 1. */
export function search(n: number, at: (i: number) => number, key: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = at(mid);
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

const findId = (list: readonly MailEntry[], id: number) => search(list.length, (i) => list[i].id, id);

export class PanelStore {
  seq = 0;
  epoch = 0;
  dropped = 0;
  /** Mails recorded since the last clear, dropped ones included (the engine's count, not rows kept). */
  sent = 0;
  /** The file open in PT now (File > Open and New move it on). */
  file = 0;
  devices: DeviceInfo[] = [];
  presets: { [device: string]: ComposePreset } = {};
  settings: Settings | null = null;
  status: EngineStatus = { simulationMode: false, version: "" };
  /** The message being written, as the engine keeps it; undefined until the engine has said. */
  draft: Draft | null | undefined = undefined;
  connection: Connection = "connecting";
  connectionNote = "";
  /** Oldest first, as the engine keeps it: ascending ids. */
  mails: MailEntry[] = [];
  tally = new Tally();
  /** Mails and groups that just reached an outcome, for the aria-live announcement. */
  announcements: string[] = [];
  delta: LogDelta = { reset: true, changed: [], removed: [] };
  private listeners: (() => void)[] = [];
  /** The counts and status last applied, to tell an empty pull. */
  private shape = "";

  subscribe(fn: () => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  changed(): void {
    for (const l of this.listeners.slice()) l();
  }

  /** Whether a push follows on from what we hold (otherwise pull to fill the gap). */
  follows(push: ChangedPush): boolean {
    return push.epoch === this.epoch && push.base <= this.seq;
  }

  /** The mails of a group that are still held, in id order (a compose's mails have consecutive ids). */
  members(group: number): MailEntry[] {
    const out: MailEntry[] = [];
    let i = findId(this.mails, group);
    if (i < 0) i = -i - 1;
    for (; i < this.mails.length && (this.mails[i].group || this.mails[i].id) === group; i++) out.push(this.mails[i]);
    return out;
  }

  /** Mails still moving (the pull fallback watches them). */
  inFlight(): number {
    return inProgress(this.tally.n);
  }

  apply(c: Changes): void {
    const reset = c.full || c.epoch !== this.epoch;
    const d: LogDelta = { reset, changed: [], removed: [] };
    if (reset) {
      this.mails = [];
      this.tally = new Tally();
    }
    this.epoch = c.epoch;
    this.seq = Math.max(reset ? 0 : this.seq, c.seq);
    if (c.droppedIds) this.remove(c.droppedIds, d);
    for (const m of c.mails) this.put(m, d, !reset);
    // An engine from before `sent` and `file` (and the bench's stand-in) still counts something true.
    const counts = [c.sent ?? Math.max(this.sent, this.mails.length), c.dropped, c.file ?? this.file];
    const before = this.shape;
    this.shape = JSON.stringify([counts, c.status]);
    [this.sent, this.dropped, this.file] = counts;
    this.status = c.status || this.status;
    if (c.devices) this.devices = c.devices;
    if (c.presets) this.presets = c.presets;
    if (c.settings) this.settings = c.settings;
    if (c.draft !== undefined) this.draft = c.draft;
    // An empty pull renders nothing.
    if (
      reset ||
      d.changed.length + d.removed.length ||
      this.shape !== before ||
      c.devices ||
      c.presets ||
      c.settings ||
      c.draft !== undefined
    ) {
      this.delta = d;
      this.changed();
    }
  }

  setConnection(connection: Connection, note = ""): void {
    if (this.connection === connection && this.connectionNote === note) return;
    this.connection = connection;
    this.connectionNote = note;
    this.changed();
  }

  private put(m: MailEntry, d: LogDelta, announce: boolean): void {
    const list = this.mails;
    // A new mail is the newest: no search.
    const at = list.length && m.id <= list[list.length - 1].id ? findId(list, m.id) : -list.length - 1;
    if (at < 0) list.splice(-at - 1, 0, m);
    else if (this.tally.rev(m.id) > m.rev)
      return; // an older copy than the one held
    else list[at] = m;
    const before = this.tally.put(m);
    d.changed.push(m);
    const g = this.tally.groups.get(m.group || m.id);
    // A class send is announced once, when its last mail ends (and again if an outcome changes after).
    if (announce && before && before !== m.state && g && !inProgress(g.n)) this.say(sentence(g, m));
  }

  say(text: string): void {
    this.announcements.push(text);
    if (this.announcements.length > 5) this.announcements.shift();
  }

  /** Takes out dropped entries (usually the oldest: a splice at the front is cheap). */
  private remove(ids: number[], d: LogDelta): void {
    for (const id of ids) {
      const i = findId(this.mails, id);
      if (i < 0) continue;
      this.mails.splice(i, 1);
      this.tally.drop(id);
      d.removed.push(id);
    }
  }
}
