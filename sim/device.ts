// A simulated device with the IpcAPI Device shape, and the client-side email
// processes (class_device.html, class_email_client.html, class_email_user.html,
// class_smtp_client.html).
import type { AclFacts, PortFacts, Wlan } from "../src/model/snapshot";
import type { Device, EmailClient, EmailUser, SmtpClient } from "../src/pt";
import { SimObject } from "./events";
import type { SimPortObject } from "./ports";
import { deviceXml, SimArp, SimDnsClient, SimHostIp, SimRouting } from "./processes";
import { SimDnsServer, SimEmailServer, SimPop3Server, SimSmtpServer, type StoredMail } from "./services";
import type { DhcpSpec } from "./spec";
import type { World } from "./world";

export type DeviceKind = "pc" | "laptop" | "server" | "router" | "switch" | "printer" | "power";

/** getType() values and model strings from the IpcAPI reference (pt-api.md §1.3, §2.9). */
const KINDS: { [kind in DeviceKind]: { type: number; model: string; className: string; host: boolean } } = {
  pc: { type: 8, model: "PC-PT", className: "Pc", host: true },
  laptop: { type: 18, model: "Laptop-PT", className: "Pc", host: true }, // laptops report class Pc (PTDoom, 9.0.1)
  server: { type: 9, model: "Server-PT", className: "Server", host: true },
  router: { type: 0, model: "2911", className: "Router", host: false },
  switch: { type: 1, model: "2960-24TT", className: "CiscoDevice", host: false },
  printer: { type: 10, model: "Printer-PT", className: "Printer", host: false },
  power: { type: 45, model: "Power Distribution Device", className: "PowerDistributionDevice", host: false },
};

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

export interface SimPort {
  ip: string;
  mask: string;
  /** The IOS name on routers (imported labs); hosts have one port. */
  name?: string;
  /** false: administratively down (`shutdown`). */
  up: boolean;
  /** Routers: `ip helper-address`. */
  helpers?: string[];
  /** Routers: `ip access-group` in and out. */
  aclIn?: string;
  aclOut?: string;
  /** Switch ports: `switchport` (src/model/snapshot.ts PortFacts). */
  switchport?: PortFacts["switchport"];
  /** Sub-interfaces and SVIs. */
  vlan?: PortFacts["vlan"];
  /** A multilayer switch's `no switchport` port. */
  routed?: boolean;
}

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

export class SimDevice extends SimObject implements Device {
  power = true;
  ports: SimPort[] = [];
  gateway = "";
  dnsServer = "";
  dhcp = false;
  /** Routers: `ip route` lines, and networks a routing protocol announces (taken as converged). */
  staticRoutes: { network: string; mask: string; nextHop: string }[] = [];
  routedNetworks: string[] = [];
  /** Switches: `ip routing` (a multilayer switch that routes). */
  ipRouting = false;
  /** Switches: the VLAN database (vlan.dat); null: the lab saved none. */
  vlanDatabase: number[] | null = null;
  /** Services > DHCP or `ip dhcp pool` (TopologySpec's `dhcpServer`); null: none. */
  dhcpServer: DhcpSpec | null = null;
  /** Routers' access lists (TopologySpec's `acls`). */
  acls: { [name: string]: AclFacts } = {};
  /** An access point's or home router's networks, a wireless host's (TopologySpec's `wireless`). */
  wlans: Wlan[] | null = null;
  wlan: Wlan | null = null;
  /** A home router (SwitchSpec `home`). */
  home = false;
  /** What the model does not cover on this device (TopologySpec's `unmodeled`). */
  unmodeled: string[] = [];
  /** Set when a link of this device comes up: its next send waits on ARP (rules.ts). */
  arpCold = false;
  email: SimEmailClient | null = null;
  mail: { server: SimEmailServer; smtp: SimSmtpServer; pop3: SimPop3Server } | null = null;
  dns: SimDnsServer | null = null;

  constructor(
    readonly world: World,
    public name: string,
    readonly kind: DeviceKind,
  ) {
    super(KINDS[kind].className);
    if (KINDS[kind].host) this.email = new SimEmailClient(this);
    if (kind === "server") {
      // Server-PT has the EMAIL service with SMTP and POP3 ON by default (pt-email-and-ux.md A1), DNS OFF.
      const changed = () => world.topologyChanged();
      this.mail = { server: new SimEmailServer(changed), smtp: new SimSmtpServer(changed), pop3: new SimPop3Server() };
      this.dns = new SimDnsServer(changed);
    }
  }

  get isHost(): boolean {
    return KINDS[this.kind].host;
  }

  /** PCs, laptops, servers and printers have IP Configuration (a printer has no email client: KINDS.host). */
  get hasIpSettings(): boolean {
    return this.isHost || this.kind === "printer";
  }

  get ip(): string {
    return this.ports.length ? this.ports[0].ip : "";
  }

  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    const oldName = this.name;
    this.name = String(name);
    if (oldName !== this.name) this.emit("nameChanged", { newName: this.name, oldName });
  }
  getPower(): boolean {
    return this.power;
  }
  setPower(on: boolean): void {
    if (this.power === !!on) return;
    if (!on) this.emit("poweringOff", {});
    this.power = !!on;
    if (on) this.arpCold = true;
    this.world.powerChanged(this);
    this.emit("powerChanged", { on: this.power });
  }
  getType(): number {
    // An access point is kept as a switch (its networks modeled or not): PT's eAccessPoint (7); a home router
    // is eWirelessRouterNewGeneration (30) [doc getType()].
    if (this.kind === "switch" && (this.unmodeled.indexOf("wireless clients") >= 0 || this.wlans))
      return this.home ? 30 : 7;
    return KINDS[this.kind].type;
  }
  getModel(): string {
    return KINDS[this.kind].model;
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
