// What the panel knows: the engine's log as last received, the device list,
// and the connection's health. The engine owns the log; this is a mirror that
// applies Changes (idempotent) and notices gaps in sequence numbers.
import type {
  ChangedPush,
  Changes,
  ComposePreset,
  DeviceInfo,
  EngineStatus,
  MailEntry,
  Settings,
} from "../src/protocol";

export type Connection = "connecting" | "live" | "pulling" | "offline";

export class PanelStore {
  seq = 0;
  epoch = 0;
  dropped = 0;
  devices: DeviceInfo[] = [];
  presets: { [device: string]: ComposePreset } = {};
  settings: Settings | null = null;
  status: EngineStatus = { simulationMode: false, version: "" };
  connection: Connection = "connecting";
  connectionNote = "";
  /** Oldest first, as the engine keeps it. */
  mails: MailEntry[] = [];
  /** Mails that just reached a terminal state, for the aria-live announcement. */
  announcements: string[] = [];
  version = 0;
  private byId = new Map<number, number>();
  private listeners: (() => void)[] = [];

  subscribe(fn: () => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  changed(): void {
    this.version++;
    for (const l of this.listeners.slice()) l();
  }

  /** Whether a push follows on from what we hold (otherwise pull to fill the gap). */
  follows(push: ChangedPush): boolean {
    return push.epoch === this.epoch && push.base <= this.seq;
  }

  apply(c: Changes): void {
    if (c.full || c.epoch !== this.epoch) {
      this.mails = [];
      this.byId.clear();
    }
    const announce = this.epoch === c.epoch && !c.full;
    this.epoch = c.epoch;
    this.seq = Math.max(c.full ? 0 : this.seq, c.seq);
    this.dropped = c.dropped;
    if (c.droppedIds?.length) this.remove(c.droppedIds);
    // New entries always come after the ones held: the engine numbers them in order, and a
    // batch that does not follow on from our seq is never applied (the link pulls instead).
    for (const m of c.mails) {
      const at = this.byId.get(m.id);
      if (at === undefined) {
        this.byId.set(m.id, this.mails.length);
        this.mails.push(m);
      } else {
        const old = this.mails[at];
        if (old.rev > m.rev) continue;
        if (announce && old.state !== m.state) this.announce(m);
        this.mails[at] = m;
      }
    }
    if (c.devices) this.devices = c.devices;
    if (c.presets) this.presets = c.presets;
    if (c.settings) this.settings = c.settings;
    if (c.status) this.status = c.status;
    this.changed();
  }

  setConnection(connection: Connection, note = ""): void {
    if (this.connection === connection && this.connectionNote === note) return;
    this.connection = connection;
    this.connectionNote = note;
    this.changed();
  }

  /** Mails still moving (the pull fallback watches them). */
  inFlight(): number {
    let n = 0;
    for (const m of this.mails) if (m.state === "queued" || m.state === "sending" || m.state === "forwarding") n++;
    return n;
  }

  private announce(m: MailEntry): void {
    if (m.state === "delivered") this.announcements.push(`Mail to ${m.to} delivered.`);
    else if (m.state === "failed")
      this.announcements.push(`Mail to ${m.to} failed${m.code ? " (code " + m.code + ")" : ""}.`);
    else return;
    if (this.announcements.length > 5) this.announcements.shift();
  }

  private remove(ids: number[]): void {
    const gone = new Set(ids);
    this.mails = this.mails.filter((m) => !gone.has(m.id));
    this.reindex();
  }

  private reindex(): void {
    this.byId.clear();
    for (let i = 0; i < this.mails.length; i++) this.byId.set(this.mails[i].id, i);
  }
}
