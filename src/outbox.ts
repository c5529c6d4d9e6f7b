// Per-device queues with one mail in flight, and the matching of mailSent
// events to the mail they belong to. PT's SmtpClient handles one send at a
// time (a second sendMail while busy is refused: research/pt-email-and-ux.md),
// so the next mail leaves when the previous one reaches a terminal code, is
// cancelled, or the realtime watchdog gives up on it.

import { outcomeKind } from "./codes";
import type { MailDevice } from "./devices";
import type { DeliveryLog } from "./log";
import type { MailSentArgs } from "./mail-event";
import type { MailEntry, MailState } from "./protocol";
import type { Host, TimerId } from "./pt";

interface Lane {
  inFlight: MailEntry | null;
  queue: { entry: MailEntry; password: string }[];
  watchdog: TimerId | null;
  /** Mails that ended without PT's word (cancelled, watchdog): a late event lands on them. */
  ended: MailEntry[];
  /** Open mails from PT's own Email client, by the order they were seen. */
  external: MailEntry[];
}

const ENDED_KEPT = 20;

export interface OutboxOptions {
  host: Host;
  log: DeliveryLog;
  /** The device with this key, while it is in the topology. */
  device: (key: string) => MailDevice | null;
  /** Realtime: how long a mail may wait for its terminal code. */
  watchdogMs: () => number;
}

export class Outbox {
  /** Our own plain object: for…in over it is safe (never over a native PT object: it crashes PT 9.0.1). */
  private lanes: { [deviceKey: string]: Lane } = {};
  private simulationMode = false;
  private readonly host: Host;
  private readonly log: DeliveryLog;
  private readonly device: (key: string) => MailDevice | null;
  private readonly watchdogMs: () => number;

  constructor(options: OutboxOptions) {
    this.host = options.host;
    this.log = options.log;
    this.device = options.device;
    this.watchdogMs = options.watchdogMs;
  }

  enqueue(key: string, entry: MailEntry, password: string): void {
    this.lane(key).queue.push({ entry, password });
    this.pump(key);
  }

  /** Sends the next queued mail of a device if none is in flight. */
  pump(key: string): void {
    const lane = this.lane(key);
    while (!lane.inFlight) {
      const next = lane.queue.shift();
      if (!next) break;
      const d = this.device(key);
      if (!d) {
        this.finish(next.entry, "failed", null, "Not sent: the device is gone.");
        continue;
      }
      lane.inFlight = next.entry;
      this.log.setState(next.entry, "sending", null);
      let accepted = false;
      let error = "";
      try {
        const e = next.entry;
        accepted = d.smtp.sendMail(e.from, e.to, e.subject, e.body, next.password, e.server) !== false;
      } catch (err) {
        error = String(err);
      }
      if (lane.inFlight !== next.entry) continue; // an event inside sendMail already finished it
      if (!accepted) {
        lane.inFlight = null;
        const reason = error
          ? "Not sent: Packet Tracer raised an error (" + error + ")."
          : "Not sent: Packet Tracer refused to start the send (sendMail returned false). Is the device on, and is its Email app busy with another mail?";
        this.log.record(next.entry, { code: null, note: reason });
        this.finish(next.entry, "failed", null, reason);
        continue;
      }
      this.armWatchdog(key, lane);
    }
  }

  /** A mailSent from a device: lands on its mail in flight, a mail that ended early, or a new pt-client entry. */
  onMailSent(d: MailDevice, event: MailSentArgs): MailEntry {
    const lane = this.lane(d.key);
    const kind = outcomeKind(event.code);
    const raw = event.raw;
    if (lane.inFlight && matches(lane.inFlight, event)) {
      const entry = lane.inFlight;
      this.log.record(entry, { code: event.code, raw });
      if (kind === "progress") {
        this.log.setState(entry, stateOf(event.code), null);
        this.armWatchdog(d.key, lane);
      } else {
        lane.inFlight = null;
        this.clearWatchdog(lane);
        this.finish(entry, stateOf(event.code), event.code);
        this.pump(d.key);
      }
      return entry;
    }
    for (let i = lane.ended.length - 1; i >= 0; i--) {
      const entry = lane.ended[i];
      if (!matches(entry, event)) continue;
      this.log.record(entry, { code: event.code, raw, late: true });
      // A watchdog guessed; PT's late word is the truth. A cancelled mail stays cancelled.
      if (entry.state === "failed" && kind !== "progress") this.finish(entry, stateOf(event.code), event.code);
      if (kind !== "progress") lane.ended.splice(i, 1);
      return entry;
    }
    return this.onExternal(d, lane, event, kind);
  }

