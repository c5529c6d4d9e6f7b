// A device's lane in the outbox: its mail in flight, its queue, and what it
// remembers of ended mails so that a late or repeated code finds its row; and
// how a mailSent is matched to a mail. Shared by the outbox (sending) and the
// incoming events (src/incoming.ts).
import { outcomeKind } from "./codes";
import type { DeliveryLog } from "./log";
import type { MailSentArgs } from "./mail-event";
import type { MailEntry, MailState } from "./protocol";
import type { TimerId } from "./pt";
import type { Judged } from "./verdict";

interface Queued {
  entry: MailEntry;
  /** The whole body: the log keeps only a bounded prefix of it. */
  body: string;
  password: string;
}

export interface Lane {
  inFlight: MailEntry | null;
  /** The password the mail in flight was sent with (the log keeps none): the model judges with it. */
  inFlightPassword: string | null;
  queue: Queued[];
  watchdog: TimerId | null;
  /** sendMail answered false: PT's client is busy (its own Email app, say); try again then. */
  retry: TimerId | null;
  busySince: number;
  /** Recently ended mails of this device, newest last: a late or repeated code lands on their rows. */
  ended: EndedMail[];
  /** Open mails from PT's own Email client, oldest first. */
  external: MailEntry[];
  /** pump() is running: a nested call (an event inside sendMail) leaves the next mail to it. */
  pumping: boolean;
}

/**
 * What a lane remembers of a mail that ended, to find its row for a late code: its id and what an event
 * names. The row itself stays in the log as its wire text; keeping the entry here would hold 20 object
 * trees per device beside it (issue 23: the soak's heap grew by them).
 */
export interface EndedMail {
  id: number;
  /** As compared (MatchKey): kept so, a late code is matched against 20 of them with no copy made. */
  to: string;
  subject: string;
}

/** Ended mails remembered per device, and open rows from PT's own client per device. */
const ENDED_KEPT = 20;
export const EXTERNAL_OPEN = 20;

export function createLane(): Lane {
  return {
    inFlight: null,
    inFlightPassword: null,
    queue: [],
    watchdog: null,
    retry: null,
    busySince: 0,
    ended: [],
    external: [],
    pumping: false,
  };
}

/**
 * Judges a mail that PT ended with a code (src/verdict.ts); password null: the device's own. While a large
 * lab is still being read it answers null and gives `later` the judgment when the read ends.
 */
export type Judge = (
  entry: MailEntry,
  state: MailState,
  code: number,
  password: string | null,
  later?: (judged: Judged) => void,
) => Judged | null;

/** How mails end: on the log, and remembered by their lane for late codes. */
export class Endings {
  constructor(
    private readonly log: DeliveryLog,
    private readonly judge: Judge | null = null,
  ) {}

  endExternal(lane: Lane, entry: MailEntry, reason: string): void {
    lane.external.splice(lane.external.indexOf(entry), 1);
    this.end(lane, entry, "failed", null, reason);
  }

  /** A mail reaches its end (by PT's code, or by the console's word with a reason); later codes still find it. */
  end(lane: Lane, entry: MailEntry, state: MailState, code: number | null, reason?: string, password?: string): void {
    if (reason !== undefined && code === null) this.log.record(entry, { code: null, note: reason });
    this.finish(entry, state, code, reason, password);
    lane.ended.push({ id: entry.id, to: normalise(entry.to), subject: entry.subject.trim() });
    if (lane.ended.length > ENDED_KEPT) lane.ended.shift();
  }

  /** Sets the final state; a PT code is judged by the model first, which may turn an accepted mail into a bounce. */
  finish(entry: MailEntry, state: MailState, code: number | null, reason?: string, password?: string): void {
    delete entry.waitingForSimulation;
    const id = entry.id;
    const later = (judged: Judged) => {
      // The row as it is now (dropped by the cap: nothing to add); a verdict is added once, to the code judged.
      const row = this.log.entryOf(id);
      if (row && !row.verdict && row.code === code && row.state === state) this.verdict(row, judged, code, reason);
    };
    const judged =
      code !== null && this.judge
        ? this.judge(entry, state, code, password === undefined ? null : password, later)
        : null;
    if (judged) this.verdict(entry, judged, code, reason);
    else this.log.setState(entry, state, code, reason);
  }

  private verdict(entry: MailEntry, judged: Judged, code: number | null, reason: string | undefined): void {
    entry.verdict = judged.verdict;
    const why =
      judged.state === "bounced" && reason === undefined
        ? "Accepted (code 2), but it comes back: " + judged.verdict.cause
        : reason;
    this.log.setState(entry, judged.state, code, why);
  }
}

/** The state a mail is in after an event with this code. */
export function stateOf(code: number | null): MailState {
  const kind = outcomeKind(code);
  if (kind === "progress") return code === 3 ? "forwarding" : "sending";
  return kind === "success" ? "delivered" : "failed";
}

/**
 * Whether an event belongs to a mail: the same recipient and the same subject.
 * PT's mailSent names both (pt-api.md §7); an event with an empty subject is
 * taken to be about the recipient's mail whatever its subject [inf].
 */
export function matches(entry: Pick<MailEntry, "to" | "subject">, key: MatchKey): boolean {
  if (normalise(entry.to) !== key.to) return false;
  return key.subject === null || entry.subject.trim() === key.subject;
}

/** matches() for a mail that ended, whose recipient and subject were kept as compared. */
export function matchesEnded(ended: EndedMail, key: MatchKey): boolean {
  return ended.to === key.to && (key.subject === null || ended.subject === key.subject);
}

/**
 * An event's recipient and subject as matches() compares them (subject null: any), worked out once per
 * event: each trim() or toLowerCase() is an allocation in Qt's engine (README, Qt traps), and an event was
 * compared with up to 20 ended mails of its device, both sides copied each time (issue 23).
 */
export interface MatchKey {
  to: string;
  subject: string | null;
}

export function matchKey(event: MailSentArgs): MatchKey {
  return { to: normalise(event.dest), subject: event.subject === "" ? null : event.subject.trim() };
}

function normalise(address: string): string {
  return address.trim().toLowerCase();
}
