// Per-device queues with one mail in flight; where a mailSent lands is
// src/incoming.ts. PT's SmtpClient handles one send at a
// time (a second sendMail while busy is refused: research/pt-email-and-ux.md),
// so the next mail leaves when the previous one reaches a terminal code, is
// cancelled, or the realtime watchdog gives up on it (and cancels it in PT).
import type { MailDevice } from "./devices";
import { Incoming } from "./incoming";
import { createLane, Endings, type Judge, type Lane } from "./lane";
import type { DeliveryLog } from "./log";
import type { MailSentArgs } from "./mail-event";
import type { MailEntry } from "./protocol";
import type { Host } from "./pt";

/** How soon a send refused as busy is tried again. */
const BUSY_RETRY_MS = 1000;

export interface OutboxOptions {
  host: Host;
  log: DeliveryLog;
  /** The device with this key, while it is in the topology. */
  device: (key: string) => MailDevice | null;
  /** Realtime: how long a mail may wait for its terminal code, or for a busy client. */
  watchdogMs: () => number;
  /** The mail model's judgment of a mail PT ended (src/verdict.ts); none: PT's code alone. */
  judge?: Judge;
}

export class Outbox {
  private readonly lanes = new Map<string, Lane>();
  private simulationMode = false;
  private readonly host: Host;
  private readonly log: DeliveryLog;
  private readonly device: (key: string) => MailDevice | null;
  private readonly watchdogMs: () => number;
  private readonly endings: Endings;
  private readonly incoming: Incoming;

  constructor(options: OutboxOptions) {
    this.host = options.host;
    this.log = options.log;
    this.device = options.device;
    this.watchdogMs = options.watchdogMs;
    this.endings = new Endings(options.log, options.judge || null);
    this.incoming = new Incoming(options.log, this.endings, {
      progressed: (key, lane) => this.armWatchdog(key, lane),
      ended: (key, lane) => {
        this.clearWatchdog(lane);
        this.pump(key);
      },
    });
  }

  enqueue(key: string, entry: MailEntry, body: string, password: string): void {
    this.laneOf(key).queue.push({ entry, body, password });
    this.pump(key);
  }

  /** Sends the next queued mails of a device while none is in flight. Iterative: PT may answer inside sendMail. */
  pump(key: string): void {
    const lane = this.laneOf(key);
    if (lane.pumping || lane.retry !== null) return;
    lane.pumping = true;
    try {
      while (!lane.inFlight && lane.queue.length && lane.retry === null) this.sendNext(key, lane);
    } finally {
      lane.pumping = false;
    }
  }

  private sendNext(key: string, lane: Lane): void {
    const next = lane.queue[0];
    const d = this.device(key);
    if (!d) {
      lane.queue.shift();
      this.endings.end(lane, next.entry, "failed", null, "Not sent: the device is gone.");
      return;
    }
    lane.inFlight = next.entry;
    let accepted = false;
    let error = "";
    try {
      const e = next.entry;
      accepted = d.smtp.sendMail(e.from, e.to, e.subject, next.body, next.password, e.server) !== false;
    } catch (err) {
      error = String(err);
    }
    if (lane.inFlight !== next.entry) {
      lane.queue.shift(); // an event inside sendMail already ended it
      return;
    }
    if (error) {
      lane.queue.shift();
      lane.inFlight = null;
      this.endings.end(lane, next.entry, "failed", null, "Not sent: Packet Tracer raised an error (" + error + ").");
      return;
    }
    if (!accepted) {
      lane.inFlight = null;
      this.waitForClient(key, lane, next.entry);
      return;
    }
    lane.queue.shift();
    lane.inFlightPassword = next.password;
    lane.busySince = 0;
    if (next.entry.state === "queued") this.log.setState(next.entry, "sending", null);
    this.armWatchdog(key, lane);
  }

  /** sendMail said no: the client is busy. The mail stays first in line; it fails only after the watchdog's time. */
  private waitForClient(key: string, lane: Lane, entry: MailEntry): void {
    const now = this.host.now();
    if (!lane.busySince) {
      lane.busySince = now;
      this.log.record(entry, {
        code: null,
        note: "Waiting: Packet Tracer's email client is busy (sendMail answered false).",
      });
    }
    if (!this.simulationMode && now - lane.busySince >= this.watchdogMs()) {
      lane.queue.shift();
      lane.busySince = 0;
      const reason =
        "Not sent: Packet Tracer refused to start the send for " +
        Math.round(this.watchdogMs() / 1000) +
        " s (sendMail returned false). Is the device's Email app busy with another mail?";
      this.endings.end(lane, entry, "failed", null, reason);
      this.pump(key);
      return;
    }
    try {
      lane.retry = this.host.setTimeout(() => {
        lane.retry = null;
        this.pump(key);
      }, BUSY_RETRY_MS);
    } catch (e) {
      // No way to try again later: the mail ends now rather than wait for ever.
      lane.queue.shift();
      lane.busySince = 0;
      this.endings.end(
        lane,
        entry,
        "failed",
        null,
        "Not sent: Packet Tracer's email client was busy, and " + timerFailed(e),
      );
    }
  }

