// One mail's way through the simulated network. The model decides its fate
// from a snapshot of the world (src/model/fate.ts); the delivery plays the
// fate's steps in time, each after `stepMs` (or `timeoutMs` when nothing
// answers) on the world's scheduler, which in Simulation mode moves only when
// stepped. A world change that cuts the open SMTP session ends it with the
// model's cut row (7). At the end the mail is stored in the named mailbox, or
// PT's bounce in the sender's.
import {
  decideFate,
  dsnMail,
  type Fate,
  type FateStep,
  type MailFacts,
  type OpenSession,
  type PtBehaviour,
  type Snapshot,
  sessionFate,
} from "../src/model";
import type { Clock } from "./clock";
import type { MailRequest } from "./device-host";
import type { DeviceState } from "./device-state";
import type { SimObject } from "./events";
import type { StoredMail } from "./services";

/** What a delivery needs of the World (world.ts): its clock and scheduler, the snapshot the model decides from, the servers mail lands on. */
interface DeliveryWorld {
  readonly clock: Clock;
  stepMs: number;
  timeoutMs: number;
  behaviour: PtBehaviour;
  snapshot(): Snapshot;
  device(name: string): DeviceState | null;
  after(ms: number, fn: () => void): { cancel(): void };
  deliveryEnded(d: Delivery): void;
}

type Phase = "starting" | "session" | "closing" | "done";

export class Delivery {
  phase: Phase = "starting";
  /** The SMTP session while it stands (a cut then gives 7). */
  session: OpenSession | null = null;
  /** What the model decided when the send started. */
  fate: Fate | null = null;
  /** The rule row that decided what was played: the fate's, or the cut's. */
  rule = "";
  /** How it ended: the fate's outcome, "failed" after a cut, null while in flight or when cancelled. */
  outcome: "delivered" | "bounced" | "failed" | "unknown" | null = null;
  /** Codes emitted so far, for tests and the scenario table. */
  readonly codes: number[] = [];
  private task: { cancel(): void } | null = null;
  private readonly startedAt: number;

  constructor(
    private world: DeliveryWorld,
    readonly device: DeviceState,
    /** The SmtpClient that sent it: mailSent is emitted there. */
    readonly client: SimObject,
    readonly mail: MailRequest,
  ) {
    this.startedAt = world.clock.now();
  }

  /** Asks the model; answers false when the send never starts (sendMail then answers false). */
  start(): boolean {
    const fate = fateOf(this.world, this.facts());
    this.fate = fate;
    this.rule = fate.rule;
    if (fate.outcome.kind === "failed" && fate.outcome.code === null) {
      this.outcome = "failed";
      this.phase = "done";
      return false;
    }
    // ARP resolves while the first send waits: the next one finds the entry (live 9.0.1).
    if (fate.rule === "cold-arp") this.device.arpCold = false;
    this.play(fate, 0);
    return true;
  }

  /** Stops with no event (cancelSend, sender gone), or with `code` when the policy says so. */
  abort(code: number | null): void {
    if (this.phase === "done") return;
    if (this.task) this.task.cancel();
    if (code !== null) this.finish(code);
    else this.end();
  }

  /** The world changed: an open session whose server stopped answering is cut. */
  checkSession(): void {
    if (this.phase !== "session" || !this.session) return;
    const cut = sessionFate(this.world.snapshot(), this.facts(), this.world.behaviour, this.session);
    if (cut?.outcome.kind !== "failed") return;
    if (this.task) this.task.cancel();
    this.phase = "closing";
    this.rule = cut.rule;
    const step = cut.steps[0];
    this.later(step.wait, () => this.finish(step.code === null ? 7 : step.code));
  }

  private facts(): MailFacts {
    return {
      device: this.device.name,
      from: this.mail.from,
      to: this.mail.to,
      password: this.mail.password,
      server: this.mail.server,
    };
  }

  private play(fate: Fate, index: number): void {
    // An unknown fate ends like silence: the sim's snapshot is complete, so this means a gap in the model.
    if (index >= fate.steps.length) this.later("timeout", () => this.finish(6));
    // The step's work is a method: in Qt 5.15, `this` is undefined inside a block nested in an arrow function.
    else this.later(fate.steps[index].wait, () => this.stepDone(fate, index));
  }

  private stepDone(fate: Fate, index: number): void {
    const step = fate.steps[index];
    if (index === fate.steps.length - 1 && fate.outcome.kind !== "unknown") {
      this.conclude(fate, step);
      return;
    }
    if (step.code !== null) this.emit(step.code);
    if (step.opensSession) {
      this.phase = "session";
      this.session = step.opensSession;
    }
    this.play(fate, index + 1);
  }

  /** The last step: the mail lands where the fate says, then mailSent carries the terminal code. */
  private conclude(fate: Fate, step: FateStep): void {
    const o = fate.outcome;
    this.end();
    if (o.kind === "delivered") this.store(o.server, o.mailbox, this.stored());
    if (o.kind === "bounced") {
      const dsn = dsnMail(
        o.dsn,
        { from: this.mail.from, to: this.mail.to, subject: this.mail.subject, body: this.mail.body },
        this.startedAt,
      );
      this.store(o.server, o.mailbox, {
        from: dsn.from,
        rcpt: dsn.rcpt,
        subject: dsn.subject,
        content: dsn.content,
        dateTime: this.now(),
      });
    }
    this.outcome = o.kind === "unknown" ? "unknown" : o.kind;
    if (step.code !== null) this.emit(step.code);
  }

  private store(server: string, mailbox: string, mail: StoredMail): void {
    const d = this.world.device(server);
    if (d?.mail) d.mail.server.deliver(mailbox, mail);
  }

  private stored(): StoredMail {
    return {
      from: this.mail.from,
      rcpt: this.mail.to,
      subject: this.mail.subject,
      content: this.mail.body,
      dateTime: this.now(),
    };
  }

  private now(): string {
    return new Date(this.world.clock.now()).toISOString();
  }

  private later(kind: "step" | "timeout", fn: () => void): void {
    this.task = this.world.after(kind === "step" ? this.world.stepMs : this.world.timeoutMs, () => {
      this.task = null;
      if (this.phase !== "done") fn();
    });
  }

  private emit(code: number): void {
    this.codes.push(code);
    this.client.emit("mailSent", {
      dest: this.mail.to,
      subject: this.mail.subject,
      body: this.mail.body,
      responseType: code,
    });
  }

  private finish(code: number): void {
    if (this.phase === "done") return;
    this.end();
    this.outcome = "failed";
    this.emit(code);
  }

  private end(): void {
    this.phase = "done";
    this.session = null;
    this.world.deliveryEnded(this);
  }
}

/** The model's fate; a model error becomes an unknown fate rather than an exception into PT's API. */
function fateOf(world: DeliveryWorld, mail: MailFacts): Fate {
  try {
    return decideFate(world.snapshot(), mail, world.behaviour);
  } catch (e) {
    const what = "the model failed: " + String(e);
    return {
      codes: [],
      outcome: { kind: "unknown" },
      cause: what,
      fix: "",
      rule: "",
      evidence: "inf",
      steps: [],
    };
  }
}
