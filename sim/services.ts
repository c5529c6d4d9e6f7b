// The server-side processes of a simulated device, with the IpcAPI shapes
// (class_email_server.html, class_smtp_server.html, class_dns_server_process.html).
import { SimObject } from "./events";

export interface StoredMail {
  from: string;
  rcpt: string;
  subject: string;
  content: string;
  dateTime: string;
}

export class SimSmtpServer extends SimObject {
  enabled = true;
  domain = "";
  constructor(private changed: () => void) {
    super("SmtpServer");
  }
  setEnable(on: boolean): void {
    this.enabled = !!on;
    this.changed();
  }
  isEnabled(): boolean {
    return this.enabled;
  }
  getServerDomainName(): string {
    return this.domain;
  }
  setServerDomainName(name: string): void {
    this.domain = String(name).trim().toLowerCase();
    this.changed();
  }
}

export class SimPop3Server extends SimObject {
  enabled = true;
  constructor() {
    super("Pop3Server");
  }
  setEnable(on: boolean): void {
    this.enabled = !!on;
  }
  isEnabled(): boolean {
    return this.enabled;
  }
}

/** Users, passwords and mailboxes (SMTP and POP3 on/off live on their own processes). */
export class SimEmailServer extends SimObject {
  readonly users: { [name: string]: string } = {};
  readonly mailboxes: { [name: string]: StoredMail[] } = {};
  constructor(private changed: () => void) {
    super("EmailServer");
  }
  addUser(name: string, password: string): boolean {
    if (Object.prototype.hasOwnProperty.call(this.users, name)) return false;
    this.users[name] = String(password);
    this.mailboxes[name] = this.mailboxes[name] || [];
    this.changed();
    return true;
  }
  deleteUser(name: string): boolean {
    if (!Object.prototype.hasOwnProperty.call(this.users, name)) return false;
    delete this.users[name];
    this.changed();
    return true;
  }
  changePassword(name: string, password: string): void {
    if (Object.prototype.hasOwnProperty.call(this.users, name)) this.users[name] = String(password);
    this.changed();
  }
  getAllEmailAcctAsStrings(): string[] {
    return Object.keys(this.users).map((u) => u + ":" + this.users[u]);
  }
  hasUser(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.users, name);
  }
  deliver(user: string, mail: StoredMail): void {
    if (!this.mailboxes[user]) this.mailboxes[user] = [];
    this.mailboxes[user].push(mail);
    this.changed();
  }
}

/** A records only matter for mail: PT has no MX (pt-email-and-ux.md A3). */
export class SimDnsServer extends SimObject {
  enabled = false;
  readonly records: { [name: string]: string } = {};
  /** CNAME records: alias → canonical host name. */
  readonly cnames: { [alias: string]: string } = {};
  constructor(private changed: () => void) {
    super("DnsServerProcess");
  }
  addCNameRecordToNameServerDb(alias: string, host: string): boolean {
    this.cnames[String(alias).trim().toLowerCase()] = String(host).trim().toLowerCase();
    this.changed();
    return true;
  }
  setEnable(on: boolean): void {
    this.enabled = !!on;
    this.changed();
  }
  isEnabled(): boolean {
    return this.enabled;
  }
  addARecordToNameServerDb(name: string, address: string): boolean {
    this.records[String(name).trim().toLowerCase()] = String(address).trim();
    this.changed();
    return true;
  }
  removeARecordFromNameServerDb(name: string): boolean {
    const key = String(name).trim().toLowerCase();
    const had = Object.prototype.hasOwnProperty.call(this.records, key);
    delete this.records[key];
    this.changed();
    return had;
  }
  getIpAddOfDomain(name: string): string {
    return this.records[String(name).trim().toLowerCase()] || "";
  }
}