  private onExternal(d: MailDevice, lane: Lane, event: MailSentArgs, kind: string): MailEntry {
    let entry: MailEntry | null = null;
    for (const open of lane.external) if (matches(open, event)) entry = open;
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
      if (lane.external.length > ENDED_KEPT) lane.external.shift();
    }
    this.log.record(entry, { code: event.code, raw: event.raw });
    if (kind === "progress") {
      this.log.setState(entry, stateOf(event.code), null);
    } else {
      lane.external.splice(lane.external.indexOf(entry), 1);
      this.finish(entry, stateOf(event.code), event.code);
    }
    return entry;
  }

  /** Cancels the mail in flight (cancelSend) and every queued mail of a device; answers how many. */
  cancel(key: string): number {
    const lane = this.lane(key);
    let count = 0;
    for (const q of lane.queue) {
      this.log.record(q.entry, { code: null, note: "Cancelled before it was sent." });
      this.finish(q.entry, "cancelled", null, "Cancelled before it was sent.");
      count++;
    }
    lane.queue = [];
    const entry = lane.inFlight;
    if (entry) {
      const d = this.device(key);
      let note = "Cancelled while sending (cancelSend).";
      try {
        if (d) d.smtp.cancelSend();
      } catch (e) {
        note = "Cancelled; Packet Tracer raised an error on cancelSend (" + String(e) + ").";
      }
      lane.inFlight = null;
      this.clearWatchdog(lane);
      this.log.record(entry, { code: null, note });
      this.finish(entry, "cancelled", null, note);
      this.remember(lane, entry);
      count++;
    }
    return count;
  }

  /** The device went away or lost power: nothing of it can be sent now. */
  abandon(key: string, why: string): void {
    const lane = this.lanes[key];
    if (!lane) return;
    const entry = lane.inFlight;
    if (entry) {
      lane.inFlight = null;
      this.clearWatchdog(lane);
      const note = "Stopped: " + why + ".";
      this.log.record(entry, { code: null, note });
      this.finish(entry, "failed", null, note);
    }
    for (const q of lane.queue) {
      const note = "Not sent: " + why + ".";
      this.log.record(q.entry, { code: null, note });
      this.finish(q.entry, "failed", null, note);
    }
    lane.queue = [];
    for (const open of lane.external) {
      this.log.record(open, { code: null, note: "No result: " + why + "." });
      this.finish(open, "failed", null, "No result: " + why + ".");
    }
    lane.external = [];
  }

  /** A device renamed: its rows follow the new name. */
  rename(key: string, name: string): void {
    const lane = this.lanes[key];
    if (!lane) return;
    const touched = lane.queue.map((q) => q.entry).concat(lane.inFlight ? [lane.inFlight] : [], lane.external);
    for (const e of touched) {
      e.device = name;
      this.log.touch(e);
    }
  }

  /** PT switched between Realtime and Simulation mode. */
  setSimulationMode(on: boolean): void {
    this.simulationMode = on;
    for (const key in this.lanes) {
      const lane = this.lanes[key];
      const entry = lane.inFlight;
      if (!entry) continue;
      if (on) {
        this.clearWatchdog(lane);
        entry.waitingForSimulation = true;
      } else {
        delete entry.waitingForSimulation;
        this.armWatchdog(key, lane);
      }
      this.log.touch(entry);
    }
  }

  stop(): void {
    for (const key in this.lanes) this.clearWatchdog(this.lanes[key]);
  }

  private armWatchdog(key: string, lane: Lane): void {
    this.clearWatchdog(lane);
    const entry = lane.inFlight;
    if (!entry) return;
    // In Simulation mode mail moves only with simulated time: a wall clock must not fail it (pt-api.md §5.1).
    if (this.simulationMode) {
      if (!entry.waitingForSimulation) {
        entry.waitingForSimulation = true;
        this.log.touch(entry);
      }
      return;
    }
    const ms = this.watchdogMs();
    lane.watchdog = this.host.setTimeout(() => {
      lane.watchdog = null;
      if (lane.inFlight !== entry) return;
      lane.inFlight = null;
      const note = "No answer from Packet Tracer after " + Math.round(ms / 1000) + " s; the console moved on.";
      this.log.record(entry, { code: null, note });
      this.finish(entry, "failed", null, note);
      this.remember(lane, entry);
      this.pump(key);
    }, ms);
  }

  private clearWatchdog(lane: Lane): void {
    if (lane.watchdog !== null) {
      this.host.clearTimeout(lane.watchdog);
      lane.watchdog = null;
    }
  }

  private finish(entry: MailEntry, state: MailState, code: number | null, reason?: string): void {
    delete entry.waitingForSimulation;
    this.log.setState(entry, state, code, reason);
  }

  private remember(lane: Lane, entry: MailEntry): void {
    lane.ended.push(entry);
    if (lane.ended.length > ENDED_KEPT) lane.ended.shift();
  }

  private lane(key: string): Lane {
    let lane = this.lanes[key];
    if (!lane) lane = this.lanes[key] = { inFlight: null, queue: [], watchdog: null, ended: [], external: [] };
    return lane;
  }
}

/** The state a mail is in after an event with this code. */
function stateOf(code: number | null): MailState {
  const kind = outcomeKind(code);
  if (kind === "progress") return code === 3 ? "forwarding" : "sending";
  return kind === "success" ? "delivered" : "failed";
}

/** Whether an event belongs to a mail: same recipient, or an event that names none. */
function matches(entry: MailEntry, event: MailSentArgs): boolean {
  if (!event.dest) return true;
  return normalise(event.dest) === normalise(entry.to);
}

function normalise(address: string): string {
  return address.trim().toLowerCase();
}
