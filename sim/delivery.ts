// One mail's way through the simulated network, step by step, ending in one
// mailSent with a terminal code. The checks and their order follow TRIGGERS in
// rules.ts; each step waits `stepMs` (or `timeoutMs` when nothing answers) on
// the world's scheduler, which in Simulation mode moves only when stepped.
import { domainOf, isIpAddress, isUnset, localPartOf } from "./addresses";
import type { SimDevice, SimSmtpClient } from "./device";
import { DSN_SUBJECT, POLICY } from "./rules";
import type { World } from "./world";

export interface MailRequest {
  from: string;
  to: string;
  subject: string;
  body: string;
  password: string;
  server: string;
}

type Phase = "starting" | "connecting" | "session" | "done";

export class Delivery {
  phase: Phase = "starting";
  /** The outgoing server while the SMTP session is open (a cut then gives 7). */
  session: SimDevice | null = null;
  private task: { cancel(): void } | null = null;
  /** Codes emitted so far, for tests and the scenario table. */
  readonly codes: number[] = [];

  constructor(private world: World, readonly device: SimDevice, readonly client: SimSmtpClient, readonly mail: MailRequest) {}

  start(): void {
    this.later("step", () => {
      if (POLICY.emitProgressEvents) this.emit(1);
      this.resolveServer();
    });
  }

  /** Stops with no event (cancelSend, sender gone), or with `code` when the policy says so. */
  abort(code: number | null): void {
    if (this.phase === "done") return;
    if (this.task) this.task.cancel();
    if (code !== null) this.finish(code);
    else this.end();
  }

  /** The world changed: an open session whose server went away is reset. */
  checkSession(): void {
    if (this.phase !== "session" || !this.session) return;
    const server = this.session;
    const r = this.world.reach(this.device, server.ip);
    const mail = server.mail;
    if (!r.ok || r.device !== server || !mail || !mail.smtp.enabled) {
      if (this.task) this.task.cancel();
      this.later("step", () => this.finish(7));
    }
  }

  private resolveServer(): void {
    const server = this.mail.server.trim();
    if (!server) return this.later("step", () => this.finish(13)); // nothing to connect to [inferred]
    if (isIpAddress(server)) return this.connect(server);
    const dnsIp = this.device.dnsServer;
    if (isUnset(dnsIp)) return this.later("step", () => this.finish(8));
    const r = this.world.reach(this.device, dnsIp);
    if (!r.ok || !r.device.dns || !r.device.dns.enabled) return this.later("timeout", () => this.finish(8));
    const address = r.device.dns.getIpAddOfDomain(server);
    if (!address) return this.later("step", () => this.finish(9));
    this.later("step", () => this.connect(address));
  }

  private connect(ip: string): void {
    this.phase = "connecting";
    if (this.device.arpCold && POLICY.coldArpFirstSendTimeout) {
      this.device.arpCold = false; // ARP resolves meanwhile: the next send works
      return this.later("timeout", () => this.finish(6));
    }
    const r = this.world.reach(this.device, ip);
    if (!r.ok) return this.later("timeout", () => this.finish(6));
    const target = r.device;
    if (!target.mail) return this.later("step", () => this.finish(10));
    if (!target.mail.smtp.enabled) return this.later("timeout", () => this.finish(POLICY.smtpOffCode));
    this.phase = "session";
    this.session = target;
    this.later("step", () => this.authenticate(target));
  }

  private authenticate(server: SimDevice): void {
    const mail = server.mail!;
    const user = localPartOf(this.mail.from);
    if (domainOf(this.mail.from) !== mail.smtp.domain) return this.finish(12);
    if (!mail.server.hasUser(user)) return this.finish(11);
    if (mail.server.users[user] !== this.mail.password) return this.finish(5);
    const toDomain = domainOf(this.mail.to);
    if (toDomain === mail.smtp.domain) return this.later("step", () => this.deliverLocally(server));
    if (POLICY.emitProgressEvents) this.emit(3);
    this.later("step", () => this.relay(server, toDomain));
  }

  private deliverLocally(server: SimDevice): void {
    const mail = server.mail!;
    const rcpt = localPartOf(this.mail.to);
    if (mail.server.hasUser(rcpt)) {
      mail.server.deliver(rcpt, this.stored());
      return this.finish(2);
    }
    if (POLICY.unknownLocalRecipient === "reject4") return this.finish(4);
    this.bounce(server, "The user " + this.mail.to + " does not exist on this server.");
    this.finish(2);
  }

  private relay(server: SimDevice, toDomain: string): void {
    const dnsIp = server.dnsServer;
    if (isUnset(dnsIp)) return this.finish(13);
    const dns = this.world.reach(server, dnsIp);
    if (!dns.ok || !dns.device.dns || !dns.device.dns.enabled) return this.later("timeout", () => this.finish(13));
    const address = dns.device.dns.getIpAddOfDomain(toDomain);
    if (!address) return this.finish(13);
    const r = this.world.reach(server, address);
    if (!r.ok) return this.later("timeout", () => this.finish(13));
    const remote = r.device.mail;
    if (!remote || !remote.smtp.enabled || remote.smtp.domain !== toDomain) return this.later("step", () => this.finish(13));
    const rcpt = localPartOf(this.mail.to);
    if (!remote.server.hasUser(rcpt)) return this.later("step", () => this.finish(4));
    this.later("step", () => {
      remote.server.deliver(rcpt, this.stored());
      this.finish(2);
    });
  }

  private bounce(server: SimDevice, why: string): void {
    const sender = localPartOf(this.mail.from);
    if (!server.mail!.server.hasUser(sender)) return;
    server.mail!.server.deliver(sender, {
      from: "mailer-daemon@" + server.mail!.smtp.domain, rcpt: this.mail.from, subject: DSN_SUBJECT,
      content: why + "\n\nSubject: " + this.mail.subject, dateTime: new Date(this.world.clock.now()).toISOString(),
    });
  }

  private stored() {
    return { from: this.mail.from, rcpt: this.mail.to, subject: this.mail.subject, content: this.mail.body, dateTime: new Date(this.world.clock.now()).toISOString() };
  }

  private later(kind: "step" | "timeout", fn: () => void): void {
    this.task = this.world.after(kind === "step" ? this.world.stepMs : this.world.timeoutMs, () => {
      this.task = null;
      if (this.phase !== "done") fn();
    });
  }

  private emit(code: number): void {
    this.codes.push(code);
    this.client.emit("mailSent", { dest: this.mail.to, subject: this.mail.subject, body: this.mail.body, responseType: code });
  }

  private finish(code: number): void {
    if (this.phase === "done") return;
    this.end();
    this.emit(code);
  }

  private end(): void {
    this.phase = "done";
    this.session = null;
    this.world.deliveryEnded(this);
  }
}