  /** A mailSent from a device (src/incoming.ts says where it lands). */
  onMailSent(d: MailDevice, event: MailSentArgs): MailEntry | null {
    return this.incoming.onMailSent(d, this.laneOf(d.key), event);
  }

  /** Cancels the mail in flight (cancelSend) and every queued mail of a device; answers how many. */
  cancel(key: string): number {
    const lane = this.laneOf(key);
    let count = 0;
    this.clearRetry(lane);
    for (const q of lane.queue) {
      if (q.entry === lane.inFlight) continue;
      this.endings.end(lane, q.entry, "cancelled", null, "Cancelled before it was sent.");
      count++;
    }
    lane.queue = [];
    const entry = lane.inFlight;
    if (entry) {
      lane.inFlight = null;
      this.clearWatchdog(lane);
      this.endings.end(lane, entry, "cancelled", null, this.cancelInPt(key, "Cancelled while sending (cancelSend)."));
      count++;
    }
    return count;
  }

  /** Asks PT to stop the device's send; answers the note to keep, naming any error. */
  private cancelInPt(key: string, note: string): string {
    const d = this.device(key);
    try {
      if (d) d.smtp.cancelSend();
    } catch (e) {
      return note.replace(/\.$/, "") + "; Packet Tracer raised an error on cancelSend (" + String(e) + ").";
    }
    return note;
  }

  /** The device went away or lost power: nothing of it can be sent now. */
  abandon(key: string, why: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    this.clearRetry(lane);
    const entry = lane.inFlight;
    if (entry) {
      lane.inFlight = null;
      this.clearWatchdog(lane);
      this.endings.end(lane, entry, "failed", null, "Stopped: " + why + ".");
    }
    for (const q of lane.queue)
      if (q.entry !== entry) this.endings.end(lane, q.entry, "failed", null, "Not sent: " + why + ".");
    lane.queue = [];
    for (const open of lane.external.slice()) this.endings.endExternal(lane, open, "No result: " + why + ".");
  }

  /** The device is gone (deleted, file closed, engine stopped): its mails end and its lane goes. */
  forget(key: string, why: string): void {
    this.abandon(key, why);
    this.lanes.delete(key);
  }

  /** Every device is gone: the mails still moving end, and every lane goes. */
  forgetAll(why: string): void {
    const keys: string[] = [];
    this.lanes.forEach((_lane, key) => {
      keys.push(key);
    });
    for (const key of keys) this.abandon(key, why);
    this.lanes.clear();
  }

  /** A device renamed: its rows still moving follow the new name. */
  rename(key: string, name: string): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    const moving = lane.queue.map((q) => q.entry).concat(lane.inFlight ? [lane.inFlight] : [], lane.external);
    for (const e of moving) {
      if (e.device === name) continue;
      e.device = name;
      this.log.touch(e);
    }
  }

  /** PT switched between Realtime and Simulation mode. */
  setSimulationMode(on: boolean): void {
    this.simulationMode = on;
    // A loop in the method, not an arrow: Qt 5.15 loses `this` in an arrow's nested blocks (build/engine-guard.mjs).
    for (const [key, lane] of this.lanes) {
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
    for (const lane of this.lanes.values()) {
      this.clearWatchdog(lane);
      this.clearRetry(lane);
    }
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
    try {
      lane.watchdog = this.host.setTimeout(() => {
        lane.watchdog = null;
        if (lane.inFlight === entry) this.giveUp(key, lane, entry, ms);
      }, ms);
    } catch (e) {
      // The mail is PT's now: it still ends on its mailSent, but nothing will give up on it.
      this.log.record(entry, { code: null, note: "No watchdog for this mail: " + timerFailed(e) });
    }
  }

  /** No terminal code in time: cancel the send in PT too, so its client is free for the next mail. */
  private giveUp(key: string, lane: Lane, entry: MailEntry, ms: number): void {
    lane.inFlight = null;
    const note =
      "No answer from Packet Tracer after " + Math.round(ms / 1000) + " s; the console cancelled it and moved on.";
    this.endings.end(lane, entry, "failed", null, this.cancelInPt(key, note));
    this.pump(key);
  }

  /** A timer left set is harmless (its callback checks the lane), so a clearTimeout PT refuses stops nothing. */
  private clearWatchdog(lane: Lane): void {
    if (lane.watchdog !== null) clearTimer(this.host, lane.watchdog);
    lane.watchdog = null;
  }

  private clearRetry(lane: Lane): void {
    if (lane.retry !== null) clearTimer(this.host, lane.retry);
    lane.retry = null;
    lane.busySince = 0;
  }

  private laneOf(key: string): Lane {
    const known = this.lanes.get(key);
    if (known) return known;
    const created = createLane();
    this.lanes.set(key, created);
    return created;
  }
}

function clearTimer(host: Host, id: unknown): void {
  try {
    host.clearTimeout(id);
  } catch (_e) {
    // The callback finds its mail gone and does nothing.
  }
}

function timerFailed(e: unknown): string {
  return "Packet Tracer refused a timer (" + String(e) + ").";
}
