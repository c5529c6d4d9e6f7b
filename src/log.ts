// The delivery log: one entry per mail, each with its timeline. Every change
// takes the next sequence number, so a reader can ask for "everything after N"
// and miss nothing (the panel's pull fallback relies on it).
import type { Changes, MailEntry, MailEvent, MailState } from "./protocol";
import type { Revision } from "./revision";

/** What a new entry starts with; the log fills in id, rev, times, code and events. */
export type NewMail = Pick<
  MailEntry,
  "origin" | "deviceKey" | "device" | "from" | "to" | "subject" | "body" | "server" | "state"
> & { group?: number };

export interface LogOptions {
  cap: number;
  now: () => number;
  /** Numbers every change; shared with the rest of the engine. */
  revision: Revision;
}

export class DeliveryLog {
  epoch = 1;
  dropped = 0;
  /** Entries added since the last clear, dropped ones included. */
  sent = 0;
  /** The file generation new entries belong to (the engine moves it on File > Open and New). */
  file = 1;
  private cap: number;
  private readonly now: () => number;
  private readonly revision: Revision;
  private entries: MailEntry[] = [];
  private nextId = 1;
  /** Recent drops, so a reader that is behind learns which rows to remove. */
  private drops: { id: number; seq: number }[] = [];

  /** Drops at or below this seq are no longer listed: a reader that far behind gets everything. */
  private dropsForgottenUpTo = 0;

  constructor(options: LogOptions) {
    this.cap = options.cap;
    this.now = options.now;
    this.revision = options.revision;
  }

  add(mail: NewMail): MailEntry {
    const at = this.now();
    const id = this.nextId++;
    this.sent++;
    const entry: MailEntry = {
      id,
      rev: this.revision.next(),
      origin: mail.origin,
      group: mail.group === undefined ? id : mail.group,
      file: this.file,
      deviceKey: mail.deviceKey,
      device: mail.device,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      body: mail.body,
      server: mail.server,
      state: mail.state,
      code: null,
      queuedAt: at,
      updatedAt: at,
      events: [],
    };
    this.entries.push(entry);
    this.enforceCap();
    return entry;
  }

  /** Records one event on an entry (a mailSent, or something the console observed). */
  record(entry: MailEntry, event: Pick<MailEvent, "code" | "note" | "raw" | "late">): void {
    const e: MailEvent = { at: this.now(), code: event.code };
    if (event.note) e.note = event.note;
    if (event.raw) e.raw = event.raw;
    if (event.late) e.late = true;
    entry.events.push(e);
    this.touch(entry);
  }

  /** Marks an entry changed: it takes the next sequence number. */
  touch(entry: MailEntry): void {
    entry.rev = this.revision.next();
    entry.updatedAt = this.now();
  }

  setState(entry: MailEntry, state: MailState, code: number | null, reason?: string): void {
    entry.state = state;
    if (code !== null) entry.code = code;
    if (reason !== undefined) entry.reason = reason;
    this.touch(entry);
  }

  get size(): number {
    return this.entries.length;
  }

  all(): readonly MailEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
    this.drops = [];
    this.dropsForgottenUpTo = 0;
    this.dropped = 0;
    this.sent = 0;
    this.epoch++;
    this.revision.next();
  }

  setCap(cap: number): void {
    this.cap = cap;
    this.enforceCap();
  }

  /** Entries changed after `seq`; all of them when the reader's epoch is stale. */
  changesSince(
    seq: number,
    epoch: number,
  ): Pick<Changes, "epoch" | "seq" | "mails" | "full" | "droppedIds" | "dropped" | "sent" | "file"> {
    const forgotten = seq < this.dropsForgottenUpTo;
    const now = this.revision.value;
    const full = epoch !== this.epoch || seq > now || forgotten;
    const mails = full ? this.entries.slice() : this.entries.filter((e) => e.rev > seq);
    const droppedIds = full ? [] : this.drops.filter((d) => d.seq > seq).map((d) => d.id);
    return {
      epoch: this.epoch,
      seq: now,
      mails,
      full,
      droppedIds,
      dropped: this.dropped,
      sent: this.sent,
      file: this.file,
    };
  }

  private enforceCap(): void {
    const over = this.entries.length - Math.max(1, this.cap);
    if (over <= 0) return;
    // Drop the oldest finished mails first; a mail still moving keeps its row.
    let removed = 0;
    const seq = this.revision.next();
    this.entries = this.entries.filter((e) => {
      if (removed < over && isFinished(e.state)) {
        removed++;
        this.drops.push({ id: e.id, seq });
        return false;
      }
      return true;
    });
    this.dropped += removed;
    if (this.drops.length > 2 * this.cap + 100) {
      const forgotten = this.drops.splice(0, this.drops.length - this.cap);
      this.dropsForgottenUpTo = forgotten[forgotten.length - 1].seq;
    }
  }
}

function isFinished(state: MailState): boolean {
  return state === "delivered" || state === "failed" || state === "cancelled";
}
