// Where a mailSent lands: on the device's mail in flight, on a mail that
// already ended (as a late event), on an open row of PT's own Email app, on a
// new such row, or, when it cannot be read, on a row of its own that ends no
// mail (issue 14: unreadable events, remembered mails, recipient and subject).
import { outcomeKind } from "./codes";
import type { MailDevice } from "./devices";
import {
  type Endings,
  EXTERNAL_OPEN,
  type Lane,
  type MatchKey,
  matches,
  matchesEnded,
  matchKey,
  stateOf,
} from "./lane";
import type { DeliveryLog } from "./log";
import { isReadable, type MailSentArgs } from "./mail-event";
import type { MailEntry } from "./protocol";

export interface IncomingHooks {
  /** The mail in flight moved on (a progress code): its watchdog starts again. */
  progressed(key: string, lane: Lane): void;
  /** The mail in flight ended: the next one may leave. */
  ended(key: string, lane: Lane): void;
}

export class Incoming {
  constructor(
    private readonly log: DeliveryLog,
    private readonly endings: Endings,
    private readonly hooks: IncomingHooks,
  ) {}

  /** A mailSent from a device: lands on its mail in flight, a mail that ended, an open PT Email row, or a new row. */
  onMailSent(d: MailDevice, lane: Lane, event: MailSentArgs): MailEntry | null {
    if (!isReadable(event)) return this.unreadable(d, event);
    const key = matchKey(event);
    const inFlight = lane.inFlight;
    if (inFlight && matches(inFlight, key)) {
      this.log.record(inFlight, { code: event.code, raw: event.raw });
      if (outcomeKind(event.code) === "progress") {
        this.log.setState(inFlight, stateOf(event.code), null);
        this.hooks.progressed(d.key, lane);
      } else {
        const password = lane.inFlightPassword;
        lane.inFlight = null;
        lane.inFlightPassword = null;
        this.endings.end(
          lane,
          inFlight,
          stateOf(event.code),
          event.code,
          undefined,
          password === null ? undefined : password,
        );
        this.hooks.ended(d.key, lane);
      }
      return inFlight;
    }
    for (let i = lane.ended.length - 1; i >= 0; i--) {
      if (!matchesEnded(lane.ended[i], key)) continue;
      // Its row, thawed to be changed (the log takes it back); gone when the cap dropped it, and the code with it.
      const entry = this.log.entryOf(lane.ended[i].id);
      return entry ? this.late(entry, event) : null;
    }
    return this.external(d, lane, event, key);
  }

  /** A code for a mail that already ended: kept on its row as late; PT's terminal word replaces a console guess. */
  private late(entry: MailEntry, event: MailSentArgs): MailEntry {
    this.log.record(entry, { code: event.code, raw: event.raw, late: true });
    const guessed = entry.state === "failed" && entry.code === null;
    if (guessed && outcomeKind(event.code) !== "progress") this.endings.finish(entry, stateOf(event.code), event.code);
    return entry;
  }

  private external(d: MailDevice, lane: Lane, event: MailSentArgs, key: MatchKey): MailEntry {
    let entry: MailEntry | null = null;
    for (const open of lane.external) if (matches(open, key)) entry = open;
    if (!entry) {
      entry = this.log.add({
        origin: "pt-client",
        deviceKey: d.key,
        device: d.name,
        from: d.account.mailId,
        to: event.dest,
        subject: event.subject,
        body: event.body,
        server: d.account.smtpServer,
        state: "sending",
      });
      lane.external.push(entry);
      if (lane.external.length > EXTERNAL_OPEN) {
        const oldest = lane.external[0];
        this.endings.endExternal(
          lane,
          oldest,
          "No result seen: Packet Tracer's Email app sent newer mails and never finished this one.",
        );
      }
    }
    this.log.record(entry, { code: event.code, raw: event.raw });
    if (outcomeKind(event.code) === "progress") {
      this.log.setState(entry, stateOf(event.code), null);
    } else {
      lane.external.splice(lane.external.indexOf(entry), 1);
      this.endings.end(lane, entry, stateOf(event.code), event.code);
    }
    return entry;
  }

  /** An event with no recipient or no code: kept as it came, on a row of its own, and no mail is ended by it. */
  private unreadable(d: MailDevice, event: MailSentArgs): MailEntry {
    const entry = this.log.add({
      origin: "unreadable",
      deviceKey: d.key,
      device: d.name,
      from: "",
      to: event.dest,
      subject: event.subject,
      body: event.body,
      server: "",
      state: "failed",
    });
    this.log.record(entry, { code: event.code, raw: event.raw });
    this.endings.finish(
      entry,
      "failed",
      null,
      "Packet Tracer sent a mailSent event this console could not read; it is shown as it came.",
    );
    return entry;
  }
}
