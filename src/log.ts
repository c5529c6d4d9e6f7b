// The delivery log: one entry per mail, each with its timeline. Every change
// takes the next number from the engine's Revision, so a reader can ask for
// "everything after N" and miss nothing (the panel's pull fallback relies on
// it). What one change costs does not grow with the log: entries live in a
// table by id, with two lists of ids (in the order added, and by last change),
// so "after N" walks only what changed (issue 16). An entry that has
// ended is kept as its wire text (src/wire.ts) rather than a tree of objects:
// a full log then costs Qt's garbage collector one item per row, not about 22
// (issue 16: 130-170 ms pauses at 100,000 rows), and an answer to the panel
// joins texts instead of encoding rows. A caller that still holds an ended
// entry may change it and touch it: the object it holds is the newest state of
// that row (nothing else can change a frozen one), so the log takes it back.

import { IdTable } from "./id-table";
import type { Changes, MailEntry, MailEvent, MailState } from "./protocol";
import { RecencyList } from "./recency";
import type { Revision } from "./revision";
import { accountTable, decodeMail, encodeMail, type WireAccount, type WireMail } from "./wire";

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

/** What changed, with the rows named by id: the caller reads them as objects (mailsOf) or as wire text (wireOf). */
export type LogChanges = Pick<
  Changes,
  "epoch" | "seq" | "full" | "droppedIds" | "dropped" | "sent" | "file" | "more"
> & { ids: number[] };

/** Rows as they travel: each one's JSON text, the accounts they name by index, and the time their offsets start from. */
export interface WireRows {
  texts: string[];
  accounts: { [index: number]: WireAccount };
  at: number;
}

export class DeliveryLog {
  epoch = 1;
  dropped = 0;
  /** Entries added since the last clear, dropped ones included. */
  sent = 0;
  /** The file generation new entries belong to (the engine moves it on File > Open and New). */
  file = 1;
  /** Every row's times are kept and sent as offsets from this (the log's start). */
  readonly base: number;
  private cap: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private readonly revision: Revision;
  /** Each row: the entry while it may still change, its wire text once it has ended. */
  private readonly entries = new IdTable<MailEntry | string>();
  /** The accounts rows name, by index, for the log's whole life; and each row's index. */
  private readonly accounts = accountTable();
  private readonly accountOf = new IdTable<number>();
  /** Each row's rev, readable without thawing it. */
  private readonly revs = new IdTable<number>();
  /** Ids by their last change. */
  private readonly recency = new RecencyList();
  /** The ids in the order they were added: the cap walks it from the oldest, a catch-up from an id. */
  private readonly order = new RecencyList();
  private readonly sizes = new IdTable<number>();
  private bytes = 0;
  private nextId = 1;
  /** Recent drops in seq order (two lists of numbers, not an object each), so a reader that is behind learns which rows to remove. */
  private dropIds: number[] = [];
  private dropSeqs: number[] = [];
  /** Drops at or below this seq are no longer listed: a reader that far behind gets everything. */
  private dropsForgottenUpTo = 0;

