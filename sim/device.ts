// A simulated device with the IpcAPI Device shape, and the client-side email
// processes (class_device.html, class_email_client.html, class_email_user.html,
// class_smtp_client.html).
import type { Device, EmailClient, EmailUser, SmtpClient } from "../src/pt";
import type { DeviceHost } from "./device-host";
import { type DeviceKind, DeviceState } from "./device-state";
import { SimObject } from "./events";
import type { SimPortObject } from "./ports";
import { deviceXml, SimArp, SimDnsClient, SimHostIp, SimRouting } from "./processes";
import { SimDnsServer, SimEmailServer, SimPop3Server, SimSmtpServer, type StoredMail } from "./services";

/** What getProcess can answer on a simulated device. */
export type SimProcess =
  | SimEmailClient
  | SimSmtpClient
  | SimEmailServer
  | SimSmtpServer
  | SimPop3Server
  | SimDnsServer
  | SimHostIp
  | SimDnsClient
  | SimArp
  | SimRouting;

class SimEmailUser implements EmailUser {
  name = "";
  mailId = "";
  user = "";
  password = "";
  smtpServer = "";
  pop3Server = "";
  getName() {
    return this.name;
  }
  getMailId() {
    return this.mailId;
  }
  getUser() {
    return this.user;
  }
  getPassword() {
    return this.password;
  }
  getSmtpServer() {
    return this.smtpServer;
  }
  getPop3Server() {
    return this.pop3Server;
  }
  setName(v: string) {
    this.name = String(v);
  }
  setMailId(v: string) {
    this.mailId = String(v);
  }
  setUser(v: string) {
    this.user = String(v);
  }
  setPassword(v: string) {
    this.password = String(v);
  }
  setSmtpServer(v: string) {
    this.smtpServer = String(v);
  }
  setPop3Server(v: string) {
    this.pop3Server = String(v);
  }
}

export class SimSmtpClient extends SimObject implements SmtpClient {
  constructor(private owner: SimDevice) {
    super("SmtpClient");
  }
  sendMail(from: string, to: string, subject: string, body: string, password: string, server: string): boolean {
    // Native calls need exact argument counts (pt-script-modules.md §1.3).
    if (arguments.length !== 6) throw new Error('Invalid arguments for IPC call "sendMail"');
    return this.owner.world.startDelivery(this.owner, this, {
      from: String(from),
      to: String(to),
      subject: String(subject),
      body: String(body),
      password: String(password),
      server: String(server),
    });
  }
  cancelSend(): void {
    if (arguments.length !== 0) throw new Error('Invalid arguments for IPC call "cancelSend"');
    this.owner.world.cancelDelivery(this);
  }
  getOwnerDevice(): SimDevice {
    return this.owner;
  }
}

export class SimEmailClient implements EmailClient {
  readonly user = new SimEmailUser();
  /** What the Email app has received (POP3 is outside what Mail Console drives; imported labs keep it). */
  readonly inbox: StoredMail[] = [];
  readonly smtp: SimSmtpClient;
  constructor(owner: SimDevice) {
    this.smtp = new SimSmtpClient(owner);
  }
  getEmailUser(): EmailUser {
    return this.user;
  }
  getSmtpClient(): SmtpClient {
    return this.smtp;
  }
  getPop3Client(): null {
    return null; // POP3 is outside what Mail Console uses
  }
}

/** A device as PT's IPC hands it out: its settings and state (device-state.ts), its processes, and what it tells the world. */
export class SimDevice extends DeviceState implements Device {
  email: SimEmailClient | null = null;

  constructor(
    readonly world: DeviceHost,
    name: string,
    kind: DeviceKind,
  ) {
    super(name, kind);
    if (this.isHost) this.email = new SimEmailClient(this);
    if (kind === "server") {
      // Server-PT has the EMAIL service with SMTP and POP3 ON by default (pt-email-and-ux.md A1), DNS OFF.
      const changed = () => world.topologyChanged();
      this.mail = { server: new SimEmailServer(changed), smtp: new SimSmtpServer(changed), pop3: new SimPop3Server() };
      this.dns = new SimDnsServer(changed);
    }
  }

  setPower(on: boolean): void {
    if (this.power === !!on) return;
    if (!on) this.emit("poweringOff", {});
    this.power = !!on;
    if (on) this.arpCold = true;
    this.world.powerChanged(this);
    this.emit("powerChanged", { on: this.power });
  }
  getPortCount(): number {
    if (arguments.length !== 0) throw new Error('Invalid arguments for IPC call "getPortCount"');
    return this.world.ports.portCount(this);
  }
  getPortAt(index: number): SimPortObject | null {
    if (arguments.length !== 1) throw new Error('Invalid arguments for IPC call "getPortAt"');
    return this.world.ports.portAt(this, index);
  }
  serializeToXml(): string {
    if (arguments.length !== 0) throw new Error('Invalid arguments for IPC call "serializeToXml"');
    return deviceXml(this);
  }
  getProcess(name: "EmailClient" | "EmailClientProcess"): SimEmailClient | null;
  getProcess(name: "SmtpClient" | "SmtpClientProcess"): SimSmtpClient | null;
  getProcess(name: "EmailServer" | "EmailServerProcess"): SimEmailServer | null;
  getProcess(name: "SmtpServer" | "SmtpServerProcess"): SimSmtpServer | null;
  getProcess(name: "Pop3Server" | "Pop3ServerProcess"): SimPop3Server | null;
  getProcess(name: "DnsServer" | "DnsServerProcess"): SimDnsServer | null;
  getProcess(name: "HostIp" | "HostIpProcess"): SimHostIp | null;
  getProcess(name: "DnsClient" | "DnsClientProcess"): SimDnsClient | null;
  getProcess(name: "Arp" | "ArpProcess"): SimArp | null;
  getProcess(name: "Routing" | "RoutingProcess"): SimRouting | null;
  getProcess(name: string): SimProcess | null;
  getProcess(name: string): SimProcess | null {
    if (arguments.length !== 1) throw new Error('Invalid arguments for IPC call "getProcess"');
    // "Process" may be appended or left off (class_device.html).
    const n = String(name).replace(/Process$/, "");
    switch (n) {
      case "EmailClient":
        return this.email;
      case "SmtpClient":
        return this.email ? this.email.smtp : null;
      case "EmailServer":
        return this.mail ? this.mail.server : null;
      case "SmtpServer":
        return this.mail ? this.mail.smtp : null;
      case "Pop3Server":
        return this.mail ? this.mail.pop3 : null;
      case "DnsServer":
        return this.dns;
      // End devices keep their IP settings in HostIp and DnsClient (class_host_ip.html); every device with an
      // IP stack has ARP (a power strip has none); routers route. A fresh view each call, as PT may hand a new wrapper.
      case "HostIp":
        return this.hasIpSettings ? new SimHostIp(this) : null;
      case "DnsClient":
        return this.hasIpSettings ? new SimDnsClient(this) : null;
      case "Arp":
        return this.kind === "power" ? null : new SimArp(this);
      case "Routing":
        return this.kind === "router" || this.ipRouting ? new SimRouting(this) : null;
      default:
        return null;
    }
  }
  dispose(): void {
    super.dispose();
    if (this.email) this.email.smtp.dispose();
  }
}
