// The delivery log: one entry per mail, each with its timeline. Every change
// takes the next number from the engine's Revision, so a reader can ask for
// "everything after N" and miss nothing (the panel's pull fallback relies on
// it). What one change costs does not grow with the log: entries live in a
// Map (insertion order, O(1) removal) and in a list ordered by their last
// change, so "after N" walks only what changed (issue 16).

import { IdTable } from "./id-table";
import type { Changes, MailEntry, MailEvent, MailState } from "./protocol";
import { RecencyList } from "./recency";
import type { Revision } from "./revision";

/** What a new entry starts with; the log fills in id, rev, times, code and events. */
export type NewMail = Pick<
  MailEntry,
  "origin" | "deviceKey" | "device" | "from" | "to" | "subject" | "body" | "server" | "state"
> & { group?: number };

/** The log keeps this much of a body (the mail itself is sent whole). */
export const BODY_KEPT = 4096;
/** The log's own estimate of its memory, in bytes (UTF-16), above which the oldest finished rows go. */
const LOG_BYTES = 16 * 1024 * 1024;
/** Events kept per mail; repeated progress codes are folded into one before that. */
const EVENTS_KEPT = 40;

export interface LogOptions {
  cap: number;
  now: () => number;
  /** Numbers every change; shared with the rest of the engine. */
  revision: Revision;
  /** The byte bound (LOG_BYTES by default; tests lower it). */
  maxBytes?: number;
}

type LogChanges = Pick<
  Changes,
  "epoch" | "seq" | "mails" | "full" | "droppedIds" | "dropped" | "sent" | "file" | "more"
>;

export class DeliveryLog {
  epoch = 1;
  dropped = 0;
  /** Entries added since the last clear, dropped ones included. */
  sent = 0;
  /** The file generation new entries belong to (the engine moves it on File > Open and New). */
  file = 1;
  private cap: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private readonly revision: Revision;
  private readonly entries = new IdTable<MailEntry>();
  private readonly recency = new RecencyList<MailEntry>();
  /** The entries in the order they were added (by id): the cap walks it from the oldest, a catch-up from an id. */
  private readonly order = new RecencyList<MailEntry>();
  private readonly sizes = new IdTable<number>();
  private bytes = 0;
  private nextId = 1;
  /** Recent drops in seq order, so a reader that is behind learns which rows to remove. */
  private drops: { id: number; seq: number }[] = [];
  /** Drops at or below this seq are no longer listed: a reader that far behind gets everything. */
  private dropsForgottenUpTo = 0;

  constructor(options: LogOptions) {
    this.cap = options.cap;
    this.maxBytes = options.maxBytes || LOG_BYTES;
    this.now = options.now;
    this.revision = options.revision;
  }

  add(mail: NewMail): MailEntry {
    const at = this.now();
    const id = this.nextId++;
    this.sent++;
    const entry: MailEntry = {
      id,
      rev: 0,
      origin: mail.origin,
      group: mail.group === undefined ? id : mail.group,
      file: this.file,
      deviceKey: mail.deviceKey,
      device: mail.device,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      body: mail.body.length > BODY_KEPT ? mail.body.slice(0, BODY_KEPT) : mail.body,
      server: mail.server,
      state: mail.state,
      code: null,
      queuedAt: at,
      updatedAt: at,
      events: [],
    };
    if (mail.body.length > BODY_KEPT) entry.bodyLength = mail.body.length;
    this.entries.set(id, entry);
    this.order.moveToEnd(id, entry);
    this.measure(entry);
    this.touch(entry);
    this.enforceBounds();
    return entry;
  }

  /** Records one event on an entry; a repeated progress code is counted on the last event instead. */
  record(entry: MailEntry, event: Pick<MailEvent, "code" | "note" | "raw" | "late">): void {
    const events = entry.events;
    const last = events[events.length - 1];
    const progress = event.code === 1 || event.code === 3;
    if (progress && last && last.code === event.code && !event.note && !event.raw && !!last.late === !!event.late) {
      last.times = (last.times || 1) + 1;
    } else {
      const e: MailEvent = { at: this.now(), code: event.code };
      if (event.note) e.note = event.note;
      if (event.raw) e.raw = event.raw;
      if (event.late) e.late = true;
      events.push(e);
      if (events.length > EVENTS_KEPT) {
        events.splice(1, 1); // the first event says how it began; the latest say how it is going
        entry.omittedEvents = (entry.omittedEvents || 0) + 1;
      }
    }
    this.measure(entry);
    this.touch(entry);
  }

  /** Marks an entry changed: it takes the next sequence number. */
  touch(entry: MailEntry): void {
    if (!this.entries.has(entry.id)) return; // dropped or cleared: nothing to tell a reader
    entry.updatedAt = this.now();
    entry.rev = this.revision.next();
    this.recency.moveToEnd(entry.id, entry);
  }

  setState(entry: MailEntry, state: MailState, code: number | null, reason?: string): void {
    entry.state = state;
    if (code !== null) entry.code = code;
    if (reason !== undefined) entry.reason = reason;
    this.touch(entry);
    if (isFinished(state)) this.enforceBounds();
  }

