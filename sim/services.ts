// The server-side processes of a simulated device, with the IpcAPI shapes
// (class_email_server.html, class_smtp_server.html, class_dns_server_process.html).
import type { DnsResourceRecord, DnsServer, EmailServer, Pop3Server, SmtpServer } from "../src/pt";
import { SimObject } from "./events";
import { argumentsExactly } from "./native";

export interface StoredMail {
  from: string;
  rcpt: string;
  subject: string;
  content: string;
  dateTime: string;
}

export class SimSmtpServer extends SimObject implements SmtpServer {
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
    argumentsExactly(0, arguments.length, "isEnabled");
    return this.enabled;
  }
  getServerDomainName(): string {
    argumentsExactly(0, arguments.length, "getServerDomainName");
    return this.domain;
  }
  setServerDomainName(name: string): void {
    this.domain = String(name).trim().toLowerCase();
    this.changed();
  }
}

export class SimPop3Server extends SimObject implements Pop3Server {
  enabled = true;
  constructor() {
    super("Pop3Server");
  }
  setEnable(on: boolean): void {
    this.enabled = !!on;
  }
  isEnabled(): boolean {
    argumentsExactly(0, arguments.length, "isEnabled");
    return this.enabled;
  }
}

/** Users, passwords and mailboxes (SMTP and POP3 on/off live on their own processes). */
export class SimEmailServer extends SimObject implements EmailServer {
  // A user is data: __proto__ or constructor is an ordinary name, so no prototype (issue 27).
  readonly users: { [name: string]: string } = Object.create(null);
  readonly mailboxes: { [name: string]: StoredMail[] } = Object.create(null);
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
    argumentsExactly(0, arguments.length, "getAllEmailAcctAsStrings");
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
export class SimDnsServer extends SimObject implements DnsServer {
  enabled = false;
  // Record names are a lab's text: no prototype, so a record named __proto__ is kept like any other (issue 27).
  readonly records: { [name: string]: string } = Object.create(null);
  /** CNAME records: alias → canonical host name. */
  readonly cnames: { [alias: string]: string } = Object.create(null);
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
    argumentsExactly(0, arguments.length, "isEnabled");
    return this.enabled;
  }
  /** The name server database: the A records, then the CNAMEs. */
  getSizeOfNameServerDb(): number {
    argumentsExactly(0, arguments.length, "getSizeOfNameServerDb");
    return Object.keys(this.records).length + Object.keys(this.cnames).length;
  }
  /**
   * DnsRrA {ipAddress} or DnsRrCname {hostName} over DnsResourceRecord (struct_dns_rr_a.html,
   * struct_dns_rr_cname.html). The numbers of Dns::EResourceRecordType are undocumented: RFC 1035's
   * are used (A 1, CNAME 5) [inf]; src/pt/answers.ts does not rely on them. null past the end.
   */
  getRrFromNameServerDbAt(index: number): DnsResourceRecord | null {
    argumentsExactly(1, arguments.length, "getRrFromNameServerDbAt");
    const names = Object.keys(this.records);
    const aliases = Object.keys(this.cnames);
    const rr = { class: 1, ttl: 86400, length: 0, dateTime: "", isAnsRecord: false };
    if (index >= 0 && index < names.length)
      return Object.assign(rr, { name: names[index], type: 1, ipAddress: this.records[names[index]] });
    const alias = aliases[index - names.length];
    return alias === undefined ? null : Object.assign(rr, { name: alias, type: 5, hostName: this.cnames[alias] });
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
    const key = String(name).trim().toLowerCase();
    return Object.prototype.hasOwnProperty.call(this.records, key) ? this.records[key] : "";
  }
}