  constructor(options: LogOptions) {
    this.cap = options.cap;
    this.maxBytes = options.maxBytes || LOG_BYTES;
    this.now = options.now;
    this.revision = options.revision;
    this.base = this.now();
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
    this.order.moveToEnd(id);
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

  /** Marks an entry changed: it takes the next sequence number; an entry that has ended is frozen. */
  touch(entry: MailEntry): void {
    if (!this.entries.has(entry.id)) return; // dropped or cleared: nothing to tell a reader
    entry.updatedAt = this.now();
    entry.rev = this.revision.next();
    this.revs.set(entry.id, entry.rev);
    this.recency.moveToEnd(entry.id);
    this.entries.set(entry.id, isFinished(entry.state) ? this.textOf(entry) : entry);
  }

  /** A row's wire text: its account numbered in the log's table, its times from the log's base. */
  private textOf(entry: MailEntry): string {
    const w = encodeMail(entry, this.base, (a) => this.accounts.indexOf(a));
    this.accountOf.set(entry.id, w[5]);
    return JSON.stringify(w);
  }

  /** One row as an object to change and touch: live as it is, ended thawed (touch keeps it again); null once dropped. */
  entryOf(id: number): MailEntry | null {
    return this.entries.has(id) ? this.mailsOf([id])[0] : null;
  }

  /** The rows as objects: live entries as they are, ended ones thawed (copies, not kept). */
  mailsOf(ids: number[]): MailEntry[] {
    const mails: MailEntry[] = [];
    for (const id of ids) {
      const slot = this.entries.get(id) as MailEntry | string;
      mails.push(
        typeof slot === "string" ? decodeMail(JSON.parse(slot) as WireMail, this.base, this.accounts.list) : slot,
      );
    }
    return mails;
  }

  /** The rows as the panel gets them: ended ones as kept, live ones encoded now. */
  wireOf(ids: number[]): WireRows {
    const texts: string[] = [];
    const accounts: { [index: number]: WireAccount } = {};
    for (const id of ids) {
      const slot = this.entries.get(id) as MailEntry | string;
      texts.push(typeof slot === "string" ? slot : this.textOf(slot));
      const a = this.accountOf.get(id) as number;
      accounts[a] = this.accounts.list[a];
    }
    return { texts, accounts, at: this.base };
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
    this.dropIds = [];
    this.dropSeqs = [];
    this.dropsForgottenUpTo = 0;
    this.dropped = 0;
    const finished: number[] = [];
    this.order.oldestWhile((id) => {
      if (this.hasEnded(id)) finished.push(id);
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
    let ids: number[] = [];
    let more = false;
    if (full) {
      const chunk = this.chunkAfter(now, 0, limit);
      ids = chunk.ids;
      more = !!chunk.more;
    } else {
      const revs = this.revs;
      this.recency.newestWhile((id) => {
        if ((revs.get(id) as number) <= seq) return false;
        ids.push(id);
        return true;
      });
      ids.sort((a, b) => a - b);
    }
    const answer: LogChanges = {
      epoch: this.epoch,
      seq: now,
      ids,
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
    const ids: number[] = [];
    let more = false;
    this.order.afterWhile(after, (id) => {
      if (id <= after) return true; // `after` was dropped meanwhile: walking from the oldest
      if (limit > 0 && ids.length >= limit) {
        more = true;
        return false;
      }
      ids.push(id);
      return true;
    });
    const answer: LogChanges = {
      epoch: this.epoch,
      seq,
      ids,
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
    let hi = this.dropSeqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.dropSeqs[mid] > seq) hi = mid;
      else lo = mid + 1;
    }
    return this.dropIds.slice(lo);
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
    this.order.oldestWhile((id) => {
      if (count <= limit && bytes <= maxBytes) return false;
      if (this.hasEnded(id)) {
        gone.push(id);
        count--;
        bytes -= sizes.get(id) || 0;
      }
      return true;
    });
    if (!gone.length) return;
    const seq = this.revision.next();
    for (const id of gone) {
      this.forget(id);
      this.dropIds.push(id);
      this.dropSeqs.push(seq);
    }
    this.dropped += gone.length;
    if (this.dropIds.length > 2 * limit + 100) {
      const cut = this.dropIds.length - limit;
      this.dropsForgottenUpTo = this.dropSeqs[cut - 1];
      this.dropIds.splice(0, cut);
      this.dropSeqs.splice(0, cut);
    }
  }

  private hasEnded(id: number): boolean {
    const slot = this.entries.get(id);
    return typeof slot === "string" || (!!slot && isFinished(slot.state));
  }

  private forget(id: number): void {
    this.entries.delete(id);
    this.revs.delete(id);
    this.accountOf.delete(id);
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