  /** Clear: the finished rows go; mails still moving keep theirs (their outcome is still to come). */
  clear(): void {
    this.drops = [];
    this.dropsForgottenUpTo = 0;
    this.dropped = 0;
    const finished: number[] = [];
    this.order.oldestWhile((e) => {
      if (isFinished(e.state)) finished.push(e.id);
      return true;
    });
    for (const id of finished) this.forget(id);
    this.sent = this.entries.size;
    this.epoch++;
    this.revision.next();
  }

  setCap(cap: number): void {
    this.cap = cap;
    this.enforceBounds();
  }

  /**
   * Entries changed after `seq`, in id order; all of them when the reader's epoch
   * is stale. With a limit, a full answer comes in chunks (more: true): the
   * reader asks again with `after` (the last id it got) and the same seq until
   * more is false, then asks for what changed since that seq as usual. So no
   * single answer blocks PT's script thread for long (issue 16).
   */
  changesSince(seq: number, epoch: number, limit = 0, after = -1): LogChanges {
    const now = this.revision.value;
    if (after >= 0 && epoch === this.epoch) return this.chunkAfter(seq, after, limit);
    // (Ids start at 1, so after = 0 walks from the oldest.)
    const full = epoch !== this.epoch || seq > now || seq < this.dropsForgottenUpTo;
    let mails: MailEntry[] = [];
    let more = false;
    if (full) {
      const chunk = this.chunkAfter(now, 0, limit);
      mails = chunk.mails;
      more = !!chunk.more;
    } else {
      this.recency.newestWhile(
        (e) => e.rev > seq,
        (e) => mails.push(e),
      );
      mails.sort((a, b) => a.id - b.id);
    }
    const answer: LogChanges = {
      epoch: this.epoch,
      seq: now,
      mails,
      full,
      droppedIds: full ? [] : this.dropsAfter(seq),
      dropped: this.dropped,
      sent: this.sent,
      file: this.file,
    };
    if (more) answer.more = true;
    return answer;
  }

  /** The entries after an id, at most `limit` of them (0: all), as the continuation of a chunked answer at `seq`. */
  private chunkAfter(seq: number, after: number, limit: number): LogChanges {
    const mails: MailEntry[] = [];
    let more = false;
    this.order.afterWhile(after, (e) => {
      if (e.id <= after) return true; // `after` was dropped meanwhile: walking from the oldest
      if (limit > 0 && mails.length >= limit) {
        more = true;
        return false;
      }
      mails.push(e);
      return true;
    });
    const answer: LogChanges = {
      epoch: this.epoch,
      seq,
      mails,
      full: false,
      droppedIds: [],
      dropped: this.dropped,
      sent: this.sent,
      file: this.file,
    };
    if (more) answer.more = true;
    return answer;
  }

  /** Ids dropped after seq: a binary search, since drops are kept in seq order. */
  private dropsAfter(seq: number): number[] {
    let lo = 0;
    let hi = this.drops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.drops[mid].seq > seq) hi = mid;
      else lo = mid + 1;
    }
    const ids: number[] = [];
    for (let i = lo; i < this.drops.length; i++) ids.push(this.drops[i].id);
    return ids;
  }

  /** Drops the oldest finished mails while the log is over its row cap or its byte bound. */
  private enforceBounds(): void {
    const limit = Math.max(1, this.cap);
    if (this.entries.size <= limit && this.bytes <= this.maxBytes) return;
    const gone: number[] = [];
    let count = this.entries.size;
    let bytes = this.bytes;
    // Oldest first; a mail still moving keeps its row, and the walk stops as soon as the log fits.
    const sizes = this.sizes;
    const maxBytes = this.maxBytes;
    this.order.oldestWhile((e) => {
      if (count <= limit && bytes <= maxBytes) return false;
      if (isFinished(e.state)) {
        gone.push(e.id);
        count--;
        bytes -= sizes.get(e.id) || 0;
      }
      return true;
    });
    if (!gone.length) return;
    const seq = this.revision.next();
    for (const id of gone) {
      this.forget(id);
      this.drops.push({ id, seq });
    }
    this.dropped += gone.length;
    if (this.drops.length > 2 * limit + 100) {
      const forgotten = this.drops.splice(0, this.drops.length - limit);
      this.dropsForgottenUpTo = forgotten[forgotten.length - 1].seq;
    }
  }

  private forget(id: number): void {
    this.entries.delete(id);
    this.recency.remove(id);
    this.order.remove(id);
    this.bytes -= this.sizes.get(id) || 0;
    this.sizes.delete(id);
  }

  /** An estimate of an entry's memory: its text as UTF-16 and a fixed cost per field and event. */
  private measure(entry: MailEntry): void {
    let size =
      300 + 2 * (entry.to.length + entry.from.length + entry.subject.length + entry.body.length + entry.server.length);
    for (const e of entry.events) size += 48 + 2 * ((e.note ? e.note.length : 0) + (e.raw ? e.raw.length : 0));
    this.bytes += size - (this.sizes.get(entry.id) || 0);
    this.sizes.set(entry.id, size);
  }
}

function isFinished(state: MailState): boolean {
  return state === "delivered" || state === "bounced" || state === "failed" || state === "cancelled";
}
